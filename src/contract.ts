/**
 * The widget <-> merchant backend contract: one module of zod schemas, used by the widget to parse every response
 * and by the kit to parse every request and shape every response. docs/contract.md is generated from this file
 * (scripts/contract-doc.ts) and checked against it in the tests.
 *
 * zod/mini keeps the browser bundle small; the same schemas run on the server.
 */
import * as z from 'zod/mini';
import { ERROR_CODES } from './errors.js';

/**
 * Whether the JSON Schema annotations below are wanted: everywhere (the kit, scripts/contract-doc.ts) except in the
 * script-tag bundle, whose build defines `__CONTRACT_DOCS__` as false (vite.config.ts) so they cost it nothing.
 */
declare const __CONTRACT_DOCS__: boolean | undefined;
const DOCS = typeof __CONTRACT_DOCS__ === 'undefined' || __CONTRACT_DOCS__;

/**
 * Checks the browser bundle can afford. zod's own format and bound checks (`z.regex`, `z.int`, `z.gte`,
 * `z.maxLength`, `z.enum`, `z.iso.datetime`) would bring their own code into the script-tag bundle: 1.7 KB min+gzip
 * together (measured), against a 22 KB budget that lit and zod mostly fill. A plain `z.check` predicate costs almost
 * nothing, but `z.toJSONSchema` cannot see inside it, so each rule also states what it checks as JSON Schema
 * metadata (`z.globalRegistry`, zod's public registry for it), only where the document is generated.
 */
/* @__NO_SIDE_EFFECTS__ */
function rule<S extends z.ZodMiniType>(schema: S, test: (value: z.output<S>) => boolean, jsonSchema: Record<string, unknown>): S {
  const predicate = z.check<z.output<S>>((payload) => {
    // zod fills in the rest of the issue ("Invalid input", the path).
    if (!test(payload.value)) payload.issues.push({ code: 'custom', input: payload.value });
  });
  const checked = schema.check(predicate) as S;
  if (DOCS) z.globalRegistry.add(checked, jsonSchema);
  return checked;
}

/** A string matching `regex` (zod's `z.regex`). */
const matching = /* @__NO_SIDE_EFFECTS__ */ (regex: RegExp) => rule(z.string(), (value) => regex.test(value), { pattern: regex.source });

/** A finite number from 0 to `max` (zod's `z.gte(0)` + `z.lte(max)`): never Infinity, NaN or negative. */
const nonNegative = (max = Number.MAX_SAFE_INTEGER) =>
  rule(z.number(), (value) => value >= 0 && value <= max, { minimum: 0, maximum: max });

/** A count: an integer from 0 to `max` (zod's `z.int()` + `z.gte(0)` + `z.lte(max)`). */
const count = (max: number) =>
  rule(z.number(), (value) => Number.isSafeInteger(value) && value >= 0 && value <= max, { type: 'integer', minimum: 0, maximum: max });

/** An ISO 8601 date-time with its offset, e.g. `2026-12-01T10:00:00Z` (zod's `z.iso.datetime({ offset: true })`). */
const isoDateTime = () =>
  rule(
    z.string(),
    (value) => /^\d{4}-\d\d-\d\dT\d\d:\d\d(:\d\d(\.\d+)?)?(Z|[+-]\d\d:?\d\d)$/.test(value) && !Number.isNaN(Date.parse(value)),
    { format: 'date-time' },
  );

/**
 * One of a closed set of strings (zod's `z.enum`). The cast is the one thing `z.enum` would have told the type
 * checker: that a string which passed the check is one of `values`.
 */
const oneOf = /* @__NO_SIDE_EFFECTS__ */ <const T extends string>(values: readonly T[]) =>
  rule(z.string(), (value) => (values as readonly string[]).includes(value), { enum: [...values] }) as unknown as z.ZodMiniType<T>;

/**
 * E-wallets on offer. Juspay spells ShopeePay both `SHOPEEPAY` and `SHOPEE`; the contract uses `SHOPEEPAY`.
 */
export const PROVIDERS = ['GOPAY', 'DANA', 'SHOPEEPAY', 'OVO'] as const;
export const Provider = oneOf(PROVIDERS);
export type Provider = z.infer<typeof Provider>;

/** Juspay wallet ids (`wlt_…`, `wlm_…`): letters, digits and `_`, nothing that could escape a URL path. */
export const WalletId = matching(/^[A-Za-z0-9_]{4,64}$/);

/** An OTP as the shopper types it: 4 to 8 digits. */
export const Otp = matching(/^\d{4,8}$/);

/** A wallet as the browser sees it. Never a token. */
export const Wallet = z.object({
  id: WalletId,
  provider: Provider,
  linked: z.boolean(),
  /** In the order's currency units; null when not linked (or the provider gave none). */
  balance: z.nullable(nonNegative()),
  /** ISO-8601 time the balance was read from the provider; null when never. */
  balanceUpdatedAt: z.nullable(isoDateTime()),
});
export type Wallet = z.infer<typeof Wallet>;

/** The order, as the merchant's session decided it. The browser only displays it. */
export const Order = z.object({
  /** 1 to 64 characters (zod's `z.minLength(1)` + `z.maxLength(64)`). */
  id: rule(z.string(), (value) => value.length >= 1 && value.length <= 64, { minLength: 1, maxLength: 64 }),
  amount: nonNegative(),
  /** ISO 4217, e.g. IDR. */
  currency: matching(/^[A-Z]{3}$/),
});
export type Order = z.infer<typeof Order>;

/** `GET /checkout`: everything the widget needs to become interactive, in one request. */
export const Checkout = z.object({
  order: Order,
  wallets: z.array(Wallet),
  /** Providers the merchant offers, in display order. */
  providers: z.array(Provider),
});
export type Checkout = z.infer<typeof Checkout>;

/** `POST /wallets/refresh`. */
export const WalletList = z.object({ wallets: z.array(Wallet) });
export type WalletList = z.infer<typeof WalletList>;

/** `POST /wallets/:id/refresh`, `POST /wallets/:id/link`. */
export const WalletResult = z.object({ wallet: Wallet });
export type WalletResult = z.infer<typeof WalletResult>;

/** `POST /wallets`, `POST /wallets/:id/authenticate`: an OTP was sent to the shopper's phone. */
export const OtpChallenge = z.object({
  wallet: Wallet,
  otp: z.object({
    /** Wrong codes the shopper may still enter for this wallet. */
    attemptsLeft: count(100),
    /** Further codes that may still be sent. */
    resendsLeft: count(100),
    /** Seconds to wait before the next resend is accepted (at most a day). */
    resendAfter: nonNegative(86_400),
  }),
});
export type OtpChallenge = z.infer<typeof OtpChallenge>;

/** Body of `POST /wallets`. */
export const CreateWalletRequest = z.object({ provider: Provider });
export type CreateWalletRequest = z.infer<typeof CreateWalletRequest>;
/** Body of `POST /wallets/:id/link`. */
export const LinkRequest = z.object({ otp: Otp });
export type LinkRequest = z.infer<typeof LinkRequest>;
/** Body of `POST /pay`. The amount, currency, order and customer come from the merchant's session, never from here. */
export const PayRequest = z.object({ walletId: WalletId });
export type PayRequest = z.infer<typeof PayRequest>;

/**
 * `POST /pay`. `url` is Juspay's `payment.authentication.url` (always a GET): the finish page when CHARGED,
 * the provider's top-up page when PENDING (insufficient balance).
 */
export const PayResult = z.object({
  orderId: z.string(),
  status: oneOf(['CHARGED', 'PENDING']),
  url: z.string(),
});
export type PayResult = z.infer<typeof PayResult>;

/** Order states as the widget knows them (Juspay's many statuses folded into four). */
export const ORDER_STATUSES = ['NEW', 'PENDING', 'CHARGED', 'FAILED'] as const;

/** `GET /order`. */
export const OrderStatus = z.object({
  orderId: z.string(),
  status: oneOf(ORDER_STATUSES),
  amount: nonNegative(),
  currency: z.string(),
  /** The merchant's return URL for this order, where the shopper goes once it has settled. */
  url: z.optional(z.string()),
});
export type OrderStatus = z.infer<typeof OrderStatus>;

/** Every non-2xx answer of the kit. */
export const ErrorBody = z.object({
  error: z.object({
    code: oneOf(ERROR_CODES),
    message: z.string(),
    /** OTP attempts left, on otp_invalid. */
    attemptsLeft: z.optional(count(100)),
    /** Seconds until a retry is accepted, on rate_limited. */
    retryAfter: z.optional(nonNegative(86_400)),
  }),
});
export type ErrorBody = z.infer<typeof ErrorBody>;

/** The HTTP status the kit answers with, per error code. */
export const ERROR_HTTP_STATUS = {
  network: 502,
  timeout: 504,
  unauthorized: 401,
  invalid_request: 400,
  invalid_response: 502,
  otp_invalid: 422,
  otp_expired: 422,
  otp_attempts_exceeded: 429,
  wallet_not_linked: 409,
  provider_declined: 402,
  order_already_paid: 409,
  order_expired: 410,
  redirect_blocked: 400,
  rate_limited: 429,
  server_error: 500,
} as const satisfies Record<(typeof ERROR_CODES)[number], number>;

/** The routes, for the kit's router and the generated contract document. Paths are relative to `endpoint`. */
export const ROUTES = [
  {
    method: 'GET',
    path: '/checkout',
    request: null,
    response: 'Checkout',
    juspay: 'List wallets',
    purpose: "Order summary, the customer's wallets, providers on offer",
  },
  {
    method: 'POST',
    path: '/wallets/refresh',
    request: null,
    response: 'WalletList',
    juspay: 'Refresh all',
    purpose: 'All balances, fresh',
  },
  {
    method: 'POST',
    path: '/wallets/:id/refresh',
    request: null,
    response: 'WalletResult',
    juspay: 'Refresh wallet',
    purpose: 'One balance, fresh',
  },
  {
    method: 'POST',
    path: '/wallets',
    request: 'CreateWalletRequest',
    response: 'OtpChallenge',
    juspay: 'Create wallet, command=authenticate',
    purpose: 'Create a wallet and send an OTP',
  },
  {
    method: 'POST',
    path: '/wallets/:id/authenticate',
    request: null,
    response: 'OtpChallenge',
    juspay: 'Authenticate',
    purpose: '(Re)send an OTP',
  },
  {
    method: 'POST',
    path: '/wallets/:id/link',
    request: 'LinkRequest',
    response: 'WalletResult',
    juspay: 'Link',
    purpose: 'Verify the OTP and link',
  },
  {
    method: 'POST',
    path: '/wallets/:id/unlink',
    request: null,
    response: 'WalletResult',
    juspay: 'Delink',
    purpose: 'Unlink a wallet the session owns',
  },
  {
    method: 'POST',
    path: '/pay',
    request: 'PayRequest',
    response: 'PayResult',
    juspay: 'Order status + List wallets (ownership, fresh token) + /txns',
    purpose: 'Direct debit, exactly once per order',
  },
  {
    method: 'GET',
    path: '/order',
    request: null,
    response: 'OrderStatus',
    juspay: 'Order status',
    purpose: 'Order status (after top-up or return)',
  },
] as const;
