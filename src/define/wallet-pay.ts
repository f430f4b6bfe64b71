import { define } from '../elements/define.js';
import { WalletPay } from '../elements/wallet-pay.js';
// <wallet-pay> renders both: registering it registers them.
import './wallet-picker.js';
import './otp-link.js';

define('wallet-pay', WalletPay);

declare global {
  interface HTMLElementTagNameMap {
    'wallet-pay': WalletPay;
  }
}
