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
import { DEFAULT_OTP_POLICY, OtpGuard, type OtpPolicy } from './otp-guard.js';
import { PayService } from './pay.js';
import { corsHeaders, isForeignOrigin, parseJsonBody, preflightHeaders, readBody, refuseBody } from './request-guards.js';
import { KitError, errorResponse, json } from './responses.js';
import { CheckoutSessionSchema, returnUrlWith, type CheckoutSession } from './session.js';
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
  /** Default 4096; beyond -> 413 invalid_request. */
  maxBodyBytes?: number;
  otp?: Partial<OtpPolicy>;
  /** State (OTP counters, pay results, in-flight pays); in-memory by default. Share one across instances. */
  store?: KitStore;
  /** Receives sanitised entries only. Default: none. */
  log?: LogHook;
  /** Clock for the OTP counters and the default store (tests move it). */
  now?: () => number;
}

export interface WalletKit {
  fetch(request: Request): Promise<Response>;
}

/** Strict versions of the contract's request schemas: an unknown key is garbage, not something to ignore. */
const BODY = {
  CreateWalletRequest: z.strictObject(CreateWalletRequest.shape),
  LinkRequest: z.strictObject(LinkRequest.shape),
  PayRequest: z.strictObject(PayRequest.shape),
} as const;

type Route = (typeof ROUTES)[number];
/** 'GET /checkout' | 'POST /wallets' | …: one key per route, so a missing handler is a type error. */
type KeyOf<R> = R extends { method: infer M extends string; path: infer P extends string } ? `${M} ${P}` : never;
type RouteKey = KeyOf<Route>;

interface Context {
  session: CheckoutSession;
  walletId: string;
  body: unknown;
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
  const maxBodyBytes = options.maxBodyBytes ?? 4096;
  const policy: OtpPolicy = { ...DEFAULT_OTP_POLICY, ...options.otp };
  const store = options.store ?? new MemoryStore(now);
  const timeoutMs = options.juspay.timeoutMs ?? 10_000;

  const juspay = new JuspayClient({ ...options.juspay, timeoutMs });
  const log = createLogger(options.log, [options.juspay.apiKey, btoa(`${options.juspay.apiKey}:`)]);
  const wallets = new CustomerWallets(juspay, providers, log);
  const otp = new OtpGuard(store, policy, now);
  // A pay makes at most five Juspay calls (list, status, get, txns, get+txns on retry): six timeouts bound it.
  const pay = new PayService(juspay, wallets, store, log, Math.ceil((timeoutMs * 6) / 1000) + 5);

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
  const authenticate = async (session: CheckoutSession, wallet: JuspayWallet): Promise<OtpChallenge> => {
    const walletId = wallet.id;
    // A code sent moments ago is still valid: answer its challenge instead of refusing or sending another SMS.
    const pending = await otp.pending(walletId);
    if (pending) return { wallet: toWallet(wallet), otp: pending };
    await otp.beforeSend(walletId);
    let answer: JuspayWallet;
    try {
      answer = await juspay.authenticateWallet(session.customerId, walletId);
    } catch (error) {
      await otp.sendFailed(walletId);
      throw error;
    }
    return { wallet: toWallet(answer), otp: await otp.sent(walletId) };
  };

  const handlers: Record<RouteKey, Handler> = {
    'GET /checkout': async ({ session }): Promise<Checkout> => ({
      order: { id: session.orderId, amount: session.amount, currency: session.currency },
      wallets: offeredWallets(await wallets.list(session), providers),
      providers,
    }),

    'POST /wallets/refresh': async ({ session }): Promise<WalletList> => ({
      wallets: offeredWallets(await wallets.refreshAll(session), providers),
    }),

    'POST /wallets/:id/refresh': async ({ session, walletId }): Promise<WalletResult> => {
      const wallet = await wallets.owned(session, walletId);
      if (!isLinked(wallet)) throw new KitError('wallet_not_linked');
      return { wallet: toWallet(await juspay.refreshWallet(session.customerId, walletId)) };
    },

    'POST /wallets': async ({ session, body }): Promise<OtpChallenge> => {
      const { provider } = body as z.infer<typeof BODY.CreateWalletRequest>;
      if (!providers.includes(provider)) throw new KitError('invalid_request', 'This provider is not offered.');
      const existing = (await wallets.list(session)).filter((wallet) => providerOf(wallet.wallet) === provider);
      const linked = existing.find(isLinked);
      if (linked) return alreadyLinked(linked);
      // Juspay keeps every wallet created, duplicates included: re-authenticate the one there is.
      const unlinked = existing.find((wallet) => WalletId.safeParse(wallet.id).success);
      if (unlinked) return authenticate(session, unlinked);
      // One creation per customer and provider at a time, so a double click does not create two wallets.
      const lock = `create:${session.customerId}:${provider}`;
      if (!(await store.setIfAbsent(lock, '1', Math.ceil(timeoutMs / 1000) + 5))) {
        throw new KitError('rate_limited', 'A wallet is being created.', { retryAfter: 1 });
      }
      try {
        const created = await juspay.createWallet(session.customerId, gatewayOf(provider), { authenticate: true });
        const wallet = toWallet(created);
        return { wallet, otp: await otp.sent(wallet.id) };
      } finally {
        await store.delete(lock);
      }
    },

    'POST /wallets/:id/authenticate': async ({ session, walletId }): Promise<OtpChallenge> => {
      const wallet = await wallets.owned(session, walletId);
      if (isLinked(wallet)) return alreadyLinked(wallet);
      return authenticate(session, wallet);
    },

    'POST /wallets/:id/link': async ({ session, walletId, body }): Promise<WalletResult> => {
      const { otp: code } = body as z.infer<typeof BODY.LinkRequest>;
      const wallet = await wallets.owned(session, walletId);
      if (isLinked(wallet)) return { wallet: toWallet(wallet) };
      const attempt = await otp.beforeLink(walletId);
      const answer = await juspay.linkWallet(session.customerId, walletId, code);
      // Juspay answers a wrong code with 200 and linked:false (reference §5.6).
      if (!isLinked(answer)) throw otp.wrongCode(attempt);
      await otp.linked(walletId);
      log('info', 'wallet_linked', { walletId });
      return { wallet: toWallet(answer) };
    },

    'POST /pay': async ({ session, body }): Promise<PayResult> => {
      const { walletId } = body as z.infer<typeof BODY.PayRequest>;
      return pay.pay(session, walletId);
    },

    'GET /order': async ({ session }): Promise<OrderStatus> => {
      const order = await juspay.orderStatus(session.customerId, session.orderId);
      const status = foldOrderStatus(order ? order.status : null);
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

  async function handle(request: Request): Promise<{ response: Response; route?: string }> {
    const url = new URL(request.url);
    if (basePath && url.pathname !== basePath && !url.pathname.startsWith(`${basePath}/`)) {
      return { response: errorResponse(new KitError('invalid_request', 'Not found.', { httpStatus: 404 })) };
    }
    const path = url.pathname.slice(basePath.length) || '/';
    const matches = routes.map((compiled) => ({ compiled, match: compiled.pattern.exec(path) })).filter((m) => m.match);
    if (matches.length === 0) return { response: errorResponse(new KitError('invalid_request', 'Not found.', { httpStatus: 404 })) };
    const origin = request.headers.get('origin');

    if (request.method === 'OPTIONS') {
      return { response: new Response(null, { status: 204, headers: preflightHeaders(origin, allowedOrigins) }) };
    }
    const hit = matches.find((m) => m.compiled.route.method === request.method);
    if (!hit) {
      const response = errorResponse(new KitError('invalid_request', 'Method not allowed.', { httpStatus: 405 }));
      response.headers.set('allow', matches.map((m) => m.compiled.route.method).join(', '));
      return { response };
    }
    const route = hit.compiled.route;
    const routeName = `${route.method} ${route.path}`;

    if (request.method === 'POST' && isForeignOrigin(request, allowedOrigins)) {
      log('warn', 'foreign_origin', { route: routeName, origin });
      return { route: routeName, response: errorResponse(new KitError('unauthorized', 'This origin is not allowed.')) };
    }

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
    const text = await readBody(request, maxBodyBytes);
    let body: unknown;
    if (route.request === null) refuseBody(text);
    else body = parseJsonBody(request, text, BODY[route.request] as z.ZodMiniType<unknown>);

    const result = await handlers[routeName as RouteKey]({ session, walletId, body });
    return { route: routeName, response: json(result) };
  }

  async function resolveSession(request: Request): Promise<CheckoutSession> {
    let session: CheckoutSession | null;
    try {
      session = await options.resolveCheckout(request);
    } catch {
      log('error', 'resolve_checkout_failed', {});
      throw new KitError('server_error');
    }
    if (!session) throw new KitError('unauthorized');
    const parsed = CheckoutSessionSchema.safeParse(session);
    if (!parsed.success) {
      log('error', 'invalid_session', { fields: parsed.error.issues.map((issue) => issue.path.join('.')) });
      throw new KitError('server_error');
    }
    return session;
  }

  return {
    async fetch(request: Request): Promise<Response> {
      const started = performance.now();
      const cors = corsHeaders(request.headers.get('origin'), allowedOrigins);
      let response: Response;
      let route: string | undefined;
      try {
        ({ response, route } = await handle(request));
      } catch (error) {
        if (error instanceof JuspayError) {
          log(error.reason === 'unauthenticated' ? 'error' : 'warn', 'juspay_error', {
            reason: error.reason,
            path: error.path.replace(/\/(wlt|wlm|cst)_[^/]+/g, '/$1_…'),
            httpStatus: error.httpStatus,
            juspayErrorCode: error.juspayErrorCode,
          });
        } else if (!(error instanceof WalletError)) {
          log('error', 'unexpected_error', { name: error instanceof Error ? error.name : typeof error });
        }
        response = errorResponse(error);
      }
      for (const [name, value] of Object.entries(cors)) response.headers.set(name, value);
      log(response.status >= 500 ? 'error' : 'info', 'request', {
        method: request.method,
        route: route ?? 'unmatched',
        status: response.status,
        ms: Math.round(performance.now() - started),
      });
      return response;
    },
  };
}
