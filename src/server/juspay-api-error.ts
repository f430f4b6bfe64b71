/**
 * What went wrong calling Juspay's API, classified once, where the answer is read. It says what Juspay did, not
 * what the browser is told: `reason` drives the kit's own decisions (retry with a fresh token, create a missing
 * customer), and the kit's boundary (its HTTP answers, its server-side methods) maps it to a contract error in one
 * place (responses.ts `toKitError`).
 * Juspay's raw `error_message` is deliberately not kept: it could echo a token or other request data.
 */
import type { JuspayErrorBody } from './juspay-schemas.js';

export type JuspayFailure =
  /** 401/403: the merchant's API key or IP allow-list is wrong. Not the shopper's fault. */
  | 'unauthenticated'
  /** 5xx, or Juspay could not be reached. */
  | 'unavailable'
  /** No complete answer within `timeoutMs`. */
  | 'timeout'
  /** Not JSON, or JSON of an unexpected shape. */
  | 'malformed'
  /** The direct-debit token expired, was used, or is unknown: fetch a fresh one and retry once. */
  | 'token_expired'
  /** The order is past its validity ("Order timed out"). */
  | 'order_timed_out'
  /** The order was already charged. */
  | 'already_paid'
  /** The customer does not exist on Juspay yet. */
  | 'customer_not_found'
  /** The resource (order, wallet) does not exist. */
  | 'not_found'
  /** Any other 4xx: Juspay refused the request. */
  | 'rejected';

export class JuspayApiError extends Error {
  override readonly name = 'JuspayApiError';
  constructor(
    readonly reason: JuspayFailure,
    /** The Juspay path that failed, without query (for logs). */
    readonly path: string,
    /** Juspay's HTTP status, when it answered. */
    readonly httpStatus?: number,
    /** Juspay's `error_code` (a short fixed identifier, safe to log once sanitised). */
    readonly juspayErrorCode?: string,
  ) {
    super(`Juspay ${reason}`);
  }
}

/** Classifies a non-2xx Juspay answer (or a 2xx with an error envelope) by its status and envelope. */
export function classifyJuspayFailure(httpStatus: number, body: JuspayErrorBody | undefined): JuspayFailure {
  if (httpStatus === 401 || httpStatus === 403) return 'unauthenticated';
  if (httpStatus >= 500) return 'unavailable';
  const code = (body?.error_code ?? body?.response?.errorCode ?? '').toString();
  const status = (body?.status ?? '').toString();
  const message = (body?.error_message ?? body?.response?.errorMessage ?? '').toString();
  const text = `${code} ${status} ${message}`;
  if (/order\s+(has\s+)?(timed\s*out|expired)/i.test(text)) return 'order_timed_out';
  if (/already\s+(been\s+)?(charged|paid|success)|order_already_paid|ALREADY_PAID/i.test(text)) return 'already_paid';
  if (/customer\s+not\s+found/i.test(text)) return 'customer_not_found';
  if (/^expired$/i.test(code) || /token/i.test(text)) return 'token_expired';
  if (httpStatus === 404 || /not[\s_]?found|E09/i.test(code)) return 'not_found';
  return 'rejected';
}
