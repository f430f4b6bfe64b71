/**
 * zod schemas of what Juspay answers (docs/juspay.md §2.5, §4.1, §5, §6, §9.2). Loose on purpose:
 * Juspay adds fields over versions (`sub_details`, `juspay_bank_code`, `metadata`…) and the kit must keep working,
 * so only the fields the kit reads are declared, with the nullability docs/juspay.md gives.
 */
import * as z from 'zod/mini';

/**
 * `linked` is a boolean in real answers; two documented samples show the string `"true"`. Both are accepted and
 * folded to a boolean by `isLinked`.
 */
const Linked = z.union([z.boolean(), z.enum(['true', 'false'])]);

/** A wallet account (`object: "wallet_account"`). */
export const JuspayWallet = z.looseObject({
  id: z.string().check(z.minLength(1)),
  object: z.optional(z.string()),
  /** Provider code: GOPAY, DANA, SHOPEEPAY (or SHOPEE), OVO, or one the kit does not offer. */
  wallet: z.string(),
  /** One-time direct-debit token; null when not linked. Read by the kit, never passed on. */
  token: z.optional(z.nullable(z.string())),
  current_balance: z.optional(z.nullable(z.number())),
  linked: z.optional(z.nullable(Linked)),
  last_refreshed: z.optional(z.nullable(z.string())),
});
export type JuspayWallet = z.infer<typeof JuspayWallet>;

export function isLinked(wallet: JuspayWallet): boolean {
  return wallet.linked === true || wallet.linked === 'true';
}

/** The list envelope of List and Refresh-all: `{object:"list", list, count, offset, total}`. */
export const JuspayWalletList = z.looseObject({
  object: z.optional(z.string()),
  list: z.array(JuspayWallet),
  count: z.optional(z.number()),
  offset: z.optional(z.number()),
  total: z.optional(z.number()),
});

/** `POST /customers`. */
export const JuspayCustomer = z.looseObject({
  id: z.string(),
  object_reference_id: z.optional(z.nullable(z.string())),
});

/** `POST /orders`: the minimal `CREATED` answer or the full `NEW` one (docs/juspay.md §5.1). */
export const JuspayCreatedOrder = z.looseObject({
  order_id: z.string(),
  id: z.optional(z.nullable(z.string())),
  status: z.string(),
});

/** `POST /txns` (direct debit): always carries `payment.authentication` (GET url), per the PHP SDK's reading. */
export const JuspayTxn = z.looseObject({
  order_id: z.optional(z.string()),
  txn_id: z.optional(z.nullable(z.string())),
  txn_uuid: z.optional(z.nullable(z.string())),
  status: z.string(),
  payment: z.optional(
    z.nullable(
      z.looseObject({
        authentication: z.optional(
          z.nullable(
            z.looseObject({
              method: z.optional(z.string()),
              url: z.optional(z.string()),
            }),
          ),
        ),
      }),
    ),
  ),
});
export type JuspayTxn = z.infer<typeof JuspayTxn>;

/**
 * A number that may arrive as a string: Juspay's webhooks and some answers render numbers as strings
 * (`"amount": "1551"`, docs/juspay.md §7.4); anything that is not a finite number is null.
 */
const LenientNumber = z.pipe(
  z.union([z.number(), z.string(), z.null()]),
  z.transform((value) => {
    const number = typeof value === 'string' && value.trim() !== '' ? Number(value) : value;
    return typeof number === 'number' && Number.isFinite(number) ? number : null;
  }),
);

/** One refund as order status lists it (`refunds[]`, docs/juspay.md §9.2). */
export const JuspayRefund = z.looseObject({
  id: z.optional(z.nullable(z.string())),
  unique_request_id: z.optional(z.nullable(z.string())),
  amount: z.optional(LenientNumber),
  /** PENDING, SUCCESS, FAILURE, MANUAL_REVIEW (REFUNDED is read as SUCCESS). */
  status: z.optional(z.nullable(z.string())),
});
export type JuspayRefund = z.infer<typeof JuspayRefund>;

/** `GET /orders/:id`. Legacy Juspay answers an unknown order with HTTP 200 and `status: "NOT_FOUND"`. */
export const JuspayOrderStatus = z.looseObject({
  order_id: z.optional(z.nullable(z.string())),
  status: z.string(),
  status_id: z.optional(LenientNumber),
  amount: z.optional(LenientNumber),
  currency: z.optional(z.nullable(z.string())),
  customer_id: z.optional(z.nullable(z.string())),
  txn_id: z.optional(z.nullable(z.string())),
  refunds: z.optional(z.nullable(z.array(JuspayRefund))),
});
export type JuspayOrderStatus = z.infer<typeof JuspayOrderStatus>;

/**
 * Every error envelope docs/juspay.md §2.5 lists: `{status, error_code, error_message}` in its variants (any of them
 * null or absent), and the newer `{response:{errorCode, errorMessage}, code}` family.
 */
export const JuspayErrorBody = z.looseObject({
  status: z.optional(z.nullable(z.string())),
  error_code: z.optional(z.nullable(z.string())),
  error_message: z.optional(z.nullable(z.string())),
  response: z.optional(
    z.nullable(
      z.looseObject({
        errorCode: z.optional(z.nullable(z.string())),
        errorMessage: z.optional(z.nullable(z.string())),
      }),
    ),
  ),
});
export type JuspayErrorBody = z.infer<typeof JuspayErrorBody>;
