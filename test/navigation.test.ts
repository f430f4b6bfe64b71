/**
 * The redirect guard and the one navigation, with no browser: `location` is a stub of the checkout page's (the
 * module reads `location.href` as the default base and calls `location.assign` to navigate).
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { WalletError } from '../src/errors.js';
import { checkRedirect, pageNavigation, parseOrigins } from '../src/navigation.js';

/** The checkout page, served from localhost over http as in the browser tests; `assigned` records navigations. */
const assigned: string[] = [];
const location = {
  href: 'http://localhost:8000/checkout.html?order=o1',
  origin: 'http://localhost:8000',
  assign: (url: string) => void assigned.push(url),
};
const hadLocation = Object.getOwnPropertyDescriptor(globalThis, 'location');
before(() => Object.defineProperty(globalThis, 'location', { value: location, configurable: true, writable: true }));
after(() => {
  if (hadLocation) Object.defineProperty(globalThis, 'location', hadLocation);
  else delete (globalThis as { location?: unknown }).location;
});

/** The code a refused URL is refused with (and proof it was refused at all). */
function refusal(url: string, origins?: string[], base?: string): string {
  try {
    checkRedirect(url, origins, base);
  } catch (error) {
    assert.ok(error instanceof WalletError);
    return (error as WalletError).code;
  }
  return 'accepted';
}

describe('checkRedirect', () => {
  describe('when the URL is safe', () => {
    it('accepts https and answers a parsed URL', () => {
      const url = checkRedirect('https://pay.example.com/finish?order=o1')!;
      assert.ok(url instanceof URL);
      assert.equal(url.href, 'https://pay.example.com/finish?order=o1');
    });

    it('accepts plain http for localhost, 127.0.0.1, [::1] and *.localhost only', () => {
      for (const url of ['http://localhost:8080/r', 'http://127.0.0.1/r', 'http://[::1]:3000/r', 'http://shop.localhost/r']) {
        assert.equal(checkRedirect(url)!.href, new URL(url).href, url);
      }
    });

    it('resolves a relative URL against the page (or the given base)', () => {
      assert.equal(
        checkRedirect('/return.html?order=o1', [], 'https://shop.example.com/checkout')!.href,
        'https://shop.example.com/return.html?order=o1',
      );
      // The checkout page (the stub) is served from localhost over http.
      assert.equal(checkRedirect('/return.html')!.origin, location.origin);
    });
  });

  describe('when there is nowhere to go', () => {
    it('answers null for an empty or blank URL, a bare fragment and the page itself (a reload of the checkout)', () => {
      for (const url of ['', '   ', '\n\t', '#', '#top', location.href, `${location.href.split('#')[0]}#pay`]) {
        assert.equal(checkRedirect(url), null, JSON.stringify(url));
      }
      assert.equal(checkRedirect('https://shop.example.com/checkout', [], 'https://shop.example.com/checkout#x'), null);
      // Another page of the same site is somewhere to go.
      assert.ok(checkRedirect('/return.html') instanceof URL);
    });
  });

  describe('when the URL is unsafe', () => {
    it('refuses plain http to any other host', () => {
      assert.equal(refusal('http://pay.example.com/finish'), 'redirect_blocked');
      assert.equal(refusal('http://localhost.evil.com/'), 'redirect_blocked');
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
        assert.equal(refusal(url), 'redirect_blocked', url);
      }
    });

    it('refuses credentials in the URL', () => {
      assert.equal(refusal('https://user:pass@pay.example.com/'), 'redirect_blocked');
      assert.equal(refusal('https://user@pay.example.com/'), 'redirect_blocked');
      assert.equal(refusal('http://admin@localhost/'), 'redirect_blocked');
    });

    it('refuses a relative URL when the base has another scheme', () => {
      assert.equal(refusal('/finish', [], 'ftp://pay.example.com/'), 'redirect_blocked');
      assert.equal(refusal('//pay.example.com/finish', [], 'http://pay.example.com/'), 'redirect_blocked');
    });

    it('refuses what is not a URL at all', () => {
      assert.equal(refusal('https://', [], 'about:blank'), 'redirect_blocked');
      assert.equal(refusal('not a url', [], 'about:blank'), 'redirect_blocked');
    });
  });

  describe('with an origin allow-list', () => {
    const origins = ['https://pay.example.com', 'https://api.juspay.in'];

    it('accepts only the listed origins', () => {
      assert.equal(checkRedirect('https://api.juspay.in/v2/pay/finish', origins)!.host, 'api.juspay.in');
      assert.equal(refusal('https://evil.example.com/', origins), 'redirect_blocked');
      // Same host, other port or scheme: another origin.
      assert.equal(refusal('https://pay.example.com:8443/', origins), 'redirect_blocked');
      assert.equal(refusal('https://sub.pay.example.com/', origins), 'redirect_blocked');
    });

    it('still refuses an unsafe scheme even for a listed origin', () => {
      assert.equal(refusal('http://pay.example.com/', ['http://pay.example.com']), 'redirect_blocked');
    });

    it('an empty list allows any safe origin', () => {
      assert.equal(checkRedirect('https://anything.example.org/', [])!.host, 'anything.example.org');
    });
  });
});

describe('parseOrigins', () => {
  it('splits on spaces and commas and normalises to origins', () => {
    assert.deepEqual(parseOrigins('https://a.example.com/path, https://b.example.com:443  http://localhost:8000/'), [
      'https://a.example.com',
      'https://b.example.com',
      'http://localhost:8000',
    ]);
  });

  it('answers an empty list for a missing or blank attribute', () => {
    assert.deepEqual(parseOrigins(null), []);
    assert.deepEqual(parseOrigins(undefined), []);
    assert.deepEqual(parseOrigins('  '), []);
  });

  it('makes checkRedirect match the normalised origin', () => {
    const origins = parseOrigins('https://pay.example.com/anything');
    assert.equal(checkRedirect('https://pay.example.com/finish', origins)!.pathname, '/finish');
  });
});

describe('pageNavigation', () => {
  it('go() navigates the page to exactly the URL it is given (location.assign), once', () => {
    assigned.length = 0;
    const url = checkRedirect('https://pay.example.com/finish?order=o1#done')!;
    pageNavigation.go(url);
    assert.deepEqual(assigned, ['https://pay.example.com/finish?order=o1#done']);
  });
});
