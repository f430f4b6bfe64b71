/**
 * Juspay's JSON shapes, field for field as Juspay's samples show them (docs/juspay.md §4.1 wallet object and list
 * envelope, §3.1 customer, §5.1 order, §6.2 payment response, §5.2 order status, §9.2 refunds). Only this module
 * decides what a client sees.
 */
import { isoSeconds } from './clock.js';
import { roundCents } from './money.js';
import {
  STATUS_ID,
  type Customer,
  type JuspayOrderStatus,
  type OrderRecord,
  type RefundRecord,
  type Txn,
  type WalletAccount,
} from './store.js';
import type { ClientAuth } from './tokens.js';

export type Json = string | number | boolean | null | readonly Json[] | { readonly [key: string]: Json };
export type JsonObject = { readonly [key: string]: Json };

const iso = (ms: number | null): string | null => (ms === null ? null : isoSeconds(ms));

/** Optional fields appear as in the `mobile_number` samples: only once a mobile number or gateway ref was given. */
function walletExtras(wallet: WalletAccount): JsonObject {
  if (wallet.mobileNumber === null && wallet.gatewayReferenceId === null) return {};
  return {
    ...(wallet.mobileNumber === null ? {} : { metadata: { mobile_number: wallet.mobileNumber } }),
    gateway_reference_id: wallet.gatewayReferenceId,
  };
}

function walletShape(wallet: WalletAccount, linked: boolean, token: string | null): JsonObject {
  return {
    id: wallet.id,
    object: 'wallet_account',
    wallet: wallet.gateway,
    token,
    current_balance: linked ? wallet.currentBalance : null,
    linked,
    last_refreshed: linked ? iso(wallet.lastRefreshed) : null,
    ...walletExtras(wallet),
  };
}

/** The wallet as it stands, with `token` when one was just minted for it. */
export const walletJson = (wallet: WalletAccount, token: string | null): JsonObject => walletShape(wallet, wallet.linked, token);

/** "The Create, Authenticate, and Delink APIs will always return false for this parameter" (v3.2 docs). */
export const unlinkedWalletJson = (wallet: WalletAccount): JsonObject => walletShape(wallet, false, null);

export function listJson(items: readonly JsonObject[]): JsonObject {
  return { object: 'list', list: items, count: items.length, offset: 0, total: items.length };
}

const clientAuthJson = (clientAuth: ClientAuth): JsonObject => ({
  client_auth_token: clientAuth.token,
  client_auth_token_expiry: isoSeconds(clientAuth.expiresAt),
});

export function customerJson(customer: Customer, clientAuth: ClientAuth | undefined): JsonObject {
  return {
    id: customer.id,
    object: 'customer',
    object_reference_id: customer.objectReferenceId,
    mobile_country_code: customer.mobileCountryCode,
    mobile_number: customer.mobileNumber,
    email_address: customer.emailAddress,
    first_name: customer.firstName,
    last_name: customer.lastName,
    date_created: isoSeconds(customer.dateCreated),
    last_updated: isoSeconds(customer.lastUpdated),
    ...(clientAuth ? { juspay: clientAuthJson(clientAuth) } : {}),
  };
}

export function paymentLinks(order: OrderRecord, publicBase: string): JsonObject {
  return {
    web: `${publicBase}/merchant/pay/${order.id}`,
    mobile: `${publicBase}/merchant/pay/${order.id}?mobile=true`,
    iframe: `${publicBase}/merchant/ipay/${order.id}`,
  };
}

function udfs(order: OrderRecord): JsonObject {
  return Object.fromEntries(order.udf.map((value, index) => [`udf${index + 1}`, value]));
}

export const latestTxn = (order: OrderRecord): Txn | undefined => order.txns[order.txns.length - 1];

/**
 * `amount_refunded`: every refund that has not failed, PENDING and MANUAL_REVIEW included (Juspay's
 * REFUND_INITIATED sample shows a PENDING refund counted, its ORDER_REFUND_FAILED sample a failed one not).
 */
export function amountRefunded(order: OrderRecord): number {
  return roundCents(order.refunds.reduce((sum, refund) => (refund.status === 'FAILURE' ? sum : sum + refund.amount), 0));
}

/** What can still be refunded: the order amount less every refund that has not failed. */
export const refundableAmount = (order: OrderRecord): number => roundCents(order.amount - amountRefunded(order));

export function orderStatusOf(order: OrderRecord): JuspayOrderStatus {
  return latestTxn(order)?.status ?? 'NEW';
}

/** POST /orders without the version + token gate: `{"status":"CREATED","status_id":1,…}`. */
export function minimalOrderJson(order: OrderRecord, publicBase: string): JsonObject {
  return {
    status: 'CREATED',
    status_id: STATUS_ID.CREATED,
    id: order.id,
    order_id: order.orderId,
    payment_links: paymentLinks(order, publicBase),
  };
}

function orderCore(order: OrderRecord, merchantId: string, publicBase: string): JsonObject {
  return {
    id: order.id,
    order_id: order.orderId,
    merchant_id: merchantId,
    amount: order.amount,
    currency: order.currency,
    customer_id: order.customerId,
    customer_email: order.customerEmail,
    customer_phone: order.customerPhone,
    product_id: order.productId ?? '',
    description: order.description ?? '',
    return_url: order.returnUrl ?? '',
    date_created: isoSeconds(order.dateCreated),
    // "true if the order has been completely refunded": counted like amount_refunded, as Juspay's
    // REFUND_MANUAL_REVIEW_NEEDED sample shows (`refunded: "true"` with a MANUAL_REVIEW refund in the total).
    refunded: order.refunds.length > 0 && amountRefunded(order) >= order.amount,
    amount_refunded: amountRefunded(order),
    ...udfs(order),
    payment_links: paymentLinks(order, publicBase),
  };
}

/** POST /orders with `version >= 2018-07-01` and `options.get_client_auth_token=true`: the NEW/10 order. */
export function fullOrderJson(
  order: OrderRecord,
  merchantId: string,
  publicBase: string,
  orderExpiry: number,
  clientAuth: ClientAuth,
): JsonObject {
  return {
    status: 'NEW',
    status_id: STATUS_ID.NEW,
    ...orderCore(order, merchantId, publicBase),
    order_expiry: isoSeconds(orderExpiry),
    juspay: clientAuthJson(clientAuth),
  };
}

function txnDetailJson(order: OrderRecord, txn: Txn): JsonObject {
  return {
    txn_id: txn.txnId,
    order_id: order.orderId,
    txn_uuid: txn.txnUuid,
    status: txn.status,
    gateway: txn.paymentMethod,
    txn_amount: txn.amount,
    net_amount: txn.amount,
    surcharge_amount: 0,
    tax_amount: 0,
    offer_deduction_amount: 0,
    currency: order.currency,
    express_checkout: false,
    redirect: txn.redirectAfterPayment,
    error_code: txn.errorCode,
    error_message: txn.errorMessage,
    created: isoSeconds(txn.created),
    last_updated: isoSeconds(txn.lastUpdated),
    txn_flow_type: 'DIRECT_DEBIT',
  };
}

function gatewayResponseJson(txn: Txn): JsonObject {
  const charged = txn.status === 'CHARGED';
  return {
    resp_code: charged ? '00' : txn.errorCode,
    resp_message: charged ? 'Txn Success' : txn.errorMessage,
    rrn: txn.rrn ?? '',
    epg_txn_id: txn.rrn ?? '',
    auth_id_code: '',
    txn_id: txn.txnId,
    created: isoSeconds(txn.lastUpdated),
  };
}

/** GET /orders/:id. `txn_detail` only from API version 2018-07-16 on, as legacy EC does (docs/juspay.md §2.3). */
export function orderStatusJson(order: OrderRecord, merchantId: string, publicBase: string, withTxnDetail: boolean): JsonObject {
  const txn = latestTxn(order);
  const status = orderStatusOf(order);
  return {
    ...orderCore(order, merchantId, publicBase),
    status,
    status_id: STATUS_ID[status],
    last_updated: isoSeconds(order.lastUpdated),
    ...(txn
      ? {
          txn_id: txn.txnId,
          txn_uuid: txn.txnUuid,
          payment_method_type: 'WALLET',
          payment_method: txn.paymentMethod,
          auth_type: '',
          bank_error_code: txn.errorCode,
          bank_error_message: txn.errorMessage,
          payment_gateway_response: gatewayResponseJson(txn),
          ...(withTxnDetail ? { txn_detail: txnDetailJson(order, txn) } : {}),
        }
      : {}),
    ...(status === 'CHARGED' ? { maximum_eligible_refund_amount: refundableAmount(order) } : {}),
    refunds: order.refunds.map(refundJson),
  };
}

/**
 * One `refunds[]` element, after Juspay's REFUND_INITIATED / ORDER_REFUNDED / ORDER_REFUND_FAILED samples: `id` is
 * null until the refund is sent to the gateway, then the request id; `ref` is the provider's refund number.
 */
export function refundJson(refund: RefundRecord): JsonObject {
  return {
    id: refund.sentToGateway ? refund.uniqueRequestId : null,
    unique_request_id: refund.uniqueRequestId,
    amount: refund.amount,
    status: refund.status,
    created: isoSeconds(refund.created),
    ref: refund.ref,
    sent_to_gateway: refund.sentToGateway,
    initiated_by: 'API',
    refund_type: 'STANDARD',
    refund_source: refund.source,
    error_code: refund.errorCode,
    error_message: refund.errorMessage,
    ...(refund.settledAt === null ? {} : { pg_processed_at: isoSeconds(refund.settledAt) }),
  };
}

/** POST /txns success answer; `payment.authentication` is always present (the PHP SDK reads it unconditionally). */
export function paymentJson(order: OrderRecord, txn: Txn, url: string): JsonObject {
  return {
    order_id: order.orderId,
    txn_id: txn.txnId,
    status: txn.status,
    payment: { authentication: { method: 'GET', url } },
    txn_uuid: txn.txnUuid,
    offer_details: { offers: [] },
  };
}
