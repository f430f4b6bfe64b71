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
 * The names and types come from src/framework-types.ts, which `wallet-elements/vue` shares.
 */
import type { ClassAttributes, HTMLAttributes } from 'react';
import type { WalletElementTag, WalletElementTags } from './framework-types.js';

export type {
  OtpLinkEventMap,
  WalletElementAttributes,
  WalletPayEventMap,
  WalletPickerEventMap,
} from './framework-types.js';

/** `{ 'wallet-charged': E }` -> `{ 'onwallet-charged'?: (event: E) => void }`: React 19's custom-element event props. */
export type EventProps<Events> = {
  [Name in keyof Events & string as `on${Name}`]?: (event: Events[Name]) => void;
};

/** A tag's own props: its attributes, the properties that have none, and a handler prop per event. */
export type WalletElementProps<Tag extends WalletElementTag> = WalletElementTags[Tag]['attributes'] &
  WalletElementTags[Tag]['properties'] &
  EventProps<WalletElementTags[Tag]['events']>;

export interface WalletPayProps extends WalletElementProps<'wallet-pay'> {}
export interface WalletPickerProps extends WalletElementProps<'wallet-picker'> {}
export interface OtpLinkProps extends WalletElementProps<'otp-link'> {}

/** What React gives every host element (`key`, `ref`, `id`, `className`, `style`, `hidden`, `children`…). */
type HostProps<Element extends HTMLElement> = ClassAttributes<Element> & HTMLAttributes<Element>;

/** The JSX entry of every tag. */
export type WalletIntrinsicElements = {
  [Tag in WalletElementTag]: HostProps<WalletElementTags[Tag]['element']> & WalletElementProps<Tag>;
};

declare module 'react' {
  namespace JSX {
    interface IntrinsicElements extends WalletIntrinsicElements {}
  }
}
