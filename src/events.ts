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
export interface WalletRedirectDetail {
  url: string;
}

abstract class WalletEvent<T> extends Event {
  constructor(
    type: string,
    readonly detail: T,
    cancelable = false,
  ) {
    super(type, { bubbles: true, composed: true, cancelable });
  }
}

/** The order is paid. Cancelable: cancel to stop the redirect. */
export class WalletChargedEvent extends WalletEvent<WalletChargedDetail> {
  constructor(detail: WalletChargedDetail) {
    super('wallet-charged', detail, true);
  }
}
/** The balance was short: the shopper must top up. Cancelable: cancel to stop the default top-up offer. */
export class WalletPendingEvent extends WalletEvent<WalletPendingDetail> {
  constructor(detail: WalletPendingDetail) {
    super('wallet-pending', detail, true);
  }
}
export class WalletErrorEvent extends WalletEvent<WalletErrorDetail> {
  constructor(detail: WalletErrorDetail) {
    super('wallet-error', detail);
  }
}
export class WalletSelectEvent extends WalletEvent<WalletSelectDetail> {
  constructor(detail: WalletSelectDetail) {
    super('wallet-select', detail);
  }
}
export class WalletLinkedEvent extends WalletEvent<WalletLinkedDetail> {
  constructor(detail: WalletLinkedDetail) {
    super('wallet-linked', detail);
  }
}
/** Fired just before the widget navigates. Cancelable: cancel to stay on the page. */
export class WalletRedirectEvent extends WalletEvent<WalletRedirectDetail> {
  constructor(detail: WalletRedirectDetail) {
    super('wallet-redirect', detail, true);
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'wallet-charged': WalletChargedEvent;
    'wallet-pending': WalletPendingEvent;
    'wallet-error': WalletErrorEvent;
    'wallet-select': WalletSelectEvent;
    'wallet-linked': WalletLinkedEvent;
    'wallet-redirect': WalletRedirectEvent;
  }
}
