/**
 * What the kit checks about a browser request before any handler runs: the CORS allow-list, the origin of
 * state-changing calls, and the body (JSON only, size-limited, parsed strictly).
 */
import type * as z from 'zod/mini';
import { KitError } from './responses.js';

/** CORS answer headers for an allowed origin; none at all for any other. */
export function corsHeaders(origin: string | null, allowed: readonly string[]): Record<string, string> {
  if (!origin || !allowed.includes(origin)) return {};
  return {
    'access-control-allow-origin': origin,
    // The session is usually a cookie, so credentialed requests must be allowed for listed origins.
    'access-control-allow-credentials': 'true',
    vary: 'origin',
  };
}

export function preflightHeaders(origin: string | null, allowed: readonly string[]): Record<string, string> {
  const headers = corsHeaders(origin, allowed);
  if (!headers['access-control-allow-origin']) return { vary: 'origin' };
  return {
    ...headers,
    'access-control-allow-methods': 'GET, POST',
    'access-control-allow-headers': 'content-type, authorization',
    'access-control-max-age': '600',
  };
}

/**
 * A POST from a page of another site that is not on the allow-list is refused before anything happens. Browsers
 * block reading the answer anyway, but some POSTs (those without a body) need no preflight, so without this a
 * foreign page could make a signed-in shopper's browser send OTP SMS.
 *
 * Decided from what the browser itself asserts, never from `request.url` (behind a proxy, or in a Next.js route
 * handler, that names the server's own address, not the page's):
 * 1. `Origin` listed in `cors.origins` or in the kit's `publicOrigins`: allowed.
 * 2. `Sec-Fetch-Site` (every current browser sends it): `same-origin` (or `none`, typed by the user) is allowed,
 *    `same-site` and `cross-site` are refused.
 * 3. No Fetch Metadata (an older browser): with `publicOrigins` configured, an unlisted `Origin` is refused;
 *    without, `Origin` must name the host the browser addressed (`X-Forwarded-Host`, else `Host`). A page cannot
 *    forge either header on a cross-site request without a preflight the kit does not grant.
 * A request with neither header is not a page's POST (a server, a script) and goes on to the session check.
 */
export function isForeignOrigin(request: Request, allowed: readonly string[], publicOrigins: readonly string[]): boolean {
  const origin = request.headers.get('origin');
  if (origin && (allowed.includes(origin) || publicOrigins.includes(origin))) return false;
  const site = request.headers.get('sec-fetch-site');
  if (site === 'same-origin' || site === 'none') return false;
  if (site === 'same-site' || site === 'cross-site') return true;
  if (!origin) return false;
  if (publicOrigins.length > 0) return true;
  const host = (request.headers.get('x-forwarded-host') ?? request.headers.get('host') ?? '').split(',')[0]!.trim();
  try {
    return !host || new URL(origin).host !== host;
  } catch {
    return true;
  }
}

/** The client went away before its body arrived: nothing to answer, nothing wrong on our side. */
export class ClientGone extends KitError {
  constructor() {
    super('invalid_request', 'The request body was cut off.');
  }
}

/**
 * Reads the body as UTF-8 text, refusing more than `maxBytes` by the declared content-length and by the bytes
 * actually read (a chunked body has no length to trust), and a body still incomplete after `timeoutMs` (a slow
 * client holding a connection and the kit's memory open).
 */
export async function readBody(request: Request, maxBytes: number, timeoutMs: number): Promise<string> {
  const declared = request.headers.get('content-length');
  if (declared !== null && Number(declared) > maxBytes) throw tooLarge();
  if (!request.body) return '';
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const late = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new KitError('invalid_request', 'The body did not arrive in time.', { httpStatus: 408 })), timeoutMs);
  });
  try {
    for (;;) {
      let chunk: ReadableStreamReadResult<Uint8Array>;
      try {
        chunk = await Promise.race([reader.read(), late]);
      } catch (error) {
        throw error instanceof KitError ? error : new ClientGone();
      }
      if (chunk.done) break;
      total += chunk.value.byteLength;
      if (total > maxBytes) throw tooLarge();
      chunks.push(chunk.value);
    }
  } catch (error) {
    await reader.cancel().catch(() => {});
    throw error;
  } finally {
    clearTimeout(timer);
  }
  const bytes = new Uint8Array(total);
  let offset = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, offset);
    offset += chunk.byteLength;
  }
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    throw new KitError('invalid_request', 'The body is not UTF-8.');
  }
}

/** A JSON body for routes that take one: `content-type: application/json` (else 415), then a strict parse. */
export function parseJsonBody<T>(request: Request, text: string, schema: z.ZodMiniType<T>): T {
  const type = (request.headers.get('content-type') ?? '').split(';')[0]!.trim().toLowerCase();
  if (type !== 'application/json') {
    throw new KitError('invalid_request', 'Send the body as application/json.', { httpStatus: 415 });
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw new KitError('invalid_request', 'The body is not JSON.');
  }
  const parsed = schema.safeParse(value);
  if (!parsed.success) throw new KitError('invalid_request');
  return parsed.data;
}

/** Routes without a request schema take no body; an empty JSON object is tolerated. */
export function refuseBody(text: string): void {
  const trimmed = text.trim();
  if (trimmed !== '' && trimmed.replace(/\s+/g, '') !== '{}') throw new KitError('invalid_request', 'This call takes no body.');
}

function tooLarge() {
  return new KitError('invalid_request', 'The body is too large.', { httpStatus: 413 });
}
