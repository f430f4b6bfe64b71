/**
 * What a test can do with each element, said once: the browser harness (test/harness/index.ts, over the DOM) and
 * the end-to-end one (test/harness/e2e.ts, over Playwright locators) both implement these, so a step reads the same
 * in a component test and in an end-to-end script. Every action finds its control by role and accessible name in
 * the element's locale, waits (up to a few seconds) for it to be there and enabled, then acts, as a shopper would.
 */
import type { Provider } from '../../src/contract.js';

/** The public events of the three elements. */
export const WALLET_EVENTS = [
  'wallet-select',
  'wallet-linked',
  'wallet-unlinked',
  'wallet-charged',
  'wallet-pending',
  'wallet-redirect',
  'wallet-error',
] as const;
export type WalletEventType = (typeof WALLET_EVENTS)[number];

export interface WalletPayActions {
  /** Checks the radio of `provider` in the wallet list. */
  pick(provider: Provider): Promise<void>;
  /** Presses "Pay <amount>" (or "Link <wallet> and pay <amount>"). */
  pay(): Promise<void>;
  /** Fills the one-time code field of the OTP step and presses Verify. */
  enterCode(code: string): Promise<void>;
  /** Presses "Choose another wallet". */
  back(): Promise<void>;
  /** Presses "Try again". */
  tryAgain(): Promise<void>;
  /** Presses "Top up <wallet>". */
  topUp(): Promise<void>;
}

export interface WalletPickerActions {
  /** Checks the radio of `provider`. */
  pick(provider: Provider): Promise<void>;
  /** Presses "Refresh <wallet> balance". */
  refresh(provider: Provider): Promise<void>;
  /** Presses "Refresh all". */
  refreshAll(): Promise<void>;
  /** Presses "Try again" after a failed load. */
  tryAgain(): Promise<void>;
  /** Presses "Unlink <wallet>" (manage mode): the question is asked, nothing is sent yet. */
  unlink(provider: Provider): Promise<void>;
  /** Answers the question with "Unlink <wallet>". */
  confirmUnlink(provider: Provider): Promise<void>;
  /** Answers the question with "Keep it". */
  keep(): Promise<void>;
}

export interface OtpLinkActions {
  /** Presses "Send code". */
  sendCode(): Promise<void>;
  /** Fills the one-time code field and presses Verify. */
  enterCode(code: string): Promise<void>;
  /** Presses Verify. */
  verify(): Promise<void>;
  /** Presses "Resend code". */
  resend(): Promise<void>;
}
