import assert from 'node:assert/strict';
import { after, afterEach, before, describe, it } from 'node:test';
import {
  basic,
  chargedOrder,
  debitForm,
  freshToken,
  pendingOrder,
  startReceiver,
  startSandbox,
  submitTopup,
  type Harness,
  type Receiver,
  waitUntil,
} from './helpers.js';

const CREDENTIALS = { username: 'shop_hooks', password: 'p@ss:word' };
const EVENT_ID = /^evt_V2_[0-9a-f]{32}$/;
const ISO_Z = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/;

describe('sandbox webhooks', () => {
  let receiver: Receiver;
  let h: Harness;
  before(async () => {
    receiver = await startReceiver();
    h = await startSandbox({ webhook: { url: receiver.url, ...CREDENTIALS, retryDelaysMs: [30, 60] } });
  });
  afterEach(async () => {
    await h.sandbox.webhooks.idle();
    h.sandbox.webhooks.clear();
    await h.sandbox.webhooks.idle();
    receiver.reset();
  });
  after(async () => {
    await h.close();
    await receiver.close();
  });

  const names = (orderId: string) => receiver.forOrder(orderId).map((request) => request.body.event_name);

  it('sends ORDER_SUCCEEDED after a direct charge: Basic credentials, JSON, the envelope and the order status', async () => {
    const { orderId } = await chargedOrder(h);
    await h.sandbox.webhooks.idle();
    const [request, ...more] = receiver.forOrder(orderId);
    assert.ok(request, 'delivered');
    assert.equal(more.length, 0, 'exactly once');
    assert.equal(request.method, 'POST');
    assert.equal(request.headers['content-type'], 'application/json');
    assert.equal(request.headers.authorization, basic(CREDENTIALS.username, CREDENTIALS.password));
    assert.deepEqual(Object.keys(request.body).sort(), ['content', 'date_created', 'event_name', 'id']);
    assert.match(request.body.id, EVENT_ID);
    assert.equal(request.body.event_name, 'ORDER_SUCCEEDED');
    assert.match(request.body.date_created, ISO_Z);
    assert.deepEqual(Object.keys(request.body.content), ['order']);
    // The payload is exactly what GET /orders/:id answers (with the webhook's API version, 2023-06-30).
    const status = await h.api.get(`/orders/${orderId}`, { headers: { version: '2023-06-30' } });
    assert.deepEqual(request.body.content.order, status.body);
    assert.equal(request.body.content.order.status, 'CHARGED');
    assert.equal(request.body.content.order.txn_detail.txn_flow_type, 'DIRECT_DEBIT');

    const deliveries = h.sandbox.webhooks.deliveries.filter((delivery) => delivery.orderId === orderId);
    assert.deepEqual(
      deliveries.map(({ eventId, eventName, attempt, copy, status, error, ok }) => ({
        eventId,
        eventName,
        attempt,
        copy,
        status,
        error,
        ok,
      })),
      [{ eventId: request.body.id, eventName: 'ORDER_SUCCEEDED', attempt: 1, copy: 1, status: 200, error: null, ok: true }],
    );
    assert.equal(h.sandbox.webhooks.events.at(-1)?.id, request.body.id);
  });

  it('sends TXN_CREATED for a pending debit, then ORDER_SUCCEEDED after the top-up page', async () => {
    const { orderId, topupUrl } = await pendingOrder(h);
    await h.sandbox.webhooks.idle();
    assert.deepEqual(names(orderId), ['TXN_CREATED']);
    assert.equal(receiver.forOrder(orderId)[0]!.body.content.order.status, 'PENDING_VBV');
    assert.equal(receiver.forOrder(orderId)[0]!.body.content.order.status_id, 23);

    assert.equal((await submitTopup(topupUrl, 'action=topup&amount=130000')).status, 302);
    await h.sandbox.webhooks.idle();
    assert.deepEqual(names(orderId), ['TXN_CREATED', 'ORDER_SUCCEEDED']);
    const succeeded = receiver.forOrder(orderId)[1]!.body;
    assert.equal(succeeded.content.order.status, 'CHARGED');
    assert.deepEqual(succeeded.content.order, (await h.api.get(`/orders/${orderId}`, { headers: { version: '2023-06-30' } })).body);
    // A double submit changes nothing and announces nothing.
    await submitTopup(topupUrl, 'action=topup&amount=130000');
    await h.sandbox.webhooks.idle();
    assert.equal(receiver.forOrder(orderId).length, 2);
  });

  it('sends ORDER_FAILED for a decline, a cancelled top-up and a pending txn that timed out', async () => {
    const declined = h.sandbox.persona('declined');
    const { token } = await freshToken(h.api, declined);
    const form = debitForm(h.sandbox, declined, token);
    assert.equal((await h.api.post('/txns', form)).body.status, 'AUTHORIZATION_FAILED');

    const cancelled = await pendingOrder(h);
    await submitTopup(cancelled.topupUrl, 'action=cancel');

    const abandoned = await pendingOrder(h);
    await h.sandbox.webhooks.idle();
    h.sandbox.clock.advance(16 * 60_000);
    // Expiry is applied lazily: the read that applies it sends the webhook.
    await h.sandbox.webhooks.idle();
    assert.deepEqual(names(abandoned.orderId), ['TXN_CREATED']);
    assert.equal((await h.api.get(`/orders/${abandoned.orderId}`)).body.status, 'AUTHENTICATION_FAILED');
    await h.sandbox.webhooks.idle();

    const declinedHook = receiver.forOrder(form['order.order_id']!);
    assert.deepEqual(
      declinedHook.map((request) => request.body.event_name),
      ['ORDER_FAILED'],
    );
    assert.equal(declinedHook[0]!.body.content.order.status, 'AUTHORIZATION_FAILED');
    assert.equal(declinedHook[0]!.body.content.order.status_id, 27);
    assert.deepEqual(names(cancelled.orderId), ['TXN_CREATED', 'ORDER_FAILED']);
    assert.equal(receiver.forOrder(cancelled.orderId)[1]!.body.content.order.status, 'AUTHENTICATION_FAILED');
    assert.deepEqual(names(abandoned.orderId), ['TXN_CREATED', 'ORDER_FAILED']);
    const timedOut = receiver.forOrder(abandoned.orderId)[1]!.body.content.order;
    assert.equal(timedOut.status, 'AUTHENTICATION_FAILED');
    assert.equal(timedOut.bank_error_message, 'Payment timed out');
  });

  it('retries with back-off until the receiver answers 2xx: three deliveries of one event id', async () => {
    receiver.script(500, 500, 200);
    const started = performance.now();
    const { orderId } = await chargedOrder(h);
    await h.sandbox.webhooks.idle();
    const requests = receiver.forOrder(orderId);
    assert.equal(requests.length, 3);
    assert.equal(new Set(requests.map((request) => request.body.id)).size, 1, 'one event id');
    assert.equal(new Set(requests.map((request) => request.raw)).size, 1, 'the same body each time');
    assert.ok(requests[1]!.at - requests[0]!.at >= 25, 'first retry after ~30 ms');
    assert.ok(requests[2]!.at - requests[1]!.at >= 55, 'second retry after ~60 ms');
    assert.ok(performance.now() - started < 2000);
    const deliveries = h.sandbox.webhooks.deliveries.filter((delivery) => delivery.orderId === orderId);
    assert.deepEqual(
      deliveries.map((delivery) => [delivery.attempt, delivery.status, delivery.ok]),
      [
        [1, 500, false],
        [2, 500, false],
        [3, 200, true],
      ],
    );
  });

  it('gives up when the retries are used up', async () => {
    receiver.script(503, 503, 503, 503);
    const { orderId } = await chargedOrder(h);
    await h.sandbox.webhooks.idle();
    assert.equal(receiver.forOrder(orderId).length, 3, 'the first try and two retries');
    assert.ok(h.sandbox.webhooks.deliveries.filter((delivery) => delivery.orderId === orderId).every((delivery) => !delivery.ok));
    receiver.reset();
  });

  it('duplicate: every event arrives twice with the same id', async () => {
    h.sandbox.webhooks.set({ duplicate: true });
    const { orderId } = await chargedOrder(h);
    await h.sandbox.webhooks.idle();
    const requests = receiver.forOrder(orderId);
    assert.equal(requests.length, 2);
    assert.equal(requests[0]!.raw, requests[1]!.raw);
    const copies = h.sandbox.webhooks.deliveries.filter((delivery) => delivery.orderId === orderId).map((delivery) => delivery.copy);
    assert.deepEqual(copies, [1, 2]);
  });

  it('delayMs: the webhook comes late, the API answer does not', async () => {
    h.sandbox.webhooks.set({ delayMs: 100 });
    const customer = h.sandbox.persona('linked');
    const { token } = await freshToken(h.api, customer);
    const form = debitForm(h.sandbox, customer, token);
    const started = performance.now();
    assert.equal((await h.api.post('/txns', form)).body.status, 'CHARGED');
    assert.ok(performance.now() - started < 1000);
    await h.sandbox.webhooks.idle();
    const [request] = receiver.forOrder(form['order.order_id']!);
    assert.ok(request);
    assert.ok(request.at - started >= 95, `late (${Math.round(request.at - started)} ms after the debit was sent)`);
  });

  it("reorder: holds an order's events and sends them newest first", async () => {
    h.sandbox.webhooks.set({ reorder: 2 });
    const { orderId, topupUrl } = await pendingOrder(h);
    await h.sandbox.webhooks.idle();
    assert.deepEqual(names(orderId), [], 'TXN_CREATED held');
    await submitTopup(topupUrl, 'action=topup&amount=130000');
    await h.sandbox.webhooks.idle();
    assert.deepEqual(names(orderId), ['ORDER_SUCCEEDED', 'TXN_CREATED']);

    // A group that never fills is sent by flush() (or clear()).
    h.sandbox.webhooks.set({ reorder: 3 });
    const direct = await chargedOrder(h);
    await h.sandbox.webhooks.idle();
    assert.deepEqual(names(direct.orderId), []);
    h.sandbox.webhooks.flush();
    await h.sandbox.webhooks.idle();
    assert.deepEqual(names(direct.orderId), ['ORDER_SUCCEEDED']);
  });

  it('flush() sends a retry now instead of when it is due', async () => {
    const other = await startSandbox({ webhook: { url: receiver.url, ...CREDENTIALS, retryDelaysMs: [60_000] } });
    try {
      receiver.script(500);
      await chargedOrder(other);
      await waitUntil(() => other.sandbox.webhooks.deliveries.length === 1);
      other.sandbox.webhooks.flush();
      await other.sandbox.webhooks.idle();
      assert.deepEqual(
        other.sandbox.webhooks.deliveries.map((delivery) => [delivery.attempt, delivery.status]),
        [
          [1, 500],
          [2, 200],
        ],
      );
    } finally {
      await other.close();
    }
  });

  it('wrongPassword: credentials a receiver must refuse', async () => {
    h.sandbox.webhooks.set({ wrongPassword: true });
    const { orderId } = await chargedOrder(h);
    await h.sandbox.webhooks.idle();
    const [request] = receiver.forOrder(orderId);
    assert.notEqual(request!.headers.authorization, basic(CREDENTIALS.username, CREDENTIALS.password));
    assert.match(request!.headers.authorization!, /^Basic /);
  });

  it('a receiver that does not answer in time has failed the attempt; the API never waits for it', async () => {
    const other = await startSandbox({
      webhook: { url: receiver.url, ...CREDENTIALS, retryDelaysMs: [20], timeoutMs: 200 },
    });
    try {
      receiver.script('hang', 200);
      const started = performance.now();
      const { orderId } = await chargedOrder(other);
      assert.ok(performance.now() - started < 1000, 'the debit answered while the receiver hangs');
      await other.sandbox.webhooks.idle();
      assert.deepEqual(
        other.sandbox.webhooks.deliveries.map(({ attempt, status, error, ok }) => ({ attempt, status, error, ok })),
        [
          { attempt: 1, status: null, error: 'timeout', ok: false },
          { attempt: 2, status: 200, error: null, ok: true },
        ],
      );
      assert.equal(receiver.forOrder(orderId).length, 2);
    } finally {
      await other.close();
    }
  });

  it('records a refused connection and close() drops what is still pending', async () => {
    const gone = await startReceiver();
    const url = gone.url;
    await gone.close();
    const other = await startSandbox({ webhook: { url, ...CREDENTIALS, retryDelaysMs: [60_000] } });
    await chargedOrder(other);
    await waitUntil(() => other.sandbox.webhooks.deliveries.length === 1);
    const [first] = other.sandbox.webhooks.deliveries;
    assert.equal(first?.status, null);
    assert.equal(first?.error, 'ECONNREFUSED');
    const closed = other.close();
    await other.sandbox.webhooks.idle(); // the retry due in a minute is gone, not waited for
    await closed;
    assert.equal(other.sandbox.webhooks.deliveries.length, 1);
  });

  it('lists events without a receiver configured, and sends nothing', async () => {
    const other = await startSandbox();
    try {
      const { orderId } = await chargedOrder(other);
      const [event] = other.sandbox.webhooks.events;
      assert.equal(event?.event_name, 'ORDER_SUCCEEDED');
      assert.equal(event?.content.order.order_id, orderId);
      await other.sandbox.webhooks.idle();
      assert.equal(other.sandbox.webhooks.deliveries.length, 0);
      assert.equal(other.sandbox.webhooks.url, undefined);
    } finally {
      await other.close();
    }
  });

  it('is driven over the control routes as well', async () => {
    assert.equal((await h.api.control('POST', '/webhooks', { duplicate: true, reorder: 0 })).status, 200);
    const state = await h.api.control('GET', '/webhooks');
    assert.equal(state.body.url, receiver.url);
    assert.deepEqual(state.body.switches, { duplicate: true, reorder: 0 });
    const { orderId } = await chargedOrder(h);
    await h.sandbox.webhooks.idle();
    assert.equal(receiver.forOrder(orderId).length, 2);
    const listed = (await h.api.control('GET', '/webhooks')).body;
    assert.ok(listed.deliveries.some((delivery: { orderId: string }) => delivery.orderId === orderId));
    assert.ok(listed.events.some((event: { content: { order: { order_id: string } } }) => event.content.order.order_id === orderId));
    assert.equal((await h.api.control('POST', '/webhooks', { duplicat: true })).status, 400, 'unknown switch');
    assert.equal((await h.api.control('POST', '/webhooks', { reorder: -1 })).status, 400);
    assert.equal((await h.api.control('POST', '/webhooks/flush')).status, 200);
    assert.equal((await h.api.control('DELETE', '/webhooks')).status, 200);
    assert.deepEqual((await h.api.control('GET', '/webhooks')).body.switches, {});
  });

  it('rejects a bad webhook configuration', async () => {
    await assert.rejects(startSandbox({ webhook: { url: 'ftp://x', ...CREDENTIALS } }), RangeError);
    await assert.rejects(startSandbox({ webhook: { url: receiver.url, ...CREDENTIALS, retryDelaysMs: [-1] } }), RangeError);
    await assert.rejects(startSandbox({ webhook: { url: receiver.url, ...CREDENTIALS, timeoutMs: 0 } }), RangeError);
    assert.throws(() => h.sandbox.webhooks.set({ reorder: 1.5 }));
  });
});
