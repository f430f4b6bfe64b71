/**
 * Unlinking a wallet (`POST /wallets/:id/unlink`, Juspay's delink) and the checkout rendered by the merchant's
 * server (`kit.checkout` + `serializeCheckout`), against the sandbox over HTTP.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { Checkout, ErrorBody, WalletResult } from '../../src/contract.js';
import { serializeCheckout } from '../../src/server/index.js';
import { startHarness, walletOf, type Harness } from './kit-harness.js';

const delinks = (h: Harness) => h.juspay.filter((exchange) => exchange.requestBody.includes('command=delink')).length;

describe('kit: unlinking a wallet', () => {
  let h: Harness;
  before(async () => {
    h = await startHarness();
  });
  after(() => h.close());

  it('unlinks a linked wallet the session owns: no balance, and it can no longer pay', async () => {
    const shopper = await h.checkout('linked');
    const wallet = walletOf(await shopper.call('GET', '/checkout'));
    const before = delinks(h);
    const answer = await shopper.call('POST', `/wallets/${wallet.id}/unlink`);
    assert.equal(answer.status, 200, answer.text);
    assert.deepEqual(WalletResult.parse(answer.json).wallet, {
      id: wallet.id,
      provider: 'GOPAY',
      linked: false,
      balance: null,
      balanceUpdatedAt: null,
    });
    assert.equal(delinks(h) - before, 1);
    assert.equal(walletOf(await shopper.call('GET', '/checkout')).linked, false);
    const pay = await shopper.call('POST', '/pay', { walletId: wallet.id });
    assert.equal(ErrorBody.parse(pay.json).error.code, 'wallet_not_linked');
    assert.equal(h.sandbox.debitCount(shopper.session.customerId), 0);
  });

  it('unlinking an unlinked wallet answers its state and asks Juspay nothing', async () => {
    const shopper = await h.checkout('unlinked');
    const wallet = walletOf(await shopper.call('GET', '/checkout'));
    const before = delinks(h);
    const answer = await shopper.call('POST', `/wallets/${wallet.id}/unlink`);
    assert.equal(WalletResult.parse(answer.json).wallet.linked, false);
    assert.equal(delinks(h), before);
  });

  it("refuses another customer's wallet as unknown, without touching it", async () => {
    const owner = await h.checkout('linked');
    const victim = walletOf(await owner.call('GET', '/checkout'));
    const attacker = await h.checkout('linked');
    const before = delinks(h);
    const answer = await attacker.call('POST', `/wallets/${victim.id}/unlink`);
    assert.equal(answer.status, 400);
    assert.equal(ErrorBody.parse(answer.json).error.message, 'Unknown wallet.');
    assert.equal(delinks(h), before);
    assert.equal(walletOf(await owner.call('GET', '/checkout')).linked, true);
  });
});

describe('kit: the checkout rendered by the merchant server', () => {
  let h: Harness;
  before(async () => {
    h = await startHarness();
  });
  after(() => h.close());

  it('kit.checkout answers what GET /checkout answers, for the same session', async () => {
    const shopper = await h.checkout('linked');
    const request = new Request('https://shop.example/checkout-page', { headers: { authorization: `Bearer ${shopper.token}` } });
    const rendered = Checkout.parse(await h.kit.checkout(request));
    assert.deepEqual(rendered, Checkout.parse((await shopper.call('GET', '/checkout')).json));
    await assert.rejects(
      h.kit.checkout(new Request('https://shop.example/checkout-page')),
      (error: Error & { code?: string }) => error.code === 'unauthorized',
    );
  });

  it('serializeCheckout is JSON that cannot end or confuse its <script> block, and parses back to the same value', () => {
    const hostile = '</script><script>alert(1)</script><!-- & \u2028\u2029 </SCRIPT>';
    const checkout: Checkout = { order: { id: hostile, amount: 150_000, currency: 'IDR' }, wallets: [], providers: ['GOPAY'] };
    const text = serializeCheckout(checkout);
    assert.doesNotMatch(text, /[<>&\u2028\u2029]/);
    assert.deepEqual(JSON.parse(text), checkout);
  });
});
