/**
 * Entry of the script-tag bundle (`<script src=".../wallet-elements.min.js">`): registers the three elements and
 * exposes their classes on `window.WalletElements` for pages without a bundler.
 */
import './define/wallet-pay.js';
import { WalletPay as OwnWalletPay } from './elements/wallet-pay.js';
import { WalletPicker as OwnWalletPicker } from './elements/wallet-picker.js';
import { OtpLink as OwnOtpLink } from './elements/otp-link.js';

export { define } from './elements/define.js';

/**
 * The class behind `tag` on this page: ours, or an earlier copy's when the bundle is loaded a second time (the
 * second copy registers nothing, so its own classes would be unusable and fail `instanceof`).
 */
const registered = <T extends CustomElementConstructor>(tag: string, own: T): T => (customElements.get(tag) as T | undefined) ?? own;
export const WalletPay = registered('wallet-pay', OwnWalletPay);
export const WalletPicker = registered('wallet-picker', OwnWalletPicker);
export const OtpLink = registered('otp-link', OwnOtpLink);
