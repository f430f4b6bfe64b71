/**
 * The merchant backend kit, public entry (`wallet-elements/server`). Server-only: never import it from browser code.
 */
export { createWalletKit, type KitOptions, type WalletKit } from './kit.js';
export { serializeCheckout } from './prefetch.js';
export type { CheckoutSession } from './session.js';
export {
  JuspayClient,
  JUSPAY_API_VERSION,
  type JuspayClientOptions,
  type DirectDebitRequest,
  type DirectDebitOrder,
} from './juspay-client.js';
export { JuspayApiError, type JuspayFailure } from './juspay-api-error.js';
export { MemoryStore, type KitStore, type Limiter, type LimitRule } from './store.js';
export { RedisStore, type RedisClient, type RedisStoreOptions } from './redis-store.js';
export { DEFAULT_LIMITS, type Limit, type LimitPolicy } from './limits.js';
export { DEFAULT_OTP_POLICY, type OtpPolicy } from './otp-guard.js';
export type { LogEntry, LogHook, LogLevel } from './log.js';
export type { OrderPaid, OrderFailed, OutcomePath, Settlement } from './outcomes.js';
export type { Refund, RefundRequest, RefundStatus } from './refunds.js';
export type { WebhookCredentials } from './webhook.js';
