/**
 * The closed list of error codes a shopper can meet, shared by the widget and the kit.
 * `retryable` says whether trying the same action again can succeed (the widget offers "Try again" only then).
 */
export const ERROR_CODES = [
  'network',
  'timeout',
  'unauthorized',
  'invalid_request',
  'invalid_response',
  'otp_invalid',
  'otp_expired',
  'otp_attempts_exceeded',
  'wallet_not_linked',
  'provider_declined',
  'order_already_paid',
  'order_expired',
  'redirect_blocked',
  'rate_limited',
  'server_error',
] as const;

export type ErrorCode = (typeof ERROR_CODES)[number];

export const RETRYABLE: Readonly<Record<ErrorCode, boolean>> = {
  network: true,
  timeout: true,
  unauthorized: false,
  invalid_request: false,
  invalid_response: true,
  otp_invalid: true,
  otp_expired: true,
  otp_attempts_exceeded: false,
  wallet_not_linked: false,
  provider_declined: false,
  order_already_paid: false,
  order_expired: false,
  redirect_blocked: false,
  rate_limited: true,
  server_error: true,
};

/** A failure with a code from the closed list. Everything the widget throws or emits is one of these. */
export class WalletError extends Error {
  override readonly name = 'WalletError';
  readonly retryable: boolean;
  constructor(
    readonly code: ErrorCode,
    message: string = code,
    /** HTTP status of the answer, when there was one. */
    readonly status?: number,
    /** OTP attempts left on this wallet, when the kit said so. */
    readonly attemptsLeft?: number,
    /** Seconds the kit asked to wait before trying again (`retryAfter`), when it said so. */
    readonly retryAfter?: number,
  ) {
    super(message);
    this.retryable = RETRYABLE[code];
  }
}
