/**
 * The one navigation the widget performs: a GET redirect to Juspay's `payment.authentication.url`, and only after
 * the URL passes validation. Anything else is `redirect_blocked`.
 */
import { WalletError } from './errors.js';

/**
 * Parses and vets a redirect target. `https:` only (plain `http:` only for localhost), no credentials, and when
 * `allowedOrigins` is non-empty the origin must be in it. Relative URLs resolve against `base`. `null` when there
 * is nowhere to go: an empty or blank URL, a bare fragment, or the page itself (navigating there would only reload
 * the checkout).
 */
export function checkRedirect(url: string, allowedOrigins: readonly string[] = [], base = location.href): URL | null {
  if (!url.trim() || url.trim().startsWith('#')) return null;
  let target: URL | undefined;
  try {
    target = new URL(url, base);
  } catch {
    // Not a URL: refused below like any other unsafe target.
  }
  const host = target?.hostname ?? '';
  const local = /^(localhost|127\.0\.0\.1|\[::1\])$|\.localhost$/.test(host);
  const safe =
    target &&
    (target.protocol === 'https:' || (target.protocol === 'http:' && local)) &&
    !target.username &&
    !target.password &&
    (allowedOrigins.length === 0 || allowedOrigins.includes(target.origin));
  if (!safe) throw new WalletError('redirect_blocked');
  return target!.href.split('#')[0] === base.split('#')[0] ? null : target!;
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
