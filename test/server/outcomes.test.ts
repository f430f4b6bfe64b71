/**
 * The merchant's server learns every outcome exactly once: `onOrderPaid` / `onOrderFailed` from the pay answer, the
 * poll, the return page (`kit.reconcile`) and Juspay's webhook, confirmed by Juspay's order status and the kit's
 * record of the order. Webhooks here are posted by hand (forged, duplicated, with wrong credentials); the sandbox's
 * own delivery is covered in webhooks.test.ts.
 */
import { after, before, beforeEach, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { PayResult } from '../../src/contract.js';
import { JuspayClient, type OrderFailed, type OrderPaid } from '../../src/server/index.js';
import { startHarness, walletOf, type Harness } from './kit-harness.js';

const CREDENTIALS = { username: 'juspay_hooks', password: 'hook-secret-42' };
const basic = (username: string, password: string) => `Basic ${btoa(`${username}:${password}`)}`;

/** Waits for background work (the pay and poll paths settle after answering). */
async function eventually(check: () => boolean, what: string) {
  for (let tries = 0; tries < 100 && !check(); tries += 1) await new Promise((resolve) => setTimeout(resolve, 20));
  assert.ok(check(), what);
}

describe('kit: order outcomes reach the merchant once', () => {
  let h: Harness;
  let paid: OrderPaid[];
  let failed: OrderFailed[];
  let failNext = 0;
  before(async () => {
    h = await startHarness({
      webhook: CREDENTIALS,
      onOrderPaid: async (outcome) => {
        if (failNext > 0) {
          failNext -= 1;
          throw new Error('merchant database down');
        }
        paid.push(outcome);
      },
      onOrderFailed: (outcome) => {
        failed.push(outcome);
      },
    });
  });
  after(() => h.close());
  beforeEach(() => {
    paid = [];
    failed = [];
    failNext = 0;
  });

  const webhook = (event: unknown, authorization = basic(CREDENTIALS.username, CREDENTIALS.password)) =>
    h.raw('/webhooks/juspay', {
      method: 'POST',
      headers: { authorization, 'content-type': 'application/json' },
      body: JSON.stringify(event),
    });
  const succeeded = (orderId: string, id = `evt_V2_${crypto.randomUUID().replace(/-/g, '')}`) => ({
    id,
    event_name: 'ORDER_SUCCEEDED',
    date_created: new Date().toISOString(),
    // As Juspay sometimes renders them: numbers as strings.
    content: { order: { order_id: orderId, status: 'CHARGED', status_id: '21', amount: '150000', currency: 'IDR' } },
  });

  it("pay, then the webhook, its duplicates and polls: onOrderPaid once, with the merchant's ids and the path that learnt it", async () => {
    const shopper = await h.checkout('linked');
    const wallet = walletOf(await shopper.call('GET', '/checkout'));
    assert.equal(PayResult.parse((await shopper.call('POST', '/pay', { walletId: wallet.id })).json).status, 'CHARGED');
    await eventually(() => paid.length === 1, 'the pay path fulfilled');
    const event = succeeded(shopper.session.orderId);
    for (let delivery = 0; delivery < 3; delivery += 1) assert.equal((await webhook(event)).status, 200);
    assert.equal((await webhook(succeeded(shopper.session.orderId))).status, 200, 'another event for the same order');
    await shopper.call('GET', '/order');
    assert.equal(await h.kit.reconcile(shopper.session.orderId), 'paid');
    await new Promise((resolve) => setTimeout(resolve, 100));
    assert.equal(paid.length, 1);
    const [outcome] = paid;
    assert.deepEqual(
      { ...outcome, txnId: typeof outcome!.txnId },
      {
        orderId: shopper.session.orderId,
        amount: 150_000,
        currency: 'IDR',
        customerId: shopper.session.customerId,
        txnId: 'string',
        path: 'pay',
      },
    );
    assert.equal(failed.length, 0);
  });

  it('a webhook first: fulfils from the webhook alone', async () => {
    const shopper = await h.checkout('low-balance');
    const wallet = walletOf(await shopper.call('GET', '/checkout'));
    const pending = PayResult.parse((await shopper.call('POST', '/pay', { walletId: wallet.id })).json);
    assert.equal(pending.status, 'PENDING');
    // The shopper tops up and closes the tab: no further browser request.
    await fetch(pending.url, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: 'action=topup',
      redirect: 'manual',
    });
    assert.equal((await webhook(succeeded(shopper.session.orderId))).status, 200);
    assert.deepEqual(
      paid.map((outcome) => outcome.path),
      ['webhook'],
    );
  });

  it('a decline: no onOrderPaid, one onOrderFailed, however many paths report it', async () => {
    const shopper = await h.checkout('declined');
    const wallet = walletOf(await shopper.call('GET', '/checkout'));
    assert.equal((await shopper.call('POST', '/pay', { walletId: wallet.id })).status, 402);
    await shopper.call('GET', '/order');
    const event = {
      id: 'evt_V2_declined1',
      event_name: 'ORDER_FAILED',
      content: { order: { order_id: shopper.session.orderId, status: 'AUTHORIZATION_FAILED' } },
    };
    assert.equal((await webhook(event)).status, 200);
    assert.equal(await h.kit.reconcile(shopper.session.orderId), 'failed');
    await eventually(() => failed.length === 1, 'one failure');
    await new Promise((resolve) => setTimeout(resolve, 100));
    assert.equal(failed.length, 1);
    assert.equal(failed[0]!.status, 'AUTHORIZATION_FAILED');
    assert.equal(paid.length, 0);
  });

  it('wrong or missing credentials: 401, nothing happens', async () => {
    const shopper = await h.checkout('linked');
    const wallet = walletOf(await shopper.call('GET', '/checkout'));
    // Paid, but the kit's own paths are not what this test is about: forget what they did.
    await shopper.call('POST', '/pay', { walletId: wallet.id });
    await eventually(() => paid.length === 1, 'paid');
    paid = [];
    const calls = h.juspay.length;
    for (const authorization of [
      '',
      basic(CREDENTIALS.username, 'wrong'),
      basic('juspay', CREDENTIALS.password),
      `Basic ${btoa(CREDENTIALS.username)}`,
      'Bearer x',
    ]) {
      const answer = await webhook(succeeded(shopper.session.orderId), authorization);
      assert.equal(answer.status, 401, authorization);
    }
    assert.equal(h.juspay.length, calls, 'Juspay was not even asked');
    assert.ok(h.logs.some((entry) => entry.event === 'webhook_unauthorized'));
  });

  it('a forged claim (order not charged at Juspay) and an order the kit never handled: acknowledged, nothing fulfilled', async () => {
    const shopper = await h.checkout('linked');
    walletOf(await shopper.call('GET', '/checkout'));
    // The kit has a record only once it paid; a claim about an order that was only viewed is unknown.
    assert.equal((await webhook(succeeded(shopper.session.orderId))).status, 200);
    assert.ok(h.logs.some((entry) => entry.event === 'outcome_unknown_order' && entry.orderId === shopper.session.orderId));
    // An order the kit did handle but which Juspay says is not paid.
    const low = await h.checkout('low-balance');
    const lowWallet = walletOf(await low.call('GET', '/checkout'));
    assert.equal(PayResult.parse((await low.call('POST', '/pay', { walletId: lowWallet.id })).json).status, 'PENDING');
    assert.equal((await webhook(succeeded(low.session.orderId))).status, 200);
    assert.equal(await h.kit.reconcile(low.session.orderId), 'open');
    assert.equal(paid.length, 0);
  });

  it('a hook that throws: the webhook answers 500 so Juspay redelivers; the redelivery fulfils once', async () => {
    const shopper = await h.checkout('low-balance');
    const wallet = walletOf(await shopper.call('GET', '/checkout'));
    const pending = PayResult.parse((await shopper.call('POST', '/pay', { walletId: wallet.id })).json);
    await fetch(pending.url, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: 'action=topup',
      redirect: 'manual',
    });
    failNext = 1;
    const event = succeeded(shopper.session.orderId);
    assert.equal((await webhook(event)).status, 500);
    assert.equal(paid.length, 0);
    assert.ok(h.logs.some((entry) => entry.event === 'on_order_paid_failed' && entry.orderId === shopper.session.orderId));
    assert.equal((await webhook(event)).status, 200);
    assert.equal((await webhook(event)).status, 200);
    assert.equal(paid.length, 1);
  });

  it('Juspay unreachable while confirming: 503, so Juspay delivers again; nothing fulfilled on the claim alone', async () => {
    const shopper = await h.checkout('linked');
    const wallet = walletOf(await shopper.call('GET', '/checkout'));
    h.sandbox.faults.set({ kind: 'error', status: 503, path: '/txns', processed: true, times: 1 });
    await shopper.call('POST', '/pay', { walletId: wallet.id });
    h.sandbox.faults.set({ kind: 'error', status: 503, path: '/orders/', times: 1 });
    const event = succeeded(shopper.session.orderId);
    const deferred = await webhook(event);
    assert.equal(deferred.status, 503);
    assert.equal(paid.length, 0);
    assert.equal((await webhook(event)).status, 200);
    assert.deepEqual(
      paid.map((outcome) => outcome.path),
      ['webhook'],
    );
  });

  it("a paid order whose amount disagrees with the kit's record never fulfils", async () => {
    const shopper = await h.checkout('linked');
    const wallet = walletOf(await shopper.call('GET', '/checkout'));
    // Someone created the order at Juspay for 1 IDR; the merchant's session says 150,000. The kit refuses to pay it
    // (its record says 150,000), and then the order gets paid at Juspay some other way.
    const client = new JuspayClient({ baseUrl: h.sandboxUrl, apiKey: h.sandbox.apiKey, merchantId: h.sandbox.merchantId });
    const order = {
      order_id: shopper.session.orderId,
      amount: 1,
      currency: 'IDR',
      customer_id: shopper.session.customerId,
      return_url: shopper.session.returnUrl,
    };
    await client.createOrder(order);
    assert.equal((await shopper.call('POST', '/pay', { walletId: wallet.id })).status, 500);
    const token = (await client.listWallets(shopper.session.customerId)).find((candidate) => candidate.id === wallet.id)!.token!;
    await client.directDebit({
      customerId: shopper.session.customerId,
      paymentMethod: 'GOPAY',
      token,
      order: { existingOrderId: shopper.session.orderId },
    });

    assert.equal((await webhook(succeeded(shopper.session.orderId))).status, 200);
    assert.equal(await h.kit.reconcile(shopper.session.orderId), 'mismatch');
    await shopper.call('GET', '/order');
    await new Promise((resolve) => setTimeout(resolve, 100));
    assert.equal(paid.length, 0);
    assert.ok(
      h.logs.some((entry) => entry.event === 'order_mismatch' && entry.orderId === shopper.session.orderId && entry.path === 'webhook'),
    );
  });

  it('accepts credentials beyond Latin-1, encoded as UTF-8 like curl and browsers do', async () => {
    const credentials = { username: 'juspay', password: 'pässwörd-€' };
    const kit = h.anotherKit({ webhook: credentials });
    const utf8 = Buffer.from(`${credentials.username}:${credentials.password}`).toString('base64');
    const post = (authorization: string) =>
      kit.fetch(
        new Request('http://kit.example/api/wallet/webhooks/juspay', {
          method: 'POST',
          headers: { authorization, 'content-type': 'application/json' },
          body: JSON.stringify({ id: 'evt_utf8', event_name: 'MANDATE_CREATED', content: {} }),
        }),
      );
    assert.equal((await post(`Basic ${utf8}`)).status, 200);
    assert.equal((await post(`Basic ${Buffer.from('juspay:passwrd-').toString('base64')}`)).status, 401);
  });

  it('is not a browser route: no CORS headers, GET is 405, unknown events are acknowledged', async () => {
    const answer = await h.raw('/webhooks/juspay', {
      method: 'POST',
      headers: {
        origin: 'https://shop.example',
        authorization: basic(CREDENTIALS.username, CREDENTIALS.password),
        'content-type': 'application/json',
      },
      body: JSON.stringify({ id: 'evt_x', event_name: 'MANDATE_CREATED', content: { mandate: {} } }),
    });
    assert.equal(answer.status, 200);
    assert.equal(answer.headers.get('access-control-allow-origin'), null);
    assert.equal((await h.raw('/webhooks/juspay')).status, 405);
  });
});
