/**
 * The public events. One class per event: typed detail, bubbles and composed (they cross shadow roots, so a host
 * page hears them on `document`). `wallet-charged` and `wallet-pending` are cancelable: `preventDefault()` stops
 * the default navigation so a single-page app can route itself.
 */
import type { Provider, Wallet } from './contract.js';
import type { ErrorCode } from './errors.js';

export interface WalletChargedDetail {
  orderId: string;
  /** Where the default action navigates (Juspay's GET authentication URL, ending at the merchant's return URL). */
  url: string;
}
export interface WalletPendingDetail {
  orderId: string;
  /** The provider's top-up page: the shopper adds money there and the payment completes. */
  topUpUrl: string;
}
export interface WalletErrorDetail {
  code: ErrorCode;
  /** Already in the element's locale, fit to show a shopper. */
  message: string;
  retryable: boolean;
}
export interface WalletSelectDetail {
  provider: Provider;
  /** null when the shopper has no wallet of that provider yet (it will be created and linked). */
  wallet: Wallet | null;
}
export interface WalletLinkedDetail {
  wallet: Wallet;
}
export interface WalletUnlinkedDetail {
  /** The wallet as it is now: `linked: false`, no balance. */
  wallet: Wallet;
}
export interface WalletRedirectDetail {
  url: string;
}

/** The base of each event class: its type and cancelability fixed, bubbling and composed. */
const walletEvent = <T>(type: keyof GlobalEventHandlersEventMap, cancelable = false) =>
  class extends Event {
    constructor(readonly detail: T) {
      super(type, { bubbles: true, composed: true, cancelable });
    }
  };

/** The order is paid. Cancelable: cancel to stop the redirect. */
export class WalletChargedEvent extends walletEvent<WalletChargedDetail>('wallet-charged', true) {}
/** The balance was short: the shopper must top up. Cancelable: cancel to stop the default top-up offer. */
export class WalletPendingEvent extends walletEvent<WalletPendingDetail>('wallet-pending', true) {}
export class WalletErrorEvent extends walletEvent<WalletErrorDetail>('wallet-error') {}
export class WalletSelectEvent extends walletEvent<WalletSelectDetail>('wallet-select') {}
export class WalletLinkedEvent extends walletEvent<WalletLinkedDetail>('wallet-linked') {}
/** The shopper unlinked a wallet (from `<wallet-picker manage>`); linking it again takes a new code. */
export class WalletUnlinkedEvent extends walletEvent<WalletUnlinkedDetail>('wallet-unlinked') {}
/** Fired just before the widget navigates. Cancelable: cancel to stay on the page. */
export class WalletRedirectEvent extends walletEvent<WalletRedirectDetail>('wallet-redirect', true) {}

declare global {
  interface GlobalEventHandlersEventMap {
    'wallet-charged': WalletChargedEvent;
    'wallet-pending': WalletPendingEvent;
    'wallet-error': WalletErrorEvent;
    'wallet-select': WalletSelectEvent;
    'wallet-linked': WalletLinkedEvent;
    'wallet-unlinked': WalletUnlinkedEvent;
    'wallet-redirect': WalletRedirectEvent;
  }
}
