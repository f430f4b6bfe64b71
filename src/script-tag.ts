/**
 * Entry of the script-tag bundle (`<script src=".../wallet-elements.min.js">`): registers the three elements and
 * exposes the event and error types on `window.WalletElements` for pages without a bundler.
 */
import './define/wallet-pay.js';

export { WalletPay } from './elements/wallet-pay.js';
export { WalletPicker } from './elements/wallet-picker.js';
export { OtpLink } from './elements/otp-link.js';
export { define } from './elements/define.js';
