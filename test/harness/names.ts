/**
 * The accessible names the harnesses look controls up by, in the element's locale: built from each component's
 * message table, so a test says `pay()` and finds "Pay IDR 150,000" in English and "Bayar Rp 150.000" in
 * Indonesian. Shared by the browser harness (test/harness/index.ts) and the Playwright one (test/harness/e2e.ts):
 * no DOM, no Playwright.
 */
import type { Provider } from '../../src/contract.js';
import type { Locale } from '../../src/components/shared/i18n.js';
import { PROVIDER_NAMES } from '../../src/components/shared/provider-names.js';
import { messages as otpMessages } from '../../src/components/otp-link/messages.js';
import { messages as payMessages } from '../../src/components/wallet-pay/messages.js';
import { messages as pickerMessages } from '../../src/components/wallet-picker/messages.js';

const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const HOLE = '\u0000';

/**
 * A message function as an exact pattern: each argument given stays as it is, each one left out (undefined) is any
 * text. `phrase(t.pay)` is /^Pay .+$/, `phrase(t.linkAndPay, 'GoPay')` is /^Link GoPay and pay .+$/.
 */
export function phrase<A extends unknown[]>(message: (...args: A) => string, ...args: Partial<A>): RegExp {
  const filled = Array.from({ length: message.length }, (_, i) => (args[i] === undefined ? HOLE : args[i])) as A;
  return new RegExp(
    `^${escapeRegExp(message(...filled))
      .split(HOLE)
      .join('.+')}$`,
  );
}

/** Either pattern, as one exact pattern. */
const either = (...patterns: RegExp[]) => new RegExp(patterns.map((p) => `(?:${p.source})`).join('|'));

/** A provider's brand name (the same in every locale): the accessible name of its radio. */
export const brand = (provider: Provider): string => PROVIDER_NAMES[provider];

/** The names of `<wallet-pay>`'s own controls and headings. */
export function walletPayNames(locale: Locale) {
  const t = payMessages[locale];
  return {
    /** The region around the whole checkout. */
    region: t.label,
    /** "Pay <amount>", or "Link <wallet> and pay <amount>" for a wallet that needs a code first. */
    pay: either(phrase(t.pay), phrase(t.linkAndPay)),
    /** The same button while the payment is in flight ("Paying…"). */
    payOrPaying: either(phrase(t.pay), phrase(t.linkAndPay), new RegExp(`^${escapeRegExp(t.paying)}$`)),
    back: t.back,
    tryAgain: t.retry,
    topUp: phrase(t.topUp),
    chargedTitle: t.chargedTitle,
    pendingTitle: t.pendingTitle,
    failedTitle: t.failedTitle,
    loadFailedTitle: t.loadFailedTitle,
  };
}

/** The names of `<wallet-picker>`'s controls. */
export function walletPickerNames(locale: Locale) {
  const t = pickerMessages[locale];
  return {
    /** The radio group of wallets (named by its legend). */
    list: t.legend,
    refresh: (provider: Provider) => t.refreshLabel(brand(provider)),
    refreshAll: t.refreshAll,
    tryAgain: t.retry,
    /** "Unlink <wallet>": the button that asks, then the one in the question that confirms. */
    unlink: (provider: Provider) => t.unlinkLabel(brand(provider)),
    /** The question asked before unlinking (a group named by it). */
    confirmUnlink: (provider: Provider) => t.confirmUnlink(brand(provider)),
    keep: t.keep,
  };
}

/** The names of `<otp-link>`'s controls. */
export function otpLinkNames(locale: Locale) {
  const t = otpMessages[locale];
  return {
    /** The label of the code field. */
    code: t.label,
    send: t.send,
    /** The Send button while the code is on its way ("Sending the code…"). */
    sendOrSending: either(new RegExp(`^${escapeRegExp(t.send)}$`), new RegExp(`^${escapeRegExp(t.sending)}$`)),
    verify: t.verify,
    /** Verify while the code is checked ("Checking…"). */
    verifyOrVerifying: either(new RegExp(`^${escapeRegExp(t.verify)}$`), new RegExp(`^${escapeRegExp(t.verifying)}$`)),
    /** "Resend code", or its countdown "Resend code in 12 s". */
    resend: either(new RegExp(`^${escapeRegExp(t.resend)}$`), phrase(t.resendIn)),
    /** "4 attempts left" (any count, "1 attempt left" included). */
    attemptsLeft: either(phrase(t.attemptsLeft), new RegExp(`^${escapeRegExp(t.attemptsLeft(1))}$`)),
  };
}
