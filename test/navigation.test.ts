import { expect } from '@open-wc/testing';
import { WalletError } from '../src/errors.js';
import { checkRedirect, pageNavigation, parseOrigins } from '../src/navigation.js';

/** The code a refused URL is refused with (and proof it was refused at all). */
function refusal(url: string, origins?: string[], base?: string): string {
  try {
    checkRedirect(url, origins, base);
  } catch (error) {
    expect(error).to.be.instanceOf(WalletError);
    return (error as WalletError).code;
  }
  return 'accepted';
}

describe('checkRedirect', () => {
  describe('when the URL is safe', () => {
    it('accepts https and answers a parsed URL', () => {
      const url = checkRedirect('https://pay.example.com/finish?order=o1')!;
      expect(url).to.be.instanceOf(URL);
      expect(url.href).to.equal('https://pay.example.com/finish?order=o1');
    });

    it('accepts plain http for localhost, 127.0.0.1, [::1] and *.localhost only', () => {
      for (const url of ['http://localhost:8080/r', 'http://127.0.0.1/r', 'http://[::1]:3000/r', 'http://shop.localhost/r']) {
        expect(checkRedirect(url)!.href, url).to.equal(new URL(url).href);
      }
    });

    it('resolves a relative URL against the page (or the given base)', () => {
      expect(checkRedirect('/return.html?order=o1', [], 'https://shop.example.com/checkout')!.href).to.equal(
        'https://shop.example.com/return.html?order=o1',
      );
      // The test page itself is served from localhost over http.
      expect(checkRedirect('/return.html')!.origin).to.equal(location.origin);
    });
  });

  describe('when there is nowhere to go', () => {
    it('answers null for an empty or blank URL, a bare fragment and the page itself (a reload of the checkout)', () => {
      for (const url of ['', '   ', '\n\t', '#', '#top', location.href, `${location.href.split('#')[0]}#pay`]) {
        expect(checkRedirect(url), JSON.stringify(url)).to.equal(null);
      }
      expect(checkRedirect('https://shop.example.com/checkout', [], 'https://shop.example.com/checkout#x')).to.equal(null);
      // Another page of the same site is somewhere to go.
      expect(checkRedirect('/return.html')).to.be.instanceOf(URL);
    });
  });

  describe('when the URL is unsafe', () => {
    it('refuses plain http to any other host', () => {
      expect(refusal('http://pay.example.com/finish')).to.equal('redirect_blocked');
      expect(refusal('http://localhost.evil.com/')).to.equal('redirect_blocked');
    });

    it('refuses javascript:, data:, blob:, file: and other schemes, whatever the case', () => {
      for (const url of [
        'javascript:alert(1)',
        'JavaScript:alert(1)',
        ' javascript:alert(1)',
        'java\tscript:alert(1)',
        'data:text/html,<script>alert(1)</script>',
        'blob:https://pay.example.com/1234',
        'file:///etc/passwd',
        'ftp://pay.example.com/',
        'vbscript:msgbox(1)',
      ]) {
        expect(refusal(url), url).to.equal('redirect_blocked');
      }
    });

    it('refuses credentials in the URL', () => {
      expect(refusal('https://user:pass@pay.example.com/')).to.equal('redirect_blocked');
      expect(refusal('https://user@pay.example.com/')).to.equal('redirect_blocked');
      expect(refusal('http://admin@localhost/')).to.equal('redirect_blocked');
    });

    it('refuses a relative URL when the base has another scheme', () => {
      expect(refusal('/finish', [], 'ftp://pay.example.com/')).to.equal('redirect_blocked');
      expect(refusal('//pay.example.com/finish', [], 'http://pay.example.com/')).to.equal('redirect_blocked');
    });

    it('refuses what is not a URL at all', () => {
      expect(refusal('https://', [], 'about:blank')).to.equal('redirect_blocked');
      expect(refusal('not a url', [], 'about:blank')).to.equal('redirect_blocked');
    });
  });

  describe('with an origin allow-list', () => {
    const origins = ['https://pay.example.com', 'https://api.juspay.in'];

    it('accepts only the listed origins', () => {
      expect(checkRedirect('https://api.juspay.in/v2/pay/finish', origins)!.host).to.equal('api.juspay.in');
      expect(refusal('https://evil.example.com/', origins)).to.equal('redirect_blocked');
      // Same host, other port or scheme: another origin.
      expect(refusal('https://pay.example.com:8443/', origins)).to.equal('redirect_blocked');
      expect(refusal('https://sub.pay.example.com/', origins)).to.equal('redirect_blocked');
    });

    it('still refuses an unsafe scheme even for a listed origin', () => {
      expect(refusal('http://pay.example.com/', ['http://pay.example.com'])).to.equal('redirect_blocked');
    });

    it('an empty list allows any safe origin', () => {
      expect(checkRedirect('https://anything.example.org/', [])!.host).to.equal('anything.example.org');
    });
  });
});

describe('parseOrigins', () => {
  it('splits on spaces and commas and normalises to origins', () => {
    expect(parseOrigins('https://a.example.com/path, https://b.example.com:443  http://localhost:8000/')).to.deep.equal([
      'https://a.example.com',
      'https://b.example.com',
      'http://localhost:8000',
    ]);
  });

  it('answers an empty list for a missing or blank attribute', () => {
    expect(parseOrigins(null)).to.deep.equal([]);
    expect(parseOrigins(undefined)).to.deep.equal([]);
    expect(parseOrigins('  ')).to.deep.equal([]);
  });

  it('makes checkRedirect match the normalised origin', () => {
    const origins = parseOrigins('https://pay.example.com/anything');
    expect(checkRedirect('https://pay.example.com/finish', origins)!.pathname).to.equal('/finish');
  });
});

describe('pageNavigation', () => {
  it('is replaceable, so a test (or a host) can intercept the one navigation', () => {
    const original = pageNavigation.go;
    const seen: string[] = [];
    pageNavigation.go = (url) => void seen.push(url.href);
    try {
      pageNavigation.go(checkRedirect('https://pay.example.com/finish')!);
    } finally {
      pageNavigation.go = original;
    }
    expect(seen).to.deep.equal(['https://pay.example.com/finish']);
  });
});
