/**
 * End-to-end harness: the vocabulary of test/harness/index.ts (see vocabulary.ts) over Playwright locators, for the
 * scripts in test/e2e/ that drive the demo and the script-tag page in Chromium. Controls are found by role and
 * accessible name in the element's locale (Playwright's getByRole pierces open shadow roots); strings match exactly.
 *
 *   const pay = new WalletPayHarness(page.locator('#checkout'));
 *   await pay.pick('GOPAY');
 *   await pay.pay();
 */
import type { Locator } from 'playwright-core';
import type { Provider } from '../../src/contract.js';
import type { Locale } from '../../src/components/shared/i18n.js';
import { brand, otpLinkNames, walletPayNames, walletPickerNames } from './names.js';
import type { OtpLinkActions, WalletPayActions, WalletPickerActions } from './vocabulary.js';

type Name = string | RegExp;

/** How long an action waits for its control. */
export const WAIT_MS = 10_000;

/** Polls `check` (every 50 ms) until it answers true; throws `message` after `timeout`. */
export async function until(check: () => Promise<boolean>, message: string, timeout = WAIT_MS): Promise<void> {
  for (const end = Date.now() + timeout; !(await check()); ) {
    if (Date.now() > end) throw new Error(message);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

abstract class LocatorHarness {
  /** `root`: the element, or a container holding exactly one of it; `locale`: the locale it renders in. */
  constructor(
    readonly root: Locator,
    readonly locale: Locale = 'en',
  ) {}

  /** The button named `name` (exactly, when a string). */
  button(name: Name): Locator {
    return this.root.getByRole('button', { name, exact: true });
  }

  /** Clicks the button named `name` once it is there and enabled (Playwright's actionability checks). */
  press(name: Name): Promise<void> {
    return this.button(name).click({ timeout: WAIT_MS });
  }

  /** The alerts (role=alert) shown inside. */
  get alerts(): Locator {
    return this.root.getByRole('alert');
  }

  /** The one-time code field (the textbox labelled "One-time code"). */
  get codeInput(): Locator {
    return this.root.getByLabel(otpLinkNames(this.locale).code, { exact: true });
  }

  /** Fills the code field and presses Verify. */
  async enterCode(code: string): Promise<void> {
    await this.codeInput.fill(code, { timeout: WAIT_MS });
    await this.press(otpLinkNames(this.locale).verify);
  }
}

/** `<otp-link>` in a page. */
export class OtpLinkHarness extends LocatorHarness implements OtpLinkActions {
  get names() {
    return otpLinkNames(this.locale);
  }

  sendCode(): Promise<void> {
    return this.press(this.names.send);
  }

  verify(): Promise<void> {
    return this.press(this.names.verify);
  }

  resend(): Promise<void> {
    return this.press(this.names.resend);
  }
}

/** `<wallet-picker>` in a page. */
export class WalletPickerHarness extends LocatorHarness implements WalletPickerActions {
  get names() {
    return walletPickerNames(this.locale);
  }

  /** The radio of `provider` (named by its brand). */
  radio(provider: Provider): Locator {
    return this.root.getByRole('radio', { name: brand(provider), exact: true });
  }

  pick(provider: Provider): Promise<void> {
    return this.radio(provider).check({ timeout: WAIT_MS });
  }

  /** What a screen reader says about `provider` after its name (the texts its radio's aria-describedby names). */
  description(provider: Provider): Promise<string> {
    return this.radio(provider).evaluate((radio) => {
      const root = radio.getRootNode() as Document | ShadowRoot;
      const ids = (radio.getAttribute('aria-describedby') ?? '').split(/\s+/).filter(Boolean);
      return ids
        .map((id) => root.getElementById(id)?.textContent ?? '')
        .join(' ')
        .replace(/\s+/g, ' ')
        .trim();
    });
  }

  refresh(provider: Provider): Promise<void> {
    return this.press(this.names.refresh(provider));
  }

  refreshAll(): Promise<void> {
    return this.press(this.names.refreshAll);
  }

  tryAgain(): Promise<void> {
    return this.press(this.names.tryAgain);
  }

  unlink(provider: Provider): Promise<void> {
    return this.press(this.names.unlink(provider));
  }

  /** The question asked before unlinking `provider` (a group named by it). */
  question(provider: Provider): Locator {
    return this.root.getByRole('group', { name: this.names.confirmUnlink(provider), exact: true });
  }

  confirmUnlink(provider: Provider): Promise<void> {
    return this.question(provider)
      .getByRole('button', { name: this.names.unlink(provider), exact: true })
      .click({ timeout: WAIT_MS });
  }

  keep(): Promise<void> {
    return this.press(this.names.keep);
  }
}

/** `<wallet-pay>` in a page. */
export class WalletPayHarness extends LocatorHarness implements WalletPayActions {
  get names() {
    return walletPayNames(this.locale);
  }

  /** The wallet list inside. */
  get picker(): WalletPickerHarness {
    return new WalletPickerHarness(this.root, this.locale);
  }

  /** The radio of `provider` in the wallet list. */
  radio(provider: Provider): Locator {
    return this.picker.radio(provider);
  }

  /** "Pay <amount>" or "Link <wallet> and pay <amount>". */
  get payButton(): Locator {
    return this.button(this.names.pay);
  }

  /** The "Top up <wallet>" button. */
  get topUpButton(): Locator {
    return this.button(this.names.topUp);
  }

  pick(provider: Provider): Promise<void> {
    return this.picker.pick(provider);
  }

  pay(): Promise<void> {
    return this.payButton.click({ timeout: WAIT_MS });
  }

  back(): Promise<void> {
    return this.press(this.names.back);
  }

  tryAgain(): Promise<void> {
    return this.press(this.names.tryAgain);
  }

  topUp(): Promise<void> {
    return this.topUpButton.click({ timeout: WAIT_MS });
  }
}
