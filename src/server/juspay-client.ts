/**
 * A small client for Juspay's wallet direct-debit API (docs/juspay.md §2, §4–§6), usable on
 * its own: Basic auth with the API key as user name, form-urlencoded bodies with dotted keys, the `version`,
 * `x-merchantid` and `x-routing-id` headers, a timeout on every call, every answer parsed with zod, and every
 * failure a typed `JuspayApiError`.
 *
 * Tokens returned by this client are for the caller's next `/txns` only; nothing here caches them.
 */
import type * as z from 'zod/mini';
import { basicAuthorization } from './basic-auth.js';
import { JuspayApiError, classifyJuspayFailure } from './juspay-api-error.js';
import {
  JuspayCreatedOrder,
  JuspayCustomer,
  JuspayErrorBody,
  JuspayOrderStatus,
  JuspayTxn,
  JuspayWallet,
  JuspayWalletList,
} from './juspay-schemas.js';

export interface JuspayClientOptions {
  /** e.g. `https://api.juspay.in`, `https://sandbox.juspay.in`, or a local sandbox. */
  baseUrl: string;
  apiKey: string;
  merchantId: string;
  /** Per call, for the whole exchange (connect, headers and body). Default 10 000. */
  timeoutMs?: number;
  /** Injected for tests and for runtimes with their own fetch. */
  fetch?: typeof fetch;
}

/** The API version the kit was written against (it changes answer shapes, docs/juspay.md §2.3). */
export const JUSPAY_API_VERSION = '2023-06-30';

/** An answer this large is not a wallet API answer; refusing it bounds memory. */
const MAX_ANSWER_CHARS = 1_000_000;

type Form = Record<string, string | number | boolean | undefined | Record<string, string | number | boolean | undefined>>;

/** Flattens one level of nesting into Juspay's dotted keys (`order.order_id`); drops undefined values. */
export function toForm(fields: Form): URLSearchParams {
  const form = new URLSearchParams();
  for (const [key, value] of Object.entries(fields)) {
    if (value === undefined) continue;
    if (typeof value === 'object') {
      for (const [inner, innerValue] of Object.entries(value)) {
        if (innerValue !== undefined) form.append(`${key}.${inner}`, String(innerValue));
      }
    } else {
      form.append(key, String(value));
    }
  }
  return form;
}

export interface DirectDebitOrder {
  order_id: string;
  amount: number;
  currency: string;
  customer_id: string;
  return_url: string;
  customer_phone?: string | undefined;
}

export interface DirectDebitRequest {
  /** Juspay customer id, for `x-routing-id`. */
  customerId: string;
  /** Provider code as Juspay spells it (`payment_method`). */
  paymentMethod: string;
  /** A token fresh from List or Get wallet. Used once. */
  token: string;
  /** Inline `order.*` fields (the order is created with the payment), or the id of an existing order. */
  order: DirectDebitOrder | { existingOrderId: string };
}

export class JuspayClient {
  private readonly baseUrl: string;
  private readonly authorization: string;
  private readonly timeoutMs: number;
  private readonly fetchImpl: typeof fetch;

  constructor(
    private readonly options: JuspayClientOptions,
    /** `Date.now()` time by which every call must have answered (see `within`). */
    private readonly deadline = Infinity,
  ) {
    this.baseUrl = options.baseUrl.replace(/\/+$/, '');
    // Basic auth: the API key is the user name, the password is empty (docs/juspay.md §2.1).
    this.authorization = basicAuthorization(options.apiKey, '');
    this.timeoutMs = options.timeoutMs ?? 10_000;
    this.fetchImpl = options.fetch ?? fetch;
  }

  /**
   * This client with one deadline over all its calls: each call gets what is left of it (at most `timeoutMs`),
   * and a call with nothing left fails as a timeout without being sent. A request that makes several Juspay
   * calls so answers within its own deadline, not within the sum of their timeouts.
   */
  within(deadline: number): JuspayClient {
    return new JuspayClient(this.options, Math.min(deadline, this.deadline));
  }

  get merchantId(): string {
    return this.options.merchantId;
  }

  /** `GET /customers/:id/wallets`: every wallet, linked ones with a fresh one-time token. */
  async listWallets(customerId: string) {
    const answer = await this.call(JuspayWalletList, 'GET', `/customers/${seg(customerId)}/wallets`, customerId);
    return answer.list;
  }

  /** `GET /customers/:id/wallets/refresh-balances`: every wallet with balances read from the providers. */
  async refreshAllWallets(customerId: string) {
    const answer = await this.call(JuspayWalletList, 'GET', `/customers/${seg(customerId)}/wallets/refresh-balances`, customerId);
    return answer.list;
  }

  /** `POST /customers`. The merchant's own id becomes `object_reference_id`, so wallet paths can use it. */
  createCustomer(input: { objectReferenceId: string; mobileNumber?: string | undefined; emailAddress?: string | undefined }) {
    return this.call(JuspayCustomer, 'POST', '/customers', input.objectReferenceId, {
      object_reference_id: input.objectReferenceId,
      mobile_number: input.mobileNumber,
      email_address: input.emailAddress,
    });
  }

  /** `POST /customers/:id/wallets` with `command=authenticate`: creates the wallet and sends an OTP. */
  createWallet(customerId: string, gateway: string, options: { authenticate: boolean } = { authenticate: true }) {
    return this.call(JuspayWallet, 'POST', `/customers/${seg(customerId)}/wallets`, customerId, {
      gateway,
      command: options.authenticate ? 'authenticate' : undefined,
    });
  }

  /** `POST /wallets/:id command=authenticate`: (re)sends an OTP. */
  authenticateWallet(customerId: string, walletId: string) {
    return this.call(JuspayWallet, 'POST', `/wallets/${seg(walletId)}`, customerId, { command: 'authenticate' });
  }

  /** `POST /wallets/:id command=link`: a wrong OTP answers 200 with `linked: false` (docs/juspay.md §4.3). */
  linkWallet(customerId: string, walletId: string, otp: string) {
    return this.call(JuspayWallet, 'POST', `/wallets/${seg(walletId)}`, customerId, { command: 'link', otp });
  }

  /** `POST /wallets/:id command=delink`: unlinks; the wallet's outstanding tokens die with it (docs/juspay.md §4.6). */
  delinkWallet(customerId: string, walletId: string) {
    return this.call(JuspayWallet, 'POST', `/wallets/${seg(walletId)}`, customerId, { command: 'delink' });
  }

  /** `GET /wallets/:id`: the wallet, with a fresh one-time token when linked. */
  getWallet(customerId: string, walletId: string) {
    return this.call(JuspayWallet, 'GET', `/wallets/${seg(walletId)}`, customerId);
  }

  /** `POST /wallets/:id command=refresh`: the balance read from the provider. */
  refreshWallet(customerId: string, walletId: string) {
    return this.call(JuspayWallet, 'POST', `/wallets/${seg(walletId)}`, customerId, { command: 'refresh' });
  }

  /**
   * `POST /orders`, for merchants who create the order ahead of the payment (the kit itself creates it inline
   * with the first debit when it does not exist yet).
   */
  createOrder(order: DirectDebitOrder) {
    return this.call(JuspayCreatedOrder, 'POST', '/orders', order.customer_id, { ...order });
  }

  /** `POST /txns`: direct debit with a one-time token. */
  directDebit(request: DirectDebitRequest) {
    const order = 'existingOrderId' in request.order ? undefined : request.order;
    return this.call(JuspayTxn, 'POST', '/txns', request.customerId, {
      order_id: 'existingOrderId' in request.order ? request.order.existingOrderId : undefined,
      merchant_id: this.options.merchantId,
      payment_method_type: 'WALLET',
      payment_method: request.paymentMethod,
      direct_wallet_token: request.token,
      redirect_after_payment: true,
      format: 'json',
      order: order && { ...order },
    });
  }

  /**
   * `POST /orders/:id/refunds` (docs/juspay.md §9.1): `unique_request_id` makes it idempotent at Juspay;
   * no amount refunds what is left. Answers the order status with its `refunds[]`.
   */
  refund(customerId: string, orderId: string, refund: { requestId: string; amount?: number | undefined }) {
    return this.call(JuspayOrderStatus, 'POST', `/orders/${seg(orderId)}/refunds`, customerId, {
      unique_request_id: refund.requestId,
      amount: refund.amount,
    });
  }

  /**
   * `GET /orders/:id`. An unknown order is `null`, whether Juspay says so with a 404 (newer) or with 200
   * `status: "NOT_FOUND"` (legacy).
   */
  async orderStatus(customerId: string, orderId: string) {
    try {
      const answer = await this.call(JuspayOrderStatus, 'GET', `/orders/${seg(orderId)}`, customerId);
      return answer.status === 'NOT_FOUND' ? null : answer;
    } catch (error) {
      if (error instanceof JuspayApiError && error.reason === 'not_found') return null;
      throw error;
    }
  }

  private async call<T>(
    schema: z.ZodMiniType<T>,
    method: 'GET' | 'POST',
    path: string,
    routingCustomerId: string,
    form?: Form,
  ): Promise<T> {
    const headers: Record<string, string> = {
      authorization: this.authorization,
      accept: 'application/json',
      version: JUSPAY_API_VERSION,
      'x-merchantid': this.options.merchantId,
      // Juspay asks for the customer id here so that all calls of one customer are routed alike (docs/juspay.md §2.2).
      'x-routing-id': routingCustomerId,
    };
    let body: string | undefined;
    if (form) {
      headers['content-type'] = 'application/x-www-form-urlencoded';
      body = toForm(form).toString();
    }
    let response: Response;
    let text: string;
    const budget = Math.min(this.timeoutMs, this.deadline - Date.now());
    if (budget <= 0) throw new JuspayApiError('timeout', path);
    // A timer of our own rather than AbortSignal.timeout: that one is unref'd in Node, and it cannot be cleared.
    const abort = new AbortController();
    const timer = setTimeout(() => abort.abort(), budget);
    try {
      response = await this.fetchImpl(this.baseUrl + path, { method, headers, body, signal: abort.signal, redirect: 'manual' });
      text = await response.text();
    } catch {
      throw new JuspayApiError(abort.signal.aborted ? 'timeout' : 'unavailable', path);
    } finally {
      clearTimeout(timer);
    }
    if (text.length > MAX_ANSWER_CHARS) throw new JuspayApiError('malformed', path, response.status);
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch {
      throw new JuspayApiError(
        response.status >= 500 ? 'unavailable' : response.status === 401 || response.status === 403 ? 'unauthenticated' : 'malformed',
        path,
        response.status,
      );
    }
    if (response.status < 200 || response.status > 299) {
      const envelope = JuspayErrorBody.safeParse(json);
      const errorBody = envelope.success ? envelope.data : undefined;
      const reason = classifyJuspayFailure(response.status, errorBody);
      throw new JuspayApiError(reason, path, response.status, errorCodeOf(errorBody));
    }
    // Some Juspay errors come back as 200 with an error envelope (`{"status":"error","error_code":…}`). A /txns
    // answer would even pass its schema (status is a string), so the envelope is recognised first.
    const envelope = JuspayErrorBody.safeParse(json);
    if (envelope.success && isErrorEnvelope(envelope.data)) {
      throw new JuspayApiError(classifyJuspayFailure(400, envelope.data), path, response.status, errorCodeOf(envelope.data));
    }
    const parsed = schema.safeParse(json);
    if (!parsed.success) throw new JuspayApiError('malformed', path, response.status);
    return parsed.data;
  }
}

/** A path segment. The kit validates ids before they get here; encoding is the second line of defence. */
function seg(value: string): string {
  return encodeURIComponent(value);
}

/** An error answer, as opposed to a resource that happens to carry error fields (order status: `error_code: null`). */
function isErrorEnvelope(body: JuspayErrorBody): boolean {
  const said = Boolean(body.error_code || body.error_message || body.response?.errorCode);
  return said && /error|invalid|denied|bad_origin/i.test(body.status ?? 'error');
}

function errorCodeOf(body: JuspayErrorBody | undefined): string | undefined {
  const code = body?.error_code ?? body?.response?.errorCode ?? undefined;
  // Only short identifier-like codes are kept: anything longer could be free text.
  return code && /^[A-Za-z0-9_.-]{1,40}$/.test(code) ? code : undefined;
}
