import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { freshToken, startSandbox, type Harness } from './helpers.js';

const WALLET_ID = /^wlt_[a-z0-9]{16}$/;
const ISO_Z = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/;
const START = Date.UTC(2025, 0, 15, 8, 0, 0);
const iso = (ms: number) => new Date(ms).toISOString().replace('.000Z', 'Z');

describe('sandbox customers', () => {
  let h: Harness;
  before(async () => {
    h = await startSandbox({ frozenClock: true, startTime: START });
  });
  after(() => h.close());

  it('creates a customer with a cst_ id and finds it by either id', async () => {
    const created = await h.api.post('/customers', {
      object_reference_id: 'alice@example.com',
      mobile_number: '081234',
      email_address: 'alice@example.com',
      first_name: 'Alice',
      mobile_country_code: '62',
    });
    assert.equal(created.status, 200);
    assert.match(created.body.id, /^cst_[a-z0-9]{16}$/);
    assert.equal(created.body.object, 'customer');
    assert.equal(created.body.date_created, iso(START));
    assert.equal('juspay' in created.body, false, 'no juspay block unless a token was requested');
    for (const id of [created.body.id, 'alice@example.com']) {
      const found = await h.api.get(`/customers/${encodeURIComponent(id)}`);
      assert.equal(found.status, 200);
      assert.equal(found.body.id, created.body.id);
    }
  });

  it('rejects a duplicate object_reference_id with 400 unique', async () => {
    await h.api.post('/customers', { object_reference_id: 'dup-1' });
    const again = await h.api.post('/customers', { object_reference_id: 'dup-1' });
    assert.equal(again.status, 400);
    assert.deepEqual(again.body, {
      status: 'invalid_request_error',
      error_code: 'unique',
      error_message: 'Customer with given object reference id already exist for your account.',
    });
  });

  it('rejects a customer without object_reference_id', async () => {
    const answer = await h.api.post('/customers', { mobile_number: '0811' });
    assert.equal(answer.status, 400);
  });

  it('answers the documented null_error for an unknown customer on every customer path', async () => {
    const expected = {
      status: 'Invalid Request',
      error_code: 'null_error',
      error_message: 'Customer not found for given customerId.',
    };
    for (const answer of [
      await h.api.get('/customers/nobody'),
      await h.api.get('/customers/nobody/wallets'),
      await h.api.post('/customers/nobody/wallets', { gateway: 'GOPAY' }),
      await h.api.get('/customers/nobody/wallets/refresh-balances'),
    ]) {
      assert.equal(answer.status, 400);
      assert.deepEqual(answer.body, expected);
    }
  });
});

describe('sandbox wallets', () => {
  let h: Harness;
  before(async () => {
    h = await startSandbox({ frozenClock: true, startTime: START });
  });
  after(() => h.close());

  const create = (customer: string, form: Record<string, string>) => h.api.post(`/customers/${customer}/wallets`, form);
  const command = (walletId: string, form: Record<string, string>) => h.api.post(`/wallets/${walletId}`, form);
  /** The wallet of a fresh `unlinked` persona, as the list shows it. */
  const unlinkedWallet = async () => (await freshToken(h.api, h.sandbox.persona('unlinked'))).walletId;

  it('creates an unlinked wallet in the documented shape', async () => {
    const customer = h.sandbox.persona('new');
    const answer = await create(customer, { gateway: 'DANA' });
    assert.equal(answer.status, 200);
    assert.match(answer.body.id, WALLET_ID);
    assert.deepEqual(answer.body, {
      id: answer.body.id,
      object: 'wallet_account',
      wallet: 'DANA',
      token: null,
      current_balance: null,
      linked: false,
      last_refreshed: null,
    });
  });

  it('stores mobile_number as metadata and echoes gateway_reference_id', async () => {
    const customer = h.sandbox.persona('new');
    const answer = await create(customer, { gateway: 'OVO', mobile_number: '0899', gateway_reference_id: 'mid2' });
    assert.deepEqual(answer.body.metadata, { mobile_number: '0899' });
    assert.equal(answer.body.gateway_reference_id, 'mid2');
    const updated = await command(answer.body.id, { command: 'update', mobile_number: '0877' });
    assert.equal(updated.status, 200);
    assert.deepEqual(updated.body.metadata, { mobile_number: '0877' });
    assert.equal((await command(answer.body.id, { command: 'update' })).status, 400);
  });

  it('accepts SHOPEE as an alias and answers SHOPEEPAY', async () => {
    const customer = h.sandbox.persona('new');
    assert.equal((await create(customer, { gateway: 'SHOPEE' })).body.wallet, 'SHOPEEPAY');
    assert.equal((await create(customer, { gateway: 'shopeepay' })).body.wallet, 'SHOPEEPAY');
  });

  it('rejects a missing or unsupported gateway with 400', async () => {
    const customer = h.sandbox.persona('new');
    for (const form of [{}, { gateway: 'PAYTM' }, { gateway: 'GOPAY', command: 'launch' }] as Record<string, string>[]) {
      const answer = await create(customer, form);
      assert.equal(answer.status, 400, JSON.stringify(form));
      assert.equal(answer.body.status, 'Invalid Request');
      assert.equal(answer.body.error_code, 'Invalid');
    }
    assert.equal((await h.api.get(`/customers/${customer}/wallets`)).body.total, 0, 'nothing was created');
  });

  it('lists wallets in the list envelope, several of one provider allowed', async () => {
    const customer = h.sandbox.persona('linked');
    await create(customer, { gateway: 'GOPAY' });
    const list = await h.api.get(`/customers/${customer}/wallets`);
    assert.equal(list.status, 200);
    assert.deepEqual(Object.keys(list.body).sort(), ['count', 'list', 'object', 'offset', 'total']);
    assert.equal(list.body.object, 'list');
    assert.equal(list.body.count, 2);
    assert.equal(list.body.offset, 0);
    assert.equal(list.body.total, 2);
    const [linked, unlinked] = list.body.list;
    assert.equal(linked.linked, true);
    assert.match(linked.token, /^tkn_[0-9a-f]{32}$/);
    assert.equal(linked.current_balance, 1_000_000);
    assert.match(linked.last_refreshed, ISO_Z);
    assert.equal(unlinked.linked, false);
    assert.equal(unlinked.token, null);
  });

  describe('linking with an OTP', () => {
    it('links with the right OTP after create with command=authenticate', async () => {
      const customer = h.sandbox.persona('new');
      const created = await create(customer, { gateway: 'GOPAY', command: 'authenticate' });
      assert.equal(created.body.linked, false);
      const linked = await command(created.body.id, { command: 'link', otp: h.sandbox.testOtp });
      assert.equal(linked.status, 200);
      assert.equal(linked.body.linked, true);
      assert.match(linked.body.token, /^tkn_/);
      assert.equal(linked.body.current_balance, 500_000, 'wallets created later hold 500,000');
      assert.equal(linked.body.last_refreshed, iso(h.sandbox.clock.now()));
      const list = await h.api.get(`/customers/${customer}/wallets`);
      assert.equal(list.body.list[0].linked, true);
    });

    it('links a listed-but-unlinked wallet after authenticate', async () => {
      const walletId = await unlinkedWallet();
      const sent = await command(walletId, { command: 'authenticate' });
      assert.equal(sent.status, 200);
      assert.equal(sent.body.linked, false);
      assert.equal(sent.body.token, null);
      const linked = await command(walletId, { command: 'link', otp: h.sandbox.testOtp });
      assert.equal(linked.body.linked, true);
    });

    it('answers 200 with linked:false for a wrong OTP, and the right one still works after', async () => {
      const walletId = await unlinkedWallet();
      await command(walletId, { command: 'authenticate' });
      const wrong = await command(walletId, { command: 'link', otp: '000000' });
      assert.equal(wrong.status, 200);
      assert.equal(wrong.body.linked, false);
      assert.equal(wrong.body.token, null);
      assert.equal(wrong.body.current_balance, null);
      const right = await command(walletId, { command: 'link', otp: h.sandbox.testOtp });
      assert.equal(right.body.linked, true);
    });

    it('answers the documented 400 when the OTP is missing', async () => {
      const walletId = await unlinkedWallet();
      await command(walletId, { command: 'authenticate' });
      const answer = await command(walletId, { command: 'link' });
      assert.equal(answer.status, 400);
      assert.deepEqual(answer.body, {
        status: 'Invalid Request',
        error_code: 'Invalid',
        error_message: 'OTP is required while linking wallet.',
      });
    });

    it('fails like a wrong OTP when no OTP was ever sent', async () => {
      const walletId = await unlinkedWallet();
      const answer = await command(walletId, { command: 'link', otp: h.sandbox.testOtp });
      assert.equal(answer.status, 200);
      assert.equal(answer.body.linked, false);
    });

    it('expires an OTP five minutes after it was sent; a resend makes a new one', async () => {
      const walletId = await unlinkedWallet();
      await command(walletId, { command: 'authenticate' });
      h.sandbox.clock.advance(4 * 60_000 + 59_000);
      await command(walletId, { command: 'authenticate' }); // resend restarts the five minutes
      h.sandbox.clock.advance(4 * 60_000);
      assert.equal((await command(walletId, { command: 'link', otp: h.sandbox.testOtp })).body.linked, true);

      const second = await unlinkedWallet();
      await command(second, { command: 'authenticate' });
      h.sandbox.clock.advance(5 * 60_000);
      const late = await command(second, { command: 'link', otp: h.sandbox.testOtp });
      assert.equal(late.status, 200);
      assert.equal(late.body.linked, false);
    });
  });

  describe('balances', () => {
    it('refresh re-reads the provider balance and updates last_refreshed; list keeps the stored one', async () => {
      const customer = h.sandbox.persona('linked');
      const first = await h.api.get(`/customers/${customer}/wallets`);
      const seededAt = first.body.list[0].last_refreshed;
      const { token, walletId } = await freshToken(h.api, customer);
      assert.equal((await h.pay(customer, token)).body.status, 'CHARGED');
      h.sandbox.clock.advance(90_000);

      const listed = await h.api.get(`/customers/${customer}/wallets`);
      assert.equal(listed.body.list[0].current_balance, 1_000_000, 'list shows the stored balance');
      assert.equal(listed.body.list[0].last_refreshed, seededAt);

      const refreshed = await h.api.post(`/wallets/${walletId}`, { command: 'refresh' });
      assert.equal(refreshed.status, 200);
      assert.equal(refreshed.body.current_balance, 850_000);
      assert.equal(refreshed.body.last_refreshed, iso(h.sandbox.clock.now()));
      assert.notEqual(refreshed.body.last_refreshed, seededAt);
      assert.match(refreshed.body.token, /^tkn_/);
      assert.equal((await h.api.get(`/customers/${customer}/wallets`)).body.list[0].current_balance, 850_000);
    });

    it('refresh works as GET ?command=refresh (the SDKs) too', async () => {
      const customer = h.sandbox.persona('low-balance');
      const { walletId } = await freshToken(h.api, customer);
      h.sandbox.clock.advance(1000);
      const answer = await h.api.get(`/wallets/${walletId}?command=refresh`);
      assert.equal(answer.status, 200);
      assert.equal(answer.body.current_balance, 20_000);
      assert.equal(answer.body.last_refreshed, iso(h.sandbox.clock.now()));
    });

    it('refresh-balances refreshes every linked wallet, leaving unlinked ones alone', async () => {
      const customer = h.sandbox.persona('linked');
      await create(customer, { gateway: 'OVO' });
      h.sandbox.clock.advance(60_000);
      const answer = await h.api.get(`/customers/${customer}/wallets/refresh-balances`);
      assert.equal(answer.status, 200);
      assert.equal(answer.body.object, 'list');
      assert.equal(answer.body.total, 2);
      assert.equal(answer.body.list[0].last_refreshed, iso(h.sandbox.clock.now()));
      assert.match(answer.body.list[0].token, /^tkn_/);
      assert.equal(answer.body.list[1].last_refreshed, null);
      assert.equal(answer.body.list[1].token, null);
    });

    it('refuses to refresh an unlinked wallet with 400', async () => {
      const walletId = await unlinkedWallet();
      const answer = await h.api.post(`/wallets/${walletId}`, { command: 'refresh' });
      assert.equal(answer.status, 400);
      assert.deepEqual(answer.body, {
        status: 'Invalid Request',
        error_code: 'Invalid',
        error_message: 'Wallet is not linked',
      });
    });
  });

  it('get returns the wallet with a fresh token each time', async () => {
    const customer = h.sandbox.persona('linked');
    const { walletId, token } = await freshToken(h.api, customer);
    const first = await h.api.get(`/wallets/${walletId}`);
    const second = await h.api.get(`/wallets/${walletId}`);
    assert.equal(first.status, 200);
    assert.equal(first.body.id, walletId);
    assert.equal(first.body.linked, true);
    assert.equal(new Set([token, first.body.token, second.body.token]).size, 3);
  });

  it('delink clears token, balance and last_refreshed; the wallet stays listed', async () => {
    const customer = h.sandbox.persona('linked');
    const { walletId } = await freshToken(h.api, customer);
    const answer = await h.api.post(`/wallets/${walletId}`, { command: 'delink' });
    assert.equal(answer.status, 200);
    assert.deepEqual(
      {
        token: answer.body.token,
        current_balance: answer.body.current_balance,
        linked: answer.body.linked,
        last_refreshed: answer.body.last_refreshed,
      },
      { token: null, current_balance: null, linked: false, last_refreshed: null },
    );
    const list = await h.api.get(`/customers/${customer}/wallets`);
    assert.equal(list.body.total, 1);
    assert.equal(list.body.list[0].linked, false);
    assert.equal(list.body.list[0].token, null);
  });

  it('answers 404 with a Juspay envelope for an unknown wallet, 400 for an unknown or missing command', async () => {
    for (const answer of [
      await h.api.get('/wallets/wlt_doesnotexist0000'),
      await h.api.post('/wallets/wlt_doesnotexist0000', { command: 'refresh' }),
    ]) {
      assert.equal(answer.status, 404);
      assert.equal(answer.body.status, 'error');
      assert.equal(answer.body.error_code, 'RESOURCE_NOT_FOUND');
      assert.equal(typeof answer.body.error_message, 'string');
    }
    const { walletId } = await freshToken(h.api, h.sandbox.persona('linked'));
    assert.equal((await h.api.post(`/wallets/${walletId}`, { command: 'explode' })).status, 400);
    assert.equal((await h.api.post(`/wallets/${walletId}`, {})).status, 400);
  });
});
