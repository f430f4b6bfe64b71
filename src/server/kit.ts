/**
 * The merchant backend kit: one Fetch-API handler (`Request -> Response`) implementing every route of the
 * contract's ROUTES by calling Juspay with the merchant's API key. It mounts in anything that speaks Request and
 * Response (node:http via @hono/node-server, Express, Hono, Next.js route handlers, Workers).
 *
 * This module is the wiring: options, the services (linking.ts, pay.ts, outcomes.ts, refunds.ts, webhook.ts) and
 * the HTTP transport in front of them (http.ts, routes.ts).
 */
import { PROVIDERS, type Checkout, type Provider } from '../contract.js';
import { basicCredentials } from './basic-auth.js';
import { CustomerWallets } from './customer-wallets.js';
import { createHttpApp } from './http.js';
import { JuspayApiError } from './juspay-api-error.js';
import { JuspayClient, type JuspayClientOptions } from './juspay-client.js';
import { AbuseLimits, DEFAULT_LIMITS, type LimitPolicy, type Requester } from './limits.js';
import { LinkingService } from './linking.js';
import { createLogger, type LogHook } from './log.js';
import { DEFAULT_OTP_POLICY, OtpGuard, type OtpPolicy } from './otp-guard.js';
import { OrderBook } from './order-book.js';
import { Outcomes, type OrderFailed, type OrderPaid, type Settlement } from './outcomes.js';
import { PayService } from './pay.js';
import { Refunds, type Refund, type RefundRequest, type RefundSettledHook } from './refunds.js';
import { toKitError } from './responses.js';
import { routeHandlers } from './routes.js';
import { sessionResolver, type CheckoutSession } from './session.js';
import { MemoryStore, type KitStore } from './store.js';
import { createWebhookHandler, type WebhookCredentials } from './webhook.js';

export interface KitOptions {
  juspay: JuspayClientOptions;
  /**
   * The merchant's hook: who is paying for what, from the merchant's own session (cookie or Bearer checkout
   * token). null -> 401 unauthorized. The browser never chooses customer, order, amount or currency.
   * Read headers only: the kit reads the body itself.
   */
  resolveCheckout(request: Request): CheckoutSession | null | Promise<CheckoutSession | null>;
  /** Offered, in order; default all four. */
  providers?: Provider[];
  /** e.g. '/api/wallet'; the routes of contract.ts ROUTES live under it. */
  basePath?: string;
  /** Allow-list of browser origins other than the kit's own; other origins get no CORS headers. */
  cors?: { origins: string[] };
  /**
   * The origin(s) of your own checkout pages, e.g. `'https://shop.example'`. Optional: without it, a page's POST is
   * accepted when the browser says it is same-origin (`Sec-Fetch-Site`) or its `Origin` names the host it
   * addressed. Set it when a proxy rewrites `Host` and does not pass `X-Forwarded-Host`.
   */
  publicOrigins?: string | string[];
  /** Default 4096; beyond -> 413 invalid_request. */
  maxBodyBytes?: number;
  otp?: Partial<OtpPolicy>;
  /** Abuse limits beyond the per-wallet OTP bounds (limits.ts DEFAULT_LIMITS); `false` switches one off. */
  limits?: Partial<LimitPolicy>;
  /**
   * The client's IP address, for the per-IP limits. Default: the socket's peer address when the kit runs on
   * node:http through @hono/node-server (its `env.incoming`), else none (per-IP limits then do not apply).
   * Behind a proxy or load balancer, read it from the header your proxy sets, e.g. the last hop of
   * `x-forwarded-for`: `(request) => request.headers.get('x-forwarded-for')?.split(',').at(-1)?.trim()`.
   */
  clientIp?: (request: Request, env: unknown) => string | null | undefined;
  /**
   * Longest a request may take, all its Juspay calls included (default 12 000 ms, below the widget's 15 s
   * timeout): past it the kit answers a retryable `timeout` rather than answering a shopper who has given up.
   */
  deadlineMs?: number;
  /** Longest the client may take to send its body (default 5 000 ms); beyond -> 408 invalid_request. */
  bodyTimeoutMs?: number;
  /**
   * Where the kit keeps OTP challenges and counters, pay results, locks and limits. The default MemoryStore is
   * for ONE process; with several instances, give them one shared `RedisStore`.
   */
  store?: KitStore;
  /**
   * Juspay's webhook credentials (the user name and password set in Juspay's dashboard). With them the kit answers
   * `POST {basePath}/webhooks/juspay`; point Juspay's webhook URL there.
   */
  webhook?: WebhookCredentials;
  /**
   * Called exactly once per order Juspay reports CHARGED, confirmed with Juspay's order status and checked against
   * the kit's record of the order, whichever path learns it first. Fulfil here. Throw when your own write fails:
   * the kit calls it again on the next path (a webhook redelivery, a poll).
   */
  onOrderPaid?: (paid: OrderPaid) => void | Promise<void>;
  /** Called once per order Juspay reports failed (declined, top-up abandoned) and not paid. */
  onOrderFailed?: (failed: OrderFailed) => void | Promise<void>;
  /** Called once per refund when Juspay reports it SUCCESS, FAILURE or MANUAL_REVIEW. */
  onRefundSettled?: RefundSettledHook;
  /**
   * Receives every entry (info, warn, error), sanitised. Default: warnings and errors to the console, one JSON
   * line each (a misconfiguration says what to fix there). `false`: nothing.
   */
  log?: LogHook | false;
  /** Clock for the OTP counters and the default store (tests move it). */
  now?: () => number;
}

export interface WalletKit {
  /** `env` is the runtime's second argument when it has one (e.g. @hono/node-server's `{incoming}`). */
  fetch(request: Request, env?: unknown): Promise<Response>;
  /** Whether a path (with or without query) is under the kit's basePath, i.e. one `fetch` answers. */
  owns(path: string): boolean;
  /**
   * What `GET /checkout` answers for this request's session, for the merchant's server to render into the page
   * (`serializeCheckout`), so the widget needs no request to become interactive. Throws a WalletError
   * (`unauthorized` without a session; a Juspay failure with the code the route would answer).
   */
  checkout(request: Request): Promise<Checkout>;
  /** Refunds an order the kit paid (server-side only: no browser route can). The same `requestId` refunds once. */
  refund(request: RefundRequest): Promise<Refund>;
  /**
   * For your return page's server: confirms the order with Juspay and runs `onOrderPaid`/`onOrderFailed` if that
   * has not happened yet. Answers what it found. Never fulfil on the return URL's query string.
   */
  reconcile(orderId: string): Promise<Settlement>;
}

export function createWalletKit(options: KitOptions): WalletKit {
  const now = options.now ?? Date.now;
  const providers = options.providers ?? [...PROVIDERS];
  if (providers.length === 0 || providers.some((provider) => !PROVIDERS.includes(provider))) {
    throw new TypeError(`providers must be a non-empty subset of ${PROVIDERS.join(', ')}`);
  }
  const basePath = (options.basePath ?? '').replace(/\/+$/, '');
  const store = options.store ?? new MemoryStore(now);
  const deadlineMs = options.deadlineMs ?? 12_000;
  const bodyTimeoutMs = options.bodyTimeoutMs ?? 5_000;

  const juspay = new JuspayClient(options.juspay);
  const log = createLogger(options.log, [options.juspay.apiKey, basicCredentials(options.juspay.apiKey, '')]);
  const otp = new OtpGuard(store, { ...DEFAULT_OTP_POLICY, ...options.otp }, now);
  const limits = new AbuseLimits(store, { ...DEFAULT_LIMITS, ...options.limits });
  const orders = new OrderBook(store);
  const outcomes = new Outcomes(store, orders, juspay, { onOrderPaid: options.onOrderPaid, onOrderFailed: options.onOrderFailed }, log);
  // The pay path tells the merchant once per order it finds charged, not once per (repeated) POST /pay.
  const pay = new PayService(store, log, (orderId) => outcomes.settleLater(orderId, 'pay'));
  const linking = new LinkingService(store, otp, limits, providers, log);
  const refunds = new Refunds(store, orders, juspay, options.onRefundSettled, log);
  const webhook = options.webhook && createWebhookHandler({ credentials: options.webhook, store, outcomes, refunds, log, bodyTimeoutMs });

  const handlers = routeHandlers({ providers, linking, pay, orders, outcomes });
  const resolveSession = sessionResolver(options.resolveCheckout, log);
  /** Juspay bound to a request's deadline, and the customer's wallets through it. */
  const scope = (deadline: number, who: Requester) => {
    const scoped = juspay.within(deadline);
    return { juspay: scoped, wallets: new CustomerWallets(scoped, providers, log), deadline, who };
  };
  const app = createHttpApp({
    basePath,
    handlers,
    webhook,
    allowedOrigins: options.cors?.origins ?? [],
    publicOrigins: [options.publicOrigins ?? []].flat().map((origin) => new URL(origin).origin),
    maxBodyBytes: options.maxBodyBytes ?? 4096,
    bodyTimeoutMs,
    deadlineMs,
    limits,
    clientIp: options.clientIp ?? socketAddress,
    resolveSession,
    scope,
    log,
  });

  /** Whether a path is under basePath. */
  const owns = (pathname: string) => !basePath || pathname === basePath || pathname.startsWith(`${basePath}/`);

  return {
    fetch: async (request, env) => app.fetch(request, env),
    owns: (path) => owns(path.split('?')[0]!),
    checkout: (request) =>
      asContractErrors(async () => {
        const session = await resolveSession(request);
        const who: Requester = { customerId: session.customerId };
        await limits.request('GET /checkout', who);
        const call = { session, walletId: '', body: undefined, scope: scope(Date.now() + deadlineMs, who) };
        return (await handlers['GET /checkout'](call)) as Checkout;
      }),
    refund: (request) => asContractErrors(() => refunds.refund(request)),
    reconcile: (orderId) => asContractErrors(() => outcomes.settle(orderId, 'return')),
  };
}

/** The server-side methods throw a Juspay failure as the contract error a route would answer (a WalletError). */
async function asContractErrors<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    throw error instanceof JuspayApiError ? toKitError(error) : error;
  }
}

/** The peer address of the socket, when the kit runs under @hono/node-server (it passes `{incoming}` as env). */
function socketAddress(_request: Request, env: unknown): string | undefined {
  const incoming = (env as { incoming?: { socket?: { remoteAddress?: string } } } | undefined)?.incoming;
  return incoming?.socket?.remoteAddress;
}
