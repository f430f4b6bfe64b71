/**
 * The sandbox's whole state, in memory: customers, their wallets (each backed by a simulated provider account),
 * direct-debit tokens, orders with their transactions and refunds, and top-up sessions. Plain data plus lookups;
 * the rules that change it live in wallets.ts, tokens.ts, orders.ts, debit.ts and refunds.ts.
 */
import type { Gateway } from './providers.js';

export interface Customer {
  readonly id: string;
  readonly objectReferenceId: string;
  mobileNumber: string | null;
  mobileCountryCode: string | null;
  emailAddress: string | null;
  firstName: string | null;
  lastName: string | null;
  readonly dateCreated: number;
  lastUpdated: number;
}

/** The wallet provider's side of a wallet: the real balance, which Juspay only sees on link and refresh. */
export interface ProviderAccount {
  balance: number;
  /** The provider refuses every debit (the `declined` persona). */
  declinesDebits: boolean;
}

/** The OTP last "sent" to a customer's phone for a wallet. */
export interface OtpRecord {
  readonly code: string;
  readonly sentAt: number;
}

export interface WalletAccount {
  readonly id: string;
  /** Juspay id (`cst_…`) of the owning customer. */
  readonly customerId: string;
  readonly gateway: Gateway;
  linked: boolean;
  /** Juspay's stored copy of the provider balance, as of `lastRefreshed`. */
  currentBalance: number | null;
  lastRefreshed: number | null;
  mobileNumber: string | null;
  gatewayReferenceId: string | null;
  /** The OTP last "sent" to the customer's phone, until it is used or replaced. */
  otp: OtpRecord | null;
  readonly provider: ProviderAccount;
}

export interface DebitToken {
  readonly value: string;
  readonly walletId: string;
  readonly expiresAt: number;
  /** Set by the first /txns that names the token, whatever its outcome. */
  used: boolean;
  /** Set when the wallet is delinked. */
  revoked: boolean;
}

/** Transaction statuses the sandbox produces, with Juspay's status ids (docs/juspay.md §5.3). */
export const STATUS_ID = {
  CREATED: 1,
  NEW: 10,
  CHARGED: 21,
  JUSPAY_DECLINED: 22,
  PENDING_VBV: 23,
  PENDING: 23,
  AUTHENTICATION_FAILED: 26,
  AUTHORIZATION_FAILED: 27,
} as const;
export type TxnStatus = 'CHARGED' | 'PENDING_VBV' | 'PENDING' | 'AUTHENTICATION_FAILED' | 'AUTHORIZATION_FAILED';
/** An order's status as Juspay reports it: its latest txn's, or NEW before any. */
export type JuspayOrderStatus = TxnStatus | 'NEW';

/** PENDING_VBV and PENDING are one state (waiting for a top-up), spelled as `pendingStatus` chose. */
export const isPending = (status: JuspayOrderStatus): boolean => status === 'PENDING_VBV' || status === 'PENDING';

export interface Txn {
  readonly attempt: number;
  /** `<merchant_id>-<order_id>-<attempt>`. */
  readonly txnId: string;
  readonly txnUuid: string;
  readonly walletId: string;
  readonly customerId: string;
  readonly paymentMethod: Gateway;
  readonly amount: number;
  status: TxnStatus;
  readonly created: number;
  lastUpdated: number;
  readonly redirectAfterPayment: boolean;
  /** Id of the top-up page while the txn waits for money; null for the other outcomes. */
  readonly topupId: string | null;
  /** Provider reference, set when the debit went through. */
  rrn: string | null;
  errorCode: string;
  errorMessage: string;
}

/** Refund statuses (docs/juspay.md §9.3). */
export type RefundStatus = 'PENDING' | 'SUCCESS' | 'FAILURE' | 'MANUAL_REVIEW';
export type RefundOutcome = Exclude<RefundStatus, 'PENDING'>;

/** One refund of an order, as Juspay keeps it. */
export interface RefundRecord {
  readonly uniqueRequestId: string;
  readonly amount: number;
  /** The request sent no amount (a full refund); a retry that also sends none is the same request. */
  readonly amountOmitted: boolean;
  /** The gateway of the charged txn (`refund_source`). */
  readonly source: string;
  readonly walletId: string;
  readonly created: number;
  status: RefundStatus;
  /** What the PENDING refund will settle to, decided when it was created. */
  readonly outcome: RefundOutcome;
  sentToGateway: boolean;
  /** The provider's refund reference, once it has one. */
  ref: string | null;
  errorCode: string | null;
  errorMessage: string;
  settledAt: number | null;
}

/** An order as Juspay keeps it, with its transactions and refunds. */
export interface OrderRecord {
  /** Juspay's internal id (`ordeh_…`). */
  readonly id: string;
  /** The merchant's order_id. */
  readonly orderId: string;
  /** As the merchant sent it (a `cst_` id or an object_reference_id), or null. */
  readonly customerId: string | null;
  readonly customerEmail: string | null;
  readonly customerPhone: string | null;
  readonly productId: string | null;
  readonly description: string | null;
  readonly amount: number;
  readonly currency: string;
  readonly returnUrl: string | null;
  /** udf1..udf10, '' when unset (Juspay's convention). */
  readonly udf: readonly string[];
  readonly dateCreated: number;
  lastUpdated: number;
  readonly txns: Txn[];
  /** Oldest first. */
  readonly refunds: RefundRecord[];
}

export class Store {
  readonly customers = new Map<string, Customer>();
  private readonly customerIdByRef = new Map<string, string>();
  readonly wallets = new Map<string, WalletAccount>();
  readonly tokens = new Map<string, DebitToken>();
  /** By the merchant's order_id. */
  readonly orders = new Map<string, OrderRecord>();
  /** Top-up page id -> order_id of the pending txn. */
  readonly topups = new Map<string, string>();
  /** txn_uuid -> order_id. */
  readonly txnOrders = new Map<string, string>();
  /** Refund unique_request_id -> order_id: a request id names one refund for the whole merchant account. */
  readonly refundRequests = new Map<string, string>();

  addCustomer(customer: Customer): void {
    this.customers.set(customer.id, customer);
    this.customerIdByRef.set(customer.objectReferenceId, customer.id);
  }

  /** Juspay resolves `:customer_id` by its own `cst_` id or by the merchant's object_reference_id. */
  findCustomer(idOrRef: string): Customer | undefined {
    return this.customers.get(idOrRef) ?? this.customers.get(this.customerIdByRef.get(idOrRef) ?? '');
  }

  /** A customer's wallets, oldest first (Maps keep insertion order). */
  walletsOf(customerId: string): WalletAccount[] {
    return [...this.wallets.values()].filter((wallet) => wallet.customerId === customerId);
  }

  findTxn(txnUuid: string): { order: OrderRecord; txn: Txn } | undefined {
    const order = this.orders.get(this.txnOrders.get(txnUuid) ?? '');
    const txn = order?.txns.find((candidate) => candidate.txnUuid === txnUuid);
    return order && txn ? { order, txn } : undefined;
  }

  clear(): void {
    this.customers.clear();
    this.customerIdByRef.clear();
    this.wallets.clear();
    this.tokens.clear();
    this.orders.clear();
    this.topups.clear();
    this.txnOrders.clear();
    this.refundRequests.clear();
  }
}
