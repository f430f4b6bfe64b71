/**
 * The demo merchant: what a real shop keeps in its own session store. It mints a short-lived checkout token for a
 * customer and an order it decided (amount, currency, return URL), and the kit's `resolveCheckout` hook reads it
 * back from `Authorization: Bearer` or from an HttpOnly cookie (the return page has no token in its URL).
 * The browser never chooses the customer, the order or the amount: it only carries the opaque token.
 */
import { randomBytes } from 'node:crypto';
import type { CheckoutSession } from '../src/server/index.js';

export const ORDER_AMOUNT = 150_000;
export const ORDER_CURRENCY = 'IDR';
export const SESSION_COOKIE = 'demo_checkout';
const SESSION_TTL_MS = 30 * 60_000;

export interface MintedSession {
  checkoutToken: string;
  session: CheckoutSession;
}

export function createMerchant(options: { returnUrl: (orderId: string) => string; now?: () => number }) {
  const now = options.now ?? Date.now;
  const sessions = new Map<string, { session: CheckoutSession; expires: number }>();

  return {
    /** A new order for `customerId`, and the token the page hands to `<wallet-pay checkout-token>`. */
    mint(customerId: string, amount = ORDER_AMOUNT): MintedSession {
      // Juspay order ids: alphanumeric, fewer than 21 characters.
      const orderId = `ord${randomBytes(8).toString('hex')}`;
      const checkoutToken = randomBytes(24).toString('base64url');
      const session: CheckoutSession = {
        customerId,
        orderId,
        amount,
        currency: ORDER_CURRENCY,
        returnUrl: options.returnUrl(orderId),
      };
      sessions.set(checkoutToken, { session, expires: now() + SESSION_TTL_MS });
      return { checkoutToken, session };
    },

    /** The kit's hook. */
    resolveCheckout(request: Request): CheckoutSession | null {
      const token = bearer(request) ?? cookie(request, SESSION_COOKIE);
      const entry = token ? sessions.get(token) : undefined;
      if (!entry || entry.expires < now()) return null;
      return entry.session;
    },

    sessionCookie(token: string): string {
      return `${SESSION_COOKIE}=${token}; HttpOnly; SameSite=Lax; Path=/; Max-Age=${SESSION_TTL_MS / 1000}`;
    },
  };
}

export type Merchant = ReturnType<typeof createMerchant>;

function bearer(request: Request): string | null {
  const match = /^Bearer\s+(\S+)$/i.exec(request.headers.get('authorization') ?? '');
  return match?.[1] ?? null;
}

function cookie(request: Request, name: string): string | null {
  for (const part of (request.headers.get('cookie') ?? '').split(';')) {
    const [key, ...value] = part.trim().split('=');
    if (key === name) return value.join('=');
  }
  return null;
}
