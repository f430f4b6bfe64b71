/**
 * Entry of the script-tag bundle (`<script src=".../wallet-elements.min.js">`): registers the three elements and
 * exposes their classes on `window.WalletElements` for pages without a bundler.
 */
import './components/wallet-pay/define.js';
import { WalletPay as OwnWalletPay } from './components/wallet-pay/wallet-pay.js';
import { WalletPicker as OwnWalletPicker } from './components/wallet-picker/wallet-picker.js';
import { OtpLink as OwnOtpLink } from './components/otp-link/otp-link.js';

export { define } from './components/shared/define-element.js';

/**
 * The class behind `tag` on this page: ours, or an earlier copy's when the bundle is loaded a second time (the
 * second copy registers nothing, so its own classes would be unusable and fail `instanceof`).
 */
const registered = <T extends CustomElementConstructor>(tag: string, own: T): T => (customElements.get(tag) as T | undefined) ?? own;
export const WalletPay = registered('wallet-pay', OwnWalletPay);
export const WalletPicker = registered('wallet-picker', OwnWalletPicker);
export const OtpLink = registered('otp-link', OwnOtpLink);
