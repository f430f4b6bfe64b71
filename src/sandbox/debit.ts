/**
 * Wallet direct debit (POST /txns, docs/juspay.md §6) and how a pending debit settles: the simulated top-up page
 * adds money and completes it, or the shopper cancels. Everything between reading the state and changing it runs
 * synchronously, so two concurrent requests can never both debit one order. Every change is announced as a webhook
 * (events.ts): TXN_CREATED for a pending debit, ORDER_SUCCEEDED, ORDER_FAILED.
 */
import type { SandboxContext } from './context.js';
import { genericError, orderTimedOut, type SandboxApiError } from './errors.js';
import { announcePayment } from './events.js';
import type { Params } from './http/params.js';
import { digits, topupId as newTopupId, txnUuid as newTxnUuid } from './ids.js';
import { expireIfTimedOut, isTimedOut, settle } from './lifecycle.js';
import { roundCents } from './money.js';
import { addOrder, readOrderInput, type FieldErrors, type OrderInput } from './orders.js';
import { normaliseGateway, type Gateway } from './providers.js';
import { orderStatusOf, paymentJson, type JsonObject } from './shapes.js';
import { isPending, STATUS_ID, type OrderRecord, type Txn, type WalletAccount } from './store.js';
import { spendToken } from './tokens.js';

const missing = (field: string): SandboxApiError => genericError('MISSING_MANDATORY_PARAMETER', `Mandatory parameter missing: ${field}`);
const invalid = (message: string): SandboxApiError => genericError('INVALID_INPUT', message);
const txnFieldErrors: FieldErrors = { missing, invalid: (_field, message) => invalid(message) };

const REQUIRED = [
  'merchant_id',
  'payment_method_type',
  'payment_method',
  'direct_wallet_token',
  'format',
  'redirect_after_payment',
] as const;

export interface DebitAnswer {
  readonly json: JsonObject;
  /** `payment.authentication.url`. */
  readonly url: string;
  /** `format` other than `json` asks for "HTTP 302 with the Location attribute having the destination URL". */
  readonly redirect: boolean;
}

/** URLs handed to the shopper's browser. */
export const finishPath = (merchantId: string, txn: Txn, orderId: string): string =>
  `/pay/finish/${encodeURIComponent(merchantId)}/${txn.txnUuid}/${encodeURIComponent(orderId)}`;
export const topupPath = (topupId: string): string => `/wallets/topup/start/${topupId}`;

export function directDebit(ctx: SandboxContext, params: Params, publicBase: string): DebitAnswer {
  // Spent before anything else is checked: a token is consumed by the first /txns that names it.
  const tokenValue = params.get('direct_wallet_token');
  const tokenCheck = tokenValue === undefined ? undefined : spendToken(ctx, tokenValue.trim());

  for (const field of REQUIRED) if (!params.has(field)) throw missing(field);
  if (!params.has('order_id') && !params.hasGroup('order')) throw missing('order_id');
  if (params.get('merchant_id')!.trim() !== ctx.config.merchantId) {
    throw invalid('merchant_id does not match the authenticated merchant account');
  }
  if (params.get('payment_method_type')!.trim().toUpperCase() !== 'WALLET') {
    throw invalid('payment_method_type must be WALLET for a direct wallet debit');
  }
  const paymentMethod = normaliseGateway(params.get('payment_method')!);
  if (paymentMethod === null) throw invalid(`Unsupported payment_method: ${params.get('payment_method')}`);
  const redirectAfterPayment = params.get('redirect_after_payment')!.trim().toLowerCase();
  if (redirectAfterPayment !== 'true' && redirectAfterPayment !== 'false') {
    throw invalid('redirect_after_payment must be true or false');
  }

  const order = resolveOrder(ctx, params);
  expireIfTimedOut(ctx, order, publicBase);
  if (isTimedOut(ctx, order)) throw orderTimedOut();
  const status = orderStatusOf(order);
  if (status === 'CHARGED') throw genericError('INVALID_ACTION', 'Order is already charged');
  if (isPending(status)) throw genericError('INVALID_ACTION', 'Order already has a pending transaction');
  if (order.currency !== 'IDR') throw invalid(`Currency ${order.currency} is not supported for ${paymentMethod}`);
  if (order.customerId === null) throw invalid('customer_id is required on the order for a direct wallet debit');
  const customer = ctx.store.findCustomer(order.customerId);
  if (!customer) throw invalid('Customer not found for given customer_id');

  // Present: direct_wallet_token is among REQUIRED.
  const check = tokenCheck!;
  switch (check.kind) {
    case 'expired':
      throw genericError('EXPIRED', 'direct_wallet_token has expired');
    case 'used':
      throw invalid('Invalid direct_wallet_token: already used');
    case 'revoked':
      throw invalid('Invalid direct_wallet_token: wallet was delinked');
    case 'unknown':
      throw invalid('Invalid direct_wallet_token');
    case 'valid':
      break;
  }
  const wallet = ctx.store.wallets.get(check.token.walletId);
  if (!wallet?.linked) throw invalid('Invalid direct_wallet_token: wallet is not linked');
  if (wallet.customerId !== customer.id) throw invalid("direct_wallet_token does not belong to the order's customer");
  if (wallet.gateway !== paymentMethod) throw invalid('payment_method does not match the wallet of direct_wallet_token');

  const txn = startTxn(ctx, order, wallet, paymentMethod, redirectAfterPayment === 'true');
  announcePayment(ctx, order, publicBase);
  const path = txn.topupId === null ? finishPath(ctx.config.merchantId, txn, order.orderId) : topupPath(txn.topupId);
  const url = publicBase + path;
  return { json: paymentJson(order, txn, url), url, redirect: params.get('format')!.trim().toLowerCase() !== 'json' };
}

/** An existing order by `order_id`, or the inline `order.*` one (created on first use, reused on a retry). */
function resolveOrder(ctx: SandboxContext, params: Params): OrderRecord {
  if (!params.hasGroup('order')) {
    const order = ctx.store.orders.get(params.get('order_id')!.trim());
    if (!order) throw genericError('RESOURCE_NOT_FOUND', 'Order not found for given order_id', 404);
    return order;
  }
  const input = readOrderInput(params, 'order.', txnFieldErrors, ['currency', 'customer_id']);
  const plainId = params.get('order_id')?.trim();
  if (plainId !== undefined && plainId !== input.orderId) throw invalid('order_id and order.order_id differ');
  const existing = ctx.store.orders.get(input.orderId);
  if (!existing) return addOrder(ctx, input);
  if (!sameOrder(existing, input)) throw invalid(`Order ${input.orderId} already exists with different details`);
  return existing;
}

function sameOrder(order: OrderRecord, input: OrderInput): boolean {
  return order.amount === input.amount && order.currency === input.currency && order.customerId === input.customerId;
}

function startTxn(
  ctx: SandboxContext,
  order: OrderRecord,
  wallet: WalletAccount,
  paymentMethod: Gateway,
  redirectAfterPayment: boolean,
): Txn {
  const now = ctx.clock.now();
  const attempt = order.txns.length + 1;
  const insufficient = !wallet.provider.declinesDebits && wallet.provider.balance < order.amount;
  const txn: Txn = {
    attempt,
    txnId: `${ctx.config.merchantId}-${order.orderId}-${attempt}`,
    txnUuid: newTxnUuid(),
    walletId: wallet.id,
    customerId: wallet.customerId,
    paymentMethod,
    amount: order.amount,
    status: ctx.config.pendingStatus,
    created: now,
    lastUpdated: now,
    redirectAfterPayment,
    topupId: insufficient ? newTopupId() : null,
    rrn: null,
    errorCode: '',
    errorMessage: '',
  };
  order.txns.push(txn);
  order.lastUpdated = now;
  ctx.store.txnOrders.set(txn.txnUuid, order.orderId);
  if (txn.topupId !== null) {
    ctx.store.topups.set(txn.topupId, order.orderId);
    txn.errorMessage = 'Insufficient wallet balance';
  } else {
    debitProvider(ctx, order, txn, wallet);
  }
  return txn;
}

/** The provider either declines or takes the money; the caller has made sure the balance suffices. */
function debitProvider(ctx: SandboxContext, order: OrderRecord, txn: Txn, wallet: WalletAccount): void {
  if (wallet.provider.declinesDebits) {
    settle(ctx, order, txn, 'AUTHORIZATION_FAILED', 'AUTHORIZATION_FAILED', 'Debit declined by the wallet provider');
    return;
  }
  wallet.provider.balance = roundCents(wallet.provider.balance - txn.amount);
  txn.rrn = digits(12);
  settle(ctx, order, txn, 'CHARGED', '', '');
}

export interface TopupSession {
  readonly order: OrderRecord;
  readonly txn: Txn;
  readonly wallet: WalletAccount;
  /** What the wallet lacks for this payment right now (0 once it has enough). */
  readonly shortfall: number;
}

/** `publicBase` is the request's, for the webhook a timed-out order announces. */
export function topupSession(ctx: SandboxContext, topupId: string, publicBase: string): TopupSession | undefined {
  const order = ctx.store.orders.get(ctx.store.topups.get(topupId) ?? '');
  const txn = order?.txns.find((candidate) => candidate.topupId === topupId);
  const wallet = txn && ctx.store.wallets.get(txn.walletId);
  if (!order || !txn || !wallet) return undefined;
  expireIfTimedOut(ctx, order, publicBase);
  const shortfall = Math.max(0, roundCents(txn.amount - wallet.provider.balance));
  return { order, txn, wallet, shortfall };
}

export type TopupAction = { readonly kind: 'topup'; readonly amount: number } | { readonly kind: 'cancel' };

/**
 * The top-up page's buttons. Only a pending txn changes; pressing again (a double submit, the back button) finds
 * it settled and changes nothing, so the shopper is debited at most once. A top-up smaller than the shortfall is
 * refused by the caller before this runs. The outcome is announced (ORDER_SUCCEEDED or ORDER_FAILED).
 */
export function settleTopup(ctx: SandboxContext, session: TopupSession, action: TopupAction, publicBase: string): void {
  const { order, txn, wallet } = session;
  if (!isPending(txn.status)) return;
  if (action.kind === 'cancel') {
    settle(ctx, order, txn, 'AUTHENTICATION_FAILED', 'AUTHENTICATION_FAILED', 'Payment cancelled by the customer');
  } else {
    wallet.provider.balance = roundCents(wallet.provider.balance + action.amount);
    debitProvider(ctx, order, txn, wallet);
  }
  announcePayment(ctx, order, publicBase);
}

/** Where the shopper lands after paying: the order's return_url with its status, or null for the sandbox page. */
export function returnTarget(order: OrderRecord, txn: Txn): string | null {
  if (!txn.redirectAfterPayment || order.returnUrl === null) return null;
  const url = new URL(order.returnUrl);
  const status = orderStatusOf(order);
  url.searchParams.set('order_id', order.orderId);
  url.searchParams.set('status', status);
  url.searchParams.set('status_id', String(STATUS_ID[status]));
  return url.toString();
}

/** The finish URL's txn, when merchant, txn and order in the URL all agree. */
export function finishedTxn(
  ctx: SandboxContext,
  merchantId: string,
  txnUuid: string,
  orderId: string,
): { order: OrderRecord; txn: Txn } | undefined {
  const found = ctx.store.findTxn(txnUuid);
  if (!found || merchantId !== ctx.config.merchantId || found.order.orderId !== orderId) return undefined;
  return found;
}

/** Successful debits for a customer, the number tests compare with the payments they expect. */
export function countDebits(ctx: SandboxContext, customerId: string): number {
  let count = 0;
  for (const order of ctx.store.orders.values()) {
    for (const txn of order.txns) if (txn.customerId === customerId && txn.status === 'CHARGED') count += 1;
  }
  return count;
}
