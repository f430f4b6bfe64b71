/**
 * The demo, driven as a shopper would in headless Chromium: from a persona on the QA page to the return page,
 * for `linked`, `new` (create + OTP) and `low-balance` (through the sandbox's top-up page), plus the Indonesian
 * locale and the keyboard. Saves the screenshots the README shows into docs/screenshots/.
 */
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { WalletPayHarness, WalletPickerHarness, until } from '../harness/e2e.js';
import { phrase } from '../harness/names.js';
import { messages } from '../../src/components/wallet-pay/messages.js';
import { runCases } from './run-cases.js';

const SHOTS = 'docs/screenshots';
mkdirSync(SHOTS, { recursive: true });
mkdirSync('test-results', { recursive: true });

/** The checkout on the QA page (the page also shows a standalone picker for the same customer). */
const checkout = (page: Page, locale: 'en' | 'id' = 'en') => new WalletPayHarness(page.locator('#checkout'), locale);

const shot = (page: Page, name: string) => page.locator('wallet-pay').screenshot({ path: `${SHOTS}/${name}.png`, animations: 'disabled' });

async function openPersona(page: Page, base: string, persona: string, extra = '') {
  await page.goto(`${base}?persona=${persona}${extra}`);
  await page.locator('#checkout').getByRole('radio').first().waitFor();
}

async function expectReturnPage(page: Page, status: string) {
  await page.waitForURL(/\/return\.html/);
  await page.locator(`#kit-status[data-status="${status}"]`).waitFor({ timeout: 10_000 });
}

await runCases({
  async 'linked: pick GoPay, pay, land on the return page CHARGED'({ page, demo }) {
    await openPersona(page, demo.url, 'linked');
    await shot(page, 'choose');
    const pay = checkout(page);
    await pay.pick('GOPAY');
    // Reported through a binding, which survives the navigation the event is followed by (an evaluate's answer
    // can be lost to it).
    const events: string[] = [];
    await page.exposeFunction('reportEvent', (type: string) => events.push(type));
    await page.evaluate(() => {
      document.addEventListener('wallet-charged', (e) => (window as unknown as { reportEvent(type: string): void }).reportEvent(e.type));
    });
    // A linked wallet pays at once: "Pay <amount>", not "Link … and pay".
    await pay.button(phrase(messages.en.pay)).waitFor();
    await pay.pay();
    await expectReturnPage(page, 'CHARGED');
    assert.deepEqual(events, ['wallet-charged']);
    await page.screenshot({ path: `${SHOTS}/return.png` });
  },

  async 'new: create a DANA wallet, link by OTP, pay, return CHARGED'({ page, demo, expect }) {
    expect(/status of 422/); // the deliberately wrong code
    await openPersona(page, demo.url, 'new');
    const pay = checkout(page);
    await pay.pick('DANA');
    await pay.button(phrase(messages.en.linkAndPay, 'DANA')).waitFor();
    await pay.pay();
    await pay.codeInput.waitFor();
    await shot(page, 'otp');
    await pay.enterCode('000000');
    // Shown under the field, and announced once through the live region.
    const attemptsLeft = page.locator('#checkout').getByText(/attempts? left/);
    await attemptsLeft.and(page.locator(':not([role=status])')).waitFor();
    await attemptsLeft.and(page.getByRole('status')).waitFor();
    await pay.enterCode(demo.sandbox!.testOtp);
    // Linked: the payment the shopper asked for ("Link DANA and pay") goes ahead without another click.
    await expectReturnPage(page, 'CHARGED');
  },

  async 'low-balance: pay, top up on the sandbox page, return CHARGED'({ page, demo }) {
    await openPersona(page, demo.url, 'low-balance');
    const pay = checkout(page);
    await pay.pick('GOPAY');
    await shot(page, 'low-balance');
    await pay.pay();
    await pay.button(phrase(messages.en.topUp, 'GoPay')).waitFor();
    await shot(page, 'pending');
    await pay.topUp();
    await page.waitForURL(/\/sandbox\/wallets\/topup\/start\//);
    await page.getByRole('button', { name: /top up and pay/i }).click();
    await expectReturnPage(page, 'CHARGED');
  },

  async 'low-balance: the shopper closes the tab and tops up in the wallet app: the merchant still fulfils (webhook)'({ page, demo }) {
    await openPersona(page, demo.url, 'low-balance');
    const orderId = /Order (\w+) for/.exec((await page.locator('#session').textContent()) ?? '')![1]!;
    const pay = checkout(page);
    await pay.pick('GOPAY');
    await pay.pay();
    await pay.topUp();
    await page.waitForURL(/\/sandbox\/wallets\/topup\/start\//);
    const topUpUrl = page.url();
    // The tab is closed; the top-up is finished outside the browser (the wallet's own app), so no page of the
    // merchant's, return page or poll, ever hears of it.
    await page.close();
    const topUp = await fetch(topUpUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: 'action=topup',
      redirect: 'manual',
    });
    assert.equal(topUp.status, 302);
    const other = await page.context().newPage();
    await other.goto(`${demo.url}?persona=linked`);
    await other.locator(`#orders li[data-order="${orderId}"][data-outcome="fulfilled"][data-path="webhook"]`).waitFor({ timeout: 10_000 });
    assert.deepEqual(
      demo
        .orders()
        .filter((order) => order.orderId === orderId)
        .map((order) => order.path),
      ['webhook'],
    );
  },

  async 'the standalone picker (a settings page): unlink GoPay after confirming, by keyboard'({ page, demo }) {
    await openPersona(page, demo.url, 'linked');
    const wallets = new WalletPickerHarness(page.locator('#wallets'));
    await wallets.button(wallets.names.unlink('GOPAY')).focus();
    await page.keyboard.press('Enter');
    await wallets.button(wallets.names.keep).waitFor();
    // The question, and its "Unlink GoPay" answered by keyboard too.
    await wallets
      .question('GOPAY')
      .getByRole('button', { name: wallets.names.unlink('GOPAY'), exact: true })
      .press('Enter');
    await until(async () => (await wallets.description('GOPAY')) === 'Not linked · Link with OTP', 'GoPay never said "Not linked"');
    await page.locator('#log li.wallet-unlinked').waitFor();
    // Unlinked at Juspay (the sandbox), not only on screen.
    const { wallets: after } = await (await page.request.get(`${demo.url}api/wallet/checkout`)).json();
    assert.equal(after.find((wallet: { provider: string }) => wallet.provider === 'GOPAY').linked, false);
  },

  async 'declined: the error is shown and the shopper can pick again'({ page, demo, expect }) {
    expect(/status of 402/); // the kit's answer to a declined debit
    await openPersona(page, demo.url, 'declined');
    const pay = checkout(page);
    await pay.pick('GOPAY');
    await pay.pay();
    await pay.alerts.filter({ hasText: /declined/ }).waitFor();
    await shot(page, 'error');
    await pay.back();
    await pay.radio('GOPAY').waitFor();
  },

  async 'Indonesian, keyboard only: linked persona pays with Tab, arrows, Space and Enter'({ page, demo }) {
    await openPersona(page, demo.url, 'linked', '&locale=id');
    const pay = checkout(page, 'id');
    await pay.button(phrase(messages.id.pay)).waitFor();
    await pay.radio('GOPAY').focus();
    await page.keyboard.press('Space');
    await shot(page, 'choose-id');
    // Tab forward until the Pay button has focus, then press Enter.
    for (let i = 0; i < 12; i++) {
      const focused = await page.evaluate(() => {
        let el: Element | null = document.activeElement;
        while (el?.shadowRoot?.activeElement) el = el.shadowRoot.activeElement;
        return el?.textContent?.trim() ?? '';
      });
      if (/^Bayar /.test(focused)) break;
      await page.keyboard.press('Tab');
    }
    await page.keyboard.press('Enter');
    await expectReturnPage(page, 'CHARGED');
  },
});
