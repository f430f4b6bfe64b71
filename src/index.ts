/**
 * The package's main entry: registers `<wallet-pay>`, `<wallet-picker>` and `<otp-link>` and exports their classes,
 * the event classes, the contract types and the error codes. For one element only, import its subpath
 * (`wallet-elements/otp-link`); for the classes without registering, `wallet-elements/elements/<tag>`.
 */
import './components/wallet-pay/define.js';

export { WalletPay } from './components/wallet-pay/wallet-pay.js';
export { WalletPicker } from './components/wallet-picker/wallet-picker.js';
export { OtpLink } from './components/otp-link/otp-link.js';
export { define } from './components/shared/define-element.js';
export * from './events.js';
export { ERROR_CODES, RETRYABLE, WalletError, type ErrorCode } from './errors.js';
export type { Checkout, Order, OrderStatus, PayResult, Provider, Wallet } from './contract.js';
export { PROVIDERS } from './contract.js';
export type { Locale } from './components/shared/i18n.js';
