/**
 * JSX typings of the three elements for React 19 (`wallet-elements/react`, types only: nothing runs).
 *
 * ```tsx
 * import 'wallet-elements';                       // registers the elements
 * import type {} from 'wallet-elements/react';    // adds them to React's JSX.IntrinsicElements
 *
 * <wallet-pay endpoint="/api/wallet" checkout-token={token}
 *   onwallet-charged={(event) => { event.preventDefault(); navigate(`/thanks/${event.detail.orderId}`); }} />
 * ```
 *
 * Why the props look the way they do (React 19, react-dom `setPropOnCustomElement`):
 * - An `on…` prop holding a function becomes `addEventListener(name.slice(2), fn)`, with the name's case kept.
 *   So the prop for `wallet-charged` is `onwallet-charged`; `onWalletCharged` would listen for "WalletCharged",
 *   which never fires. Each handler is typed with its event class, so `event.detail` is checked.
 * - Any other prop is assigned as a property when the element has one of that name (`checkout`, `value`,
 *   `disabled`, `autostart`, `checkoutToken`), else set as an attribute (`checkout-token`, `redirect-origins`).
 *   The typings list the attribute names, which also work in server rendering, plus the properties that only
 *   exist as properties (`checkout`).
 */
import type { ClassAttributes, HTMLAttributes } from 'react';
import type { Checkout, Provider } from './contract.js';
import type { OtpLink } from './elements/otp-link.js';
import type { WalletPay } from './elements/wallet-pay.js';
import type { WalletPicker } from './elements/wallet-picker.js';
import type {
  WalletChargedEvent,
  WalletErrorEvent,
  WalletLinkedEvent,
  WalletPendingEvent,
  WalletRedirectEvent,
  WalletSelectEvent,
} from './events.js';
import type { Locale } from './i18n/index.js';

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
  'wallet-error': WalletErrorEvent;
}
export interface OtpLinkEventMap {
  'wallet-linked': WalletLinkedEvent;
  'wallet-error': WalletErrorEvent;
}

/** `{ 'wallet-charged': E }` -> `{ 'onwallet-charged'?: (event: E) => void }`: React 19's custom-element event props. */
export type EventProps<Events> = {
  [Name in keyof Events & string as `on${Name}`]?: (event: Events[Name]) => void;
};

/** What React gives every host element (`key`, `ref`, `id`, `className`, `style`, `hidden`, `children`…). */
type HostProps<Element extends HTMLElement> = ClassAttributes<Element> & HTMLAttributes<Element>;

/** The attributes every wallet element shares. */
export interface WalletElementAttributes {
  /** Base URL of the merchant backend that mounts the kit, e.g. `/api/wallet`. */
  endpoint: string;
  /** The short-lived token the merchant minted for this checkout (sent as `Authorization: Bearer`). */
  'checkout-token'?: string;
  /** `en` or `id`; defaults to the browser's language. */
  locale?: Locale;
}

export interface WalletPayProps extends WalletElementAttributes, EventProps<WalletPayEventMap> {
  /** `auto` (default): navigate after `wallet-charged` unless cancelled. `manual`: never navigate. */
  redirect?: 'auto' | 'manual';
  /** Origins a redirect may go to, space- or comma-separated. */
  'redirect-origins'?: string;
  /** Milliseconds between order-status checks while waiting for a top-up (default 3000). */
  'poll-interval'?: number;
}

export interface WalletPickerProps extends Partial<WalletElementAttributes>, EventProps<WalletPickerEventMap> {
  /** A checkout to show (a property: React assigns it); without one the picker loads `GET /checkout` from `endpoint`. */
  checkout?: Checkout;
  /** The selected provider. */
  value?: Provider | null;
  /** Disables choosing and refreshing. */
  disabled?: boolean;
}

export interface OtpLinkProps extends WalletElementAttributes, EventProps<OtpLinkEventMap> {
  /** The provider of a wallet to create (the customer has none of it yet). */
  provider?: Provider;
  /** An existing wallet that is listed but not linked. */
  'wallet-id'?: string;
  /** Send the code as soon as the element is connected. */
  autostart?: boolean;
}

declare module 'react' {
  namespace JSX {
    interface IntrinsicElements {
      'wallet-pay': HostProps<WalletPay> & WalletPayProps;
      'wallet-picker': HostProps<WalletPicker> & WalletPickerProps;
      'otp-link': HostProps<OtpLink> & OtpLinkProps;
    }
  }
}
