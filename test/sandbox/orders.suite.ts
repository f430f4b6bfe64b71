import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { assertFields, createdOrder, freshToken, newOrderId, startSandbox, type Harness } from './helpers.js';

const START = Date.UTC(2025, 0, 15, 8, 0, 0);
const NEW_VERSION = { version: '2023-06-30' };

describe('sandbox orders', () => {
  let h: Harness;
  before(async () => {
    h = await startSandbox({ frozenClock: true, startTime: START });
  });
  after(() => h.close());

  describe('POST /orders', () => {
    it('answers the minimal CREATED/1 order without the version + token gate', async () => {
      for (const [form, headers] of [
        [{}, NEW_VERSION], // new version, no token requested
        [{ 'options.get_client_auth_token': 'true' }, { version: '2018-06-30' }], // token, old version
        [{ 'options.get_client_auth_token': 'true' }, {}], // token, no version
      ] as const) {
        const orderId = newOrderId();
        const answer = await h.api.post('/orders', { order_id: orderId, amount: '150000', currency: 'IDR', ...form }, { headers });
        assert.equal(answer.status, 200);
        assert.deepEqual(Object.keys(answer.body).sort(), ['id', 'order_id', 'payment_links', 'status', 'status_id']);
        assert.equal(answer.body.status, 'CREATED');
        assert.equal(answer.body.status_id, 1);
        assert.equal(answer.body.order_id, orderId);
        assert.match(answer.body.id, /^ordeh_[0-9a-f]{32}$/);
        assert.deepEqual(Object.keys(answer.body.payment_links).sort(), ['iframe', 'mobile', 'web']);
      }
    });

    it('answers the full NEW/10 order from version 2018-07-01 with a client auth token requested', async () => {
      const orderId = newOrderId();
      const answer = await h.api.post(
        '/orders',
        {
          order_id: orderId,
          amount: '150000.50',
          currency: 'IDR',
          customer_id: 'linked',
          customer_email: 'a@b.example',
          return_url: 'https://shop.example/r',
          udf1: 'cart-7',
          'options.get_client_auth_token': 'true',
        },
        { headers: { version: '2018-07-01' } },
      );
      assert.equal(answer.status, 200);
      const body = answer.body;
      assertFields(body, {
        status: 'NEW',
        status_id: 10,
        merchant_id: 'wallet_elements',
        amount: 150000.5,
        currency: 'IDR',
        customer_id: 'linked',
        return_url: 'https://shop.example/r',
        udf1: 'cart-7',
        udf10: '',
        refunded: false,
        amount_refunded: 0,
        date_created: '2025-01-15T08:00:00Z',
        order_expiry: '2025-01-15T08:15:00Z',
      });
      assert.match(body.juspay.client_auth_token, /^tkn_[0-9a-f]{32}$/);
      assert.equal(body.juspay.client_auth_token_expiry, '2025-01-15T08:15:00Z');
    });

    it('rejects a reused order_id with order_already_created', async () => {
      const orderId = newOrderId();
      await h.api.post('/orders', { order_id: orderId, amount: '10' });
      const again = await h.api.post('/orders', { order_id: orderId, amount: '10' });
      assert.equal(again.status, 400);
      assert.deepEqual(again.body, {
        status: 'order_already_created',
        error_message: `Order with id = "${orderId}" already created.`,
        order_id: orderId,
      });
    });

    for (const [name, form] of [
      ['no order_id', { amount: '10' }],
      ['no amount', { order_id: 'abc' }],
      ['an amount below 1', { order_id: 'abc', amount: '0.5' }],
      ['three decimals', { order_id: 'abc', amount: '1.234' }],
      ['a 21-character order_id', { order_id: 'x'.repeat(21), amount: '10' }],
      ['an order_id with a slash', { order_id: 'a/b', amount: '10' }],
      ['a bad currency', { order_id: 'abc', amount: '10', currency: 'rupiah' }],
    ] as const) {
      it(`rejects ${name} with a 400 invalid_request_error`, async () => {
        const answer = await h.api.post('/orders', form);
        assert.equal(answer.status, 400);
        assert.equal(answer.body.status, 'invalid_request_error');
        assert.equal(typeof answer.body.error_message, 'string');
      });
    }
  });

  describe('GET /orders/:id', () => {
    it('reports NEW before any txn, without txn fields', async () => {
      const { orderId } = await createdOrder(h, { customer_id: 'linked' });
      const answer = await h.api.get(`/orders/${orderId}`, { headers: NEW_VERSION });
      assert.equal(answer.status, 200);
      assert.equal(answer.body.status, 'NEW');
      assert.equal(answer.body.status_id, 10);
      assert.equal('txn_id' in answer.body, false);
      assert.equal('txn_detail' in answer.body, false);
    });

    it('reflects the latest txn, with txn_detail only from version 2018-07-16', async () => {
      const customer = h.sandbox.persona('linked');
      const { token } = await freshToken(h.api, customer);
      const paid = await h.pay(customer, token);
      const orderId = paid.body.order_id;

      const answer = await h.api.get(`/orders/${orderId}`, { headers: { version: '2018-07-16' } });
      assert.equal(answer.status, 200);
      const body = answer.body;
      assertFields(body, {
        order_id: orderId,
        status: 'CHARGED',
        status_id: 21,
        amount: 150000,
        currency: 'IDR',
        customer_id: customer,
        txn_id: `wallet_elements-${orderId}-1`,
        txn_uuid: paid.body.txn_uuid,
        payment_method_type: 'WALLET',
        payment_method: 'GOPAY',
        return_url: 'https://shop.example/return?from=sandbox',
        date_created: '2025-01-15T08:00:00Z',
        refunded: false,
        amount_refunded: 0,
      });
      assertFields(body.txn_detail, {
        txn_flow_type: 'DIRECT_DEBIT',
        status: 'CHARGED',
        txn_id: body.txn_id,
        txn_amount: 150000,
      });
      assert.equal(body.payment_gateway_response.resp_message, 'Txn Success');

      for (const headers of [{ version: '2018-07-15' }, {}] as Record<string, string>[]) {
        const old = await h.api.get(`/orders/${orderId}`, { headers });
        assert.equal('txn_detail' in old.body, false);
        assert.equal(old.body.status, 'CHARGED');
      }
      const legacy = await h.api.get(`/order/status?order_id=${orderId}`);
      assert.equal(legacy.body.status, 'CHARGED');
    });

    it('answers 404 E09 for an unknown order', async () => {
      const answer = await h.api.get('/orders/neverexisted');
      assert.equal(answer.status, 404);
      assert.equal(answer.body.status, 'NOT_FOUND');
      assert.equal(answer.body.error_code, 'E09');
    });

    it('keeps a CHARGED order CHARGED after its TTL', async () => {
      const customer = h.sandbox.persona('linked');
      const { token } = await freshToken(h.api, customer);
      const paid = await h.pay(customer, token);
      h.sandbox.clock.advance(3_600_000);
      assert.equal((await h.api.get(`/orders/${paid.body.order_id}`)).body.status, 'CHARGED');
      const again = await h.pay(customer, (await freshToken(h.api, customer)).token, {
        'order.order_id': paid.body.order_id,
      });
      assert.equal(again.body.error_code, 'INVALID_ACTION', 'already charged, not timed out');
    });
  });
});
