/**
 * HTTP Basic, both ways: the API key on every API request, and the merchant's credentials on every webhook.
 *
 * A request authenticates with the API key as the user name and an empty password (`-u your_api_key:`, the
 * documented form), or with the key alone and no colon at all (`base64(api_key)`, what Juspay's Node SDK sends).
 * Anything else, including a missing header, is Juspay's 401 `access_denied`.
 *
 * Not the hono/basic-auth middleware: its refusal is its own 401 (plain text or bare JSON, with WWW-Authenticate),
 * not Juspay's envelope, and it takes only `user:password`. Its parser, `auth()`, reads the documented form; the
 * colon-less one, which `auth()` refuses, is read here.
 */
import { auth } from 'hono/utils/basic-auth';
import { timingSafeEqual } from 'hono/utils/buffer';
import { decodeBase64, encodeBase64 } from 'hono/utils/encode';

interface Credentials {
  readonly username: string;
  readonly password: string;
}

export async function isAuthorised(request: Request, apiKey: string): Promise<boolean> {
  const credentials = auth(request) ?? keyWithoutColon(request);
  if (!credentials) return false;
  // hono compares hashes, so the time taken does not tell how much of the key was right.
  const keyMatches = await timingSafeEqual(credentials.username, apiKey);
  return keyMatches && credentials.password === '';
}

/** `Basic base64(api_key)`: the key as the user name, no password. Same header syntax as hono's `auth()`. */
function keyWithoutColon(request: Request): Credentials | undefined {
  const encoded = /^ *basic +([A-Za-z0-9+/]+=*) *$/i.exec(request.headers.get('authorization') ?? '')?.[1];
  if (encoded === undefined) return undefined;
  try {
    return { username: new TextDecoder().decode(decodeBase64(encoded)), password: '' };
  } catch {
    return undefined; // not base64
  }
}

/** `Basic base64(username:password)`, UTF-8 like curl's `-u`. */
export function basicAuthorization(username: string, password: string): string {
  return `Basic ${encodeBase64(new TextEncoder().encode(`${username}:${password}`).buffer)}`;
}
