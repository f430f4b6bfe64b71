/**
 * The package's main entry: registers `<wallet-pay>`, `<wallet-picker>` and `<otp-link>` and exports their classes,
 * the event classes, the contract types and the error codes. For one element only, import its subpath
 * (`wallet-elements/otp-link`); for the classes without registering, `wallet-elements/elements/<tag>`.
 */
import './define/wallet-pay.js';

export { WalletPay } from './elements/wallet-pay.js';
export { WalletPicker } from './elements/wallet-picker.js';
export { OtpLink } from './elements/otp-link.js';
export { define } from './elements/define.js';
export * from './events.js';
export { ERROR_CODES, RETRYABLE, WalletError, type ErrorCode } from './errors.js';
export type { Checkout, Order, OrderStatus, PayResult, Provider, Wallet } from './contract.js';
export { PROVIDERS } from './contract.js';
export type { Locale } from './i18n/index.js';
