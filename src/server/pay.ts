/**
 * `POST /pay`: the direct debit, exactly once per order from the shopper's side.
 *
 * - Concurrent calls for one order in this process share one promise (a double click is one debit).
 * - Across processes, a lock in the KitStore (`pay:lock:<orderId>`) admits one payer; the others wait for the
 *   result it stores (`pay:result:<orderId>`).
 * - Before debiting, Juspay's order status is read: an order CHARGED or PENDING (a top-up in progress) answers
 *   that state and debits nothing. This also covers a retry after a timeout whose debit did happen.
 * - The token is fetched (Get wallet) right before `/txns`, used once, and on "expired/invalid token" fetched
 *   again for one more try. It never leaves this module.
 */
import type { PayResult, Provider } from '../contract.js';
import { JuspayError } from './juspay-error.js';
import type { JuspayClient, DirectDebitRequest } from './juspay-client.js';
import { isLinked, type JuspayTxn } from './juspay-schemas.js';
import type { CustomerWallets } from './customer-wallets.js';
import type { Logger } from './log.js';
import { foldOrderStatus, foldTxnStatus, gatewayOf } from './mapping.js';
import { KitError } from './responses.js';
import { httpUrl, returnUrlWith, type CheckoutSession } from './session.js';
import type { KitStore } from './store.js';

/** A paid or pending order's answer is kept this long for repeat calls. */
const RESULT_TTL_SECONDS = 24 * 3600;
/** How often a waiting instance looks for the payer's result. */
const WAIT_POLL_MS = 100;

export class PayService {
  private readonly inFlight = new Map<string, Promise<PayResult>>();

  constructor(
    private readonly juspay: JuspayClient,
    private readonly wallets: CustomerWallets,
    private readonly store: KitStore,
    private readonly log: Logger,
    /** Longest one pay can take (all its Juspay calls), so a crashed payer's lock does not outlive it by much. */
    private readonly lockTtlSeconds: number,
  ) {}

  pay(session: CheckoutSession, walletId: string): Promise<PayResult> {
    const running = this.inFlight.get(session.orderId);
    if (running) return running;
    const promise = this.payOnce(session, walletId).finally(() => this.inFlight.delete(session.orderId));
    this.inFlight.set(session.orderId, promise);
    return promise;
  }

  private async payOnce(session: CheckoutSession, walletId: string): Promise<PayResult> {
    const lockKey = `pay:lock:${session.orderId}`;
    const deadline = Date.now() + this.lockTtlSeconds * 1000;
    while (!(await this.store.setIfAbsent(lockKey, '1', this.lockTtlSeconds))) {
      // Another instance is paying this order: its stored result is ours.
      const stored = await this.storedResult(session.orderId);
      if (stored) return stored;
      if (Date.now() > deadline) throw new KitError('rate_limited', 'A payment for this order is in progress.', { retryAfter: 2 });
      await new Promise((resolve) => setTimeout(resolve, WAIT_POLL_MS));
    }
    try {
      return await this.payLocked(session, walletId);
    } finally {
      await this.store.delete(lockKey);
    }
  }

  private async payLocked(session: CheckoutSession, walletId: string): Promise<PayResult> {
    const stored = await this.storedResult(session.orderId);
    if (stored?.status === 'CHARGED') return stored;

    const wallet = await this.wallets.owned(session, walletId);
    if (!isLinked(wallet)) throw new KitError('wallet_not_linked');

    const order = await this.juspay.orderStatus(session.customerId, session.orderId);
    if (order) {
      if ((order.amount != null && order.amount !== session.amount) || (order.currency && order.currency !== session.currency)) {
        // The merchant reused an order id for a different cart; paying Juspay's order would charge the wrong sum.
        this.log('error', 'order_mismatch', { orderId: session.orderId });
        throw new KitError('server_error');
      }
      const state = foldOrderStatus(order.status);
      if (state === 'CHARGED') {
        // Paid elsewhere (a top-up completed, or an earlier answer was lost): no finish URL of ours to reuse.
        return this.remember(session, { orderId: session.orderId, status: 'CHARGED', url: returnUrlWith(session, 'CHARGED') });
      }
      if (state === 'PENDING') {
        return { orderId: session.orderId, status: 'PENDING', url: stored?.url ?? returnUrlWith(session, 'PENDING') };
      }
    }

    const base: Omit<DirectDebitRequest, 'token'> = {
      customerId: session.customerId,
      paymentMethod: gatewayOf(wallet.provider),
      order: order
        ? { existingOrderId: session.orderId }
        : {
            order_id: session.orderId,
            amount: session.amount,
            currency: session.currency,
            customer_id: session.customerId,
            return_url: session.returnUrl,
            customer_phone: session.customerPhone,
          },
    };
    let txn: JuspayTxn;
    try {
      txn = await this.juspay.directDebit({ ...base, token: await this.freshToken(session, walletId) });
    } catch (error) {
      if (!(error instanceof JuspayError && error.reason === 'token_expired')) throw error;
      // Tokens live 10 minutes and are single-use; one more try with a token minted now.
      this.log('info', 'token_retry', { orderId: session.orderId });
      txn = await this.juspay.directDebit({ ...base, token: await this.freshToken(session, walletId) });
    }
    return this.outcome(session, txn);
  }

  private async freshToken(session: CheckoutSession, walletId: string): Promise<string> {
    const wallet = await this.juspay.getWallet(session.customerId, walletId);
    if (!isLinked(wallet) || !wallet.token) throw new KitError('wallet_not_linked');
    return wallet.token;
  }

  private async outcome(session: CheckoutSession, txn: JuspayTxn): Promise<PayResult> {
    const outcome = foldTxnStatus(txn.status);
    this.log('info', 'pay_outcome', { orderId: session.orderId, status: txn.status });
    if (outcome === 'FAILED') throw new KitError('provider_declined');
    const url = safeUrl(txn.payment?.authentication?.url);
    if (outcome === 'PENDING') {
      // The top-up page is the only way forward; without it the answer is useless.
      if (!url) throw new KitError('invalid_response');
      return this.remember(session, { orderId: session.orderId, status: 'PENDING', url });
    }
    return this.remember(session, { orderId: session.orderId, status: 'CHARGED', url: url ?? returnUrlWith(session, 'CHARGED') });
  }

  private async remember(session: CheckoutSession, result: PayResult): Promise<PayResult> {
    await this.store.set(`pay:result:${session.orderId}`, JSON.stringify(result), RESULT_TTL_SECONDS);
    return result;
  }

  private async storedResult(orderId: string): Promise<PayResult | undefined> {
    const raw = await this.store.get(`pay:result:${orderId}`);
    return raw ? (JSON.parse(raw) as PayResult) : undefined;
  }
}

/** Juspay's authentication URL, if it is an http(s) URL without credentials; the widget checks again. */
function safeUrl(value: string | undefined | null): string | undefined {
  return value && httpUrl(value) ? new URL(value).toString() : undefined;
}
