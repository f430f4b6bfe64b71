import { define } from '../shared/define-element.js';
import { WalletPay } from './wallet-pay.js';
// <wallet-pay> renders both: registering it registers them.
import '../wallet-picker/define.js';
import '../otp-link/define.js';

define('wallet-pay', WalletPay);

declare global {
  interface HTMLElementTagNameMap {
    'wallet-pay': WalletPay;
  }
}
