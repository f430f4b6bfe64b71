/**
 * Paying through the kit, against the sandbox over HTTP: exactly-once (sequential, concurrent, across two kit
 * instances, after a lost answer), the token's expiry and single use, top-up, decline, an expired order.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { ErrorBody, OrderStatus, PayResult } from '../../src/contract.js';
import { RETRYABLE } from '../../src/errors.js';
import { JuspayClient, MemoryStore } from '../../src/server/index.js';
import { startHarness, walletOf, type Harness, type KitAnswer } from './kit-harness.js';

const txnCalls = (h: Harness) => h.juspay.filter((exchange) => exchange.url.endsWith('/txns'));

describe('kit: paying', () => {
  let h: Harness;
  before(async () => {
    h = await startHarness();
  });
  after(() => h.close());

  it('debits a linked wallet: CHARGED with the finish url, order CHARGED, one debit', async () => {
    const shopper = await h.checkout('linked');
    const wallet = walletOf(await shopper.call('GET', '/checkout'));
    const paid = await shopper.call('POST', '/pay', { walletId: wallet.id });
    assert.equal(paid.status, 200, paid.text);
    const result = PayResult.parse(paid.json);
    assert.equal(result.status, 'CHARGED');
    assert.equal(result.orderId, shopper.session.orderId);
    assert.ok(result.url.startsWith(`${h.sandboxUrl}/pay/finish/`), result.url);
    assert.equal(h.sandbox.debitCount(shopper.session.customerId), 1);

    const order = OrderStatus.parse((await shopper.call('GET', '/order')).json);
    assert.deepEqual(order, {
      orderId: shopper.session.orderId,
      status: 'CHARGED',
      amount: 150_000,
      currency: 'IDR',
      url: `${shopper.session.returnUrl}?order_id=${shopper.session.orderId}&status=CHARGED`,
    });
    // The debit carried the session's order inline; the browser sent only the wallet id.
    const body = new URLSearchParams(txnCalls(h).at(-1)!.requestBody);
    assert.equal(body.get('order.order_id'), shopper.session.orderId);
    assert.equal(body.get('order.amount'), '150000');
    assert.equal(body.get('order.currency'), 'IDR');
    assert.equal(body.get('order.customer_id'), shopper.session.customerId);
    assert.equal(body.get('order.return_url'), shopper.session.returnUrl);
    assert.equal(body.get('order.customer_phone'), shopper.session.customerPhone);
  });

  it('makes three Juspay calls per pay: order status, List (ownership and a fresh token), /txns', async () => {
    const shopper = await h.checkout('linked');
    const wallet = walletOf(await shopper.call('GET', '/checkout'));
    const before = h.juspay.length;
    assert.equal((await shopper.call('POST', '/pay', { walletId: wallet.id })).status, 200);
    const calls = h.juspay
      .slice(before)
      .map((exchange) => `${exchange.method} ${new URL(exchange.url).pathname.replace(h.sandbox.merchantId, 'm')}`);
    assert.deepEqual(calls, [
      `GET /orders/${shopper.session.orderId}`,
      `GET /customers/${shopper.session.customerId}/wallets`,
      'POST /txns',
    ]);
  });

  it('pays once when Pay is pressed twice in a row', async () => {
    const shopper = await h.checkout('linked');
    const wallet = walletOf(await shopper.call('GET', '/checkout'));
    const first = PayResult.parse((await shopper.call('POST', '/pay', { walletId: wallet.id })).json);
    const txnsBefore = txnCalls(h).length;
    const second = await shopper.call('POST', '/pay', { walletId: wallet.id });
    assert.equal(second.status, 200);
    assert.deepEqual(PayResult.parse(second.json), first);
    assert.equal(txnCalls(h).length, txnsBefore);
    assert.equal(h.sandbox.debitCount(shopper.session.customerId), 1);
  });

  it('pays once when five Pay requests race', async () => {
    const shopper = await h.checkout('linked');
    const wallet = walletOf(await shopper.call('GET', '/checkout'));
    const answers = await Promise.all(Array.from({ length: 5 }, () => shopper.call('POST', '/pay', { walletId: wallet.id })));
    for (const answer of answers) assert.equal(answer.status, 200, answer.text);
    const results = answers.map((answer) => PayResult.parse(answer.json));
    for (const result of results) assert.deepEqual(result, results[0]);
    assert.equal(h.sandbox.debitCount(shopper.session.customerId), 1);
  });

  it('pays once when two kit instances sharing a store race', async () => {
    const store = new MemoryStore();
    const one = h.anotherKit({ store });
    const two = h.anotherKit({ store });
    const shopper = await h.checkout('linked');
    const wallet = walletOf(await shopper.call('GET', '/checkout'));
    const request = () =>
      new Request(`http://kit.example/api/wallet/pay`, {
        method: 'POST',
        headers: { authorization: `Bearer ${shopper.token}`, 'content-type': 'application/json' },
        body: JSON.stringify({ walletId: wallet.id }),
      });
    const answers = await Promise.all([one.fetch(request()), two.fetch(request()), one.fetch(request()), two.fetch(request())]);
    const results = await Promise.all(
      answers.map(async (answer) => {
        assert.equal(answer.status, 200);
        return PayResult.parse(await answer.json());
      }),
    );
    for (const result of results) assert.deepEqual(result, results[0]);
    assert.equal(h.sandbox.debitCount(shopper.session.customerId), 1);
  });

  it('retries once with a fresh token when the token expired between fetching and paying: one debit', async () => {
    const shopper = await h.checkout('linked');
    const wallet = walletOf(await shopper.call('GET', '/checkout'));
    let advanced = false;
    h.intercept(async (url, init, forward) => {
      const response = await forward(url, init);
      // The pay's List mints the token; eleven minutes pass before /txns uses it.
      if (!advanced && (init.method ?? 'GET') === 'GET' && /\/customers\/[^/]+\/wallets$/.test(new URL(url).pathname)) {
        advanced = true;
        h.sandbox.clock.advance(601_000);
      }
      return response;
    });
    try {
      const paid = await shopper.call('POST', '/pay', { walletId: wallet.id });
      assert.equal(paid.status, 200, paid.text);
      assert.equal(PayResult.parse(paid.json).status, 'CHARGED');
    } finally {
      h.intercept(undefined);
    }
    assert.ok(advanced);
    const attempts = txnCalls(h).slice(-2);
    assert.equal(attempts[0]!.status, 400);
    assert.match(attempts[0]!.responseText, /EXPIRED/);
    assert.equal(attempts[1]!.status, 200);
    assert.notEqual(
      new URLSearchParams(attempts[0]!.requestBody).get('direct_wallet_token'),
      new URLSearchParams(attempts[1]!.requestBody).get('direct_wallet_token'),
    );
    assert.equal(h.sandbox.debitCount(shopper.session.customerId), 1);
    assert.ok(h.logs.some((entry) => entry.event === 'token_retry'));
  });

  it('retries once with a fresh token when the token was already used: one debit', async () => {
    const earlier = await h.checkout('linked');
    const earlierWallet = walletOf(await earlier.call('GET', '/checkout'));
    await earlier.call('POST', '/pay', { walletId: earlierWallet.id });
    const spent = new URLSearchParams(txnCalls(h).at(-1)!.requestBody).get('direct_wallet_token')!;

    const shopper = await h.checkout('linked');
    const wallet = walletOf(await shopper.call('GET', '/checkout'));
    let replaced = false;
    h.intercept(async (url, init, forward) => {
      if (!replaced && url.endsWith('/txns')) {
        replaced = true;
        const form = new URLSearchParams(String(init.body));
        form.set('direct_wallet_token', spent);
        return forward(url, { ...init, body: form.toString() });
      }
      return forward(url, init);
    });
    try {
      const paid = await shopper.call('POST', '/pay', { walletId: wallet.id });
      assert.equal(paid.status, 200, paid.text);
      assert.equal(PayResult.parse(paid.json).status, 'CHARGED');
    } finally {
      h.intercept(undefined);
    }
    assert.match(txnCalls(h).at(-2)!.responseText, /already used/);
    assert.equal(h.sandbox.debitCount(shopper.session.customerId), 1);
    assert.equal(h.sandbox.debitCount(earlier.session.customerId), 1);
  });

  it('gives up after one retry when the fresh token is refused too', async () => {
    const earlier = await h.checkout('linked');
    await earlier.call('POST', '/pay', { walletId: walletOf(await earlier.call('GET', '/checkout')).id });
    const spent = new URLSearchParams(txnCalls(h).at(-1)!.requestBody).get('direct_wallet_token')!;
    const shopper = await h.checkout('linked');
    const wallet = walletOf(await shopper.call('GET', '/checkout'));
    const before = txnCalls(h).length;
    h.intercept(async (url, init, forward) => {
      if (!url.endsWith('/txns')) return forward(url, init);
      const form = new URLSearchParams(String(init.body));
      form.set('direct_wallet_token', spent);
      return forward(url, { ...init, body: form.toString() });
    });
    try {
      const answer = await shopper.call('POST', '/pay', { walletId: wallet.id });
      assert.equal(answer.status, 500);
      assert.equal(ErrorBody.parse(answer.json).error.code, 'server_error');
    } finally {
      h.intercept(undefined);
    }
    assert.equal(txnCalls(h).length - before, 2);
    assert.equal(h.sandbox.debitCount(shopper.session.customerId), 0);
  });

  it('insufficient balance: PENDING with the top-up page; topping up charges; the order then says CHARGED', async () => {
    const shopper = await h.checkout('low-balance');
    const wallet = walletOf(await shopper.call('GET', '/checkout'));
    const pending = await shopper.call('POST', '/pay', { walletId: wallet.id });
    assert.equal(pending.status, 200, pending.text);
    const result = PayResult.parse(pending.json);
    assert.equal(result.status, 'PENDING');
    assert.ok(result.url.startsWith(`${h.sandboxUrl}/wallets/topup/start/`), result.url);
    assert.equal(OrderStatus.parse((await shopper.call('GET', '/order')).json).status, 'PENDING');

    // Pay again while the top-up runs: the same page, no second debit attempt.
    const txnsBefore = txnCalls(h).length;
    assert.deepEqual(PayResult.parse((await shopper.call('POST', '/pay', { walletId: wallet.id })).json), result);
    assert.equal(txnCalls(h).length, txnsBefore);

    const topup = await fetch(result.url, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: 'action=topup',
      redirect: 'manual',
    });
    assert.equal(topup.status, 302);
    assert.ok(topup.headers.get('location')!.startsWith(shopper.session.returnUrl));

    const settled = OrderStatus.parse((await shopper.call('GET', '/order')).json);
    assert.equal(settled.status, 'CHARGED');
    // Where the widget sends the shopper once the top-up settled the order: the merchant's return page.
    const url = new URL(settled.url!);
    assert.equal(`${url.origin}${url.pathname}`, shopper.session.returnUrl);
    assert.equal(url.searchParams.get('order_id'), shopper.session.orderId);
    assert.equal(url.searchParams.get('status'), 'CHARGED');
    assert.equal(h.sandbox.debitCount(shopper.session.customerId), 1);
    // Pay after the top-up: CHARGED, pointing at the merchant's return page, still one debit.
    const afterTopup = PayResult.parse((await shopper.call('POST', '/pay', { walletId: wallet.id })).json);
    assert.equal(afterTopup.status, 'CHARGED');
    const back = new URL(afterTopup.url);
    assert.equal(back.origin + back.pathname, shopper.session.returnUrl);
    assert.equal(back.searchParams.get('order_id'), shopper.session.orderId);
    assert.equal(back.searchParams.get('status'), 'CHARGED');
    assert.equal(h.sandbox.debitCount(shopper.session.customerId), 1);
  });

  it('answers provider_declined when the provider declines, and the order is FAILED', async () => {
    const shopper = await h.checkout('declined');
    const wallet = walletOf(await shopper.call('GET', '/checkout'));
    const answer = await shopper.call('POST', '/pay', { walletId: wallet.id });
    assert.equal(answer.status, 402);
    assert.equal(ErrorBody.parse(answer.json).error.code, 'provider_declined');
    assert.equal(h.sandbox.debitCount(shopper.session.customerId), 0);
    assert.equal(OrderStatus.parse((await shopper.call('GET', '/order')).json).status, 'FAILED');
  });

  it('answers order_expired when Juspay says the order timed out', async () => {
    const shopper = await h.checkout('linked');
    const wallet = walletOf(await shopper.call('GET', '/checkout'));
    // The merchant created the order up front; the shopper pays 15 minutes later.
    const client = new JuspayClient({ baseUrl: h.sandboxUrl, apiKey: h.sandbox.apiKey, merchantId: h.sandbox.merchantId });
    await client.createOrder({
      order_id: shopper.session.orderId,
      amount: shopper.session.amount,
      currency: shopper.session.currency,
      customer_id: shopper.session.customerId,
      return_url: shopper.session.returnUrl,
    });
    h.sandbox.clock.advance(901_000);
    const answer = await shopper.call('POST', '/pay', { walletId: wallet.id });
    assert.equal(answer.status, 410, answer.text);
    assert.equal(ErrorBody.parse(answer.json).error.code, 'order_expired');
    assert.equal(h.sandbox.debitCount(shopper.session.customerId), 0);
  });

  it('refuses to pay an order Juspay holds with a different amount', async () => {
    const shopper = await h.checkout('linked');
    const wallet = walletOf(await shopper.call('GET', '/checkout'));
    const client = new JuspayClient({ baseUrl: h.sandboxUrl, apiKey: h.sandbox.apiKey, merchantId: h.sandbox.merchantId });
    await client.createOrder({
      order_id: shopper.session.orderId,
      amount: 1,
      currency: 'IDR',
      customer_id: shopper.session.customerId,
      return_url: shopper.session.returnUrl,
    });
    const answer = await shopper.call('POST', '/pay', { walletId: wallet.id });
    assert.equal(ErrorBody.parse(answer.json).error.code, 'server_error');
    assert.equal(h.sandbox.debitCount(shopper.session.customerId), 0);
    assert.ok(h.logs.some((entry) => entry.event === 'order_mismatch'));
  });

  it('answers wallet_not_linked for a listed wallet that is not linked', async () => {
    const shopper = await h.checkout('unlinked');
    const wallet = walletOf(await shopper.call('GET', '/checkout'));
    const answer = await shopper.call('POST', '/pay', { walletId: wallet.id });
    assert.equal(answer.status, 409);
    assert.equal(ErrorBody.parse(answer.json).error.code, 'wallet_not_linked');
  });

  it('GET /order says NEW before any payment', async () => {
    const shopper = await h.checkout('linked');
    assert.equal(OrderStatus.parse((await shopper.call('GET', '/order')).json).status, 'NEW');
  });
});

describe('kit: a pay whose answer was lost', () => {
  let h: Harness;
  before(async () => {
    h = await startHarness({ timeoutMs: 400 });
  });
  after(() => h.close());

  it('answers timeout, and the retry reports the debit that happened instead of debiting again', async () => {
    const shopper = await h.checkout('linked');
    const wallet = walletOf(await shopper.call('GET', '/checkout'));
    // Juspay debits, then the answer never arrives.
    h.sandbox.faults.set({ kind: 'hang', path: '/txns', processed: true, times: 1 });
    const lost = await shopper.call('POST', '/pay', { walletId: wallet.id });
    assert.equal(lost.status, 504);
    assert.equal(ErrorBody.parse(lost.json).error.code, 'timeout');
    assert.equal(h.sandbox.debitCount(shopper.session.customerId), 1);

    const retry = await shopper.call('POST', '/pay', { walletId: wallet.id });
    assert.equal(retry.status, 200, retry.text);
    assert.equal(PayResult.parse(retry.json).status, 'CHARGED');
    assert.equal(h.sandbox.debitCount(shopper.session.customerId), 1);
  });

  for (const [fault, code] of [
    [{ kind: 'error', status: 502 }, 'server_error'],
    [{ kind: 'malformed' }, 'invalid_response'],
  ] as const) {
    it(`a debit answered ${fault.kind === 'error' ? fault.status : 'with garbage'} after it happened is a retryable ${code}; the retry finds it`, async () => {
      const shopper = await h.checkout('linked');
      const wallet = walletOf(await shopper.call('GET', '/checkout'));
      h.sandbox.faults.set({ ...fault, path: '/txns', processed: true, times: 1 });
      const lost = await shopper.call('POST', '/pay', { walletId: wallet.id });
      const { error } = ErrorBody.parse(lost.json);
      assert.equal(error.code, code);
      assert.equal(RETRYABLE[error.code], true);
      const retry = await shopper.call('POST', '/pay', { walletId: wallet.id });
      assert.equal(PayResult.parse(retry.json).status, 'CHARGED');
      assert.equal(h.sandbox.debitCount(shopper.session.customerId), 1);
    });
  }

  it('a debit answered 400 after it happened is no final error: the kit asks Juspay and answers CHARGED', async () => {
    const shopper = await h.checkout('linked');
    const wallet = walletOf(await shopper.call('GET', '/checkout'));
    h.sandbox.faults.set({ kind: 'error', status: 400, path: '/txns', processed: true, times: 1 });
    const answer = await shopper.call('POST', '/pay', { walletId: wallet.id });
    assert.equal(answer.status, 200, answer.text);
    assert.equal(PayResult.parse(answer.json).status, 'CHARGED');
    assert.equal(h.sandbox.debitCount(shopper.session.customerId), 1);
    assert.ok(h.logs.some((entry) => entry.event === 'pay_uncertain' && entry.reason === 'rejected'));
  });
});

describe('kit: a slow Juspay and the pay deadline', () => {
  let h: Harness;
  before(async () => {
    h = await startHarness({ deadlineMs: 1_500 });
  });
  after(() => h.close());

  it('answers a retryable timeout by the deadline, not after the sum of the calls; the retry charges once', async () => {
    const shopper = await h.checkout('linked');
    const wallet = walletOf(await shopper.call('GET', '/checkout'));
    // Three calls of 600 ms each do not fit in 1.5 s; each call's own timeout (10 s) would never fire.
    h.sandbox.faults.set({ kind: 'latency', ms: 600 });
    const started = Date.now();
    let slow: KitAnswer;
    try {
      slow = await shopper.call('POST', '/pay', { walletId: wallet.id });
    } finally {
      h.sandbox.faults.clear();
    }
    const took = Date.now() - started;
    assert.equal(slow.status, 504, slow.text);
    assert.equal(ErrorBody.parse(slow.json).error.code, 'timeout');
    assert.ok(took < 2_000, `answered after ${took} ms`);
    // The abandoned /txns still lands at Juspay.
    await new Promise((resolve) => setTimeout(resolve, 700));
    const retry = await shopper.call('POST', '/pay', { walletId: wallet.id });
    assert.equal(PayResult.parse(retry.json).status, 'CHARGED');
    assert.equal(h.sandbox.debitCount(shopper.session.customerId), 1);
  });

  it("a pay waiting for another instance's payer gives up by its own deadline with a retryable timeout, then gets its answer", async () => {
    const shopper = await h.checkout('linked');
    const wallet = walletOf(await shopper.call('GET', '/checkout'));
    const store = new MemoryStore();
    const payer = h.anotherKit({ store, deadlineMs: 5_000 });
    const waiter = h.anotherKit({ store, deadlineMs: 600 });
    const pay = (kit: { fetch(request: Request): Promise<Response> }) =>
      kit.fetch(
        new Request('http://kit.example/api/wallet/pay', {
          method: 'POST',
          headers: { authorization: `Bearer ${shopper.token}`, 'content-type': 'application/json' },
          body: JSON.stringify({ walletId: wallet.id }),
        }),
      );
    h.sandbox.faults.set({ kind: 'latency', ms: 1_200, path: '/txns', times: 1 });
    const paying = pay(payer);
    await new Promise((resolve) => setTimeout(resolve, 100));
    const started = Date.now();
    const waited = await pay(waiter);
    assert.equal(waited.status, 504);
    assert.equal(ErrorBody.parse(await waited.json()).error.code, 'timeout');
    assert.ok(Date.now() - started < 1_000);
    const paid = PayResult.parse(await (await paying).json());
    assert.equal(paid.status, 'CHARGED');
    assert.deepEqual(PayResult.parse(await (await pay(waiter)).json()), paid);
    assert.equal(h.sandbox.debitCount(shopper.session.customerId), 1);
  });
});
