import { define } from '../elements/define.js';
import { WalletPicker } from '../elements/wallet-picker.js';

define('wallet-picker', WalletPicker);

declare global {
  interface HTMLElementTagNameMap {
    'wallet-picker': WalletPicker;
  }
}
