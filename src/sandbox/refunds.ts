/**
 * Refunds (docs/juspay.md §9): `POST /orders/:order_id/refunds` with `unique_request_id` and an optional
 * `amount` (none = everything still refundable). Only a CHARGED order can be refunded and refunds that have not
 * failed can never add up to more than the order. A refund starts PENDING (REFUND_INITIATED) and settles after
 * `refundSettleMs` of real time to SUCCESS (ORDER_REFUNDED), or to what the `failNext` switch asked for: FAILURE
 * (ORDER_REFUND_FAILED) or MANUAL_REVIEW (REFUND_MANUAL_REVIEW_NEEDED). The order's status stays CHARGED throughout.
 */
import type { SandboxContext } from './context.js';
import { refundDuplicate, refundInvalid } from './errors.js';
import { announce, orderStatusBody } from './events.js';
import type { Params } from './http/params.js';
import { digits } from './ids.js';
import { parseNonNegativeAmount, roundCents } from './money.js';
import { requireOrder } from './orders.js';
import { latestTxn, orderStatusOf, refundableAmount, type JsonObject } from './shapes.js';
import type { OrderRecord, RefundOutcome, RefundRecord } from './store.js';
import type { WebhookEventName } from './webhooks.js';

const SETTLED_EVENT: Record<RefundOutcome, WebhookEventName> = {
  SUCCESS: 'ORDER_REFUNDED',
  FAILURE: 'ORDER_REFUND_FAILED',
  MANUAL_REVIEW: 'REFUND_MANUAL_REVIEW_NEEDED',
};

/** POST /orders/:order_id/refunds: answers the order status with its `refunds[]`. */
export function refundOrder(ctx: SandboxContext, orderId: string, params: Params, version: string | null, publicBase: string): JsonObject {
  const order = requireOrder(ctx, orderId, publicBase);

  const requestId = params.get('unique_request_id')?.trim();
  if (requestId === undefined) throw refundInvalid('unique_request_id is required');
  if (requestId.length > 255) throw refundInvalid('unique_request_id should be at most 255 characters');
  const rawAmount = params.get('amount');
  let amount: number | null = null;
  if (rawAmount !== undefined) {
    amount = parseNonNegativeAmount(rawAmount);
    if (amount === null || amount <= 0) throw refundInvalid('amount should be a number > 0 with at most 2 decimal places');
  }

  // A request id names one refund: the same request again answers it, a different one is refused.
  const owner = ctx.store.refundRequests.get(requestId);
  if (owner !== undefined) {
    const existing = order.refunds.find((refund) => refund.uniqueRequestId === requestId);
    if (owner !== order.orderId || !existing) {
      throw refundDuplicate(`unique_request_id ${requestId} was already used for another order`);
    }
    const same = amount === null ? existing.amountOmitted : amount === existing.amount;
    if (!same) throw refundDuplicate(`unique_request_id ${requestId} was already used for a refund of ${existing.amount}`);
    return orderStatusBody(ctx, order, version, publicBase);
  }

  const txn = latestTxn(order);
  if (!txn || orderStatusOf(order) !== 'CHARGED') {
    throw refundInvalid('Refunds can be initiated only for orders that are CHARGED');
  }
  const refundable = refundableAmount(order);
  if (refundable <= 0) throw refundInvalid('Order is already fully refunded');
  const value = amount ?? refundable;
  if (value > refundable) throw refundInvalid(`Refund amount ${value} exceeds the refundable amount ${refundable}`);

  const now = ctx.clock.now();
  const refund: RefundRecord = {
    uniqueRequestId: requestId,
    amount: value,
    amountOmitted: amount === null,
    source: txn.paymentMethod,
    walletId: txn.walletId,
    created: now,
    status: 'PENDING',
    outcome: ctx.refundOutcomes.shift() ?? 'SUCCESS',
    sentToGateway: false,
    ref: null,
    errorCode: null,
    errorMessage: '',
    settledAt: null,
  };
  order.refunds.push(refund);
  order.lastUpdated = now;
  ctx.store.refundRequests.set(requestId, order.orderId);
  announce(ctx, order, 'REFUND_INITIATED', publicBase);
  ctx.timers.track(settleLater(ctx, order, refund, publicBase));
  return orderStatusBody(ctx, order, version, publicBase);
}

/** After `refundSettleMs` (or `settleNow`), unless the sandbox was reset or closed in between. */
async function settleLater(ctx: SandboxContext, order: OrderRecord, refund: RefundRecord, publicBase: string): Promise<void> {
  if (!(await ctx.timers.sleep(ctx.config.refundSettleMs, 'refund'))) return;
  if (ctx.store.orders.get(order.orderId) !== order || refund.status !== 'PENDING') return;
  const now = ctx.clock.now();
  refund.status = refund.outcome;
  refund.sentToGateway = true;
  refund.settledAt = now;
  order.lastUpdated = now;
  switch (refund.outcome) {
    case 'SUCCESS': {
      refund.ref = digits(12);
      refund.errorCode = '00';
      refund.errorMessage = 'Refund Success';
      // The money goes back to the shopper's wallet at the provider (visible on the next refresh).
      const wallet = ctx.store.wallets.get(refund.walletId);
      if (wallet) wallet.provider.balance = roundCents(wallet.provider.balance + refund.amount);
      break;
    }
    case 'FAILURE':
      refund.errorCode = 'REFUND_FAILED';
      refund.errorMessage = 'Refund declined by the wallet provider';
      break;
    case 'MANUAL_REVIEW':
      refund.ref = digits(12);
      // The text of Juspay's REFUND_MANUAL_REVIEW_NEEDED sample.
      refund.errorMessage = 'Refund request was raised for this transaction. But it is pending state.';
      break;
  }
  announce(ctx, order, SETTLED_EVENT[refund.outcome], publicBase);
}

/** Refunds recorded for an order, whatever their status. Throws for an unknown order. */
export function countRefunds(ctx: SandboxContext, orderId: string): number {
  const order = ctx.store.orders.get(orderId);
  if (!order) throw new RangeError(`Unknown order: ${orderId}`);
  return order.refunds.length;
}
