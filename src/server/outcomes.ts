/**
 * How the merchant's server learns an order's outcome: `onOrderPaid` exactly once per order Juspay reports CHARGED,
 * `onOrderFailed` once per order Juspay reports failed (and never paid), whichever path learns it first: the
 * `POST /pay` answer, the widget's `GET /order` poll, the return page (`kit.reconcile`) or a webhook, on any
 * instance sharing the store.
 *
 * Every path funnels into `settle(orderId, path)`: the order must be in the kit's book, Juspay's order status
 * (read here, or just read by the caller) decides the state, and amount and currency must agree with the book, so a
 * forged or mismatched claim never fulfils. The hook runs under a lock per order and its "done" mark is written
 * only after it returns: a hook that throws is called again by the next path (a webhook redelivery, a poll).
 * A process dying between a hook's return and the mark means one more call: make the hook idempotent on `orderId`.
 */
import type { JuspayClient } from './juspay-client.js';
import type { JuspayOrderStatus } from './juspay-schemas.js';
import type { Logger } from './log.js';
import { foldOrderStatus } from './mapping.js';
import { agrees, type OrderBook, type OrderRecord } from './order-book.js';
import { HookFailed, callHook, runOnce } from './once.js';
import type { KitStore } from './store.js';

/** Which path learnt the outcome first. */
export type OutcomePath = 'pay' | 'poll' | 'return' | 'webhook';

export interface OrderPaid {
  orderId: string;
  amount: number;
  currency: string;
  /** The merchant's own customer id, from the checkout session. */
  customerId: string;
  /** Juspay's transaction id, when its order status names one. */
  txnId: string | null;
  path: OutcomePath;
}

export interface OrderFailed extends Omit<OrderPaid, 'txnId'> {
  txnId: string | null;
  /** Juspay's status, e.g. AUTHORIZATION_FAILED, AUTHENTICATION_FAILED, JUSPAY_DECLINED. */
  status: string;
}

export interface OutcomeHooks {
  onOrderPaid?: ((paid: OrderPaid) => void | Promise<void>) | undefined;
  onOrderFailed?: ((failed: OrderFailed) => void | Promise<void>) | undefined;
}

/** What `settle` found. */
export type Settlement = 'paid' | 'failed' | 'open' | 'unknown_order' | 'mismatch';

const DONE_TTL_SECONDS = 400 * 24 * 3600;

export class Outcomes {
  constructor(
    private readonly store: KitStore,
    private readonly orders: OrderBook,
    private readonly juspay: JuspayClient,
    private readonly hooks: OutcomeHooks,
    private readonly log: Logger,
  ) {}

  /**
   * Confirms the order with Juspay (or takes `confirmed`, an order status the caller has just read from Juspay)
   * and calls the hook that fits, once. Throws a JuspayApiError when Juspay cannot be asked, HookFailed when the
   * hook threw, LockBusy when another path is still running the hook.
   */
  async settle(orderId: string, path: OutcomePath, confirmed?: JuspayOrderStatus | null): Promise<Settlement> {
    if (!this.hooks.onOrderPaid && !this.hooks.onOrderFailed) return 'open';
    const record = await this.orders.get(orderId);
    if (!record) {
      this.log('warn', 'outcome_unknown_order', { orderId, path });
      return 'unknown_order';
    }
    if (await this.store.get(doneKey('paid', orderId))) return 'paid';
    const order = confirmed !== undefined ? confirmed : await this.juspay.orderStatus(record.customerId, orderId);
    if (!order) return 'open';
    const state = foldOrderStatus(order.status);
    if (state !== 'CHARGED' && state !== 'FAILED') return 'open';
    if (!agrees(record, order)) {
      this.log('error', 'order_mismatch', { orderId, path });
      return 'mismatch';
    }
    const base = { ...record, txnId: order.txn_id ?? null, path };
    if (state === 'CHARGED') {
      await this.once('paid', record, () => this.hooks.onOrderPaid?.(base));
      return 'paid';
    }
    await this.once('failed', record, () => this.hooks.onOrderFailed?.({ ...base, status: order.status }));
    return 'failed';
  }

  /**
   * `settle` for paths that must not fail the shopper's request (the pay answer, a poll): runs in the background;
   * whatever goes wrong is logged, and the next path (a webhook redelivery, another poll) tries again.
   */
  settleLater(orderId: string, path: OutcomePath, confirmed?: JuspayOrderStatus | null): void {
    if (!this.hooks.onOrderPaid && !this.hooks.onOrderFailed) return;
    this.settle(orderId, path, confirmed).catch((error: unknown) => {
      if (!(error instanceof HookFailed))
        this.log('warn', 'outcome_deferred', { orderId, path, reason: error instanceof Error ? error.name : 'unknown' });
    });
  }

  private once(kind: 'paid' | 'failed', record: OrderRecord, hook: () => unknown): Promise<void> {
    const { orderId } = record;
    return runOnce(
      this.store,
      { done: doneKey(kind, orderId), lock: `outcome:lock:${orderId}`, keepSeconds: DONE_TTL_SECONDS },
      async () => {
        // A paid order has no failure to report (an earlier attempt's decline does not matter once it is paid).
        if (kind === 'failed' && (await this.store.get(doneKey('paid', orderId)))) return;
        await callHook(this.log, kind === 'paid' ? 'on_order_paid_failed' : 'on_order_failed_failed', { orderId }, hook);
        this.log('info', kind === 'paid' ? 'order_paid' : 'order_failed', { orderId });
      },
    );
  }
}

const doneKey = (kind: 'paid' | 'failed', orderId: string) => `outcome:${kind}:${orderId}`;
