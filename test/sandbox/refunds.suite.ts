import assert from 'node:assert/strict';
import { after, afterEach, before, describe, it } from 'node:test';
import { chargedOrder, createdOrder, pendingOrder, startReceiver, startSandbox, type Harness, type Receiver } from './helpers.js';

const ISO_Z = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/;
const VERSION = { version: '2023-06-30' };

describe('sandbox refunds', () => {
  let receiver: Receiver;
  let h: Harness;
  before(async () => {
    receiver = await startReceiver();
    h = await startSandbox({
      refundSettleMs: 20,
      webhook: { url: receiver.url, username: 'shop', password: 'pw', retryDelaysMs: [20] },
    });
  });
  afterEach(async () => {
    await h.sandbox.webhooks.idle();
    h.sandbox.refunds.clear();
    receiver.reset();
  });
  after(async () => {
    await h.close();
    await receiver.close();
  });

  const refund = (orderId: string, form: Record<string, string>) =>
    h.api.post(`/orders/${encodeURIComponent(orderId)}/refunds`, form, { headers: VERSION });
  const status = async (orderId: string) => (await h.api.get(`/orders/${orderId}`, { headers: VERSION })).body;
  const events = (orderId: string) => receiver.forOrder(orderId).map((request) => request.body.event_name);

  it('refunds in full without an amount: PENDING at once, SUCCESS shortly after, with webhooks', async () => {
    const { orderId, walletId } = await chargedOrder(h);
    const answer = await refund(orderId, { unique_request_id: `rf-${orderId}` });
    assert.equal(answer.status, 200, answer.text);
    const order = answer.body;
    assert.equal(order.order_id, orderId);
    assert.equal(order.status, 'CHARGED', 'the order stays CHARGED');
    assert.equal(order.status_id, 21);
    assert.equal(order.amount_refunded, 150_000, 'counts the pending refund');
    assert.equal(order.refunded, true);
    assert.equal(order.maximum_eligible_refund_amount, 0);
    assert.equal(order.refunds.length, 1);
    const pending = order.refunds[0];
    assert.deepEqual(
      { ...pending, created: undefined },
      {
        id: null,
        unique_request_id: `rf-${orderId}`,
        amount: 150_000,
        status: 'PENDING',
        created: undefined,
        ref: null,
        sent_to_gateway: false,
        initiated_by: 'API',
        refund_type: 'STANDARD',
        refund_source: 'GOPAY',
        error_code: null,
        error_message: '',
      },
    );
    assert.match(pending.created, ISO_Z);

    await h.sandbox.webhooks.idle();
    const settled = await status(orderId);
    assert.equal(settled.status, 'CHARGED');
    assert.equal(settled.refunds[0].status, 'SUCCESS');
    assert.equal(settled.refunds[0].sent_to_gateway, true);
    assert.equal(settled.refunds[0].id, `rf-${orderId}`);
    assert.match(settled.refunds[0].ref, /^\d{12}$/);
    assert.equal(settled.refunds[0].error_code, '00');
    assert.equal(settled.amount_refunded, 150_000);
    assert.equal(settled.refunded, true);

    assert.deepEqual(events(orderId), ['ORDER_SUCCEEDED', 'REFUND_INITIATED', 'ORDER_REFUNDED']);
    const [, initiated, refunded] = receiver.forOrder(orderId);
    // The answer is the order status at that moment, as REFUND_INITIATED carries it; ORDER_REFUNDED carries the
    // settled one.
    assert.deepEqual(initiated!.body.content.order, order);
    assert.deepEqual(refunded!.body.content.order, settled);
    // The money is back at the provider.
    const wallet = await h.api.post(`/wallets/${walletId}`, { command: 'refresh' });
    assert.equal(wallet.body.current_balance, 1_000_000);
    assert.equal(h.sandbox.refundCount(orderId), 1);
  });

  it('refunds in parts, never beyond the order amount', async () => {
    const { orderId } = await chargedOrder(h);
    const first = await refund(orderId, { unique_request_id: `a-${orderId}`, amount: '50000' });
    assert.equal(first.status, 200, first.text);
    assert.equal(first.body.amount_refunded, 50_000);
    assert.equal(first.body.refunded, false, 'partial');
    assert.equal(first.body.maximum_eligible_refund_amount, 100_000);

    const tooMuch = await refund(orderId, { unique_request_id: `b-${orderId}`, amount: '100000.01' });
    assert.equal(tooMuch.status, 400);
    assert.deepEqual(Object.keys(tooMuch.body).sort(), ['error_code', 'error_message', 'status']);
    assert.equal(tooMuch.body.status, 'invalid_request_error');
    assert.equal(tooMuch.body.error_code, 'INVALID_REQUEST');
    assert.match(tooMuch.body.error_message, /exceeds the refundable amount 100000/);

    const rest = await refund(orderId, { unique_request_id: `c-${orderId}` });
    assert.equal(rest.body.refunds.length, 2);
    assert.equal(rest.body.refunds[1].amount, 100_000, 'no amount: what is left');
    assert.equal(rest.body.amount_refunded, 150_000);
    assert.equal(rest.body.refunded, true);

    const more = await refund(orderId, { unique_request_id: `d-${orderId}`, amount: '1' });
    assert.equal(more.status, 400);
    assert.match(more.body.error_message, /fully refunded/);
    assert.equal(h.sandbox.refundCount(orderId), 2);
    await h.sandbox.webhooks.idle();
    assert.deepEqual(
      (await status(orderId)).refunds.map((item: { status: string }) => item.status),
      ['SUCCESS', 'SUCCESS'],
    );
  });

  it('refuses a first refund above the order amount', async () => {
    const { orderId } = await chargedOrder(h);
    const answer = await refund(orderId, { unique_request_id: `x-${orderId}`, amount: '150001' });
    assert.equal(answer.status, 400);
    assert.equal(answer.body.error_code, 'INVALID_REQUEST');
    assert.equal(h.sandbox.refundCount(orderId), 0);
    assert.equal((await status(orderId)).amount_refunded, 0);
  });

  it('is idempotent on unique_request_id: the same request answers the existing refund', async () => {
    const { orderId } = await chargedOrder(h);
    const id = `idem-${orderId}`;
    const first = await refund(orderId, { unique_request_id: id, amount: '1000' });
    const again = await refund(orderId, { unique_request_id: id, amount: '1000.00' });
    assert.equal(again.status, 200);
    assert.equal(again.body.refunds.length, 1);
    const identity = (refunds: { unique_request_id: string; amount: number; created: string }[]) =>
      refunds.map(({ unique_request_id, amount, created }) => ({ unique_request_id, amount, created }));
    assert.deepEqual(identity(again.body.refunds), identity(first.body.refunds), 'the same refund (it may have settled since)');
    assert.equal(h.sandbox.refundCount(orderId), 1);

    const different = await refund(orderId, { unique_request_id: id, amount: '2000' });
    assert.equal(different.status, 400);
    assert.equal(different.body.status, 'invalid_request_error');
    assert.equal(different.body.error_code, 'DUPLICATE_REQUEST');
    const omitted = await refund(orderId, { unique_request_id: id });
    assert.equal(omitted.status, 400, 'no amount now is a full refund: not the same request');

    // A full refund repeated without an amount is the same request, even though nothing is left to refund.
    const full = await refund(orderId, { unique_request_id: `${id}-full` });
    assert.equal(full.body.refunds[1].amount, 149_000);
    const fullAgain = await refund(orderId, { unique_request_id: `${id}-full` });
    assert.equal(fullAgain.status, 200);
    assert.equal(h.sandbox.refundCount(orderId), 2);

    // A request id belongs to one refund of the whole account.
    const other = await chargedOrder(h);
    const elsewhere = await refund(other.orderId, { unique_request_id: id, amount: '1000' });
    assert.equal(elsewhere.status, 400);
    assert.equal(elsewhere.body.error_code, 'DUPLICATE_REQUEST');
    assert.equal(h.sandbox.refundCount(other.orderId), 0);
  });

  it('settles to FAILURE or MANUAL_REVIEW when asked, with the matching webhook', async () => {
    const failed = await chargedOrder(h);
    h.sandbox.refunds.failNext('FAILURE');
    await refund(failed.orderId, { unique_request_id: `f-${failed.orderId}` });
    await h.sandbox.webhooks.idle();
    const afterFailure = await status(failed.orderId);
    assert.equal(afterFailure.refunds[0].status, 'FAILURE');
    assert.equal(afterFailure.refunds[0].sent_to_gateway, true);
    assert.equal(afterFailure.refunds[0].ref, null);
    assert.equal(afterFailure.amount_refunded, 0, 'a failed refund does not count');
    assert.equal(afterFailure.refunded, false);
    assert.deepEqual(events(failed.orderId), ['ORDER_SUCCEEDED', 'REFUND_INITIATED', 'ORDER_REFUND_FAILED']);
    // The amount is refundable again, and the switch was for one refund only.
    const retried = await refund(failed.orderId, { unique_request_id: `f2-${failed.orderId}` });
    assert.equal(retried.status, 200, retried.text);
    await h.sandbox.webhooks.idle();
    assert.equal((await status(failed.orderId)).refunds[1].status, 'SUCCESS');

    const review = await chargedOrder(h);
    assert.equal((await h.api.control('POST', '/refunds', { failNext: 'MANUAL_REVIEW' })).status, 200);
    await refund(review.orderId, { unique_request_id: `m-${review.orderId}`, amount: '100' });
    await h.sandbox.webhooks.idle();
    const underReview = await status(review.orderId);
    assert.equal(underReview.refunds[0].status, 'MANUAL_REVIEW');
    assert.equal(underReview.amount_refunded, 100, 'counted while under review');
    assert.deepEqual(events(review.orderId), ['ORDER_SUCCEEDED', 'REFUND_INITIATED', 'REFUND_MANUAL_REVIEW_NEEDED']);
    assert.equal(receiver.forOrder(review.orderId)[2]!.body.content.order.refunds[0].status, 'MANUAL_REVIEW');
  });

  it('refunds only CHARGED orders', async () => {
    const { orderId: created } = await createdOrder(h, { amount: '1000' });
    const notPaid = await refund(created, { unique_request_id: `n-${created}` });
    assert.equal(notPaid.status, 400);
    assert.match(notPaid.body.error_message, /CHARGED/);

    const { orderId } = await pendingOrder(h);
    const pending = await refund(orderId, { unique_request_id: `p-${orderId}` });
    assert.equal(pending.status, 400);

    const unknown = await refund('no-such-order', { unique_request_id: 'u-1' });
    assert.equal(unknown.status, 404);
    assert.deepEqual(unknown.body, { status: 'NOT_FOUND', error_code: 'E09', error_message: 'Order not found' });
  });

  it('validates the request: unique_request_id required, a positive amount, Basic auth, JSON bodies', async () => {
    const { orderId } = await chargedOrder(h);
    const missing = await refund(orderId, { amount: '10' });
    assert.equal(missing.status, 400);
    assert.match(missing.body.error_message, /unique_request_id is required/);
    for (const amount of ['0', '-5', 'ten', '1.234']) {
      const bad = await refund(orderId, { unique_request_id: `v-${amount}-${orderId}`, amount });
      assert.equal(bad.status, 400, amount);
    }
    const anonymous = await h.api.call('POST', `/orders/${orderId}/refunds`, { auth: null, form: { unique_request_id: 'z' } });
    assert.equal(anonymous.status, 401);
    assert.equal(h.sandbox.refundCount(orderId), 0);

    const json = await h.api.call('POST', `/orders/${orderId}/refunds`, {
      json: { unique_request_id: `j-${orderId}`, amount: 12.5 },
      headers: { 'x-merchantid': h.sandbox.merchantId, 'x-routing-id': 'linked', ...VERSION },
    });
    assert.equal(json.status, 200, json.text);
    assert.equal(json.body.refunds[0].amount, 12.5);
    assert.throws(() => h.sandbox.refundCount('no-such-order'), RangeError);
  });

  it('settleNow() settles without waiting; reset() drops pending refunds', async () => {
    const slow = await startSandbox({ refundSettleMs: 60_000 });
    try {
      const { orderId } = await chargedOrder(slow);
      await slow.api.post(`/orders/${orderId}/refunds`, { unique_request_id: `s-${orderId}` });
      assert.equal((await slow.api.get(`/orders/${orderId}`)).body.refunds[0].status, 'PENDING');
      slow.sandbox.refunds.settleNow();
      await slow.sandbox.webhooks.idle();
      assert.equal((await slow.api.get(`/orders/${orderId}`)).body.refunds[0].status, 'SUCCESS');

      const next = await chargedOrder(slow);
      await slow.api.post(`/orders/${next.orderId}/refunds`, { unique_request_id: `s-${next.orderId}` });
      slow.sandbox.reset();
      await slow.sandbox.webhooks.idle(); // nothing left waiting a minute
      assert.deepEqual(
        slow.sandbox.webhooks.events.map((event) => event.event_name),
        ['ORDER_SUCCEEDED', 'REFUND_INITIATED', 'ORDER_REFUNDED', 'ORDER_SUCCEEDED', 'REFUND_INITIATED'],
      );
    } finally {
      await slow.close();
    }
  });
});
