/**
 * How orders and their transactions move through time: an unpaid order times out `orderTtlMs` after creation,
 * and a txn still waiting for a top-up then fails (AUTHENTICATION_FAILED), as a provider's add-money session
 * would. Expiry is applied lazily, whenever an order is read, so the clock can jump without a scheduler; the
 * ORDER_FAILED webhook goes out when the expiry is applied.
 */
import type { SandboxContext } from './context.js';
import { announcePayment } from './events.js';
import { latestTxn, orderStatusOf } from './shapes.js';
import { isPending, type OrderRecord, type Txn, type TxnStatus } from './store.js';

/** Unpaid orders time out; a charged order stays charged forever. */
export function isTimedOut(ctx: SandboxContext, order: OrderRecord): boolean {
  return orderStatusOf(order) !== 'CHARGED' && ctx.clock.now() >= order.dateCreated + ctx.config.orderTtlMs;
}

export function settle(
  ctx: SandboxContext,
  order: OrderRecord,
  txn: Txn,
  status: TxnStatus,
  errorCode: string,
  errorMessage: string,
): void {
  txn.status = status;
  txn.errorCode = errorCode;
  txn.errorMessage = errorMessage;
  txn.lastUpdated = ctx.clock.now();
  order.lastUpdated = txn.lastUpdated;
}

/**
 * Fails a pending txn whose order has timed out, and announces it (ORDER_FAILED). Call before reading or acting
 * on an order; `publicBase` is the request's, for the webhook's copy of the order.
 */
export function expireIfTimedOut(ctx: SandboxContext, order: OrderRecord, publicBase: string): void {
  const txn = latestTxn(order);
  if (txn && isPending(txn.status) && isTimedOut(ctx, order)) {
    settle(ctx, order, txn, 'AUTHENTICATION_FAILED', 'AUTHENTICATION_FAILED', 'Payment timed out');
    announcePayment(ctx, order, publicBase);
  }
}
