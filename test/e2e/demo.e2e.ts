/**
 * The demo, driven as a shopper would in headless Chromium: from a persona on the QA page to the return page,
 * for `linked`, `new` (create + OTP) and `low-balance` (through the sandbox's top-up page), plus the Indonesian
 * locale and the keyboard. Saves the screenshots the README shows into docs/screenshots/.
 */
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { runCases } from './harness.js';

const SHOTS = 'docs/screenshots';
mkdirSync(SHOTS, { recursive: true });
mkdirSync('test-results', { recursive: true });

/** The checkout on the QA page (the page also shows a standalone picker for the same customer). */
const w = (page: Page) => page.locator('#checkout');

const shot = (page: Page, name: string) =>
  page.locator('wallet-pay').screenshot({ path: `${SHOTS}/${name}.png`, animations: 'disabled' });

async function openPersona(page: Page, base: string, persona: string, extra = '') {
  await page.goto(`${base}?persona=${persona}${extra}`);
  await w(page).getByRole('radio').first().waitFor();
}

async function expectReturnPage(page: Page, status: string) {
  await page.waitForURL(/\/return\.html/);
  await page.locator(`#kit-status[data-status="${status}"]`).waitFor({ timeout: 10_000 });
}

await runCases({
  async 'linked: pick GoPay, pay, land on the return page CHARGED'({ page, demo }) {
    await openPersona(page, demo.url, 'linked');
    await shot(page, 'choose');
    await w(page).getByRole('radio', { name: /GoPay/ }).check();
    // Reported through a binding, which survives the navigation the event is followed by (an evaluate's answer
    // can be lost to it).
    const events: string[] = [];
    await page.exposeFunction('reportEvent', (type: string) => events.push(type));
    await page.evaluate(() => {
      document.addEventListener('wallet-charged', (e) => (window as unknown as { reportEvent(type: string): void }).reportEvent(e.type));
    });
    await w(page).getByRole('button', { name: /^Pay / }).click();
    await expectReturnPage(page, 'CHARGED');
    assert.deepEqual(events, ['wallet-charged']);
    await page.screenshot({ path: `${SHOTS}/return.png` });
  },

  async 'new: create a DANA wallet, link by OTP, pay, return CHARGED'({ page, demo, expect }) {
    expect(/status of 422/); // the deliberately wrong code
    await openPersona(page, demo.url, 'new');
    await w(page).getByRole('radio', { name: /DANA/ }).check();
    await w(page).getByRole('button', { name: /Link DANA and pay/ }).click();
    const code = w(page).getByLabel('One-time code');
    await code.waitFor();
    await shot(page, 'otp');
    await code.fill('000000');
    await w(page).getByRole('button', { name: 'Verify' }).click();
    await w(page).getByText(/attempts? left/).waitFor();
    await code.fill(demo.sandbox!.testOtp);
    await w(page).getByRole('button', { name: 'Verify' }).click();
    // Linked: the payment the shopper asked for ("Link DANA and pay") goes ahead without another click.
    await expectReturnPage(page, 'CHARGED');
  },

  async 'low-balance: pay, top up on the sandbox page, return CHARGED'({ page, demo }) {
    await openPersona(page, demo.url, 'low-balance');
    await w(page).getByRole('radio', { name: /GoPay/ }).check();
    await shot(page, 'low-balance');
    await w(page).getByRole('button', { name: /^Pay / }).click();
    const topUp = w(page).getByRole('button', { name: /Top up GoPay/ });
    await topUp.waitFor();
    await shot(page, 'pending');
    await topUp.click();
    await page.waitForURL(/\/sandbox\/wallets\/topup\/start\//);
    await page.getByRole('button', { name: /top up and pay/i }).click();
    await expectReturnPage(page, 'CHARGED');
  },

  async 'low-balance: the shopper closes the tab and tops up in the wallet app: the merchant still fulfils (webhook)'({ page, demo }) {
    await openPersona(page, demo.url, 'low-balance');
    const orderId = /Order (\w+) for/.exec((await page.locator('#session').textContent()) ?? '')![1]!;
    await w(page).getByRole('radio', { name: /GoPay/ }).check();
    await w(page).getByRole('button', { name: /^Pay / }).click();
    await w(page).getByRole('button', { name: /Top up GoPay/ }).click();
    await page.waitForURL(/\/sandbox\/wallets\/topup\/start\//);
    const topUpUrl = page.url();
    // The tab is closed; the top-up is finished outside the browser (the wallet's own app), so no page of the
    // merchant's, return page or poll, ever hears of it.
    await page.close();
    const topUp = await fetch(topUpUrl, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: 'action=topup', redirect: 'manual' });
    assert.equal(topUp.status, 302);
    const other = await page.context().newPage();
    await other.goto(`${demo.url}?persona=linked`);
    await other.locator(`#orders li[data-order="${orderId}"][data-outcome="fulfilled"][data-path="webhook"]`).waitFor({ timeout: 10_000 });
    assert.deepEqual(demo.orders().filter((order) => order.orderId === orderId).map((order) => order.path), ['webhook']);
  },

  async 'the standalone picker (a settings page): unlink GoPay after confirming, by keyboard'({ page, demo }) {
    await openPersona(page, demo.url, 'linked');
    const wallets = page.locator('#wallets');
    await wallets.getByRole('button', { name: 'Unlink GoPay' }).focus();
    await page.keyboard.press('Enter');
    const keep = wallets.getByRole('button', { name: 'Keep it' });
    await keep.waitFor();
    await wallets.getByRole('group', { name: /Unlink GoPay\?/ }).waitFor();
    await wallets.getByRole('button', { name: 'Unlink GoPay' }).press('Enter');
    await wallets.locator('#details-GOPAY', { hasText: 'Not linked · Link with OTP' }).waitFor();
    await page.locator('#log li.wallet-unlinked').waitFor();
    // Unlinked at Juspay (the sandbox), not only on screen.
    const { wallets: after } = await (await page.request.get(`${demo.url}api/wallet/checkout`)).json();
    assert.equal(after.find((wallet: { provider: string }) => wallet.provider === 'GOPAY').linked, false);
  },

  async 'declined: the error is shown and the shopper can pick again'({ page, demo, expect }) {
    expect(/status of 402/); // the kit's answer to a declined debit
    await openPersona(page, demo.url, 'declined');
    await w(page).getByRole('radio', { name: /GoPay/ }).check();
    await w(page).getByRole('button', { name: /^Pay / }).click();
    await w(page).getByRole('alert').filter({ hasText: /declined/ }).waitFor();
    await shot(page, 'error');
    await w(page).getByRole('button', { name: 'Choose another wallet' }).click();
    await w(page).getByRole('radio', { name: /GoPay/ }).waitFor();
  },

  async 'Indonesian, keyboard only: linked persona pays with Tab, arrows, Space and Enter'({ page, demo }) {
    await openPersona(page, demo.url, 'linked', '&locale=id');
    await w(page).getByRole('button', { name: /^Bayar / }).waitFor();
    await w(page).getByRole('radio', { name: /GoPay/ }).focus();
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
