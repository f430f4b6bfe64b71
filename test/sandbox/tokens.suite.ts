import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { freshToken, startSandbox, type Harness } from './helpers.js';

describe('sandbox direct-debit tokens', () => {
  let h: Harness;
  before(async () => {
    h = await startSandbox({ tokenTtlSeconds: 120 });
  });
  after(() => h.close());

  it('is single-use: a second /txns with the same token is an invalid-token 400', async () => {
    const customer = h.sandbox.persona('linked');
    const { token } = await freshToken(h.api, customer);
    assert.equal((await h.pay(customer, token)).body.status, 'CHARGED');
    const reused = await h.pay(customer, token);
    assert.equal(reused.status, 400);
    assert.equal(reused.body.status, 'error');
    assert.equal(reused.body.error_code, 'INVALID_INPUT');
    assert.match(reused.body.error_message, /direct_wallet_token/);
    assert.equal(h.sandbox.debitCount(customer), 1);
  });

  it('is spent by a /txns that fails for another reason', async () => {
    const customer = h.sandbox.persona('linked');
    const { token } = await freshToken(h.api, customer);
    const wrongMerchant = await h.pay(customer, token, { merchant_id: 'someone_else' });
    assert.equal(wrongMerchant.status, 400);
    const retry = await h.pay(customer, token);
    assert.equal(retry.status, 400);
    assert.equal(retry.body.error_code, 'INVALID_INPUT');
    assert.equal(h.sandbox.debitCount(customer), 0);
  });

  it('expires tokenTtlSeconds after issue with error_code EXPIRED', async () => {
    const customer = h.sandbox.persona('linked');
    const early = await freshToken(h.api, customer);
    const late = await freshToken(h.api, customer);
    h.sandbox.clock.advance(119_000);
    assert.equal((await h.pay(customer, early.token)).body.status, 'CHARGED', 'still valid just before the TTL');
    h.sandbox.clock.advance(1_000);
    const expired = await h.pay(customer, late.token);
    assert.equal(expired.status, 400);
    assert.deepEqual(expired.body, {
      status: 'error',
      error_code: 'EXPIRED',
      error_message: 'direct_wallet_token has expired',
    });
    // A fresh token works again: the retry a kit makes.
    const fresh = await freshToken(h.api, customer);
    assert.equal((await h.pay(customer, fresh.token)).body.status, 'CHARGED');
  });

  it('rejects an unknown token with an invalid-token 400', async () => {
    const customer = h.sandbox.persona('linked');
    const answer = await h.pay(customer, 'tkn_00000000000000000000000000000000');
    assert.equal(answer.status, 400);
    assert.equal(answer.body.error_code, 'INVALID_INPUT');
  });

  it('is invalidated, every outstanding one, by delink', async () => {
    const customer = h.sandbox.persona('linked');
    const first = await freshToken(h.api, customer);
    const second = await freshToken(h.api, customer);
    await h.api.post(`/wallets/${first.walletId}`, { command: 'delink' });
    for (const token of [first.token, second.token]) {
      const answer = await h.pay(customer, token);
      assert.equal(answer.status, 400);
      assert.equal(answer.body.error_code, 'INVALID_INPUT');
    }
    // Relinking mints new tokens; the old ones stay dead.
    await h.api.post(`/wallets/${first.walletId}`, { command: 'authenticate' });
    const relinked = await h.api.post(`/wallets/${first.walletId}`, { command: 'link', otp: h.sandbox.testOtp });
    assert.equal((await h.pay(customer, relinked.body.token)).body.status, 'CHARGED');
    assert.equal(h.sandbox.debitCount(customer), 1);
  });

  it("only debits the wallet of the order's customer", async () => {
    const owner = h.sandbox.persona('linked');
    const other = h.sandbox.persona('linked');
    const { token } = await freshToken(h.api, owner);
    const answer = await h.pay(other, token);
    assert.equal(answer.status, 400);
    assert.equal(answer.body.error_code, 'INVALID_INPUT');
    assert.equal(h.sandbox.debitCount(owner) + h.sandbox.debitCount(other), 0);
  });

  it("needs payment_method to match the token's wallet", async () => {
    const customer = h.sandbox.persona('linked');
    const { token } = await freshToken(h.api, customer);
    const answer = await h.pay(customer, token, { payment_method: 'OVO' });
    assert.equal(answer.status, 400);
    assert.equal(answer.body.error_code, 'INVALID_INPUT');
  });

  it('mints a token for each list, get, link, refresh and refresh-all; none for unlinked wallets', async () => {
    const customer = h.sandbox.persona('linked');
    const tokens = new Set<string>();
    const list = await freshToken(h.api, customer);
    tokens.add(list.token);
    tokens.add((await h.api.get(`/wallets/${list.walletId}`)).body.token);
    tokens.add((await h.api.post(`/wallets/${list.walletId}`, { command: 'refresh' })).body.token);
    tokens.add((await h.api.get(`/customers/${customer}/wallets/refresh-balances`)).body.list[0].token);
    assert.equal(tokens.size, 4);
    for (const token of tokens) assert.match(token, /^tkn_[0-9a-f]{32}$/);

    const unlinked = h.sandbox.persona('unlinked');
    const { walletId, token } = await freshToken(h.api, unlinked);
    assert.equal(token, null);
    assert.equal((await h.api.get(`/wallets/${walletId}`)).body.token, null);
  });
});
