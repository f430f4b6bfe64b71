/**
 * The trust boundary, end to end: across a full run of every route (successes, shopper errors, Juspay failures, a
 * token retry), no kit answer body or header, no log entry and nothing the kit's store holds carries the API key,
 * the Basic credentials, the OTP, or any token the sandbox minted. The run records what the kit sent to Juspay too,
 * to prove the needles were real (a leak test whose needles never existed would pass vacuously).
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { OtpChallenge, ROUTES } from '../../src/contract.js';
import { startHarness, walletOf, type Harness } from './kit-harness.js';

describe('kit: secrets never leave the server', () => {
  let h: Harness;
  before(async () => {
    h = await startHarness();
  });
  after(() => h.close());

  it('no answer, header or log line carries the API key, credentials, OTP or a token', async () => {
    const routesSeen = new Set<string>();
    const call = async (shopper: Awaited<ReturnType<Harness['checkout']>>, method: 'GET' | 'POST', path: string, body?: unknown) => {
      const answer = await shopper.call(method, path, body, { origin: 'https://shop.example' });
      routesSeen.add(`${method} ${path.replace(/wlt_[A-Za-z0-9]+/, ':id')}`);
      return answer;
    };

    // New customer: create, a wrong code, the right code, pay.
    const fresh = await h.checkout('new');
    await call(fresh, 'GET', '/checkout');
    const { wallet } = OtpChallenge.parse((await call(fresh, 'POST', '/wallets', { provider: 'GOPAY' })).json);
    await call(fresh, 'POST', `/wallets/${wallet.id}/authenticate`); // inside the cooldown: rate_limited
    await call(fresh, 'POST', `/wallets/${wallet.id}/link`, { otp: '000000' });
    // The store while a challenge is open (a successful link clears the wallet's OTP state).
    const storedMidway = await h.storeContents();
    await call(fresh, 'POST', `/wallets/${wallet.id}/link`, { otp: h.sandbox.testOtp });
    await call(fresh, 'POST', '/pay', { walletId: wallet.id });
    await call(fresh, 'POST', `/wallets/${wallet.id}/unlink`);

    // Listed, not linked: authenticate, link.
    const unlinked = await h.checkout('unlinked');
    const listed = walletOf(await call(unlinked, 'GET', '/checkout'));
    h.advanceKitClock(60_000);
    await call(unlinked, 'POST', `/wallets/${listed.id}/authenticate`);
    await call(unlinked, 'POST', `/wallets/${listed.id}/link`, { otp: h.sandbox.testOtp });

    // Linked: refresh, pay with an expired token (retried), pay again, order.
    const linked = await h.checkout('linked');
    const linkedWallet = walletOf(await call(linked, 'GET', '/checkout'));
    await call(linked, 'POST', '/wallets/refresh');
    await call(linked, 'POST', `/wallets/${linkedWallet.id}/refresh`);
    let advanced = false;
    h.intercept(async (url, init, forward) => {
      const response = await forward(url, init);
      if (!advanced && /\/customers\/[^/]+\/wallets$/.test(new URL(url).pathname) && (init.method ?? 'GET') === 'GET') {
        advanced = true;
        h.sandbox.clock.advance(601_000);
      }
      return response;
    });
    await call(linked, 'POST', '/pay', { walletId: linkedWallet.id });
    h.intercept(undefined);
    await call(linked, 'POST', '/pay', { walletId: linkedWallet.id });
    await call(linked, 'GET', '/order');

    // Pending, declined, Juspay failing.
    const low = await h.checkout('low-balance');
    await call(low, 'POST', '/pay', { walletId: walletOf(await call(low, 'GET', '/checkout')).id });
    const declined = await h.checkout('declined');
    await call(declined, 'POST', '/pay', { walletId: walletOf(await call(declined, 'GET', '/checkout')).id });
    h.sandbox.faults.set({ kind: 'error', status: 500, path: '/txns', times: 1 });
    const failing = await h.checkout('linked');
    await call(failing, 'POST', '/pay', { walletId: walletOf(await call(failing, 'GET', '/checkout')).id });
    h.sandbox.faults.set({ kind: 'malformed', path: '/customers', times: 1 });
    await call(failing, 'GET', '/checkout');

    for (const route of ROUTES) assert.ok(routesSeen.has(`${route.method} ${route.path}`), `the run covers ${route.method} ${route.path}`);
    assert.ok(advanced, 'the token retry ran');

    // The needles.
    const credentials = btoa(`${h.sandbox.apiKey}:`);
    const tokens = new Set<string>();
    for (const exchange of h.juspay) {
      for (const match of exchange.responseText.matchAll(/"token"\s*:\s*"([^"]+)"/g)) tokens.add(match[1]!);
      const sent = new URLSearchParams(exchange.requestBody).get('direct_wallet_token');
      if (sent) tokens.add(sent);
    }
    assert.ok(tokens.size >= 10, `the run minted tokens (${tokens.size})`);
    const needles = [h.sandbox.apiKey, credentials, `Basic ${credentials}`, h.sandbox.testOtp, ...tokens];
    // They were real: the kit did send them to Juspay.
    assert.ok(
      h.juspay.every((exchange) => exchange.requestHeaders.get('authorization') === `Basic ${credentials}`),
      'every Juspay call carried the credentials',
    );
    assert.ok(
      h.juspay.some((exchange) => exchange.requestBody.includes(`otp=${h.sandbox.testOtp}`)),
      'the OTP went to Juspay',
    );

    // The haystacks.
    assert.ok(h.answers.length >= 20, `answers: ${h.answers.length}`);
    const answers = h.answers.map(
      (answer) => `${answer.text}\n${[...answer.headers].map(([name, value]) => `${name}: ${value}`).join('\n')}`,
    );
    const logs = h.logs.map((entry) => JSON.stringify(entry));
    assert.ok(logs.length >= 20, `logs: ${logs.length}`);
    for (const needle of needles) {
      for (const text of answers) assert.ok(!text.includes(needle), `a kit answer carries a secret: ${text.slice(0, 200)}`);
      for (const line of logs) assert.ok(!line.includes(needle), `a log line carries a secret: ${line}`);
    }
    for (const answer of h.answers) assert.doesNotMatch(answer.text, /"token"|direct_wallet_token|authorization/i);

    // What the kit keeps between requests, midway (an OTP challenge open) and at the end (pay results, the order
    // book): no OTP (it goes to Juspay and nowhere else), no token, no key. On MemoryStore the rate limiters'
    // counters live in rate-limiter-flexible's own memory, not in the store's map; on Redis they are listed too.
    const stored = [...storedMidway, ...(await h.storeContents())];
    assert.ok(
      storedMidway.some((line) => line.includes(`otp:sentAt:${wallet.id}`)),
      `the store held the open challenge: ${storedMidway.join('\n')}`,
    );
    assert.ok(
      stored.some((line) => line.startsWith('pay:result:') || line.includes(':pay:result:')),
      'the store held pay results',
    );
    for (const needle of needles) {
      for (const line of stored) assert.ok(!line.includes(needle), `the kit's store holds a secret: ${line}`);
    }
  });
});
