/**
 * What each tag takes and fires, in one place, for the framework typings built from it (`wallet-elements/react`,
 * `wallet-elements/vue`). Types only: nothing runs. The names are those of custom-elements.json (attributes as
 * written in HTML, events by their `type`); test/node/framework-types.test.ts holds both typings to the manifest.
 */
import type { Checkout, Provider } from './contract.js';
import type { OtpLink } from './components/otp-link/otp-link.js';
import type { WalletPay } from './components/wallet-pay/wallet-pay.js';
import type { WalletPicker } from './components/wallet-picker/wallet-picker.js';
import type {
  WalletChargedEvent,
  WalletErrorEvent,
  WalletLinkedEvent,
  WalletPendingEvent,
  WalletRedirectEvent,
  WalletSelectEvent,
  WalletUnlinkedEvent,
} from './events.js';
import type { Locale } from './components/shared/i18n.js';

/** The events each element emits (its own and those bubbling from the elements it renders), by name. */
export interface WalletPayEventMap {
  'wallet-charged': WalletChargedEvent;
  'wallet-pending': WalletPendingEvent;
  'wallet-error': WalletErrorEvent;
  'wallet-redirect': WalletRedirectEvent;
  'wallet-select': WalletSelectEvent;
  'wallet-linked': WalletLinkedEvent;
}
export interface WalletPickerEventMap {
  'wallet-select': WalletSelectEvent;
  'wallet-unlinked': WalletUnlinkedEvent;
  'wallet-error': WalletErrorEvent;
}
export interface OtpLinkEventMap {
  'wallet-linked': WalletLinkedEvent;
  'wallet-error': WalletErrorEvent;
}

/** The attributes every wallet element shares. */
export interface WalletElementAttributes {
  /** Base URL of the merchant backend that mounts the kit, e.g. `/api/wallet`. */
  endpoint: string;
  /** The short-lived token the merchant minted for this checkout (sent as `Authorization: Bearer`). */
  'checkout-token'?: string;
  /** `en` or `id`; defaults to the browser's language. */
  locale?: Locale;
}

export interface WalletPayAttributes extends WalletElementAttributes {
  /** `auto` (default): navigate after `wallet-charged` unless cancelled. `manual`: never navigate. */
  redirect?: 'auto' | 'manual';
  /** Origins a redirect may go to, space- or comma-separated. */
  'redirect-origins'?: string;
  /** Milliseconds before the first order-status check while waiting for a top-up (default 3000; later ones back off). */
  'poll-interval'?: number;
  /** The id of a `<script type="application/json">` block holding the checkout the server rendered (no request). */
  'checkout-from'?: string;
}

export interface WalletPickerAttributes extends Partial<WalletElementAttributes> {
  /** The selected provider. */
  value?: Provider | null;
  /** Disables choosing and refreshing. */
  disabled?: boolean;
  /** Offers "Unlink" for each linked wallet, with a confirmation (a "linked wallets" settings page). */
  manage?: boolean;
}

/** Properties with no attribute: a framework has to assign them (React and Vue do, for a name the element has). */
export interface WalletPickerProperties {
  /** A checkout to show; without one the picker loads `GET /checkout` from `endpoint`. */
  checkout?: Checkout;
}

export interface OtpLinkAttributes extends WalletElementAttributes {
  /** The provider of a wallet to create (the customer has none of it yet). */
  provider?: Provider;
  /** An existing wallet that is listed but not linked. */
  'wallet-id'?: string;
  /** Send the code as soon as the element is connected. */
  autostart?: boolean;
}

/** Every tag: its class, its attributes, its properties that have no attribute, and its events. */
export interface WalletElementTags {
  'wallet-pay': { element: WalletPay; attributes: WalletPayAttributes; properties: Record<never, never>; events: WalletPayEventMap };
  'wallet-picker': {
    element: WalletPicker;
    attributes: WalletPickerAttributes;
    properties: WalletPickerProperties;
    events: WalletPickerEventMap;
  };
  'otp-link': { element: OtpLink; attributes: OtpLinkAttributes; properties: Record<never, never>; events: OtpLinkEventMap };
}

export type WalletElementTag = keyof WalletElementTags;
