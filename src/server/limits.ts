/**
 * The kit's abuse limits beyond the per-wallet OTP bounds (otp-guard.ts), layered so that no single identity can
 * burn through them by switching another: SMS sends per phone number, per customer, per client IP and for the
 * merchant as a whole; OTP checks per customer and per client IP; request rates per client IP and per customer
 * on every route, tighter on the routes that make Juspay call the providers (checkout, refresh).
 *
 * Counters live in the KitStore's limiters (rate-limiter-flexible on memory or on Redis), so a limit holds
 * across every instance that shares the store. Every refusal is `rate_limited` with `retryAfter`.
 */
import { KitError } from './responses.js';
import type { KitStore, LimitRule, Limiter } from './store.js';

/** `false` switches a limit off. */
export type Limit = LimitRule | false;

export interface LimitPolicy {
  /** SMS codes sent to one phone number (the session's `customerPhone`), whatever the wallet or customer. */
  smsPerPhone: Limit;
  /** SMS codes sent for one customer, across their wallets and providers. */
  smsPerCustomer: Limit;
  /** SMS codes requested from one client IP. */
  smsPerIp: Limit;
  /** SMS codes the merchant sends in all: a budget that caps the cost of an attack nothing else catches. */
  smsPerMerchant: Limit;
  /** OTP codes checked for one customer, across their wallets. */
  otpChecksPerCustomer: Limit;
  /** OTP codes checked from one client IP. */
  otpChecksPerIp: Limit;
  /** Requests from one client IP, any route. */
  requestsPerIp: Limit;
  /** Requests of one customer, any route. */
  requestsPerCustomer: Limit;
  /** `GET /checkout` per customer (a List at Juspay each). */
  checkoutPerCustomer: Limit;
  /** `POST /wallets/refresh` and `POST /wallets/:id/refresh` per customer (each asks the providers). */
  refreshPerCustomer: Limit;
}

const perHour = (points: number): LimitRule => ({ points, durationSeconds: 3600 });
const perMinute = (points: number): LimitRule => ({ points, durationSeconds: 60 });

/**
 * Generous for a shopper (a checkout needs one code, a few retries at most) and tight for a script. The per-wallet
 * bounds (5 wrong codes, 1 + 3 sends) bite first; these stop the same budget from being taken again through
 * another wallet, provider, account or address.
 */
export const DEFAULT_LIMITS: LimitPolicy = {
  smsPerPhone: perHour(6),
  smsPerCustomer: perHour(8),
  smsPerIp: perHour(20),
  smsPerMerchant: perHour(5000),
  otpChecksPerCustomer: perHour(15),
  otpChecksPerIp: perHour(30),
  requestsPerIp: perMinute(300),
  requestsPerCustomer: perMinute(120),
  checkoutPerCustomer: perMinute(30),
  refreshPerCustomer: perMinute(10),
};

/** Who is asking, as far as limits care. */
export interface Requester {
  customerId?: string | undefined;
  phone?: string | undefined;
  ip?: string | undefined;
}

type Name = keyof LimitPolicy;

export class AbuseLimits {
  private readonly limiters: Partial<Record<Name, Limiter>> = {};

  constructor(store: KitStore, policy: LimitPolicy) {
    for (const name of Object.keys(policy) as Name[]) {
      const rule = policy[name];
      if (rule) this.limiters[name] = store.limiter({ name, ...rule });
    }
  }

  /** Before any work: the client's request rate. */
  requestFromIp(ip: string | undefined): Promise<void> {
    return this.consume([['requestsPerIp', ip]]);
  }

  /** Once the session is known: the customer's request rate, and the route's own when it reaches the providers. */
  request(route: string, who: Requester): Promise<void> {
    const checks: [Name, string | undefined][] = [['requestsPerCustomer', who.customerId]];
    if (route === 'GET /checkout') checks.push(['checkoutPerCustomer', who.customerId]);
    if (route === 'POST /wallets/refresh' || route === 'POST /wallets/:id/refresh') checks.push(['refreshPerCustomer', who.customerId]);
    return this.consume(checks);
  }

  /** Before Juspay sends an SMS. */
  sms(who: Requester): Promise<void> {
    return this.consume([
      ['smsPerPhone', who.phone && normalisePhone(who.phone)],
      ['smsPerCustomer', who.customerId],
      ['smsPerIp', who.ip],
      ['smsPerMerchant', 'merchant'],
    ]);
  }

  /** Before Juspay checks an OTP. */
  otpCheck(who: Requester): Promise<void> {
    return this.consume([
      ['otpChecksPerCustomer', who.customerId],
      ['otpChecksPerIp', who.ip],
    ]);
  }

  /** Counts the event against each limit in turn; the first one exceeded refuses (the later ones are not counted). */
  private async consume(checks: [Name, string | undefined][]): Promise<void> {
    for (const [name, key] of checks) {
      const limiter = this.limiters[name];
      if (!limiter || !key) continue;
      const retryAfter = await limiter.consume(key);
      if (retryAfter !== null) throw new KitError('rate_limited', undefined, { retryAfter, limit: name });
    }
  }
}

/** One phone number, however it is written: Indonesian `08…` and `+628…`/`628…` are the same line. */
export function normalisePhone(phone: string): string {
  const digits = phone.replace(/\D/g, '');
  return digits.startsWith('0') ? `62${digits.slice(1)}` : digits;
}
