/**
 * `POST /pay`: the direct debit, exactly once per order, crash-safe and within a deadline.
 *
 * - Concurrent calls for one order in this process share one promise (a double click is one debit).
 * - Across instances, an owner-tagged lock in the KitStore (`pay:lock:<orderId>`, lock.ts) admits one payer at a
 *   time; the others wait for the result it stores (`pay:result:<orderId>`: CHARGED, or PENDING with the top-up
 *   URL), so every caller gets the same answer. The lock is renewed while its owner lives and frees within
 *   LOCK_TTL_SECONDS of a crash; the next payer then finds the order's real state at Juspay.
 * - Three Juspay calls: order status (an order CHARGED or PENDING answers that state and debits nothing; this also
 *   covers a retry after a lost answer or a crash), List wallets (ownership and a fresh single-use token in one
 *   call), then `/txns`. Only when Juspay refuses that token as expired does one more List + `/txns` follow.
 * - All of it within the request's deadline (below the widget's own timeout): a slow Juspay answers `timeout`,
 *   and the shopper's retry finds what happened.
 * - A `/txns` failure that may hide a debit (an answer lost, a 5xx, garbage, a 4xx) is never a final error:
 *   it is a retryable one, or, when Juspay says the order is paid, the paid state.
 */
import type { PayResult } from '../contract.js';
import type { CustomerWallets, RequestScope } from './customer-wallets.js';
import { JuspayApiError } from './juspay-api-error.js';
import type { DirectDebitRequest, JuspayClient } from './juspay-client.js';
import { isLinked, type JuspayTxn } from './juspay-schemas.js';
import { LockBusy, withLock } from './lock.js';
import type { Logger } from './log.js';
import { foldOrderStatus, foldTxnStatus, gatewayOf } from './mapping.js';
import { KitError, payFailure } from './responses.js';
import { isHttpUrl, returnUrlWith, type CheckoutSession } from './session.js';
import type { KitStore } from './store.js';

/** A paid or pending order's answer is kept this long for repeat calls. */
const RESULT_TTL_SECONDS = 24 * 3600;
/** How long a payer's lock outlives its last renewal: a crashed payer blocks its order for at most this. */
export const LOCK_TTL_SECONDS = 3;

export class PayService {
  private readonly inFlight = new Map<string, Promise<PayResult>>();

  constructor(
    private readonly store: KitStore,
    private readonly log: Logger,
    /** Told once per pay that finds the order charged (a debit, or Juspay saying so), not for a repeated answer. */
    private readonly onCharged: (orderId: string) => void = () => {},
  ) {}

  pay(session: CheckoutSession, walletId: string, scope: RequestScope): Promise<PayResult> {
    const running = this.inFlight.get(session.orderId);
    if (running) return running;
    const promise = this.payOnce(session, walletId, scope).finally(() => this.inFlight.delete(session.orderId));
    this.inFlight.set(session.orderId, promise);
    return promise;
  }

  /** The stored answer of an order's pay (CHARGED or PENDING with its top-up URL), if any. */
  async storedResult(orderId: string): Promise<PayResult | undefined> {
    const raw = await this.store.get(`pay:result:${orderId}`);
    return raw ? (JSON.parse(raw) as PayResult) : undefined;
  }

  private async payOnce(session: CheckoutSession, walletId: string, scope: RequestScope): Promise<PayResult> {
    try {
      return await withLock(
        this.store,
        `pay:lock:${session.orderId}`,
        {
          ttlSeconds: LOCK_TTL_SECONDS,
          deadline: scope.deadline,
          // Another instance is paying this order: its answer is ours.
          whileWaiting: () => this.storedResult(session.orderId),
          onLost: () => this.log('warn', 'pay_lock_lost', { orderId: session.orderId }),
        },
        () => this.payLocked(session, walletId, scope),
      );
    } catch (error) {
      if (!(error instanceof LockBusy)) throw error;
      throw new KitError('timeout', 'A payment for this order is in progress.', { retryAfter: 2 });
    }
  }

  private async payLocked(session: CheckoutSession, walletId: string, { juspay, wallets }: RequestScope): Promise<PayResult> {
    const stored = await this.storedResult(session.orderId);
    if (stored?.status === 'CHARGED') return stored;

    const known = await this.orderState(session, juspay, stored);
    if (known) return known;
    const existing = known === null;

    let txn: JuspayTxn;
    try {
      txn = await this.debit(session, walletId, wallets, juspay, existing);
    } catch (error) {
      return this.afterFailedDebit(session, juspay, stored, error);
    }
    return this.outcome(session, txn);
  }

  /**
   * Juspay's word on the order: its answer when CHARGED or PENDING, `null` when it exists unpaid, `undefined` when
   * Juspay does not know it yet (it is then created inline with the debit).
   */
  private async orderState(
    session: CheckoutSession,
    juspay: JuspayClient,
    stored: PayResult | undefined,
  ): Promise<PayResult | null | undefined> {
    const order = await juspay.orderStatus(session.customerId, session.orderId);
    if (!order) return undefined;
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
      // The top-up URL is only in the /txns answer, which the store keeps for every instance.
      return { orderId: session.orderId, status: 'PENDING', url: stored?.url ?? returnUrlWith(session, 'PENDING') };
    }
    return null;
  }

  /** Ownership and a fresh token from one List, then `/txns`; one more try when Juspay calls that token expired. */
  private async debit(
    session: CheckoutSession,
    walletId: string,
    wallets: CustomerWallets,
    juspay: JuspayClient,
    existing: boolean,
  ): Promise<JuspayTxn> {
    const tokenAndWallet = async () => {
      const wallet = await wallets.owned(session, walletId);
      if (!isLinked(wallet) || !wallet.token) throw new KitError('wallet_not_linked');
      return { token: wallet.token, paymentMethod: gatewayOf(wallet.provider) };
    };
    const first = await tokenAndWallet();
    const request = (token: string): DirectDebitRequest => ({
      customerId: session.customerId,
      paymentMethod: first.paymentMethod,
      token,
      order: existing
        ? { existingOrderId: session.orderId }
        : {
            order_id: session.orderId,
            amount: session.amount,
            currency: session.currency,
            customer_id: session.customerId,
            return_url: session.returnUrl,
            customer_phone: session.customerPhone,
          },
    });
    try {
      return await juspay.directDebit(request(first.token));
    } catch (error) {
      if (!(error instanceof JuspayApiError && error.reason === 'token_expired')) throw error;
      // Tokens live 10 minutes and are single-use; one more try with a token minted now.
      this.log('info', 'token_retry', { orderId: session.orderId });
      return juspay.directDebit(request((await tokenAndWallet()).token));
    }
  }

  /**
   * A debit that failed. Refusals made before any debit (a decline, an expired order, a wallet not linked) stand.
   * Anything else may hide a debit that happened: when Juspay now calls the order paid or pending, that is the
   * answer; otherwise the shopper gets a retryable error, and the retry starts from the order's state.
   */
  private async afterFailedDebit(
    session: CheckoutSession,
    juspay: JuspayClient,
    stored: PayResult | undefined,
    error: unknown,
  ): Promise<PayResult> {
    if (!(error instanceof JuspayApiError) || error.reason === 'order_timed_out') throw error;
    this.log('warn', 'pay_uncertain', { orderId: session.orderId, reason: error.reason });
    if (error.reason === 'already_paid' || error.reason === 'rejected' || error.reason === 'token_expired') {
      // Juspay answered: ask it what became of the order (a lost race with another payer looks like this).
      try {
        const known = await this.orderState(session, juspay, stored);
        if (known) return known;
      } catch {
        // Could not ask: the retryable answer below stands.
      }
    }
    // Juspay refused, yet does not show the order paid: no final answer here (the retry finds out).
    throw payFailure(error);
  }

  private async outcome(session: CheckoutSession, txn: JuspayTxn): Promise<PayResult> {
    const outcome = foldTxnStatus(txn.status);
    this.log('info', 'pay_outcome', { orderId: session.orderId, status: txn.status });
    if (outcome === 'FAILED') throw payFailure('declined');
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
    if (result.status === 'CHARGED') this.onCharged(session.orderId);
    return result;
  }
}

/** Juspay's authentication URL, if it is an http(s) URL without credentials; the widget checks again. */
function safeUrl(value: string | undefined | null): string | undefined {
  return value && isHttpUrl(value) ? new URL(value).toString() : undefined;
}
