/**
 * The kit's layered abuse limits and input hygiene, over real HTTP against the sandbox (on MemoryStore, and on
 * Redis in `npm test`'s second kit run): SMS per customer and for the merchant, OTP checks per customer, request
 * rates per client IP (the socket's address by default, or the merchant's own reading) and on the routes that reach
 * the providers; session ids that would rewrite a Juspay path; a body that never finishes; a client that hangs up.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { connect } from 'node:net';
import { ErrorBody, OtpChallenge } from '../../src/contract.js';
import { startHarness, walletOf, type Harness, type KitAnswer } from './kit-harness.js';

function assertLimited(answer: KitAnswer) {
  assert.equal(answer.status, 429, answer.text);
  const { error } = ErrorBody.parse(answer.json);
  assert.equal(error.code, 'rate_limited');
  assert.ok(error.retryAfter! >= 1, `retryAfter ${error.retryAfter}`);
  assert.equal(answer.headers.get('retry-after'), String(error.retryAfter));
}

/** Sends raw bytes to the kit and answers what it said (or '' if it said nothing before `waitMs`). */
function rawExchange(kitUrl: string, bytes: string, { hangUp = false, waitMs = 3_000 } = {}): Promise<string> {
  const url = new URL(kitUrl);
  return new Promise((resolve) => {
    const socket = connect(Number(url.port), url.hostname, () => {
      socket.write(bytes);
      if (hangUp) setTimeout(() => socket.destroy(), 50);
    });
    let answer = '';
    socket.on('data', (chunk) => (answer += chunk));
    socket.on('close', () => resolve(answer));
    socket.on('error', () => resolve(answer));
    setTimeout(() => {
      socket.destroy();
      resolve(answer);
    }, waitMs);
  });
}

describe('kit: SMS and OTP limits beyond the wallet', () => {
  let h: Harness;
  before(async () => {
    h = await startHarness({
      limits: {
        smsPerCustomer: { points: 2, durationSeconds: 3600 },
        smsPerMerchant: { points: 5, durationSeconds: 3600 },
        otpChecksPerCustomer: { points: 3, durationSeconds: 3600 },
      },
    });
  });
  after(() => h.close());
  const creates = () =>
    h.juspay.filter((exchange) => exchange.method === 'POST' && /\/customers\/[^/]+\/wallets$/.test(new URL(exchange.url).pathname)).length;

  it('a customer gets two codes across providers, not two per provider; the refusal sends nothing', async () => {
    const shopper = await h.checkout('new');
    for (const provider of ['GOPAY', 'DANA']) assert.equal((await shopper.call('POST', '/wallets', { provider })).status, 200);
    const before = creates();
    assertLimited(await shopper.call('POST', '/wallets', { provider: 'OVO' }));
    assert.equal(creates(), before, 'Juspay was not asked to create or send');
    assert.ok(
      h.logs.some((entry) => entry.event === 'rate_limited' && entry.limit === 'smsPerCustomer' && entry.route === 'POST /wallets'),
    );
  });

  it('a refused resend leaves the wallet free to send once the limit allows (no cooldown held for a code never sent)', async () => {
    const shopper = await h.checkout('unlinked');
    const wallet = walletOf(await shopper.call('GET', '/checkout'));
    assert.equal((await shopper.call('POST', `/wallets/${wallet.id}/authenticate`)).status, 200);
    h.advanceKitClock(31_000);
    assert.equal((await shopper.call('POST', `/wallets/${wallet.id}/authenticate`)).status, 200);
    h.advanceKitClock(31_000);
    const refused = await shopper.call('POST', `/wallets/${wallet.id}/authenticate`);
    assertLimited(refused);
    // Asking again at once is still the customer limit talking, not a cooldown of a code that was never sent.
    const limitedBefore = h.logs.filter((entry) => entry.event === 'rate_limited' && entry.limit === 'smsPerCustomer').length;
    assertLimited(await shopper.call('POST', `/wallets/${wallet.id}/authenticate`));
    assert.equal(h.logs.filter((entry) => entry.event === 'rate_limited' && entry.limit === 'smsPerCustomer').length, limitedBefore + 1);
  });

  it('OTP checks are bounded per customer across wallets, before Juspay is asked', async () => {
    const shopper = await h.checkout('new', {});
    const gopay = OtpChallenge.parse((await shopper.call('POST', '/wallets', { provider: 'GOPAY' })).json);
    const checks = () => h.juspay.filter((exchange) => exchange.requestBody.includes('command=link')).length;
    const before = checks();
    for (let guess = 0; guess < 3; guess += 1) {
      assert.equal(
        ErrorBody.parse((await shopper.call('POST', `/wallets/${gopay.wallet.id}/link`, { otp: '000000' })).json).error.code,
        'otp_invalid',
      );
    }
    assertLimited(await shopper.call('POST', `/wallets/${gopay.wallet.id}/link`, { otp: h.sandbox.testOtp }));
    assert.equal(checks() - before, 3);
  });

  it('the merchant-wide SMS budget stops codes for everyone once spent', async () => {
    let sent = 0;
    let refused: KitAnswer | undefined;
    for (let customer = 0; customer < 8 && !refused; customer += 1) {
      const answer = await (await h.checkout('new')).call('POST', '/wallets', { provider: 'GOPAY' });
      if (answer.status === 200) sent += 1;
      else refused = answer;
    }
    assert.ok(refused, 'the budget ran out');
    assertLimited(refused);
    assert.ok(h.logs.some((entry) => entry.event === 'rate_limited' && entry.limit === 'smsPerMerchant'));
    assert.ok(sent <= 5);
  });
});

describe('kit: request rates', () => {
  it('limits one client IP (read from the socket by default) on every route, before the session is resolved', async () => {
    const h = await startHarness({ limits: { requestsPerIp: { points: 3, durationSeconds: 60 } } });
    try {
      const shopper = await h.checkout('linked');
      for (let index = 0; index < 3; index += 1) assert.equal((await shopper.call('GET', '/order')).status, 200);
      const calls = h.juspay.length;
      assertLimited(await shopper.call('GET', '/checkout'));
      assertLimited(await h.raw('/checkout'));
      assert.equal(h.juspay.length, calls);
    } finally {
      await h.close();
    }
  });

  it("reads the client IP the merchant's way behind a proxy: two clients, two budgets", async () => {
    const h = await startHarness({
      limits: { requestsPerIp: { points: 2, durationSeconds: 60 } },
      clientIp: (request) => request.headers.get('x-forwarded-for')?.split(',').at(-1)?.trim(),
    });
    try {
      const shopper = await h.checkout('linked');
      const from = (ip: string) => shopper.call('GET', '/order', undefined, { 'x-forwarded-for': `203.0.113.9, ${ip}` });
      assert.equal((await from('198.51.100.1')).status, 200);
      assert.equal((await from('198.51.100.1')).status, 200);
      assertLimited(await from('198.51.100.1'));
      assert.equal((await from('198.51.100.2')).status, 200);
    } finally {
      await h.close();
    }
  });

  it('refresh-all, which asks every provider, is limited per customer by default (10 a minute)', async () => {
    const h = await startHarness();
    try {
      const shopper = await h.checkout('linked');
      for (let index = 0; index < 10; index += 1) assert.equal((await shopper.call('POST', '/wallets/refresh')).status, 200);
      assertLimited(await shopper.call('POST', '/wallets/refresh'));
      // Another customer is not affected.
      assert.equal((await (await h.checkout('linked')).call('POST', '/wallets/refresh')).status, 200);
    } finally {
      await h.close();
    }
  });
});

describe('kit: input hygiene', () => {
  let h: Harness;
  before(async () => {
    h = await startHarness({ bodyTimeoutMs: 300 });
  });
  after(() => h.close());

  for (const customerId of ['.', '..', 'a/b', '%2e%2e', 'a?b', 'a#b', 'a b']) {
    it(`refuses a session customerId ${JSON.stringify(customerId)} before Juspay is called, and says why in the log`, async () => {
      const shopper = await h.checkout('linked', { customerId });
      const calls = h.juspay.length;
      const answer = await shopper.call('GET', '/checkout');
      assert.equal(answer.status, 500);
      assert.equal(ErrorBody.parse(answer.json).error.code, 'server_error');
      assert.equal(h.juspay.length, calls);
      assert.deepEqual(h.logs.filter((entry) => entry.event === 'invalid_session').at(-1)?.fields, ['customerId']);
    });
  }

  it('answers 408 to a body that does not arrive within bodyTimeoutMs', async () => {
    const shopper = await h.checkout('linked');
    const started = Date.now();
    const answer = await rawExchange(
      h.kitUrl,
      `POST ${new URL(h.kitUrl).pathname}/pay HTTP/1.1\r\nhost: x\r\nauthorization: Bearer ${shopper.token}\r\ncontent-type: application/json\r\ncontent-length: 40\r\n\r\n{"walletId":`,
    );
    assert.match(answer, /^HTTP\/1\.1 408/);
    assert.ok(Date.now() - started < 2_000);
    assert.equal(h.sandbox.debitCount(shopper.session.customerId), 0);
  });

  it('logs a client that hangs up mid-body as info on its route, not as an error', async () => {
    const shopper = await h.checkout('linked');
    const logged = h.logs.length;
    await rawExchange(
      h.kitUrl,
      `POST ${new URL(h.kitUrl).pathname}/pay HTTP/1.1\r\nhost: x\r\nauthorization: Bearer ${shopper.token}\r\ncontent-type: application/json\r\ncontent-length: 400\r\n\r\n{"walletId":`,
      { hangUp: true, waitMs: 1_000 },
    );
    for (let tries = 0; tries < 40 && !h.logs.slice(logged).some((entry) => entry.event === 'client_aborted'); tries += 1) {
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
    const entries = h.logs.slice(logged);
    const aborted = entries.find((entry) => entry.event === 'client_aborted');
    assert.deepEqual(aborted && { level: aborted.level, route: aborted.route }, { level: 'info', route: 'POST /pay' });
    assert.ok(!entries.some((entry) => entry.level === 'error'), JSON.stringify(entries));
  });
});
