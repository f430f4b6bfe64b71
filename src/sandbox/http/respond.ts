/**
 * Building answers. Errors from the domain become Juspay's envelopes; anything unexpected becomes a bare 500 with
 * no detail, so no stack trace or internal message ever reaches a client.
 */
import { internalError, JuspayError } from '../errors.js';

export function json(body: unknown, status = 200, headers: Record<string, string> = {}): Response {
  return new Response(JSON.stringify(body), {
    status,
    headers: { 'content-type': 'application/json; charset=utf-8', ...headers },
  });
}

export function errorResponse(error: unknown): Response {
  const known = error instanceof JuspayError ? error : internalError();
  return json(known.body, known.httpStatus);
}

/** The absolute base for URLs handed to browsers: the configured publicUrl, else this request's origin + basePath. */
export function publicBase(request: Request, publicUrl: string | undefined, basePath: string): string {
  return publicUrl ?? new URL(request.url).origin + basePath;
}
