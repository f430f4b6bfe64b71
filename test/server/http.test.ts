/**
 * The kit's HTTP surface: sessions, ownership, CORS, body limits and strict parsing, routing, and how Juspay's
 * failures (5xx, hang, malformed, 401) reach the browser as typed errors with the contract's status.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { ErrorBody, ERROR_HTTP_STATUS, ROUTES, WalletList, WalletResult } from '../../src/contract.js';
import { ALLOWED_ORIGIN, startHarness, walletOf, type Harness, type KitAnswer } from './kit-harness.js';

function assertError(answer: KitAnswer, code: keyof typeof ERROR_HTTP_STATUS, status: number = ERROR_HTTP_STATUS[code]) {
  assert.equal(answer.status, status, answer.text);
  assert.equal(ErrorBody.parse(answer.json).error.code, code);
  assert.match(answer.headers.get('content-type') ?? '', /^application\/json/);
  assert.equal(answer.headers.get('cache-control'), 'no-store');
  assert.doesNotMatch(answer.text, /\bat .+\.(ts|js):\d+/, 'no stack trace');
}

describe('kit: HTTP surface', () => {
  let h: Harness;
  before(async () => {
    h = await startHarness();
  });
  after(() => h.close());

  describe('sessions', () => {
    for (const route of ROUTES) {
      it(`answers 401 unauthorized on ${route.method} ${route.path} without a session`, async () => {
        const path = route.path.replace(':id', 'wlt_abcdefghijklmnop');
        const body =
          route.request === null ? undefined : JSON.stringify({ provider: 'GOPAY', otp: '123456', walletId: 'wlt_abcdefghijklmnop' });
        const calls = h.juspay.length;
        const answer = await h.raw(path, { method: route.method, headers: body ? { 'content-type': 'application/json' } : {}, body });
        assertError(answer, 'unauthorized');
        assert.equal(h.juspay.length, calls, 'Juspay is not called without a session');
      });
    }

    it('answers 401 for an unknown checkout token', async () => {
      assertError(await h.raw('/checkout', { headers: { authorization: 'Bearer nope' } }), 'unauthorized');
    });

    it('answers server_error (and logs it) when the merchant hook returns an unusable session', async () => {
      const shopper = await h.checkout('linked', { orderId: 'not-alphanumeric!' });
      assertError(await shopper.call('GET', '/checkout'), 'server_error');
      assert.ok(h.logs.some((entry) => entry.event === 'invalid_session' && JSON.stringify(entry.fields).includes('orderId')));
    });

    it('explains a bad session in the console by default (which field, which rule), and stays silent with log: false', async () => {
      const printed: string[] = [];
      const original = console.error;
      console.error = (...args: unknown[]) => void printed.push(args.join(' '));
      try {
        for (const [log, orderId] of [
          [undefined, 'order-with-dash'],
          [false, 'another-dash'],
        ] as const) {
          const kit = h.anotherKit({
            log,
            resolveCheckout: () => ({ customerId: 'c1', orderId, amount: 1000, currency: 'IDR', returnUrl: '/relative' }),
          });
          assert.equal((await kit.fetch(new Request('http://kit.example/api/wallet/checkout'))).status, 500);
        }
      } finally {
        console.error = original;
      }
      assert.equal(printed.length, 2, printed.join('\n'));
      assert.match(printed[0]!, /^\[wallet-elements\] .*"event":"invalid_session"/);
      assert.match(printed[0]!, /orderId: 1 to 20 letters and digits/);
      assert.match(printed[0]!, /returnUrl: an absolute http\(s\) URL/);
      // The access line of the 500, also an error; the silenced kit printed nothing.
      assert.match(printed[1]!, /"status":500.*"event":"request"/);
    });

    it('says in the log what the merchant hook threw, never in the answer', async () => {
      const entries: { event: string; error?: unknown; hint?: unknown }[] = [];
      const kit = h.anotherKit({
        log: (entry) => entries.push(entry),
        resolveCheckout: () => {
          throw new TypeError('db down');
        },
      });
      await kit.fetch(new Request('http://kit.example/api/wallet/checkout'));
      const entry = entries.find((candidate) => candidate.event === 'resolve_checkout_failed');
      assert.equal(entry?.error, 'TypeError: db down');
      assert.match(String(entry?.hint), /resolveCheckout threw/);
    });

    it('answers server_error when the merchant hook throws', async () => {
      const kit = h.anotherKit({
        resolveCheckout: () => {
          throw new Error('db down at /srv/app.js:12');
        },
      });
      const answer = await kit.fetch(new Request('http://kit.example/api/wallet/checkout'));
      assert.equal(answer.status, 500);
      const text = await answer.text();
      assert.equal(ErrorBody.parse(JSON.parse(text)).error.code, 'server_error');
      assert.doesNotMatch(text, /db down|app\.js/);
    });
  });

  describe('ownership', () => {
    it("refuses another customer's wallet on every route that names one, without touching it", async () => {
      const owner = await h.checkout('linked');
      const victim = walletOf(await owner.call('GET', '/checkout'));
      const other = await h.checkout('linked');
      const touched = () => h.juspay.filter((exchange) => exchange.url.includes(victim.id)).length;
      const before = touched();

      assertError(await other.call('POST', '/pay', { walletId: victim.id }), 'invalid_request');
      assertError(await other.call('POST', `/wallets/${victim.id}/refresh`), 'invalid_request');
      assertError(await other.call('POST', `/wallets/${victim.id}/authenticate`), 'invalid_request');
      assertError(await other.call('POST', `/wallets/${victim.id}/link`, { otp: '123456' }), 'invalid_request');

      assert.equal(touched(), before, 'no Juspay call named the other wallet');
      assert.equal(h.sandbox.debitCount(owner.session.customerId), 0);
      assert.equal(h.sandbox.debitCount(other.session.customerId), 0);
    });

    it('refuses a wallet of a provider the merchant does not offer', async () => {
      const kit = h.anotherKit({ providers: ['DANA'] });
      const shopper = await h.checkout('linked');
      const wallet = walletOf(await shopper.call('GET', '/checkout'));
      const answer = await kit.fetch(
        new Request(`http://kit.example/api/wallet/pay`, {
          method: 'POST',
          headers: { authorization: `Bearer ${shopper.token}`, 'content-type': 'application/json' },
          body: JSON.stringify({ walletId: wallet.id }),
        }),
      );
      assert.equal(answer.status, 400);
      const checkout = await kit.fetch(
        new Request('http://kit.example/api/wallet/checkout', { headers: { authorization: `Bearer ${shopper.token}` } }),
      );
      const body = await checkout.json();
      assert.deepEqual(body.providers, ['DANA']);
      assert.deepEqual(body.wallets, [], 'the GOPAY wallet is not offered, so not shown');
      const create = await kit.fetch(
        new Request('http://kit.example/api/wallet/wallets', {
          method: 'POST',
          headers: { authorization: `Bearer ${shopper.token}`, 'content-type': 'application/json' },
          body: JSON.stringify({ provider: 'OVO' }),
        }),
      );
      assert.equal(create.status, 400);
      assert.equal(ErrorBody.parse(await create.json()).error.code, 'invalid_request');
    });
  });

  describe('CORS', () => {
    it('echoes an allowed origin with credentials', async () => {
      const shopper = await h.checkout('linked');
      const answer = await shopper.call('GET', '/checkout', undefined, { origin: ALLOWED_ORIGIN });
      assert.equal(answer.status, 200);
      assert.equal(answer.headers.get('access-control-allow-origin'), ALLOWED_ORIGIN);
      assert.equal(answer.headers.get('access-control-allow-credentials'), 'true');
      assert.match(answer.headers.get('vary') ?? '', /origin/i);
    });

    it('adds no CORS headers for another origin', async () => {
      const shopper = await h.checkout('linked');
      const answer = await shopper.call('GET', '/checkout', undefined, { origin: 'https://evil.example' });
      assert.equal(answer.headers.get('access-control-allow-origin'), null);
      assert.equal(answer.headers.get('access-control-allow-credentials'), null);
    });

    it('answers a preflight for an allowed origin', async () => {
      const answer = await h.raw('/pay', {
        method: 'OPTIONS',
        headers: {
          origin: ALLOWED_ORIGIN,
          'access-control-request-method': 'POST',
          'access-control-request-headers': 'content-type, authorization',
        },
      });
      assert.equal(answer.status, 204);
      assert.equal(answer.headers.get('access-control-allow-origin'), ALLOWED_ORIGIN);
      assert.match(answer.headers.get('access-control-allow-methods') ?? '', /POST/);
      assert.match(answer.headers.get('access-control-allow-headers') ?? '', /authorization/);
      assert.match(answer.headers.get('access-control-allow-headers') ?? '', /content-type/);
    });

    it('answers a preflight for another origin without allowing it', async () => {
      const answer = await h.raw('/pay', {
        method: 'OPTIONS',
        headers: { origin: 'https://evil.example', 'access-control-request-method': 'POST' },
      });
      assert.equal(answer.status, 204);
      assert.equal(answer.headers.get('access-control-allow-origin'), null);
      assert.equal(answer.headers.get('access-control-allow-methods'), null);
    });

    it('refuses a POST from a foreign page before doing anything (no OTP SMS by cross-site form), without "reload"', async () => {
      const shopper = await h.checkout('unlinked');
      const wallet = walletOf(await shopper.call('GET', '/checkout'));
      const calls = h.juspay.length;
      const path = `/wallets/${wallet.id}/authenticate`;
      // An older browser (Origin only) and a current one (Fetch Metadata too).
      for (const headers of [
        { origin: 'https://evil.example' },
        { origin: 'https://evil.example', 'sec-fetch-site': 'cross-site' },
      ] as Record<string, string>[]) {
        const refused = await shopper.call('POST', path, undefined, headers);
        assertError(refused, 'invalid_request', 403);
        assert.equal(ErrorBody.parse(refused.json).error.message, 'This page is not allowed to use this checkout.');
      }
      // A cross-site POST is refused even when it names the kit's own host in Origin.
      assertError(
        await shopper.call('POST', path, undefined, { origin: new URL(h.kitUrl).origin, 'sec-fetch-site': 'same-site' }),
        'invalid_request',
        403,
      );
      assert.equal(h.juspay.length, calls);
      assert.ok(h.logs.some((entry) => entry.event === 'foreign_origin' && typeof entry.hint === 'string'));
    });

    it("accepts its own pages by what the browser asserts, not by request.url's host (Next.js, proxies)", async () => {
      const shopper = await h.checkout('unlinked');
      const wallet = walletOf(await shopper.call('GET', '/checkout'));
      const post = (headers: Record<string, string>) =>
        h.kit.fetch(
          new Request(`http://localhost:3000/api/wallet/wallets/${wallet.id}/authenticate`, {
            method: 'POST',
            headers: { authorization: `Bearer ${shopper.token}`, ...headers },
          }),
        );
      // A Next.js route handler sees http://localhost:3000/… whatever the public host; the browser says same-origin.
      assert.equal((await post({ origin: 'https://shop.example', host: 'shop.example', 'sec-fetch-site': 'same-origin' })).status, 200);
      // An older browser behind a proxy that keeps the public host in X-Forwarded-Host.
      assert.equal(
        (await post({ origin: 'https://pay.shop.example', host: 'localhost:3000', 'x-forwarded-host': 'pay.shop.example' })).status,
        200,
      );
      // Listed origins and a non-browser client (no Origin, no Fetch Metadata) pass too.
      assert.equal((await post({ origin: ALLOWED_ORIGIN, 'sec-fetch-site': 'cross-site' })).status, 200);
      assert.equal((await post({})).status, 200);
      // The same older browser, but the page is on another host.
      assert.equal(
        (await post({ origin: 'https://evil.example', host: 'localhost:3000', 'x-forwarded-host': 'pay.shop.example' })).status,
        403,
      );
    });

    it('with publicOrigins configured, an older browser must present one of them', async () => {
      const kit = h.anotherKit({ publicOrigins: ['https://shop.example'] });
      const shopper = await h.checkout('linked');
      const post = (origin: string) =>
        kit.fetch(
          new Request('http://10.0.0.7:8080/api/wallet/pay', {
            method: 'POST',
            headers: { authorization: `Bearer ${shopper.token}`, 'content-type': 'application/json', origin, host: '10.0.0.7:8080' },
            body: JSON.stringify({ walletId: 'wlt_unknownwallet' }),
          }),
        );
      // Past the origin check, the unknown wallet is the refusal: 400, not 403.
      assert.equal((await post('https://shop.example')).status, 400);
      assert.equal((await post('http://10.0.0.7:8080')).status, 403);
    });
  });

  describe('bodies and inputs', () => {
    it('answers 413 for a declared body over the limit', async () => {
      const shopper = await h.checkout('linked');
      const answer = await shopper.call('POST', '/pay', { walletId: 'wlt_abcd', pad: 'x'.repeat(5000) });
      assertError(answer, 'invalid_request', 413);
    });

    it('answers 413 for a chunked body over the limit (no content-length to trust)', async () => {
      const shopper = await h.checkout('linked');
      const chunk = new TextEncoder().encode(' '.repeat(1024));
      let sent = 0;
      const stream = new ReadableStream<Uint8Array>({
        pull(controller) {
          if (sent++ < 8) controller.enqueue(chunk);
          else controller.close();
        },
      });
      const answer = await h.raw('/pay', {
        method: 'POST',
        headers: { authorization: `Bearer ${shopper.token}`, 'content-type': 'application/json' },
        body: stream,
        duplex: 'half',
      } as RequestInit);
      assertError(answer, 'invalid_request', 413);
    });

    it('answers 415 invalid_request for a body that is not application/json', async () => {
      const shopper = await h.checkout('linked');
      const answer = await h.raw('/pay', {
        method: 'POST',
        headers: { authorization: `Bearer ${shopper.token}`, 'content-type': 'application/x-www-form-urlencoded' },
        body: 'walletId=wlt_abcd',
      });
      assertError(answer, 'invalid_request', 415);
    });

    const bad: [string, string, string, unknown][] = [
      ['a provider not in the enum', 'POST', '/wallets', { provider: 'PAYPAL' }],
      ['a lower-case provider', 'POST', '/wallets', { provider: 'gopay' }],
      ['an extra key', 'POST', '/wallets', { provider: 'GOPAY', customerId: 'someone-else' }],
      ['an amount from the browser', 'POST', '/pay', { walletId: 'wlt_abcdefghijklmnop', amount: 1 }],
      ['an OTP with letters', 'POST', '/wallets/wlt_abcdefghijklmnop/link', { otp: '12ab56' }],
      ['an OTP too long', 'POST', '/wallets/wlt_abcdefghijklmnop/link', { otp: '123456789' }],
      ['a wallet id with ../ in the body', 'POST', '/pay', { walletId: '../customers/x' }],
      ['a body on a route that takes none', 'POST', '/wallets/refresh', { provider: 'GOPAY' }],
    ];
    for (const [name, method, path, body] of bad) {
      it(`answers 400 invalid_request for ${name}`, async () => {
        const shopper = await h.checkout('linked');
        const calls = h.juspay.length;
        assertError(await shopper.call(method as 'POST', path, body), 'invalid_request');
        assert.equal(h.juspay.length, calls, 'refused before Juspay');
      });
    }

    it('answers 400 for a wallet id with an encoded ../ in the path, without calling Juspay', async () => {
      const shopper = await h.checkout('linked');
      const calls = h.juspay.length;
      for (const id of ['..%2F..%2Fcustomers%2Fx', 'wlt_abc%00def', 'wlt%20abcd', '%E0%A4%A', 'wlt_abcd%2F..']) {
        assertError(await shopper.call('POST', `/wallets/${id}/refresh`), 'invalid_request');
      }
      // `%2E%2E` is a `..` segment to URL parsers: /wallets/%2E%2E/refresh becomes /refresh, which is no route.
      assertError(await shopper.call('POST', '/wallets/%2E%2E/refresh'), 'invalid_request', 404);
      assert.equal(h.juspay.length, calls);
    });

    it('answers 400 for JSON that does not parse', async () => {
      const shopper = await h.checkout('linked');
      const answer = await h.raw('/pay', {
        method: 'POST',
        headers: { authorization: `Bearer ${shopper.token}`, 'content-type': 'application/json' },
        body: '{"walletId":',
      });
      assertError(answer, 'invalid_request');
    });

    it('answers 404 outside the routes and 405 for a wrong method', async () => {
      const shopper = await h.checkout('linked');
      assertError(await shopper.call('GET', '/customers'), 'invalid_request', 404);
      const outside = await fetch(h.kitUrl.replace('/api/wallet', '/other/checkout'));
      assert.equal(outside.status, 404);
      const wrong = await shopper.call('GET', '/pay');
      assertError(wrong, 'invalid_request', 405);
      assert.equal(wrong.headers.get('allow'), 'POST');
    });
  });

  describe('refresh', () => {
    it('refreshes all balances and one balance, with fresh timestamps', async () => {
      const shopper = await h.checkout('linked');
      const wallet = walletOf(await shopper.call('GET', '/checkout'));
      const all = WalletList.parse((await shopper.call('POST', '/wallets/refresh')).json);
      assert.equal(all.wallets.length, 1);
      assert.equal(all.wallets[0]!.balance, 1_000_000);
      h.sandbox.clock.advance(60_000);
      const one = WalletResult.parse((await shopper.call('POST', `/wallets/${wallet.id}/refresh`)).json);
      assert.equal(one.wallet.id, wallet.id);
      assert.ok(Date.parse(one.wallet.balanceUpdatedAt!) > Date.parse(all.wallets[0]!.balanceUpdatedAt!));
    });

    it('answers wallet_not_linked when refreshing an unlinked wallet', async () => {
      const shopper = await h.checkout('unlinked');
      const wallet = walletOf(await shopper.call('GET', '/checkout'));
      assertError(await shopper.call('POST', `/wallets/${wallet.id}/refresh`), 'wallet_not_linked');
    });
  });

  describe('Juspay failures', () => {
    it('maps a Juspay 5xx to server_error (500)', async () => {
      const shopper = await h.checkout('linked');
      h.sandbox.faults.set({ kind: 'error', status: 503, path: '/customers', times: 1 });
      assertError(await shopper.call('GET', '/checkout'), 'server_error');
      assert.ok(h.logs.some((entry) => entry.event === 'juspay_error' && entry.reason === 'unavailable' && entry.httpStatus === 503));
    });

    it('maps a malformed Juspay answer to invalid_response (502)', async () => {
      const shopper = await h.checkout('linked');
      h.sandbox.faults.set({ kind: 'malformed', path: '/customers', times: 1 });
      assertError(await shopper.call('GET', '/checkout'), 'invalid_response');
    });

    it('maps a malformed /txns answer to invalid_response and does not debit twice on retry', async () => {
      const shopper = await h.checkout('linked');
      const wallet = walletOf(await shopper.call('GET', '/checkout'));
      h.sandbox.faults.set({ kind: 'malformed', path: '/txns', times: 1, processed: true });
      assertError(await shopper.call('POST', '/pay', { walletId: wallet.id }), 'invalid_response');
      const retry = await shopper.call('POST', '/pay', { walletId: wallet.id });
      assert.equal(retry.status, 200);
      assert.equal(h.sandbox.debitCount(shopper.session.customerId), 1);
    });

    it("maps Juspay's 401 (the merchant's wrong API key) to server_error, not unauthorized", async () => {
      const kit = h.anotherKit();
      const shopper = await h.checkout('linked');
      const wrongKey = (await import('../../src/server/index.js')).createWalletKit({
        juspay: { baseUrl: h.sandboxUrl, apiKey: 'not_the_key', merchantId: h.sandbox.merchantId },
        resolveCheckout: () => shopper.session,
      });
      const answer = await wrongKey.fetch(new Request('http://kit.example/checkout'));
      assert.equal(answer.status, 500);
      assert.equal(ErrorBody.parse(await answer.json()).error.code, 'server_error');
      // The same shopper through a correctly configured kit is fine.
      const good = await kit.fetch(
        new Request('http://kit.example/api/wallet/checkout', { headers: { authorization: `Bearer ${shopper.token}` } }),
      );
      assert.equal(good.status, 200);
    });
  });
});

describe('kit: Juspay hangs', () => {
  let h: Harness;
  before(async () => {
    h = await startHarness({ timeoutMs: 300 });
  });
  after(() => h.close());

  it('answers timeout (504) when Juspay does not answer within timeoutMs', async () => {
    const shopper = await h.checkout('linked');
    h.sandbox.faults.set({ kind: 'hang', path: '/customers', times: 1 });
    const started = Date.now();
    assertError(await shopper.call('GET', '/checkout'), 'timeout');
    assert.ok(Date.now() - started < 3_000);
    assert.equal((await shopper.call('GET', '/checkout')).status, 200);
  });
});
