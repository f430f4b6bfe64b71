import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { basic, debitForm, freshToken, pendingOrder, startSandbox, type Harness } from './helpers.js';

const ACCESS_DENIED = { status: 'error', error_code: 'access_denied', error_message: null, status_id: null };
/** `Basic base64(value)` with no colon added: how Juspay's Node SDK sends the API key. */
const bareBasic = (value: string): string => `Basic ${Buffer.from(value).toString('base64')}`;

describe('sandbox transport', () => {
  let h: Harness;
  before(async () => {
    h = await startSandbox({ apiKey: 'key_transport' });
  });
  after(() => h.close());

  describe('Basic auth', () => {
    for (const [name, auth] of [
      ['no Authorization header', null],
      ['an unknown key', basic('not_the_key')],
      ['the key with a non-empty password', basic('key_transport', 'secret')],
      ['the key as the password instead of the user', basic('', 'key_transport')],
      ['a Bearer scheme', 'Bearer key_transport'],
      ['undecodable base64', 'Basic %%%'],
      ['an unknown key without a colon', bareBasic('not_the_key')],
      ['a prefix of the key without a colon', bareBasic('key_transpor')],
      ['the key and two colons', bareBasic('key_transport::')],
      ['the raw key without base64', 'Basic key_transport'],
    ] as const) {
      it(`answers 401 access_denied for ${name}`, async () => {
        const answer = await h.api.get('/customers/linked/wallets', { auth });
        assert.equal(answer.status, 401);
        assert.deepEqual(answer.body, ACCESS_DENIED);
      });
    }

    it('protects /txns, /orders and wallet commands too, without changing state', async () => {
      const customer = h.sandbox.persona('linked');
      const { token } = await freshToken(h.api, customer);
      const form = debitForm(h.sandbox, customer, token);
      for (const [method, path] of [
        ['POST', '/txns'],
        ['GET', '/orders/x'],
        ['POST', '/wallets/wlt_x'],
        ['POST', '/customers'],
      ] as const) {
        const answer = await h.api.call(method, path, { auth: null, form: method === 'GET' ? undefined : form });
        assert.equal(answer.status, 401, `${method} ${path}`);
        assert.deepEqual(answer.body, ACCESS_DENIED);
      }
      // The unauthenticated /txns neither spent the token nor debited.
      assert.equal(h.sandbox.debitCount(customer), 0);
      const paid = await h.api.post('/txns', form);
      assert.equal(paid.body.status, 'CHARGED', paid.text);
    });

    it('accepts the key as user name with an empty password', async () => {
      const answer = await h.api.get('/customers/linked/wallets', { auth: basic('key_transport', '') });
      assert.equal(answer.status, 200);
    });

    it("accepts base64 of the key alone, without a colon (Juspay's Node SDK), on every API path", async () => {
      const auth = bareBasic('key_transport');
      assert.equal((await h.api.get('/customers/linked/wallets', { auth })).status, 200);
      const customer = h.sandbox.persona('linked');
      const { token } = await freshToken(h.api, customer);
      const form = debitForm(h.sandbox, customer, token);
      const paid = await h.api.post('/txns', form, { auth });
      assert.equal(paid.body.status, 'CHARGED', paid.text);
      const orderId = form['order.order_id']!;
      assert.equal((await h.api.get(`/orders/${orderId}`, { auth })).body.status, 'CHARGED');
      const refund = await h.api.post(`/orders/${orderId}/refunds`, { unique_request_id: `t-${orderId}` }, { auth });
      assert.equal(refund.status, 200, refund.text);
    });
  });

  describe('bodies', () => {
    it('reads form bodies with dotted keys and the same request as nested JSON', async () => {
      const form = await h.api.post('/customers', {
        object_reference_id: 'form-cust',
        mobile_number: '0811',
        'options.get_client_auth_token': 'true',
      });
      assert.equal(form.status, 200);
      assert.equal(form.body.object_reference_id, 'form-cust');
      assert.match(form.body.juspay.client_auth_token, /^tkn_[0-9a-f]{32}$/);

      const json = await h.api.call('POST', '/customers', {
        json: { object_reference_id: 'json-cust', mobile_number: '0812', options: { get_client_auth_token: true } },
      });
      assert.equal(json.status, 200);
      assert.equal(json.body.mobile_number, '0812');
      assert.match(json.body.juspay.client_auth_token, /^tkn_/);
    });

    it('accepts JSON with dotted keys as well', async () => {
      const answer = await h.api.call('POST', '/customers', {
        json: { object_reference_id: 'dotted-json', 'options.get_client_auth_token': 'true' },
      });
      assert.ok(answer.body.juspay);
    });

    it('runs a direct debit from a nested JSON body', async () => {
      const customer = h.sandbox.persona('linked');
      const { token } = await freshToken(h.api, customer);
      const answer = await h.api.call('POST', '/txns', {
        json: {
          merchant_id: h.sandbox.merchantId,
          payment_method_type: 'WALLET',
          payment_method: 'GOPAY',
          redirect_after_payment: true,
          format: 'json',
          direct_wallet_token: token,
          order: { order_id: 'jsonorder1', amount: 150000, currency: 'IDR', customer_id: customer },
        },
      });
      assert.equal(answer.status, 200, answer.text);
      assert.equal(answer.body.status, 'CHARGED');
      assert.equal(answer.body.order_id, 'jsonorder1');
    });

    it('answers 400 for a malformed JSON body', async () => {
      const broken = await fetch(`${h.url}/customers`, {
        method: 'POST',
        headers: { authorization: basic('key_transport'), 'content-type': 'application/json' },
        body: '{"object_reference_id":',
      });
      assert.equal(broken.status, 400);
      assert.equal((await broken.json()).error_code, 'INVALID_REQUEST');
    });

    it('accepts the version, x-merchantid and x-routing-id headers', async () => {
      const answer = await h.api.get('/customers/linked/wallets', {
        headers: { version: '2023-06-30', 'x-merchantid': h.sandbox.merchantId, 'x-routing-id': 'linked' },
      });
      assert.equal(answer.status, 200);
    });
  });

  it('answers unknown paths with a Juspay-style 404 envelope', async () => {
    const answer = await h.api.get('/nowhere');
    assert.equal(answer.status, 404);
    assert.deepEqual(Object.keys(answer.body).sort(), ['error_code', 'error_message', 'status']);
  });

  it('never puts a stack trace in an answer', async () => {
    const answer = await h.api.call('POST', '/txns', { form: { merchant_id: 'x' } });
    assert.equal(answer.status, 400);
    assert.doesNotMatch(answer.text, /at \w+ \(|node:internal|\.ts:\d+/);
  });
});

describe('sandbox control surface', () => {
  let h: Harness;
  before(async () => {
    h = await startSandbox({ apiKey: 'key_control_secret', testOtp: '654321' });
  });
  after(() => h.close());

  it('GET info lists merchant, OTP and personas, never the API key', async () => {
    const answer = await h.api.control('GET', '/info');
    assert.equal(answer.status, 200);
    assert.deepEqual(answer.body, {
      merchantId: 'wallet_elements',
      testOtp: '654321',
      personas: ['new', 'unlinked', 'linked', 'low-balance', 'declined'],
    });
    assert.doesNotMatch(answer.text, /key_control_secret/);
  });

  it('POST personas clones a persona', async () => {
    const answer = await h.api.control('POST', '/personas', { persona: 'low-balance' });
    assert.match(answer.body.customerId, /^low-balance-[a-z0-9]{6}$/);
    const list = await h.api.get(`/customers/${answer.body.customerId}/wallets`);
    assert.equal(list.body.list[0].current_balance, 20000);
    assert.equal((await h.api.control('POST', '/personas', { persona: 'rich' })).status, 400);
  });

  it('POST clock advances the clock', async () => {
    const before = h.sandbox.clock.now();
    const answer = await h.api.control('POST', '/clock', { advanceMs: 3_600_000 });
    assert.equal(answer.status, 200);
    assert.ok(h.sandbox.clock.now() - before >= 3_600_000);
    assert.equal((await h.api.control('POST', '/clock', { advanceMs: -1 })).status, 400);
  });

  it('POST/DELETE faults switch faults on and off', async () => {
    assert.equal((await h.api.control('POST', '/faults', { fault: { kind: 'error', status: 503 } })).status, 200);
    assert.equal((await h.api.get('/customers/linked/wallets')).status, 503);
    assert.equal((await h.api.control('GET', '/info')).status, 200, 'faults never hit control routes');
    assert.equal((await h.api.control('DELETE', '/faults')).status, 200);
    assert.equal((await h.api.get('/customers/linked/wallets')).status, 200);
    assert.equal((await h.api.control('POST', '/faults', { fault: { kind: 'explode' } })).status, 400);
  });

  it('POST reset restores the seeded state and clears faults', async () => {
    await h.api.post('/customers', { object_reference_id: 'temp-customer' });
    await h.api.control('POST', '/faults', { fault: { kind: 'error', path: '/orders' } });
    assert.equal((await h.api.control('POST', '/reset')).status, 200);
    assert.equal((await h.api.get('/customers/temp-customer')).status, 400);
    assert.equal((await h.api.get('/orders/none')).status, 404, 'fault cleared: real 404, not the 500 fault');
    assert.equal((await h.api.get('/customers/linked/wallets')).status, 200);
  });
});

describe('sandbox under a basePath', () => {
  let h: Harness;
  before(async () => {
    h = await startSandbox({ basePath: '/sandbox' });
  });
  after(() => h.close());

  it('serves every route under the prefix and nothing outside it', async () => {
    assert.match(h.url, /^http:\/\/127\.0\.0\.1:\d+\/sandbox$/);
    assert.equal((await h.api.get('/customers/linked/wallets')).status, 200);
    assert.equal((await h.api.control('GET', '/info')).status, 200);
    const outside = await fetch(`${h.url.replace('/sandbox', '')}/customers/linked/wallets`, {
      headers: { authorization: basic(h.sandbox.apiKey) },
    });
    assert.equal(outside.status, 404);
  });

  it('hands browsers URLs under the prefix, or under publicUrl when set', async () => {
    const customer = h.sandbox.persona('linked');
    const { token } = await freshToken(h.api, customer);
    const paid = await h.pay(customer, token);
    assert.ok(paid.body.payment.authentication.url.startsWith(`${h.url}/pay/finish/`));
    const finish = await fetch(paid.body.payment.authentication.url, { redirect: 'manual' });
    assert.equal(finish.status, 302);

    const proxied = await startSandbox({ basePath: '/sandbox', publicUrl: 'https://demo.example/sandbox/' });
    try {
      const { topupUrl } = await pendingOrder(proxied);
      assert.match(topupUrl, /^https:\/\/demo\.example\/sandbox\/wallets\/topup\/start\/wtpup_[a-z0-9]{16}$/);
    } finally {
      await proxied.close();
    }
  });
});
