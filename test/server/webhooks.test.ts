/**
 * The sandbox delivers Juspay-shaped webhooks to the kit over real HTTP, as Juspay would: the merchant's server
 * hears every outcome once, duplicated, late or out of order, on one instance or two sharing a store; refunds are
 * idempotent and settle through the refund webhooks.
 */
import { after, before, beforeEach, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { PayResult } from '../../src/contract.js';
import { MemoryStore, type OrderFailed, type OrderPaid, type Refund } from '../../src/server/index.js';
import { startHarness, walletOf, type Harness } from './kit-harness.js';
import { onRedis } from '../helpers/redis.js';

const CREDENTIALS = { username: 'juspay_hooks', password: 'hook-secret-42' };

async function eventually(check: () => boolean, what: string) {
  for (let tries = 0; tries < 150 && !check(); tries += 1) await new Promise((resolve) => setTimeout(resolve, 20));
  assert.ok(check(), what);
}

const topUp = (url: string) =>
  fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: 'action=topup',
    redirect: 'manual',
  });

describe('kit: Juspay webhooks from the sandbox', () => {
  let h: Harness;
  let paid: OrderPaid[];
  let failed: OrderFailed[];
  let refunds: Refund[];
  let failNext = 0;
  // On MemoryStore, a second instance needs the first one's store handed to it; on Redis they share it anyway.
  const shared = onRedis ? undefined : new MemoryStore();
  before(async () => {
    h = await startHarness({
      webhook: CREDENTIALS,
      juspayWebhooks: { retryDelaysMs: [50, 100, 200] },
      ...(shared ? { store: shared } : {}),
      onOrderPaid: (outcome) => {
        if (failNext > 0) {
          failNext -= 1;
          throw new Error('merchant database down');
        }
        paid.push(outcome);
      },
      onOrderFailed: (outcome) => void failed.push(outcome),
      onRefundSettled: (refund) => void refunds.push(refund),
    });
  });
  after(() => h.close());
  beforeEach(async () => {
    await h.sandbox.webhooks.idle();
    h.sandbox.webhooks.clear();
    paid = [];
    failed = [];
    refunds = [];
    failNext = 0;
  });

  const deliveriesFor = (orderId: string) => h.sandbox.webhooks.deliveries.filter((delivery) => delivery.orderId === orderId);

  it('pay, then the webhook delivered twice and late, then polls: onOrderPaid once', async () => {
    h.sandbox.webhooks.set({ duplicate: true, delayMs: 150 });
    const shopper = await h.checkout('linked');
    const wallet = walletOf(await shopper.call('GET', '/checkout'));
    assert.equal(PayResult.parse((await shopper.call('POST', '/pay', { walletId: wallet.id })).json).status, 'CHARGED');
    await shopper.call('GET', '/order');
    await h.sandbox.webhooks.idle();
    await shopper.call('GET', '/order');
    assert.ok(
      deliveriesFor(shopper.session.orderId).filter((delivery) => delivery.eventName === 'ORDER_SUCCEEDED' && delivery.ok).length >= 2,
      'delivered twice',
    );
    await eventually(() => paid.length >= 1, 'fulfilled');
    await new Promise((resolve) => setTimeout(resolve, 100));
    assert.equal(paid.length, 1);
  });

  it('a top-up finished with the tab closed: fulfilled from the webhook alone', async () => {
    const shopper = await h.checkout('low-balance');
    const wallet = walletOf(await shopper.call('GET', '/checkout'));
    const pending = PayResult.parse((await shopper.call('POST', '/pay', { walletId: wallet.id })).json);
    assert.equal(pending.status, 'PENDING');
    await topUp(pending.url);
    // No further request from the browser: only Juspay's webhook tells the kit.
    await h.sandbox.webhooks.idle();
    assert.deepEqual(
      paid.map((outcome) => [outcome.orderId, outcome.path]),
      [[shopper.session.orderId, 'webhook']],
    );
  });

  it('events out of order (TXN_CREATED after ORDER_SUCCEEDED): once, never downgraded', async () => {
    h.sandbox.webhooks.set({ reorder: 2 });
    const shopper = await h.checkout('low-balance');
    const wallet = walletOf(await shopper.call('GET', '/checkout'));
    const pending = PayResult.parse((await shopper.call('POST', '/pay', { walletId: wallet.id })).json);
    await topUp(pending.url);
    await h.sandbox.webhooks.idle();
    const names = deliveriesFor(shopper.session.orderId).map((delivery) => delivery.eventName);
    assert.deepEqual(names.slice(0, 2), ['ORDER_SUCCEEDED', 'TXN_CREATED']);
    assert.equal(paid.length, 1);
    assert.equal(failed.length, 0);
  });

  it('a decline: one onOrderFailed, no onOrderPaid', async () => {
    const shopper = await h.checkout('declined');
    const wallet = walletOf(await shopper.call('GET', '/checkout'));
    assert.equal((await shopper.call('POST', '/pay', { walletId: wallet.id })).status, 402);
    await h.sandbox.webhooks.idle();
    await shopper.call('GET', '/order');
    await eventually(() => failed.length === 1, 'failed once');
    await new Promise((resolve) => setTimeout(resolve, 100));
    assert.equal(failed.length, 1);
    assert.equal(paid.length, 0);
  });

  it('a hook that throws once: the kit answers 500, the sandbox retries, and the order is fulfilled once', async () => {
    const shopper = await h.checkout('low-balance');
    const wallet = walletOf(await shopper.call('GET', '/checkout'));
    const pending = PayResult.parse((await shopper.call('POST', '/pay', { walletId: wallet.id })).json);
    failNext = 1;
    await topUp(pending.url);
    await h.sandbox.webhooks.idle();
    // Whichever event reached the kit first after the top-up (TXN_CREATED confirms CHARGED too) got the 500 and
    // was delivered again; every event ends delivered.
    const deliveries = deliveriesFor(shopper.session.orderId);
    assert.equal(deliveries.filter((delivery) => delivery.status === 500).length, 1, JSON.stringify(deliveries));
    for (const event of new Set(deliveries.map((delivery) => delivery.eventId))) {
      assert.equal(deliveries.filter((delivery) => delivery.eventId === event).at(-1)!.status, 200);
    }
    assert.equal(paid.length, 1);
  });

  it('two instances on one store: the pay on one and the webhook on the other fulfil once', async () => {
    const other = h.anotherKit({ store: shared ?? undefined, onOrderPaid: (outcome) => void paid.push(outcome), webhook: CREDENTIALS });
    const shopper = await h.checkout('linked');
    const wallet = walletOf(await shopper.call('GET', '/checkout'));
    const answer = await other.fetch(
      new Request('http://kit.example/api/wallet/pay', {
        method: 'POST',
        headers: { authorization: `Bearer ${shopper.token}`, 'content-type': 'application/json' },
        body: JSON.stringify({ walletId: wallet.id }),
      }),
    );
    assert.equal(PayResult.parse(await answer.json()).status, 'CHARGED');
    await h.sandbox.webhooks.idle();
    await shopper.call('GET', '/order');
    await eventually(() => paid.length >= 1, 'fulfilled');
    await new Promise((resolve) => setTimeout(resolve, 150));
    assert.equal(paid.length, 1);
  });

  describe('refunds', () => {
    const paidOrder = async () => {
      const shopper = await h.checkout('linked');
      const wallet = walletOf(await shopper.call('GET', '/checkout'));
      assert.equal(PayResult.parse((await shopper.call('POST', '/pay', { walletId: wallet.id })).json).status, 'CHARGED');
      return shopper.session.orderId;
    };

    it('a full refund: PENDING, then SUCCESS through the refund webhook, onRefundSettled once; the same requestId again refunds nothing more', async () => {
      const orderId = await paidOrder();
      const first = await h.kit.refund({ orderId, requestId: 'rfd-full-1' });
      assert.deepEqual(first, { orderId, requestId: 'rfd-full-1', amount: 150_000, status: 'PENDING' });
      const again = await h.kit.refund({ orderId, requestId: 'rfd-full-1' });
      assert.equal(again.requestId, 'rfd-full-1');
      assert.equal(h.sandbox.refundCount(orderId), 1);
      await h.sandbox.webhooks.idle();
      await eventually(() => refunds.length === 1, 'settled');
      assert.deepEqual(refunds[0], { orderId, requestId: 'rfd-full-1', amount: 150_000, status: 'SUCCESS' });
      await h.kit.refund({ orderId, requestId: 'rfd-full-1' });
      await h.sandbox.webhooks.idle();
      assert.equal(refunds.length, 1);
      assert.equal(h.sandbox.refundCount(orderId), 1);
    });

    it('partial refunds add up; more than was paid is refused; a requestId reused for another amount is refused', async () => {
      const orderId = await paidOrder();
      assert.equal((await h.kit.refund({ orderId, amount: 50_000, requestId: 'rfd-part-1' })).status, 'PENDING');
      assert.equal((await h.kit.refund({ orderId, amount: 60_000, requestId: 'rfd-part-2' })).amount, 60_000);
      await assert.rejects(
        h.kit.refund({ orderId, amount: 50_000, requestId: 'rfd-part-3' }),
        (error: Error & { code?: string }) => error.code === 'invalid_request',
      );
      await assert.rejects(h.kit.refund({ orderId, amount: 1_000, requestId: 'rfd-part-1' }), /another refund/);
      assert.equal(h.sandbox.refundCount(orderId), 2);
      await h.sandbox.webhooks.idle();
      await eventually(() => refunds.length === 2, 'both settled');
      assert.deepEqual(refunds.map((refund) => refund.status).sort(), ['SUCCESS', 'SUCCESS']);
    });

    it('a refund that fails is reported as FAILURE once', async () => {
      const orderId = await paidOrder();
      h.sandbox.refunds.failNext('FAILURE');
      await h.kit.refund({ orderId, requestId: 'rfd-fail-1' });
      await h.sandbox.webhooks.idle();
      await eventually(() => refunds.length === 1, 'settled');
      assert.equal(refunds[0]!.status, 'FAILURE');
    });

    it('refuses an order the kit never paid, and a malformed request, before Juspay is called', async () => {
      const calls = h.juspay.length;
      await assert.rejects(h.kit.refund({ orderId: 'neverpaid1', requestId: 'rfd-x' }), /no record/);
      await assert.rejects(h.kit.refund({ orderId: 'ord-with-dash', requestId: 'rfd-x' }), /orderId/);
      await assert.rejects(h.kit.refund({ orderId: 'abc', amount: -5, requestId: 'rfd-x' }), /amount/);
      assert.equal(h.juspay.length, calls);
    });
  });
});
