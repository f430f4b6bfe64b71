/**
 * Orders (docs/juspay.md §5.1, §5.2, §5.4): created by POST /orders or inline by POST /txns (`order.*` fields),
 * timed out `orderTtlMs` after creation unless charged, and reported by GET /orders/:id with the latest txn's status.
 */
import type { SandboxContext } from './context.js';
import { orderAlreadyCreated, orderNotFound, validation, type SandboxApiError } from './errors.js';
import type { Params } from './http/params.js';
import { httpUrl } from './http/urls.js';
import { FULL_ORDER_VERSION, versionAtLeast } from './http/version.js';
import { orderStatusBody } from './events.js';
import { orderUuid } from './ids.js';
import { expireIfTimedOut } from './lifecycle.js';
import { parseAmount } from './money.js';
import { fullOrderJson, minimalOrderJson, type JsonObject } from './shapes.js';
import type { OrderRecord } from './store.js';
import { requestedClientAuth } from './tokens.js';

/**
 * "Alphanumeric with character length less than 21". Juspay's own samples use `_`, `-` and `:` (the seed's
 * `:order_id` placeholder), so the sandbox enforces the length and rejects only what could break a URL path.
 */
const ORDER_ID = /^[^\s/?#%\\]{1,20}$/;
const CURRENCY = /^[A-Z]{3}$/;

/** What a merchant sends to create an order; Juspay adds the rest. */
export type OrderInput = Omit<OrderRecord, 'id' | 'dateCreated' | 'lastUpdated' | 'txns' | 'refunds'>;

/** How a caller reports a bad field in its own error family. */
export interface FieldErrors {
  missing(field: string): SandboxApiError;
  invalid(field: string, message: string): SandboxApiError;
}

/**
 * Reads order fields at `prefix` ('' for POST /orders, 'order.' inline in /txns). `required` adds fields beyond
 * order_id and amount that the caller needs.
 */
export function readOrderInput(
  params: Params,
  prefix: '' | 'order.',
  errors: FieldErrors,
  required: readonly ('currency' | 'customer_id')[] = [],
): OrderInput {
  const field = (name: string) => params.get(prefix + name);
  for (const name of ['order_id', 'amount', ...required]) {
    if (field(name) === undefined) throw errors.missing(prefix + name);
  }
  const orderId = field('order_id')!.trim();
  if (!ORDER_ID.test(orderId)) {
    throw errors.invalid(`${prefix}order_id`, 'order_id should be alphanumeric with character length less than 21');
  }
  const amount = parseAmount(field('amount')!);
  if (amount === null) {
    throw errors.invalid(`${prefix}amount`, 'amount should be a number >= 1 with at most 2 decimal places');
  }
  const currency = (field('currency') ?? 'INR').trim().toUpperCase();
  if (!CURRENCY.test(currency)) throw errors.invalid(`${prefix}currency`, 'currency should be an ISO 4217 code');
  const returnUrl = field('return_url')?.trim() ?? null;
  if (returnUrl !== null && httpUrl(returnUrl) === null) {
    throw errors.invalid(`${prefix}return_url`, 'return_url should be an absolute http(s) URL');
  }
  return {
    orderId,
    amount,
    currency,
    customerId: field('customer_id')?.trim() ?? null,
    customerEmail: field('customer_email') ?? null,
    customerPhone: field('customer_phone') ?? null,
    productId: field('product_id') ?? null,
    description: field('description') ?? null,
    returnUrl,
    udf: Array.from({ length: 10 }, (_, index) => field(`udf${index + 1}`) ?? ''),
  };
}

export function addOrder(ctx: SandboxContext, input: OrderInput): OrderRecord {
  const now = ctx.clock.now();
  const order: OrderRecord = { ...input, id: orderUuid(), dateCreated: now, lastUpdated: now, txns: [], refunds: [] };
  ctx.store.orders.set(order.orderId, order);
  return order;
}

const orderFieldErrors: FieldErrors = {
  missing: (field) => validation('INVALID_REQUEST', `${field} is required`),
  invalid: (_field, message) => validation('INVALID_REQUEST', message),
};

/** POST /orders. */
export function createOrder(ctx: SandboxContext, params: Params, version: string | null, publicBase: string): JsonObject {
  const input = readOrderInput(params, '', orderFieldErrors);
  if (ctx.store.orders.has(input.orderId)) throw orderAlreadyCreated(input.orderId);
  const order = addOrder(ctx, input);
  const clientAuth = versionAtLeast(version, FULL_ORDER_VERSION) ? requestedClientAuth(params, order.dateCreated) : undefined;
  if (!clientAuth) return minimalOrderJson(order, publicBase);
  const expiry = order.dateCreated + ctx.config.orderTtlMs;
  return fullOrderJson(order, ctx.config.merchantId, publicBase, expiry, clientAuth);
}

/**
 * The order by the merchant's order_id, its timeout applied, for the calls that answer its status (GET
 * /orders/:id, refunds); an unknown order is their 404 E09. `publicBase` is the request's, for the webhook an
 * expiry announces.
 */
export function requireOrder(ctx: SandboxContext, orderId: string, publicBase: string): OrderRecord {
  const order = ctx.store.orders.get(orderId);
  if (!order) throw orderNotFound();
  expireIfTimedOut(ctx, order, publicBase);
  return order;
}

/** GET /orders/:id. */
export function orderStatus(ctx: SandboxContext, orderId: string, version: string | null, publicBase: string): JsonObject {
  return orderStatusBody(ctx, requireOrder(ctx, orderId, publicBase), version, publicBase);
}
