import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { freshToken, startSandbox, type Harness } from './helpers.js';

describe('sandbox personas', () => {
  let h: Harness;
  before(async () => {
    h = await startSandbox();
  });
  after(() => h.close());

  const wallets = async (customer: string) => (await h.api.get(`/customers/${customer}/wallets`)).body.list;
  const refreshed = async (customer: string) => (await h.api.get(`/customers/${customer}/wallets/refresh-balances`)).body.list;

  it('seeds the five personas under exactly their names', async () => {
    assert.deepEqual(await wallets('new'), []);
    const [unlinked] = await wallets('unlinked');
    assert.equal(unlinked.wallet, 'GOPAY');
    assert.equal(unlinked.linked, false);
    for (const [name, balance] of [
      ['linked', 1_000_000],
      ['low-balance', 20_000],
      ['declined', 1_000_000],
    ] as const) {
      const list = await wallets(name);
      assert.equal(list.length, 1, name);
      assert.equal(list[0].wallet, 'GOPAY');
      assert.equal(list[0].linked, true);
      assert.equal(list[0].current_balance, balance, name);
    }
  });

  it('persona() clones a fresh, isolated customer each time', async () => {
    const a = h.sandbox.persona('linked');
    const b = h.sandbox.persona('linked');
    assert.match(a, /^linked-[a-z0-9]{6}$/);
    assert.notEqual(a, b);
    const [walletA] = await wallets(a);
    const [walletB] = await wallets(b);
    assert.notEqual(walletA.id, walletB.id);

    const { token } = await freshToken(h.api, a);
    assert.equal((await h.pay(a, token)).body.status, 'CHARGED');
    assert.equal(h.sandbox.debitCount(a), 1);
    assert.equal(h.sandbox.debitCount(b), 0);
    assert.equal((await refreshed(a))[0].current_balance, 850_000);
    assert.equal((await refreshed(b))[0].current_balance, 1_000_000);
    assert.equal((await refreshed('linked'))[0].current_balance, 1_000_000, 'the seeded template is untouched');
  });

  it('a cloned unlinked persona links independently of the seeded one', async () => {
    const clone = h.sandbox.persona('unlinked');
    const [wallet] = await wallets(clone);
    await h.api.post(`/wallets/${wallet.id}`, { command: 'authenticate' });
    await h.api.post(`/wallets/${wallet.id}`, { command: 'link', otp: h.sandbox.testOtp });
    assert.equal((await wallets(clone))[0].linked, true);
    assert.equal((await wallets('unlinked'))[0].linked, false);
  });

  it('reset() restores the seeded state', async () => {
    const { token } = await freshToken(h.api, 'linked');
    assert.equal((await h.pay('linked', token)).body.status, 'CHARGED');
    const clone = h.sandbox.persona('new');
    assert.equal(h.sandbox.debitCount('linked'), 1);

    h.sandbox.reset();
    assert.equal(h.sandbox.debitCount('linked'), 0);
    assert.equal((await refreshed('linked'))[0].current_balance, 1_000_000);
    assert.throws(() => h.sandbox.debitCount(clone), /Unknown customer/);
    assert.equal((await h.api.get(`/customers/${clone}/wallets`)).status, 400);
  });

  it('rejects an unknown persona name', () => {
    assert.throws(() => h.sandbox.persona('rich' as never), /Unknown persona/);
  });
});
