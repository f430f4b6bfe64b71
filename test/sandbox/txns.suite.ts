import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import {
  basic,
  createdOrder,
  debitForm,
  freshToken,
  linkNewWallet,
  newOrderId,
  pendingOrder,
  startSandbox,
  submitTopup,
  type Harness,
} from './helpers.js';

const TXN_UUID = /^[A-Za-z0-9]{16}$/;

describe('sandbox POST /txns', () => {
  let h: Harness;
  before(async () => {
    h = await startSandbox({ orderTtlSeconds: 900 });
  });
  after(() => h.close());

  const balance = async (walletId: string) => (await h.api.post(`/wallets/${walletId}`, { command: 'refresh' })).body.current_balance;

  it("replays the seed's sample request and answers in the seed's shape", async () => {
    // The seed's order.customer_id is test123: create that customer and link a GOPAY wallet the documented way.
    assert.equal((await h.api.post('/customers', { object_reference_id: 'test123', mobile_number: '9164326296' })).status, 200);
    await linkNewWallet(h.api, h.sandbox, 'test123');
    const { token } = await freshToken(h.api, 'test123');
    // Exactly the seed's curl --data-urlencode list, in order; only the token and merchant_id are ours.
    const body = [
      ['merchant_id', h.sandbox.merchantId],
      ['payment_method_type', 'WALLET'],
      ['payment_method', 'GOPAY'],
      ['redirect_after_payment', 'true'],
      ['format', 'json'],
      ['direct_wallet_token', token],
      ['order.order_id', ':order_id'],
      ['order.amount', '100'],
      ['order.currency', 'IDR'],
      ['order.customer_id', 'test123'],
      ['order.customer_phone', '9164326296'],
    ]
      .map(([key, value]) => `${encodeURIComponent(key!)}=${encodeURIComponent(value!)}`)
      .join('&');
    const response = await fetch(`${h.url}/txns`, {
      method: 'POST',
      headers: {
        'Content-Type': 'application/x-www-form-urlencoded',
        Authorization: basic(h.sandbox.apiKey),
      },
      body,
    });
    assert.equal(response.status, 200);
    const answer = await response.json();
    assert.equal(answer.order_id, ':order_id');
    assert.equal(answer.txn_id, `${h.sandbox.merchantId}-:order_id-1`);
    assert.equal(answer.status, 'CHARGED');
    assert.equal(answer.payment.authentication.method, 'GET');
    assert.equal(
      answer.payment.authentication.url,
      `${h.url}/pay/finish/${h.sandbox.merchantId}/${answer.txn_uuid}/${encodeURIComponent(':order_id')}`,
    );
    assert.match(answer.txn_uuid, TXN_UUID);
    assert.deepEqual(answer.offer_details, { offers: [] });
    assert.equal(h.sandbox.debitCount('test123'), 1);
  });

  describe('when the balance covers the amount', () => {
    it('debits the provider balance, answers CHARGED and a finish URL that 302s to return_url', async () => {
      const customer = h.sandbox.persona('linked');
      const { token, walletId } = await freshToken(h.api, customer);
      const orderId = newOrderId();
      const answer = await h.pay(customer, token, { 'order.order_id': orderId });
      assert.equal(answer.status, 200);
      assert.deepEqual(Object.keys(answer.body).sort(), ['offer_details', 'order_id', 'payment', 'status', 'txn_id', 'txn_uuid']);
      assert.equal(answer.body.status, 'CHARGED');
      assert.equal(answer.body.txn_id, `wallet_elements-${orderId}-1`);
      assert.equal(await balance(walletId), 850_000);
      assert.equal(h.sandbox.debitCount(customer), 1);

      const finish = await fetch(answer.body.payment.authentication.url, { redirect: 'manual' });
      assert.equal(finish.status, 302);
      const location = new URL(finish.headers.get('location')!);
      assert.equal(location.origin + location.pathname, 'https://shop.example/return');
      assert.equal(location.searchParams.get('from'), 'sandbox', "keeps the return_url's own query");
      assert.equal(location.searchParams.get('order_id'), orderId);
      assert.equal(location.searchParams.get('status'), 'CHARGED');
      assert.equal(location.searchParams.get('status_id'), '21');
    });

    it('debits an order created with POST /orders by order_id', async () => {
      const customer = h.sandbox.persona('linked');
      const { orderId } = await createdOrder(h, { customer_id: customer });
      const { token } = await freshToken(h.api, customer);
      const form = debitForm(h.sandbox, customer, token, { order_id: orderId });
      for (const key of Object.keys(form)) if (key.startsWith('order.')) delete form[key];
      const answer = await h.api.post('/txns', form);
      assert.equal(answer.status, 200, answer.text);
      assert.equal(answer.body.status, 'CHARGED');
    });

    it('shows a finished page when the order has no return_url or redirect_after_payment=false', async () => {
      const customer = h.sandbox.persona('linked');
      const noReturn = debitForm(h.sandbox, customer, (await freshToken(h.api, customer)).token);
      delete noReturn['order.return_url'];
      const first = await h.api.post('/txns', noReturn);
      const page = await fetch(first.body.payment.authentication.url, { redirect: 'manual' });
      assert.equal(page.status, 200);
      assert.match(page.headers.get('content-type')!, /^text\/html/);
      assert.match(await page.text(), /Payment finished[\s\S]*CHARGED/);

      const stay = await h.pay(customer, (await freshToken(h.api, customer)).token, { redirect_after_payment: 'false' });
      const stayPage = await fetch(stay.body.payment.authentication.url, { redirect: 'manual' });
      assert.equal(stayPage.status, 200);
    });

    it('answers 302 to the authentication URL when format is not json', async () => {
      const customer = h.sandbox.persona('linked');
      const answer = await h.pay(customer, (await freshToken(h.api, customer)).token, { format: 'redirect' });
      assert.equal(answer.status, 302);
      assert.match(answer.headers.get('location')!, /\/pay\/finish\/wallet_elements\//);
      assert.equal(h.sandbox.debitCount(customer), 1);
    });

    it('rejects a finish URL whose parts do not match a txn', async () => {
      const customer = h.sandbox.persona('linked');
      const answer = await h.pay(customer, (await freshToken(h.api, customer)).token);
      const url: string = answer.body.payment.authentication.url;
      for (const bad of [url.replace('/wallet_elements/', '/other/'), url.replace(/\/[^/]+$/, '/otherorder')]) {
        assert.equal((await fetch(bad, { redirect: 'manual' })).status, 404);
      }
    });
  });

  describe('when the balance is short', () => {
    it('answers PENDING_VBV with a top-up URL and does not debit', async () => {
      const { customer, walletId, answer, topupUrl } = await pendingOrder(h);
      assert.equal(answer.status, 200);
      assert.equal(answer.body.status, 'PENDING_VBV');
      assert.equal(answer.body.payment.authentication.method, 'GET');
      assert.match(topupUrl, new RegExp(`^${h.url}/wallets/topup/start/wtpup_[a-z0-9]{16}$`));
      assert.equal(await balance(walletId), 20_000);
      assert.equal(h.sandbox.debitCount(customer), 0);
    });

    it('renders an accessible, CSP-safe top-up page with wallet, balance and shortfall', async () => {
      const { walletId, topupUrl } = await pendingOrder(h);
      const page = await fetch(topupUrl);
      assert.equal(page.status, 200);
      const csp = page.headers.get('content-security-policy')!;
      assert.match(csp, /default-src 'none'/);
      assert.doesNotMatch(csp, /unsafe-inline/);
      const text = await page.text();
      assert.match(text, /<html lang="en">/);
      assert.doesNotMatch(text, /<script|<style|\sstyle=|\son[a-z]+=/i, 'no script, no inline style or handler');
      assert.match(text, /<link rel="stylesheet" href="[^"]+\/pay\/assets\/sandbox\.css">/);
      assert.ok(text.includes(walletId));
      assert.match(text, /IDR\s?20,000/, 'balance');
      assert.match(text, /IDR\s?130,000/, 'shortfall');
      assert.match(text, /<label for="topup-amount">/);
      assert.match(text, /<button type="submit" name="action" value="topup">Top up and pay<\/button>/);
      assert.match(text, /<button type="submit" name="action" value="cancel">Cancel<\/button>/);
      const css = await fetch(`${h.url}/pay/assets/sandbox.css`);
      assert.equal(css.status, 200);
      assert.match(css.headers.get('content-type')!, /^text\/css/);
    });

    it('"Top up and pay" adds the money, debits once, charges the order and 302s to return_url', async () => {
      const { customer, walletId, orderId, topupUrl } = await pendingOrder(h);
      const submit = () => submitTopup(topupUrl, 'action=topup&amount=130000');
      const done = await submit();
      assert.equal(done.status, 302);
      const location = new URL(done.headers.get('location')!);
      assert.equal(location.searchParams.get('status'), 'CHARGED');
      assert.equal(location.searchParams.get('status_id'), '21');
      assert.equal(location.searchParams.get('order_id'), orderId);
      const status = await h.api.get(`/orders/${orderId}`);
      assert.equal(status.body.status, 'CHARGED');
      assert.equal(status.body.status_id, 21);
      assert.equal(await balance(walletId), 0);

      // A double submit finds the txn settled: no second top-up, no second debit.
      const again = await submit();
      assert.equal(again.status, 302);
      assert.equal(h.sandbox.debitCount(customer), 1);
      assert.equal(await balance(walletId), 0);
    });

    it('refuses a top-up smaller than the shortfall', async () => {
      const { customer, topupUrl } = await pendingOrder(h);
      const answer = await submitTopup(topupUrl, 'action=topup&amount=100');
      assert.equal(answer.status, 400);
      assert.match(await answer.text(), /role="alert"/);
      assert.equal(h.sandbox.debitCount(customer), 0);
    });

    it('"Cancel" fails the txn with AUTHENTICATION_FAILED; a new attempt increments the attempt number', async () => {
      const { customer, orderId, topupUrl } = await pendingOrder(h);
      const cancelled = await submitTopup(topupUrl, 'action=cancel');
      assert.equal(cancelled.status, 302);
      assert.equal(new URL(cancelled.headers.get('location')!).searchParams.get('status'), 'AUTHENTICATION_FAILED');
      const status = await h.api.get(`/orders/${orderId}`);
      assert.equal(status.body.status, 'AUTHENTICATION_FAILED');
      assert.equal(status.body.status_id, 26);

      const retry = await h.pay(customer, (await freshToken(h.api, customer)).token, { 'order.order_id': orderId });
      assert.equal(retry.status, 200);
      assert.equal(retry.body.txn_id, `wallet_elements-${orderId}-2`);
    });

    it("refuses a second /txns while the order's txn is pending", async () => {
      const { customer, orderId } = await pendingOrder(h);
      const again = await h.pay(customer, (await freshToken(h.api, customer)).token, { 'order.order_id': orderId });
      assert.equal(again.status, 400);
      assert.equal(again.body.error_code, 'INVALID_ACTION');
    });

    it('answers PENDING when configured so', async () => {
      const other = await startSandbox({ pendingStatus: 'PENDING' });
      try {
        const { answer, orderId } = await pendingOrder(other);
        assert.equal(answer.body.status, 'PENDING');
        const status = await other.api.get(`/orders/${orderId}`);
        assert.equal(status.body.status, 'PENDING');
        assert.equal(status.body.status_id, 23);
      } finally {
        await other.close();
      }
    });
  });

  it('answers AUTHORIZATION_FAILED (27) for the declined persona, without debiting', async () => {
    const customer = h.sandbox.persona('declined');
    const { token, walletId } = await freshToken(h.api, customer);
    const answer = await h.pay(customer, token);
    assert.equal(answer.status, 200);
    assert.equal(answer.body.status, 'AUTHORIZATION_FAILED');
    assert.equal(answer.body.payment.authentication.method, 'GET');
    const finish = await fetch(answer.body.payment.authentication.url, { redirect: 'manual' });
    assert.equal(new URL(finish.headers.get('location')!).searchParams.get('status_id'), '27');
    assert.equal((await h.api.get(`/orders/${answer.body.order_id}`)).body.status_id, 27);
    assert.equal(await balance(walletId), 1_000_000);
    assert.equal(h.sandbox.debitCount(customer), 0);
  });

  describe('4xx answers', () => {
    const REQUIRED = ['merchant_id', 'payment_method_type', 'payment_method', 'direct_wallet_token', 'format', 'redirect_after_payment'];
    for (const field of [...REQUIRED, 'order.amount', 'order.currency', 'order.customer_id']) {
      it(`rejects a missing ${field}`, async () => {
        const customer = h.sandbox.persona('linked');
        const form = debitForm(h.sandbox, customer, (await freshToken(h.api, customer)).token);
        delete form[field];
        const answer = await h.api.post('/txns', form);
        assert.equal(answer.status, 400);
        assert.equal(answer.body.status, 'error');
        assert.equal(answer.body.error_code, 'MISSING_MANDATORY_PARAMETER');
        assert.ok(answer.body.error_message.includes(field));
        assert.equal(h.sandbox.debitCount(customer), 0);
      });
    }

    it('rejects a request with neither order_id nor order.*', async () => {
      const customer = h.sandbox.persona('linked');
      const form = debitForm(h.sandbox, customer, (await freshToken(h.api, customer)).token);
      for (const key of Object.keys(form)) if (key.startsWith('order.')) delete form[key];
      const answer = await h.api.post('/txns', form);
      assert.equal(answer.status, 400);
      assert.equal(answer.body.error_code, 'MISSING_MANDATORY_PARAMETER');
    });

    for (const [name, overrides] of [
      ['a wrong merchant_id', { merchant_id: 'azharamin' }],
      ['payment_method_type other than WALLET', { payment_method_type: 'CARD' }],
      ['an unsupported payment_method', { payment_method: 'PAYTM' }],
      ['a bad amount', { 'order.amount': '10.999' }],
      ['an order_id of 21 characters', { 'order.order_id': 'a'.repeat(21) }],
      ['a non-http return_url', { 'order.return_url': 'javascript:alert(1)' }],
      ['an unknown customer', { 'order.customer_id': 'nobody-at-all' }],
      ['a currency the IDR wallets cannot pay', { 'order.currency': 'INR' }],
    ] as const) {
      it(`rejects ${name} with INVALID_INPUT`, async () => {
        const customer = h.sandbox.persona('linked');
        const answer = await h.pay(customer, (await freshToken(h.api, customer)).token, overrides);
        assert.equal(answer.status, 400);
        assert.equal(answer.body.status, 'error');
        assert.equal(answer.body.error_code, 'INVALID_INPUT');
        assert.equal(typeof answer.body.error_message, 'string');
        assert.equal(h.sandbox.debitCount(customer), 0);
      });
    }

    it('rejects an order that is already CHARGED with INVALID_ACTION', async () => {
      const customer = h.sandbox.persona('linked');
      const orderId = newOrderId();
      assert.equal(
        (await h.pay(customer, (await freshToken(h.api, customer)).token, { 'order.order_id': orderId })).body.status,
        'CHARGED',
      );
      const again = await h.pay(customer, (await freshToken(h.api, customer)).token, { 'order.order_id': orderId });
      assert.equal(again.status, 400);
      assert.equal(again.body.error_code, 'INVALID_ACTION');
      assert.equal(h.sandbox.debitCount(customer), 1);
    });

    it('rejects an unknown order_id', async () => {
      const customer = h.sandbox.persona('linked');
      const form = debitForm(h.sandbox, customer, (await freshToken(h.api, customer)).token, { order_id: 'neverheard' });
      for (const key of Object.keys(form)) if (key.startsWith('order.')) delete form[key];
      const answer = await h.api.post('/txns', form);
      assert.equal(answer.status, 404);
      assert.equal(answer.body.status, 'error');
    });

    it('rejects inline order fields that contradict the existing order', async () => {
      const customer = h.sandbox.persona('linked');
      const { orderId } = await createdOrder(h, { customer_id: customer });
      const answer = await h.pay(customer, (await freshToken(h.api, customer)).token, {
        'order.order_id': orderId,
        'order.amount': '1',
      });
      assert.equal(answer.status, 400);
      assert.equal(answer.body.error_code, 'INVALID_INPUT');
    });

    it("answers the seed's 400 for an order that timed out", async () => {
      const customer = h.sandbox.persona('linked');
      const { orderId } = await createdOrder(h, { customer_id: customer });
      h.sandbox.clock.advance(900_000);
      const answer = await h.pay(customer, (await freshToken(h.api, customer)).token, { 'order.order_id': orderId });
      assert.equal(answer.status, 400);
      assert.deepEqual(answer.body, { status: 'error', error_code: 'invalid_request', error_message: 'Order timed out' });
      assert.equal(h.sandbox.debitCount(customer), 0);
    });

    it('times out a pending order: the txn fails and the top-up page no longer takes money', async () => {
      const { customer, orderId, topupUrl } = await pendingOrder(h);
      h.sandbox.clock.advance(900_000);
      const status = await h.api.get(`/orders/${orderId}`);
      assert.equal(status.body.status, 'AUTHENTICATION_FAILED');
      assert.equal(status.body.status_id, 26);
      const page = await fetch(topupUrl);
      assert.match(await page.text(), /timed out/);
      const post = await submitTopup(topupUrl, 'action=topup&amount=130000');
      assert.equal(new URL(post.headers.get('location')!).searchParams.get('status'), 'AUTHENTICATION_FAILED');
      assert.equal(h.sandbox.debitCount(customer), 0);
      const retry = await h.pay(customer, (await freshToken(h.api, customer)).token, { 'order.order_id': orderId });
      assert.equal(retry.status, 400);
      assert.equal(retry.body.error_message, 'Order timed out');
    });
  });
});
