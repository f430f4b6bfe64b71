/**
 * Refunds, server-side only (no browser route reaches this): `kit.refund({ orderId, amount?, requestId })` calls
 * Juspay's `POST /orders/:id/refunds` with `unique_request_id = requestId`, so the same request twice refunds once,
 * at Juspay and here (the kit refuses a requestId reused for another order or amount). A refund starts PENDING;
 * `onRefundSettled` is called once per refund when Juspay reports it SUCCESS, FAILURE or MANUAL_REVIEW (a refund
 * webhook, confirmed by the order status like every other outcome). docs/juspay.md §9.
 */
import * as z from 'zod/mini';
import type { JuspayClient } from './juspay-client.js';
import type { JuspayRefund } from './juspay-schemas.js';
import type { Logger } from './log.js';
import type { OrderBook } from './order-book.js';
import { callHook, runOnce } from './once.js';
import { KitError } from './responses.js';
import type { KitStore } from './store.js';

export interface RefundRequest {
  orderId: string;
  /** In the order's currency; omitted, Juspay refunds what is left of the order. */
  amount?: number;
  /** Your id for this refund (letters, digits, `_`, `-`; at most 64): the same id again never refunds twice. */
  requestId: string;
}

/** MANUAL_REVIEW: the provider's answer was ambiguous; reconcile with it before telling the shopper anything. */
export type RefundStatus = 'PENDING' | 'SUCCESS' | 'FAILURE' | 'MANUAL_REVIEW';

export interface Refund {
  orderId: string;
  requestId: string;
  amount: number | null;
  status: RefundStatus;
}

export type RefundSettledHook = (refund: Refund) => void | Promise<void>;

const RefundRequestSchema = z.object({
  orderId: z.string().check(z.regex(/^[A-Za-z0-9]{1,20}$/)),
  amount: z.optional(
    z.number().check(
      z.positive(),
      z.refine((value) => Math.abs(Math.round(value * 100) - value * 100) < 1e-6),
    ),
  ),
  requestId: z.string().check(z.regex(/^[A-Za-z0-9_-]{1,64}$/)),
});

const FINAL: readonly RefundStatus[] = ['SUCCESS', 'FAILURE', 'MANUAL_REVIEW'];
const KEEP_SECONDS = 400 * 24 * 3600;

export class Refunds {
  constructor(
    private readonly store: KitStore,
    private readonly orders: OrderBook,
    private readonly juspay: JuspayClient,
    private readonly onSettled: RefundSettledHook | undefined,
    private readonly log: Logger,
  ) {}

  async refund(input: RefundRequest): Promise<Refund> {
    const parsed = RefundRequestSchema.safeParse(input);
    if (!parsed.success)
      throw new KitError('invalid_request', `Refund: ${parsed.error.issues.map((issue) => issue.path.join('.')).join(', ')} is not valid.`);
    const { orderId, amount, requestId } = parsed.data;
    const record = await this.orders.get(orderId);
    if (!record) throw new KitError('invalid_request', 'Refund: the kit has no record of this order.');
    // One meaning per requestId, on every instance: the first use decides it.
    const meaning = JSON.stringify({ orderId, amount: amount ?? null });
    const first = await this.store.setIfAbsent(`refund:request:${requestId}`, meaning, KEEP_SECONDS);
    if (!first && (await this.store.get(`refund:request:${requestId}`)) !== meaning) {
      throw new KitError('invalid_request', 'Refund: this requestId was used for another refund.');
    }
    const order = await this.juspay.refund(record.customerId, orderId, { requestId, amount });
    const entry = order.refunds?.find((candidate) => candidate.unique_request_id === requestId);
    if (!entry) throw new KitError('invalid_response', 'Refund: Juspay did not list the refund.');
    const refund = toRefund(orderId, entry);
    this.log('info', 'refund', { orderId, requestId, status: refund.status });
    if (FINAL.includes(refund.status)) await this.settled(refund);
    return refund;
  }

  /** A refund event: every refund of the order that Juspay now reports final is settled, once each. */
  async settle(orderId: string): Promise<void> {
    const record = await this.orders.get(orderId);
    if (!record) {
      this.log('warn', 'refund_unknown_order', { orderId });
      return;
    }
    const order = await this.juspay.orderStatus(record.customerId, orderId);
    for (const entry of order?.refunds ?? []) {
      if (!entry.unique_request_id) continue;
      const refund = toRefund(orderId, entry);
      if (FINAL.includes(refund.status)) await this.settled(refund);
    }
  }

  private async settled(refund: Refund): Promise<void> {
    const onSettled = this.onSettled;
    if (!onSettled) return;
    const { orderId, requestId } = refund;
    await runOnce(this.store, { done: `refund:settled:${requestId}`, lock: `refund:lock:${requestId}`, keepSeconds: KEEP_SECONDS }, () =>
      callHook(this.log, 'on_refund_settled_failed', { orderId, requestId }, () => onSettled(refund)),
    );
  }
}

function toRefund(orderId: string, entry: JuspayRefund): Refund {
  const status = (entry.status ?? '').toUpperCase();
  return {
    orderId,
    requestId: entry.unique_request_id!,
    amount: entry.amount ?? null,
    status: status === 'REFUNDED' ? 'SUCCESS' : FINAL.includes(status as RefundStatus) ? (status as RefundStatus) : 'PENDING',
  };
}
