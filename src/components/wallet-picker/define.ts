import { define } from '../shared/define-element.js';
import { WalletPicker } from './wallet-picker.js';

define('wallet-picker', WalletPicker);

declare global {
  interface HTMLElementTagNameMap {
    'wallet-picker': WalletPicker;
  }
}
