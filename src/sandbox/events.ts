/**
 * Announcing order changes. A webhook carries "complete order data as obtained from /order/:order_id API"
 * (docs/juspay.md §7.2), so the payload is built by the very function GET /orders/:id answers with,
 * at the moment of the change, with the webhook's API version.
 */
import type { SandboxContext } from './context.js';
import { TXN_DETAIL_VERSION, versionAtLeast } from './http/version.js';
import { orderStatusJson, orderStatusOf, type JsonObject } from './shapes.js';
import { isPending, type OrderRecord } from './store.js';
import type { WebhookEventName } from './webhooks.js';

/** GET /orders/:id's answer for `order` as it stands (the caller applies expiry first). */
export function orderStatusBody(ctx: SandboxContext, order: OrderRecord, version: string | null, publicBase: string): JsonObject {
  return orderStatusJson(order, ctx.config.merchantId, publicBase, versionAtLeast(version, TXN_DETAIL_VERSION));
}

/** Emits `eventName` with the order as GET /orders/:id shows it now. */
export function announce(ctx: SandboxContext, order: OrderRecord, eventName: WebhookEventName, publicBase: string): void {
  ctx.webhooks.emit(eventName, order.orderId, orderStatusBody(ctx, order, ctx.webhooks.version, publicBase));
}

/**
 * After a txn changed: CHARGED is ORDER_SUCCEEDED, a pending debit TXN_CREATED, anything else ORDER_FAILED.
 * A debit charged at once gets ORDER_SUCCEEDED only: the order never showed PENDING_VBV to anyone.
 */
export function announcePayment(ctx: SandboxContext, order: OrderRecord, publicBase: string): void {
  const status = orderStatusOf(order);
  if (status === 'NEW') return;
  const eventName: WebhookEventName = status === 'CHARGED' ? 'ORDER_SUCCEEDED' : isPending(status) ? 'TXN_CREATED' : 'ORDER_FAILED';
  announce(ctx, order, eventName, publicBase);
}
