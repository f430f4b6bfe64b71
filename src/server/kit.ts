/**
 * The merchant backend kit: one Fetch-API handler (`Request -> Response`) implementing every route of the
 * contract's ROUTES by calling Juspay with the merchant's API key. It mounts in anything that speaks Request and
 * Response (node:http via @hono/node-server, Express, Hono, Next.js route handlers, Workers).
 *
 * Order of checks per request: route (404/405) -> CORS preflight -> foreign-origin POST (401) -> session (401)
 * -> body (413/415/400) -> handler. Every answer is JSON with `cache-control: no-store`; every error is
 * `{error:{code,message,…}}` from the closed list.
 */
import * as z from 'zod/mini';
import {
  CreateWalletRequest,
  LinkRequest,
  PayRequest,
  PROVIDERS,
  ROUTES,
  WalletId,
  type Checkout,
  type OrderStatus,
  type OtpChallenge,
  type PayResult,
  type Provider,
  type WalletList,
  type WalletResult,
} from '../contract.js';
import { WalletError } from '../errors.js';
import { CustomerWallets } from './customer-wallets.js';
import { JuspayError } from './juspay-error.js';
import { JuspayClient, type JuspayClientOptions } from './juspay-client.js';
import { isLinked, type JuspayWallet } from './juspay-schemas.js';
import { createLogger, type LogHook } from './log.js';
import { foldOrderStatus, gatewayOf, offeredWallets, providerOf, toContractWallet } from './mapping.js';
import { AbuseLimits, DEFAULT_LIMITS, type LimitPolicy, type Requester } from './limits.js';
import { LockBusy, withLock } from './lock.js';
import { DEFAULT_OTP_POLICY, OtpGuard, type OtpPolicy } from './otp-guard.js';
import { OrderBook } from './order-book.js';
import { Outcomes, type OrderFailed, type OrderPaid, type Settlement } from './outcomes.js';
import { PayService } from './pay.js';
import { Refunds, type Refund, type RefundRequest, type RefundSettledHook } from './refunds.js';
import { createWebhookHandler, type WebhookCredentials } from './webhook.js';
import { ClientGone, corsHeaders, isForeignOrigin, parseJsonBody, preflightHeaders, readBody, refuseBody } from './request-guards.js';
import { KitError, errorResponse, json } from './responses.js';
import { CheckoutSessionSchema, SESSION_RULES, returnUrlWith, type CheckoutSession } from './session.js';
import { MemoryStore, type KitStore } from './store.js';

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
   * (`unauthorized` without a session).
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

/** Strict versions of the contract's request schemas: an unknown key is garbage, not something to ignore. */
const BODY = {
  CreateWalletRequest: z.strictObject(CreateWalletRequest.shape),
  LinkRequest: z.strictObject(LinkRequest.shape),
  PayRequest: z.strictObject(PayRequest.shape),
} as const;

/** Juspay's webhook, under basePath; server to server, so not in the browser contract's ROUTES. */
const WEBHOOK_PATH = '/webhooks/juspay';

type Route = (typeof ROUTES)[number];
/** 'GET /checkout' | 'POST /wallets' | …: one key per route, so a missing handler is a type error. */
type KeyOf<R> = R extends { method: infer M extends string; path: infer P extends string } ? `${M} ${P}` : never;
type RouteKey = KeyOf<Route>;

interface Context {
  session: CheckoutSession;
  walletId: string;
  body: unknown;
  /** Juspay bound to this request's deadline, and the customer's wallets through it. */
  juspay: JuspayClient;
  wallets: CustomerWallets;
  deadline: number;
  who: Requester;
}
type Handler = (context: Context) => Promise<unknown>;

interface CompiledRoute {
  route: Route;
  pattern: RegExp;
}

/** `/wallets/:id/link` -> /^\/wallets\/([^/]+)\/link$/ ; the only parameter in ROUTES is `:id`. */
function compile(route: Route): CompiledRoute {
  const source = route.path.split('/').map((part) => (part === ':id' ? '([^/]+)' : part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))).join('\\/');
  return { route, pattern: new RegExp(`^${source}$`) };
}

export function createWalletKit(options: KitOptions): WalletKit {
  const now = options.now ?? Date.now;
  const providers = options.providers ?? [...PROVIDERS];
  if (providers.length === 0 || providers.some((provider) => !PROVIDERS.includes(provider))) {
    throw new TypeError(`providers must be a non-empty subset of ${PROVIDERS.join(', ')}`);
  }
  const basePath = (options.basePath ?? '').replace(/\/+$/, '');
  const allowedOrigins = options.cors?.origins ?? [];
  const publicOrigins = [options.publicOrigins ?? []].flat().map((origin) => new URL(origin).origin);
  const maxBodyBytes = options.maxBodyBytes ?? 4096;
  const policy: OtpPolicy = { ...DEFAULT_OTP_POLICY, ...options.otp };
  const store = options.store ?? new MemoryStore(now);
  const deadlineMs = options.deadlineMs ?? 12_000;
  const bodyTimeoutMs = options.bodyTimeoutMs ?? 5_000;
  const clientIp = options.clientIp ?? socketAddress;

  const juspay = new JuspayClient(options.juspay);
  const log = createLogger(options.log, [options.juspay.apiKey, btoa(`${options.juspay.apiKey}:`)]);
  const otp = new OtpGuard(store, policy, now);
  const limits = new AbuseLimits(store, { ...DEFAULT_LIMITS, ...options.limits });
  const orders = new OrderBook(store);
  const outcomes = new Outcomes(store, orders, juspay, { onOrderPaid: options.onOrderPaid, onOrderFailed: options.onOrderFailed }, log);
  // The pay path tells the merchant once per order it finds charged, not once per (repeated) POST /pay.
  const pay = new PayService(store, log, (orderId) => outcomes.settleLater(orderId, 'pay'));
  const refunds = new Refunds(store, orders, juspay, options.onRefundSettled, log);
  const webhook = options.webhook && createWebhookHandler({ credentials: options.webhook, store, outcomes, refunds, log, bodyTimeoutMs });

  const toWallet = (wallet: JuspayWallet) => {
    const mapped = toContractWallet(wallet);
    // Juspay answered for a wallet the kit asked about, yet it does not map: the answer is not what was asked.
    if (!mapped) throw new KitError('invalid_response');
    return mapped;
  };

  /**
   * The wallet is linked already (the shopper's page is stale: another tab, or a link that finished after they went
   * back): nothing is sent, and the answer says linked so the widget can go straight on to pay.
   */
  const alreadyLinked = (wallet: JuspayWallet): OtpChallenge => ({
    wallet: toWallet(wallet),
    otp: { attemptsLeft: policy.maxAttempts, resendsLeft: policy.maxResends, resendAfter: 0 },
  });

  /** Send (or resend) an OTP for a wallet the customer has and is not linked yet. */
  const authenticate = async ({ session, juspay, who }: Context, wallet: JuspayWallet): Promise<OtpChallenge> => {
    const walletId = wallet.id;
    // A code sent moments ago is still valid: answer its challenge instead of refusing or sending another SMS.
    const pending = await otp.pending(walletId);
    if (pending) return { wallet: toWallet(wallet), otp: pending };
    await otp.beforeSend(walletId);
    try {
      await limits.sms(who);
    } catch (error) {
      await otp.sendRefused(walletId);
      throw error;
    }
    let answer: JuspayWallet;
    try {
      answer = await juspay.authenticateWallet(session.customerId, walletId);
    } catch (error) {
      await otp.sendFailed(walletId);
      throw error;
    }
    return { wallet: toWallet(answer), otp: await otp.sent(walletId) };
  };

  /**
   * `POST /wallets`: decides from the customer's list whether to answer a linked wallet, re-authenticate an
   * unlinked one or create one. Runs under a lock per customer and provider that covers the list and the create,
   * so racing calls on any instances create one wallet and send one code: the later ones find it in the list.
   */
  const createOrReuse = async (context: Context, provider: Provider): Promise<OtpChallenge> => {
    const { session, juspay, wallets, who } = context;
    const existing = (await wallets.list(session)).filter((wallet) => providerOf(wallet.wallet) === provider);
    const linked = existing.find(isLinked);
    if (linked) return alreadyLinked(linked);
    // Juspay keeps every wallet created, duplicates included: re-authenticate the one there is.
    const unlinked = existing.find((wallet) => WalletId.safeParse(wallet.id).success);
    if (unlinked) return authenticate(context, unlinked);
    await limits.sms(who);
    const created = await juspay.createWallet(session.customerId, gatewayOf(provider), { authenticate: true });
    const wallet = toWallet(created);
    return { wallet, otp: await otp.sent(wallet.id) };
  };

  const handlers: Record<RouteKey, Handler> = {
    'GET /checkout': async ({ session, wallets }): Promise<Checkout> => ({
      order: { id: session.orderId, amount: session.amount, currency: session.currency },
      wallets: offeredWallets(await wallets.list(session), providers),
      providers,
    }),

    'POST /wallets/refresh': async ({ session, wallets }): Promise<WalletList> => ({
      wallets: offeredWallets(await wallets.refreshAll(session), providers),
    }),

    'POST /wallets/:id/refresh': async ({ session, walletId, juspay, wallets }): Promise<WalletResult> => {
      const wallet = await wallets.owned(session, walletId);
      if (!isLinked(wallet)) throw new KitError('wallet_not_linked');
      return { wallet: toWallet(await juspay.refreshWallet(session.customerId, walletId)) };
    },

    'POST /wallets': async (context): Promise<OtpChallenge> => {
      const { provider } = context.body as z.infer<typeof BODY.CreateWalletRequest>;
      if (!providers.includes(provider)) throw new KitError('invalid_request', 'This provider is not offered.');
      try {
        return await withLock(
          store,
          `create:${context.session.customerId}:${provider}`,
          { ttlSeconds: 3, deadline: context.deadline },
          () => createOrReuse(context, provider),
        );
      } catch (error) {
        if (!(error instanceof LockBusy)) throw error;
        throw new KitError('rate_limited', 'A wallet is being created.', { retryAfter: 1 });
      }
    },

    'POST /wallets/:id/authenticate': async (context): Promise<OtpChallenge> => {
      const wallet = await context.wallets.owned(context.session, context.walletId);
      if (isLinked(wallet)) return alreadyLinked(wallet);
      return authenticate(context, wallet);
    },

    'POST /wallets/:id/link': async ({ session, walletId, body, juspay, wallets, who }): Promise<WalletResult> => {
      const { otp: code } = body as z.infer<typeof BODY.LinkRequest>;
      const wallet = await wallets.owned(session, walletId);
      if (isLinked(wallet)) return { wallet: toWallet(wallet) };
      const attempt = await otp.beforeLink(walletId);
      await limits.otpCheck(who);
      const answer = await juspay.linkWallet(session.customerId, walletId, code);
      // Juspay answers a wrong code with 200 and linked:false (docs/juspay.md §4.3).
      if (!isLinked(answer)) throw otp.wrongCode(attempt);
      await otp.linked(walletId);
      log('info', 'wallet_linked', { walletId });
      return { wallet: toWallet(answer) };
    },

    'POST /wallets/:id/unlink': async ({ session, walletId, juspay, wallets }): Promise<WalletResult> => {
      const wallet = await wallets.owned(session, walletId);
      // Unlinking an unlinked wallet changes nothing: the answer is its state (a double click, a stale page).
      if (!isLinked(wallet)) return { wallet: toWallet(wallet) };
      const answer = await juspay.delinkWallet(session.customerId, walletId);
      log('info', 'wallet_unlinked', { walletId });
      return { wallet: toWallet(answer) };
    },

    'POST /pay': async ({ session, body, juspay, wallets, deadline }): Promise<PayResult> => {
      const { walletId } = body as z.infer<typeof BODY.PayRequest>;
      // The record outcomes are checked against, written before anything can be debited.
      await orders.remember(session);
      return pay.pay(session, walletId, { juspay, wallets, deadline });
    },

    'GET /order': async ({ session, juspay }): Promise<OrderStatus> => {
      const order = await juspay.orderStatus(session.customerId, session.orderId);
      const status = foldOrderStatus(order ? order.status : null);
      // Juspay's own answer, just read: it confirms the outcome for the merchant's hooks.
      if (status === 'CHARGED' || status === 'FAILED') outcomes.settleLater(session.orderId, 'poll', order);
      return {
        orderId: session.orderId,
        status,
        amount: session.amount,
        currency: session.currency,
        // Where the shopper goes once the order has settled (e.g. after a top-up): the merchant's return page.
        url: returnUrlWith(session, status),
      };
    },
  };

  const routes = ROUTES.map(compile);

  /** What the access log says of a request: its route pattern once matched. */
  interface Trace {
    route?: string;
    /** Juspay's webhook: no CORS headers, whoever asks. */
    serverToServer?: boolean;
  }

  async function handle(request: Request, env: unknown, trace: Trace): Promise<Response> {
    const deadline = Date.now() + deadlineMs;
    const url = new URL(request.url);
    if (!owns(url.pathname)) return errorResponse(new KitError('invalid_request', 'Not found.', { httpStatus: 404 }));
    const path = url.pathname.slice(basePath.length) || '/';
    if (webhook && path === WEBHOOK_PATH) {
      trace.route = `POST ${WEBHOOK_PATH}`;
      trace.serverToServer = true;
      if (request.method !== 'POST') {
        const response = errorResponse(new KitError('invalid_request', 'Method not allowed.', { httpStatus: 405 }));
        response.headers.set('allow', 'POST');
        return response;
      }
      return webhook(request);
    }
    const matches = routes.map((compiled) => ({ compiled, match: compiled.pattern.exec(path) })).filter((m) => m.match);
    if (matches.length === 0) return errorResponse(new KitError('invalid_request', 'Not found.', { httpStatus: 404 }));
    const origin = request.headers.get('origin');

    if (request.method === 'OPTIONS') {
      return new Response(null, { status: 204, headers: preflightHeaders(origin, allowedOrigins) });
    }
    const hit = matches.find((m) => m.compiled.route.method === request.method);
    if (!hit) {
      const response = errorResponse(new KitError('invalid_request', 'Method not allowed.', { httpStatus: 405 }));
      response.headers.set('allow', matches.map((m) => m.compiled.route.method).join(', '));
      return response;
    }
    const route = hit.compiled.route;
    const routeName = `${route.method} ${route.path}`;
    trace.route = routeName;

    if (request.method === 'POST' && isForeignOrigin(request, allowedOrigins, publicOrigins)) {
      log('warn', 'foreign_origin', {
        route: routeName,
        origin,
        secFetchSite: request.headers.get('sec-fetch-site'),
        hint: 'A page of this origin may not POST to the kit: add it to cors.origins (another site) or publicOrigins (your own).',
      });
      // Not `unauthorized`: reloading the page (what the widget suggests for an ended session) cannot help.
      return errorResponse(new KitError('invalid_request', 'This page is not allowed to use this checkout.', { httpStatus: 403 }));
    }
    const ip = clientIp(request, env) ?? undefined;
    await limits.requestFromIp(ip);

    let walletId = '';
    if (hit.match![1] !== undefined) {
      let decoded: string;
      try {
        decoded = decodeURIComponent(hit.match![1]);
      } catch {
        throw new KitError('invalid_request', 'Unknown wallet.');
      }
      if (!WalletId.safeParse(decoded).success) throw new KitError('invalid_request', 'Unknown wallet.');
      walletId = decoded;
    }

    const session = await resolveSession(request);
    const who: Requester = { customerId: session.customerId, phone: session.customerPhone, ip };
    await limits.request(routeName, who);
    const text = await readBody(request, maxBodyBytes, bodyTimeoutMs);
    let body: unknown;
    if (route.request === null) refuseBody(text);
    else body = parseJsonBody(request, text, BODY[route.request] as z.ZodMiniType<unknown>);

    const result = await handlers[routeName as RouteKey]({ session, walletId, body, who, ...scope(deadline) });
    return json(result);
  }

  /** Whether a path is under basePath. */
  function owns(pathname: string): boolean {
    return !basePath || pathname === basePath || pathname.startsWith(`${basePath}/`);
  }

  /** Juspay bound to a request's deadline, and the customer's wallets through it. */
  function scope(deadline: number): Pick<Context, 'juspay' | 'wallets' | 'deadline'> {
    const scoped = juspay.within(deadline);
    return { juspay: scoped, wallets: new CustomerWallets(scoped, providers, log), deadline };
  }

  async function resolveSession(request: Request): Promise<CheckoutSession> {
    let session: CheckoutSession | null;
    try {
      session = await options.resolveCheckout(request);
    } catch (error) {
      log('error', 'resolve_checkout_failed', {
        // The merchant's own exception, in the merchant's own log (never in the answer).
        error: error instanceof Error ? `${error.name}: ${error.message}`.slice(0, 300) : String(error).slice(0, 300),
        hint: 'Your resolveCheckout threw; it must answer a CheckoutSession, or null for no session (401).',
      });
      throw new KitError('server_error');
    }
    if (!session) throw new KitError('unauthorized');
    const parsed = CheckoutSessionSchema.safeParse(session);
    if (!parsed.success) {
      const fields = [...new Set(parsed.error.issues.map((issue) => issue.path.join('.')))];
      log('error', 'invalid_session', {
        fields,
        hint: `resolveCheckout answered a session the kit cannot send to Juspay: ${fields.map((field) => `${field}: ${SESSION_RULES[field as keyof typeof SESSION_RULES] ?? 'see CheckoutSession'}`).join('; ')}.`,
      });
      throw new KitError('server_error');
    }
    return session;
  }

  return {
    async fetch(request: Request, env?: unknown): Promise<Response> {
      const started = performance.now();
      const cors = corsHeaders(request.headers.get('origin'), allowedOrigins);
      const trace: Trace = {};
      let response: Response;
      try {
        response = await handle(request, env, trace);
      } catch (error) {
        logFailure(error, trace);
        response = errorResponse(error);
      }
      if (!trace.serverToServer) for (const [name, value] of Object.entries(cors)) response.headers.set(name, value);
      log(response.status >= 500 ? 'error' : 'info', 'request', {
        method: request.method,
        route: trace.route ?? 'unmatched',
        status: response.status,
        ms: Math.round(performance.now() - started),
      });
      return response;
    },
    owns: (path) => owns(path.split('?')[0]!),
    async checkout(request) {
      const session = await resolveSession(request);
      const who: Requester = { customerId: session.customerId };
      await limits.request('GET /checkout', who);
      return (await handlers['GET /checkout']({ session, walletId: '', body: undefined, who, ...scope(Date.now() + deadlineMs) })) as Checkout;
    },
    refund: (request) => refunds.refund(request),
    reconcile: (orderId) => outcomes.settle(orderId, 'return'),
  };

  /** Tells the merchant's log why a request failed (never with upstream text, tokens or codes in it). */
  function logFailure(error: unknown, trace: Trace) {
    const route = trace.route ?? 'unmatched';
    if (error instanceof JuspayError) {
      log(error.reason === 'unauthenticated' ? 'error' : 'warn', 'juspay_error', {
        route,
        ...(error.reason === 'unauthenticated'
          ? { hint: "Juspay refused the merchant's credentials (401/403): check juspay.apiKey, juspay.merchantId and Juspay's IP allow-list." }
          : {}),
        reason: error.reason,
        path: error.path.replace(/\/(wlt|wlm|cst)_[^/]+/g, '/$1_…'),
        httpStatus: error.httpStatus,
        juspayErrorCode: error.juspayErrorCode,
      });
    } else if (error instanceof ClientGone) {
      log('info', 'client_aborted', { route });
    } else if (error instanceof KitError && error.extra.limit) {
      log('warn', 'rate_limited', { route, limit: error.extra.limit, retryAfter: error.extra.retryAfter });
    } else if (!(error instanceof WalletError)) {
      log('error', 'unexpected_error', { route, name: error instanceof Error ? error.name : typeof error });
    }
  }
}

/** The peer address of the socket, when the kit runs under @hono/node-server (it passes `{incoming}` as env). */
function socketAddress(_request: Request, env: unknown): string | undefined {
  const incoming = (env as { incoming?: { socket?: { remoteAddress?: string } } } | undefined)?.incoming;
  return incoming?.socket?.remoteAddress;
}
