/**
 * The one navigation the widget performs: a GET redirect to Juspay's `payment.authentication.url`, and only after
 * the URL passes validation. Anything else is `redirect_blocked`.
 */
import { WalletError } from './errors.js';

const LOCAL_HOSTS = new Set(['localhost', '127.0.0.1', '[::1]']);

/**
 * Parses and vets a redirect target. `https:` only (plain `http:` only for localhost), no credentials, and when
 * `allowedOrigins` is non-empty the origin must be in it. Relative URLs resolve against `base`.
 */
export function checkRedirect(url: string, allowedOrigins: readonly string[] = [], base = location.href): URL {
  let target: URL;
  try {
    target = new URL(url, base);
  } catch {
    throw new WalletError('redirect_blocked', 'not a URL');
  }
  const local = LOCAL_HOSTS.has(target.hostname) || target.hostname.endsWith('.localhost');
  if (!(target.protocol === 'https:' || (target.protocol === 'http:' && local))) {
    throw new WalletError('redirect_blocked', `scheme ${target.protocol} not allowed`);
  }
  if (target.username || target.password) throw new WalletError('redirect_blocked', 'credentials in URL');
  if (allowedOrigins.length > 0 && !allowedOrigins.includes(target.origin)) {
    throw new WalletError('redirect_blocked', `origin ${target.origin} not allowed`);
  }
  return target;
}

/** Parses the `redirect-origins` attribute: space- or comma-separated origins. */
export function parseOrigins(value: string | null | undefined): string[] {
  return (value ?? '')
    .split(/[\s,]+/)
    .filter(Boolean)
    .map((origin) => {
      try {
        return new URL(origin).origin;
      } catch {
        return origin;
      }
    });
}

/** Performs the GET navigation. Swappable so tests can intercept it without leaving the page. */
export const pageNavigation = {
  go(url: URL): void {
    location.assign(url.href);
  },
};
