/**
 * The checkout session: who pays for what, as the merchant's own `resolveCheckout` hook decides it. The browser
 * never supplies any of it. The kit validates what the hook returns, because these values go into Juspay URLs,
 * headers and forms: a bad session is the merchant's bug (server_error), caught before Juspay is called.
 */
import * as z from 'zod/mini';
import type { Logger } from './log.js';
import { KitError } from './responses.js';

export interface CheckoutSession {
  /** Juspay customer id or the merchant's `object_reference_id`. */
  customerId: string;
  /** Alphanumeric, fewer than 21 characters (Juspay's rule). */
  orderId: string;
  amount: number;
  /** ISO 4217, e.g. IDR. */
  currency: string;
  /** Where Juspay sends the shopper after paying (or topping up). */
  returnUrl: string;
  customerPhone?: string;
}

/** An absolute http(s) URL without credentials: what the kit accepts as a return URL or hands on as a redirect. */
export const isHttpUrl = (value: string) => {
  try {
    const url = new URL(value);
    return (url.protocol === 'https:' || url.protocol === 'http:') && !url.username && !url.password;
  } catch {
    return false;
  }
};

/** Each field's rule in words, for the merchant's log and the README. */
const SESSION_RULES = {
  customerId: 'letters, digits and ._@+:- only, 1 to 128 characters, not "." or ".."',
  orderId: "1 to 20 letters and digits, nothing else (Juspay's rule: no dash, no UUID)",
  amount: 'a number of at least 1 with at most two decimals',
  currency: 'an ISO 4217 code in capitals, e.g. IDR',
  returnUrl: 'an absolute http(s) URL without user name or password',
  customerPhone: 'optional; 6 to 15 digits, an optional leading +',
} as const;

const CheckoutSessionSchema = z.object({
  // It becomes a Juspay path segment and the x-routing-id header: letters, digits and `._@+:-`, and never a
  // segment that rewrites the path (`.`, `..`) however it is encoded.
  customerId: z.string().check(z.regex(/^(?!\.{1,2}$)[A-Za-z0-9._@+:-]{1,128}$/)),
  orderId: z.string().check(z.regex(/^[A-Za-z0-9]{1,20}$/)),
  // Juspay: at least 1, at most two decimals.
  amount: z.number().check(
    z.gte(1),
    z.refine((value) => Number.isFinite(value) && Math.abs(Math.round(value * 100) - value * 100) < 1e-6),
  ),
  currency: z.string().check(z.regex(/^[A-Z]{3}$/)),
  returnUrl: z.string().check(z.refine(isHttpUrl)),
  customerPhone: z.optional(z.string().check(z.regex(/^\+?\d{6,15}$/))),
});

/** `returnUrl?order_id=…&status=…`, the shape of Juspay's own return redirect. */
export function returnUrlWith(session: CheckoutSession, status: string): string {
  const url = new URL(session.returnUrl);
  url.searchParams.set('order_id', session.orderId);
  url.searchParams.set('status', status);
  return url.toString();
}

/**
 * The merchant's `resolveCheckout`, made safe to call: null is `unauthorized`; a throw or a session the kit cannot
 * send to Juspay is `server_error`, with the reason in the merchant's log (which field, which rule) and never in
 * the answer.
 */
export function sessionResolver(
  resolveCheckout: (request: Request) => CheckoutSession | null | Promise<CheckoutSession | null>,
  log: Logger,
): (request: Request) => Promise<CheckoutSession> {
  return async (request) => {
    let session: CheckoutSession | null;
    try {
      session = await resolveCheckout(request);
    } catch (error) {
      log('error', 'resolve_checkout_failed', {
        // The merchant's own exception, in the merchant's own log (never in the answer).
        error: error instanceof Error ? `${error.name}: ${error.message}`.slice(0, 300) : String(error).slice(0, 300),
        hint: 'Your resolveCheckout threw; it must answer a CheckoutSession, or null for no session (401).',
      });
      throw new KitError('server_error');
    }
    if (!session) throw new KitError('unauthorized');
    const parsed = CheckoutSessionSchema.safeParse(session);
    if (!parsed.success) {
      const fields = [...new Set(parsed.error.issues.map((issue) => issue.path.join('.')))];
      log('error', 'invalid_session', {
        fields,
        hint: `resolveCheckout answered a session the kit cannot send to Juspay: ${fields.map((field) => `${field}: ${SESSION_RULES[field as keyof typeof SESSION_RULES] ?? 'see CheckoutSession'}`).join('; ')}.`,
      });
      throw new KitError('server_error');
    }
    return session;
  };
}
