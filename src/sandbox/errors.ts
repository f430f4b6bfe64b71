/**
 * Juspay's error answers. Juspay has several envelope families (docs/juspay.md §2.5); each factory below names the
 * family it copies so the choice is visible in one place. Domain code throws a `SandboxApiError`; the HTTP layer turns
 * it into exactly `status` + `body`, and anything else into a bare 500 (never a stack trace).
 */
export type ErrorEnvelope = Readonly<Record<string, string | number | null>>;

/** An error answer: `httpStatus` and a body in one of Juspay's envelope families. */
export class SandboxApiError extends Error {
  override readonly name = 'SandboxApiError';
  constructor(
    readonly httpStatus: number,
    readonly body: ErrorEnvelope,
  ) {
    super(typeof body.error_message === 'string' ? body.error_message : String(body.error_code));
  }
}

/** The legacy EC 401 for a missing or unknown API key. */
export const accessDenied = (): SandboxApiError =>
  new SandboxApiError(401, { status: 'error', error_code: 'access_denied', error_message: null, status_id: null });

/**
 * The generic family, `{"status":"error","error_code":…,"error_message":…}`: `/txns` refusals with codes from
 * Juspay's generic catalogue (INVALID_INPUT, MISSING_MANDATORY_PARAMETER, EXPIRED, INVALID_ACTION,
 * RESOURCE_NOT_FOUND) or the seed's `invalid_request`, a body that cannot be read, and the 404s and 5xx below.
 */
export const genericError = (errorCode: string, message: string, httpStatus = 400): SandboxApiError =>
  new SandboxApiError(httpStatus, { status: 'error', error_code: errorCode, error_message: message });

/** The wallet family: link's documented "OTP is required" error and refresh-all's customer error share it. */
export const walletInvalid = (message: string, httpStatus = 400): SandboxApiError =>
  new SandboxApiError(httpStatus, { status: 'Invalid Request', error_code: 'Invalid', error_message: message });

/** Refresh-all's documented 400, used for every customer-scoped path with an unknown customer. */
export const customerNotFound = (): SandboxApiError =>
  new SandboxApiError(400, {
    status: 'Invalid Request',
    error_code: 'null_error',
    error_message: 'Customer not found for given customerId.',
  });

export const walletNotFound = (): SandboxApiError =>
  genericError('RESOURCE_NOT_FOUND', 'Wallet account not found for given walletId.', 404);

/** The legacy validation family (`invalid_request_error`), as a real duplicate-customer answer showed it. */
export const validation = (errorCode: string, message: string): SandboxApiError =>
  new SandboxApiError(400, { status: 'invalid_request_error', error_code: errorCode, error_message: message });

/** The seed's documented /txns 400. */
export const orderTimedOut = (): SandboxApiError => genericError('invalid_request', 'Order timed out');

/** Order status of an unknown order: the newer catalogue's 404 E09 (docs/juspay.md §5.2). */
export const orderNotFound = (): SandboxApiError =>
  new SandboxApiError(404, { status: 'NOT_FOUND', error_code: 'E09', error_message: 'Order not found' });

/** Legacy EC answer to a reused order_id on POST /orders. */
export const orderAlreadyCreated = (orderId: string): SandboxApiError =>
  new SandboxApiError(400, {
    status: 'order_already_created',
    error_message: `Order with id = "${orderId}" already created.`,
    order_id: orderId,
  });

/**
 * Refund refusals (POST /orders/:id/refunds). Juspay documents no error body for them (docs/juspay.md §9.5); they use
 * the legacy validation family: `INVALID_REQUEST` for a bad field, a non-CHARGED order or too large an amount,
 * `DUPLICATE_REQUEST` (a code from Juspay's generic catalogue) for a unique_request_id reused for another refund.
 */
export const refundInvalid = (message: string): SandboxApiError => validation('INVALID_REQUEST', message);
export const refundDuplicate = (message: string): SandboxApiError => validation('DUPLICATE_REQUEST', message);

/** A path or method Juspay does not serve. */
export const routeNotFound = (): SandboxApiError => genericError('RESOURCE_NOT_FOUND', 'Not found', 404);

export const internalError = (): SandboxApiError => genericError('internal_error', 'Internal error', 500);

/** What an `error` fault answers instead of the request (faults.ts). */
export const simulatedFailure = (httpStatus: number): SandboxApiError => genericError('internal_error', 'Simulated failure', httpStatus);
