/**
 * Building answers. Errors from the domain become Juspay's envelopes; anything unexpected becomes a bare 500 with
 * no detail, so no stack trace or internal message ever reaches a client.
 */
import { internalError, SandboxApiError } from '../errors.js';

export function json(body: unknown, status = 200): Response {
  return jsonText(JSON.stringify(body), status);
}

/** A JSON answer from its text as it is (the `malformed` fault's is cut off mid-way). */
export function jsonText(text: string, status = 200): Response {
  return new Response(text, { status, headers: { 'content-type': 'application/json; charset=utf-8' } });
}

export function errorResponse(error: unknown): Response {
  const known = error instanceof SandboxApiError ? error : internalError();
  return json(known.body, known.httpStatus);
}
