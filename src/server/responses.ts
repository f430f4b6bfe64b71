/**
 * How the kit answers: JSON with `cache-control: no-store`, and errors as `{error:{code,message,…}}` with the
 * contract's HTTP status. Messages are the kit's own fixed sentences, never an upstream message or a stack.
 * This module is the one place where a failure becomes a contract error: `toKitError` for anything thrown (a
 * KitError, a Juspay failure, a bug), `payFailure` for the two cases where the pay path answers otherwise;
 * `errorResponse` gives the result the contract's HTTP status.
 */
import { ERROR_HTTP_STATUS, type ErrorBody } from '../contract.js';
import { WalletError, type ErrorCode } from '../errors.js';
import { JuspayApiError, type JuspayFailure } from './juspay-api-error.js';

/** The shopper-facing sentence per code; the widget shows its own localised text, this is for developers. */
const MESSAGES: Readonly<Record<ErrorCode, string>> = {
  network: 'The network failed.',
  timeout: 'The wallet provider did not answer in time.',
  unauthorized: 'No checkout session.',
  invalid_request: 'The request is not valid.',
  invalid_response: 'The wallet provider answered with something unexpected.',
  otp_invalid: 'The code is not correct.',
  otp_expired: 'The code has expired. Ask for a new one.',
  otp_attempts_exceeded: 'Too many wrong codes for this wallet.',
  wallet_not_linked: 'This wallet is not linked yet.',
  provider_declined: 'The wallet provider declined the payment.',
  order_already_paid: 'This order is already paid.',
  order_expired: 'This order has expired.',
  redirect_blocked: 'The redirect was blocked.',
  rate_limited: 'Too many requests. Try again later.',
  server_error: 'Something went wrong on the server.',
};

/** An error the kit answers with deliberately, with the extra fields the contract allows. */
export class KitError extends WalletError {
  constructor(
    code: ErrorCode,
    /** A more precise fixed message than the default; never interpolate upstream text into it. */
    message: string = MESSAGES[code],
    readonly extra: {
      attemptsLeft?: number;
      retryAfter?: number;
      /** A transport-level answer (404, 405, 403, 408, 413, 415) instead of the code's own status. */
      httpStatus?: number;
      /** For the merchant's log only: which limit refused (limits.ts). */
      limit?: string;
    } = {},
  ) {
    super(code, message, extra.httpStatus, extra.attemptsLeft, extra.retryAfter);
  }
}

/** What the shopper is told when Juspay fails: nothing of Juspay's own words, and "try again" where that can help. */
const JUSPAY_FAILURE_CODES: Readonly<Record<JuspayFailure, ErrorCode>> = {
  unauthenticated: 'server_error',
  unavailable: 'server_error',
  timeout: 'timeout',
  malformed: 'invalid_response',
  token_expired: 'server_error',
  order_timed_out: 'order_expired',
  already_paid: 'order_already_paid',
  customer_not_found: 'server_error',
  not_found: 'invalid_request',
  rejected: 'invalid_request',
};

/**
 * The one place where a failure becomes a contract error: a KitError as it is, a Juspay failure as the code its
 * reason maps to (with that code's standard message, never Juspay's words), anything else a server_error.
 */
export function toKitError(error: unknown): KitError {
  if (error instanceof KitError) return error;
  if (!(error instanceof JuspayApiError)) return new KitError('server_error');
  const mapped = new KitError(JUSPAY_FAILURE_CODES[error.reason]);
  mapped.cause = error;
  return mapped;
}

/** `/txns` refusals that pay.ts checks against the order's state before answering (see `payFailure`). */
const UNCONFIRMED_REFUSALS: ReadonlySet<JuspayFailure> = new Set(['already_paid', 'rejected', 'not_found']);

/**
 * What `POST /pay` throws when the debit did not go through:
 * - `'declined'`, a `/txns` answer whose status folds to FAILED: the provider declined, `provider_declined`;
 * - a `/txns` refusal (already paid, rejected, not found) that Juspay's order status does not confirm (the order
 *   is neither paid nor pending): no final answer, so a retryable `server_error` rather than `order_already_paid`
 *   or `invalid_request`; the shopper's retry starts from the order's state;
 * - any other Juspay failure as it is, for the boundary to log as `juspay_error` and map with `toKitError`.
 */
export function payFailure(failure: 'declined' | JuspayApiError): KitError | JuspayApiError {
  if (failure === 'declined') return new KitError('provider_declined');
  return UNCONFIRMED_REFUSALS.has(failure.reason) ? new KitError('server_error') : failure;
}

const BASE_HEADERS = {
  'content-type': 'application/json; charset=utf-8',
  'cache-control': 'no-store',
  'x-content-type-options': 'nosniff',
} as const;

export function json(body: unknown, status = 200, headers?: HeadersInit): Response {
  // A fresh headers object per answer: @hono/node-server writes content-length into the init object it is given,
  // so a shared constant would carry the first answer's length into every later one.
  const response = new Response(JSON.stringify(body), { status, headers: { ...BASE_HEADERS } });
  if (headers) {
    for (const [name, value] of new Headers(headers)) response.headers.set(name, value);
  }
  return response;
}

/**
 * The error answer for anything thrown: `{error:{code,message,…}}` with the code's status from the contract (or a
 * transport-level one), and `retry-after` when the body has `retryAfter`.
 */
export function errorResponse(error: unknown): Response {
  const { code, message, extra } = toKitError(error);
  const body: ErrorBody = { error: { code, message } };
  if (extra.attemptsLeft !== undefined) body.error.attemptsLeft = extra.attemptsLeft;
  if (extra.retryAfter !== undefined) body.error.retryAfter = extra.retryAfter;
  const headers: Record<string, string> = {};
  if (extra.retryAfter !== undefined) headers['retry-after'] = String(extra.retryAfter);
  return json(body, extra.httpStatus ?? ERROR_HTTP_STATUS[code], headers);
}
