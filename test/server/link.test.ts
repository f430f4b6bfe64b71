/**
 * Linking by OTP through the kit, against the sandbox over HTTP: first link for a customer without wallets and for
 * one with a listed unlinked wallet, and every bound the kit puts on OTPs (attempts, resends, cooldown, age).
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { Checkout, ErrorBody, OtpChallenge, WalletResult } from '../../src/contract.js';
import { startHarness, walletOf, type Harness } from './kit-harness.js';

/** Juspay calls that carried a link command (the OTP check itself). */
const linkCalls = (h: Harness) => h.juspay.filter((exchange) => exchange.requestBody.includes('command=link')).length;

describe('kit: linking a wallet by OTP', () => {
  let h: Harness;
  before(async () => {
    h = await startHarness();
  });
  after(() => h.close());

  it('links a first wallet for a customer without wallets (create + OTP + link)', async () => {
    const shopper = await h.checkout('new');
    const checkout = await shopper.call('GET', '/checkout');
    assert.equal(checkout.status, 200);
    assert.deepEqual(Checkout.parse(checkout.json).wallets, []);

    const created = await shopper.call('POST', '/wallets', { provider: 'GOPAY' });
    assert.equal(created.status, 200);
    const challenge = OtpChallenge.parse(created.json);
    assert.equal(challenge.wallet.provider, 'GOPAY');
    assert.equal(challenge.wallet.linked, false);
    assert.deepEqual(challenge.otp, { attemptsLeft: 5, resendsLeft: 3, resendAfter: 30 });

    const linked = await shopper.call('POST', `/wallets/${challenge.wallet.id}/link`, { otp: h.sandbox.testOtp });
    assert.equal(linked.status, 200);
    const { wallet } = WalletResult.parse(linked.json);
    assert.deepEqual(
      { id: wallet.id, linked: wallet.linked, balance: wallet.balance },
      { id: challenge.wallet.id, linked: true, balance: 500_000 },
    );
    assert.ok(wallet.balanceUpdatedAt && !Number.isNaN(Date.parse(wallet.balanceUpdatedAt)));

    assert.equal(walletOf(await shopper.call('GET', '/checkout')).linked, true);
  });

  it('authenticates the listed unlinked wallet instead of creating a duplicate', async () => {
    const shopper = await h.checkout('unlinked');
    const listed = walletOf(await shopper.call('GET', '/checkout'));
    assert.equal(listed.linked, false);
    const creates = () =>
      h.juspay.filter((e) => e.method === 'POST' && e.url.endsWith(`/customers/${shopper.session.customerId}/wallets`)).length;

    const challenge = OtpChallenge.parse((await shopper.call('POST', '/wallets', { provider: 'GOPAY' })).json);
    assert.equal(challenge.wallet.id, listed.id);
    assert.equal(creates(), 0);

    const linked = await shopper.call('POST', `/wallets/${listed.id}/link`, { otp: h.sandbox.testOtp });
    assert.equal(WalletResult.parse(linked.json).wallet.linked, true);
    const checkout = Checkout.parse((await shopper.call('GET', '/checkout')).json);
    assert.equal(checkout.wallets.length, 1);
  });

  it('sends an OTP for a listed wallet on POST /wallets/:id/authenticate', async () => {
    const shopper = await h.checkout('unlinked');
    const listed = walletOf(await shopper.call('GET', '/checkout'));
    const answer = await shopper.call('POST', `/wallets/${listed.id}/authenticate`);
    assert.equal(answer.status, 200);
    assert.equal(OtpChallenge.parse(answer.json).otp.resendsLeft, 3);
    assert.equal(
      WalletResult.parse((await shopper.call('POST', `/wallets/${listed.id}/link`, { otp: h.sandbox.testOtp })).json).wallet.linked,
      true,
    );
  });

  it('answers a wrong OTP with otp_invalid and a falling attemptsLeft, then locks the wallet', async () => {
    const shopper = await h.checkout('new');
    const { wallet } = OtpChallenge.parse((await shopper.call('POST', '/wallets', { provider: 'DANA' })).json);
    const left: number[] = [];
    for (let attempt = 1; attempt <= 4; attempt += 1) {
      const answer = await shopper.call('POST', `/wallets/${wallet.id}/link`, { otp: '000000' });
      assert.equal(answer.status, 422);
      const { error } = ErrorBody.parse(answer.json);
      assert.equal(error.code, 'otp_invalid');
      left.push(error.attemptsLeft!);
    }
    assert.deepEqual(left, [4, 3, 2, 1]);

    const fifth = await shopper.call('POST', `/wallets/${wallet.id}/link`, { otp: '000000' });
    assert.equal(fifth.status, 429);
    assert.deepEqual(ErrorBody.parse(fifth.json).error, {
      code: 'otp_attempts_exceeded',
      message: ErrorBody.parse(fifth.json).error.message,
      attemptsLeft: 0,
    });

    // Locked: even the right code is refused, and it is refused before Juspay is asked.
    const before = linkCalls(h);
    const right = await shopper.call('POST', `/wallets/${wallet.id}/link`, { otp: h.sandbox.testOtp });
    assert.equal(ErrorBody.parse(right.json).error.code, 'otp_attempts_exceeded');
    assert.equal(linkCalls(h), before);
    // And no more codes are sent for a locked wallet.
    h.advanceKitClock(60_000);
    assert.equal(
      ErrorBody.parse((await shopper.call('POST', `/wallets/${wallet.id}/authenticate`)).json).error.code,
      'otp_attempts_exceeded',
    );
  });

  it('resets the counters when the link succeeds', async () => {
    const shopper = await h.checkout('new');
    const { wallet } = OtpChallenge.parse((await shopper.call('POST', '/wallets', { provider: 'OVO' })).json);
    for (let attempt = 0; attempt < 3; attempt += 1) await shopper.call('POST', `/wallets/${wallet.id}/link`, { otp: '999999' });
    assert.equal((await shopper.call('POST', `/wallets/${wallet.id}/link`, { otp: h.sandbox.testOtp })).status, 200);

    // The provider unlinks it (delinked by the shopper in the provider's app); linking again starts from full budgets.
    const delink = await fetch(`${h.sandboxUrl}/wallets/${wallet.id}`, {
      method: 'POST',
      headers: { authorization: `Basic ${btoa(`${h.sandbox.apiKey}:`)}`, 'content-type': 'application/x-www-form-urlencoded' },
      body: 'command=delink',
    });
    assert.equal(delink.status, 200);
    const again = await shopper.call('POST', `/wallets/${wallet.id}/authenticate`);
    assert.equal(again.status, 200);
    assert.deepEqual(OtpChallenge.parse(again.json).otp, { attemptsLeft: 5, resendsLeft: 3, resendAfter: 30 });
  });

  it('inside the cooldown answers the code already sent (no new SMS), then enforces the resend limit, with retryAfter', async () => {
    const shopper = await h.checkout('new');
    const { wallet } = OtpChallenge.parse((await shopper.call('POST', '/wallets', { provider: 'SHOPEEPAY' })).json);
    const sends = () => h.juspay.filter((e) => e.requestBody.includes('command=authenticate')).length;
    const sent = sends();

    // The shopper went back and chose the wallet again: the code on their phone is still the one to type.
    const early = await shopper.call('POST', `/wallets/${wallet.id}/authenticate`);
    assert.equal(early.status, 200, early.text);
    assert.deepEqual(OtpChallenge.parse(early.json).otp, { attemptsLeft: 5, resendsLeft: 3, resendAfter: 30 });
    h.advanceKitClock(10_000);
    const again = OtpChallenge.parse((await shopper.call('POST', '/wallets', { provider: 'SHOPEEPAY' })).json);
    assert.equal(again.wallet.id, wallet.id);
    assert.deepEqual(again.otp, { attemptsLeft: 5, resendsLeft: 3, resendAfter: 20 });
    assert.equal(sends(), sent, 'no code is sent inside the cooldown');
    h.advanceKitClock(20_000);

    const resendsLeft: number[] = [];
    for (let resend = 0; resend < 3; resend += 1) {
      if (resend > 0) h.advanceKitClock(30_000);
      const answer = await shopper.call('POST', `/wallets/${wallet.id}/authenticate`);
      assert.equal(answer.status, 200, answer.text);
      resendsLeft.push(OtpChallenge.parse(answer.json).otp.resendsLeft);
    }
    assert.deepEqual(resendsLeft, [2, 1, 0]);

    h.advanceKitClock(30_000);
    const sendsBefore = h.juspay.filter((e) => e.requestBody.includes('command=authenticate')).length;
    const over = await shopper.call('POST', `/wallets/${wallet.id}/authenticate`);
    assert.equal(over.status, 429);
    const overError = ErrorBody.parse(over.json).error;
    assert.equal(overError.code, 'rate_limited');
    // The budget comes back when the window (an hour from the first send) ends: 3600 - 120 seconds from now.
    assert.equal(overError.retryAfter, 3600 - 120);
    assert.equal(h.juspay.filter((e) => e.requestBody.includes('command=authenticate')).length, sendsBefore);

    // POST /wallets for the same provider re-authenticates the same wallet, so it is bound by the same budget.
    assert.equal(ErrorBody.parse((await shopper.call('POST', '/wallets', { provider: 'SHOPEEPAY' })).json).error.code, 'rate_limited');
  });

  it('answers otp_expired for a code older than 5 minutes without asking Juspay; a new code works', async () => {
    const shopper = await h.checkout('new');
    const { wallet } = OtpChallenge.parse((await shopper.call('POST', '/wallets', { provider: 'GOPAY' })).json);
    h.advanceKitClock(5 * 60_000 + 1_000);
    const before = linkCalls(h);
    const stale = await shopper.call('POST', `/wallets/${wallet.id}/link`, { otp: h.sandbox.testOtp });
    assert.equal(stale.status, 422);
    assert.equal(ErrorBody.parse(stale.json).error.code, 'otp_expired');
    assert.equal(linkCalls(h), before);

    const resent = await shopper.call('POST', `/wallets/${wallet.id}/authenticate`);
    assert.equal(OtpChallenge.parse(resent.json).otp.attemptsLeft, 5, 'an expired code did not cost an attempt');
    assert.equal(
      WalletResult.parse((await shopper.call('POST', `/wallets/${wallet.id}/link`, { otp: h.sandbox.testOtp })).json).wallet.linked,
      true,
    );
  });

  it('refuses to link a wallet the kit never sent a code for', async () => {
    const shopper = await h.checkout('unlinked');
    const listed = walletOf(await shopper.call('GET', '/checkout'));
    const answer = await shopper.call('POST', `/wallets/${listed.id}/link`, { otp: h.sandbox.testOtp });
    assert.equal(ErrorBody.parse(answer.json).error.code, 'otp_expired');
  });

  it('never makes a second wallet of a provider that is already linked: it answers the linked one, sending nothing', async () => {
    const shopper = await h.checkout('linked');
    const sends = () =>
      h.juspay.filter((e) => e.requestBody.includes('command=authenticate') || (e.method === 'POST' && /\/wallets$/.test(e.url))).length;
    const before = sends();
    const [existing] = Checkout.parse((await shopper.call('GET', '/checkout')).json).wallets;
    const created = OtpChallenge.parse((await shopper.call('POST', '/wallets', { provider: 'GOPAY' })).json);
    assert.deepEqual({ id: created.wallet.id, linked: created.wallet.linked }, { id: existing!.id, linked: true });
    const again = OtpChallenge.parse((await shopper.call('POST', `/wallets/${existing!.id}/authenticate`)).json);
    assert.equal(again.wallet.linked, true);
    assert.equal(sends(), before, 'no wallet created and no OTP sent');
    assert.equal(Checkout.parse((await shopper.call('GET', '/checkout')).json).wallets.length, 1);
  });

  it('creates a customer Juspay does not know yet, then lets it link', async () => {
    const shopper = await h.checkout('new', { customerId: `merchant-user-${Date.now()}` });
    const checkout = await shopper.call('GET', '/checkout');
    assert.equal(checkout.status, 200, checkout.text);
    assert.deepEqual(Checkout.parse(checkout.json).wallets, []);
    assert.ok(
      h.juspay.some(
        (e) =>
          e.method === 'POST' &&
          e.url.endsWith('/customers') &&
          e.requestBody.includes(`object_reference_id=${shopper.session.customerId}`),
      ),
    );
    assert.ok(h.logs.some((entry) => entry.event === 'customer_created'));

    const { wallet } = OtpChallenge.parse((await shopper.call('POST', '/wallets', { provider: 'GOPAY' })).json);
    assert.equal(
      WalletResult.parse((await shopper.call('POST', `/wallets/${wallet.id}/link`, { otp: h.sandbox.testOtp })).json).wallet.linked,
      true,
    );
  });
});
