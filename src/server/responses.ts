/**
 * How the kit answers: JSON with `cache-control: no-store`, and errors as `{error:{code,message,…}}` with the
 * contract's HTTP status. Messages are the kit's own fixed sentences, never an upstream message or a stack.
 */
import { ERROR_HTTP_STATUS, type ErrorBody } from '../contract.js';
import { WalletError, type ErrorCode } from '../errors.js';

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
      httpStatus?: number;
      /** For the merchant's log only: which limit refused (limits.ts). */
      limit?: string;
    } = {},
  ) {
    super(code, message, extra.httpStatus ?? ERROR_HTTP_STATUS[code], extra.attemptsLeft);
  }
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
  if (headers) new Headers(headers).forEach((value, name) => response.headers.set(name, value));
  return response;
}

/**
 * The error answer for anything thrown. A KitError keeps its message and extras; any other WalletError (e.g. a
 * classified Juspay failure) gets the standard message of its code; anything else is a server_error.
 */
export function errorResponse(error: unknown): Response {
  let code: ErrorCode = 'server_error';
  let message = MESSAGES.server_error;
  let status: number = ERROR_HTTP_STATUS.server_error;
  const body: ErrorBody = { error: { code, message } };
  if (error instanceof KitError) {
    code = error.code;
    message = error.message;
    status = error.status ?? ERROR_HTTP_STATUS[code];
    body.error = { code, message };
    if (error.extra.attemptsLeft !== undefined) body.error.attemptsLeft = error.extra.attemptsLeft;
    if (error.extra.retryAfter !== undefined) body.error.retryAfter = error.extra.retryAfter;
  } else if (error instanceof WalletError) {
    code = error.code;
    status = ERROR_HTTP_STATUS[code];
    body.error = { code, message: MESSAGES[code] };
  }
  const headers: Record<string, string> = {};
  if (body.error.retryAfter !== undefined) headers['retry-after'] = String(body.error.retryAfter);
  return json(body, status, headers);
}
