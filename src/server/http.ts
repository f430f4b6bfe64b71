/**
 * The kit's HTTP transport, on Hono. Each route of contract.ts ROUTES under `basePath` runs, in order: route (404;
 * 405 with `Allow`) -> CORS preflight (204) -> a foreign page's POST (403) -> requests per IP -> the wallet id in
 * the path (400) -> session (401) -> requests per customer and route -> body (413, 408, 415, 400) -> its handler
 * (routes.ts). Every answer is JSON with `cache-control: no-store`, carries CORS headers when its origin is listed
 * (Juspay's webhook never) and makes one `request` log line; whatever is thrown answers its contract error
 * (responses.ts `toKitError`).
 */
import { Hono, type Context, type MiddlewareHandler } from 'hono';
import type * as z from 'zod/mini';
import { ROUTES, WalletId } from '../contract.js';
import type { RequestScope } from './customer-wallets.js';
import { JuspayApiError } from './juspay-api-error.js';
import type { AbuseLimits, Requester } from './limits.js';
import type { Logger } from './log.js';
import { ClientGone, corsHeaders, isForeignOrigin, parseJsonBody, preflightHeaders, readBody, refuseBody } from './request-guards.js';
import { KitError, errorResponse, json } from './responses.js';
import { REQUEST_BODIES, routeKey, type Route, type RouteHandlers, type RouteKey } from './routes.js';
import type { CheckoutSession } from './session.js';

/** Juspay's webhook, under basePath; server to server, so not in the browser contract's ROUTES. */
const WEBHOOK_PATH = '/webhooks/juspay';

export interface HttpOptions {
  /** '' or e.g. '/api/wallet', without a trailing slash. */
  basePath: string;
  handlers: RouteHandlers;
  /** Juspay's webhook, when the merchant gave its credentials. */
  webhook?: ((request: Request) => Promise<Response>) | undefined;
  /** `cors.origins`: other sites' pages that may call the kit. */
  allowedOrigins: readonly string[];
  publicOrigins: readonly string[];
  maxBodyBytes: number;
  bodyTimeoutMs: number;
  deadlineMs: number;
  limits: AbuseLimits;
  clientIp: (request: Request, env: unknown) => string | null | undefined;
  resolveSession: (request: Request) => Promise<CheckoutSession>;
  /** What a request's handler may use, bound to its deadline. */
  scope: (deadline: number, who: Requester) => RequestScope;
  log: Logger;
}

interface KitVariables {
  /** The matched route ('POST /pay'), for the logs; unset on 404, 405 and preflights. */
  route?: string;
  /** Juspay's webhook: no CORS headers, whoever asks. */
  serverToServer?: boolean;
  /** `Date.now()` time by which the request answers, Juspay calls included. */
  deadline: number;
  ip?: string | undefined;
  walletId: string;
  session: CheckoutSession;
  who: Requester;
  body: unknown;
}
type KitEnv = { Variables: KitVariables };
type Middleware = MiddlewareHandler<KitEnv>;

export function createHttpApp(options: HttpOptions): Hono<KitEnv> {
  const { allowedOrigins, handlers, limits, log } = options;

  // The path as the browser sent it, still percent-encoded, as `owns` compares it (Hono's default decodes it).
  const app = new Hono<KitEnv>({ getPath: (request) => new URL(request.url).pathname });

  const fail = (error: unknown, c: Context<KitEnv>): Response => {
    logFailure(log, error, c.get('route') ?? 'unmatched');
    return errorResponse(error);
  };
  app.onError(fail);
  app.notFound(() => errorResponse(new KitError('invalid_request', 'Not found.', { httpStatus: 404 })));

  app.use(async (c, next) => {
    const started = performance.now();
    c.set('deadline', Date.now() + options.deadlineMs);
    try {
      await next();
    } catch (error) {
      // Hono gives onError only Error instances; anything else thrown arrives here.
      c.res = fail(error, c);
    }
    if (!c.get('serverToServer')) {
      const cors = corsHeaders(c.req.raw.headers.get('origin'), allowedOrigins);
      for (const [name, value] of Object.entries(cors)) c.res.headers.set(name, value);
    }
    log(c.res.status >= 500 ? 'error' : 'info', 'request', {
      method: c.req.method,
      route: c.get('route') ?? 'unmatched',
      status: c.res.status,
      ms: Math.round(performance.now() - started),
    });
  });

  const api = options.basePath ? app.basePath(options.basePath) : app;

  const { webhook } = options;
  if (webhook) {
    api.all(WEBHOOK_PATH, (c) => {
      c.set('route', `POST ${WEBHOOK_PATH}`);
      c.set('serverToServer', true);
      return c.req.method === 'POST' ? webhook(c.req.raw) : methodNotAllowed(['POST']);
    });
  }

  // Per path, before any route's own checks: a preflight is answered whoever asks, a wrong method is 405. (Hono
  // would run a GET route for HEAD; `c.req.method` is the request's own, so HEAD is a wrong method here too.)
  const methodsOf = new Map<string, string[]>();
  for (const route of ROUTES) methodsOf.set(route.path, [...(methodsOf.get(route.path) ?? []), route.method]);
  for (const [path, methods] of methodsOf) {
    api.all(path, async (c, next) => {
      if (c.req.method === 'OPTIONS') {
        return new Response(null, { status: 204, headers: preflightHeaders(c.req.raw.headers.get('origin'), allowedOrigins) });
      }
      if (!methods.includes(c.req.method)) return methodNotAllowed(methods);
      await next();
    });
  }

  /**
   * A page of another site may not POST (request-guards.ts `isForeignOrigin`): browsers send some POSTs without a
   * preflight, so without this a foreign page could make a signed-in shopper's browser send OTP SMS.
   */
  const refuseForeignPosts: Middleware = async (c, next) => {
    if (c.req.method === 'POST' && isForeignOrigin(c.req.raw, allowedOrigins, options.publicOrigins)) {
      log('warn', 'foreign_origin', {
        route: c.get('route'),
        origin: c.req.raw.headers.get('origin'),
        secFetchSite: c.req.raw.headers.get('sec-fetch-site'),
        hint: 'A page of this origin may not POST to the kit: add it to cors.origins (another site) or publicOrigins (your own).',
      });
      // Not `unauthorized`: reloading the page (what the widget suggests for an ended session) cannot help.
      throw new KitError('invalid_request', 'This page is not allowed to use this checkout.', { httpStatus: 403 });
    }
    await next();
  };

  const limitPerIp: Middleware = async (c, next) => {
    const ip = options.clientIp(c.req.raw, c.env) ?? undefined;
    c.set('ip', ip);
    await limits.requestFromIp(ip);
    await next();
  };

  /** The `:id` of the path must be a wallet id once decoded: it becomes a Juspay path segment. */
  const walletIdFromPath: Middleware = async (c, next) => {
    const walletId = c.req.param('id');
    if (walletId !== undefined && !WalletId.safeParse(walletId).success) throw new KitError('invalid_request', 'Unknown wallet.');
    c.set('walletId', walletId ?? '');
    await next();
  };

  const requireSession: Middleware = async (c, next) => {
    const session = await options.resolveSession(c.req.raw);
    c.set('session', session);
    c.set('who', { customerId: session.customerId, phone: session.customerPhone, ip: c.get('ip') });
    await next();
  };

  const limitPerRoute =
    (key: RouteKey): Middleware =>
    async (c, next) => {
      await limits.request(key, c.get('who'));
      await next();
    };

  /**
   * The body, read here rather than with hono/body-limit: besides the byte limit (by content-length and by bytes
   * read) a body must arrive within `bodyTimeoutMs` (408), and a client that hangs up is no server error.
   */
  const readBodyOf =
    (route: Route): Middleware =>
    async (c, next) => {
      const text = await readBody(c.req.raw, options.maxBodyBytes, options.bodyTimeoutMs);
      if (route.request === null) refuseBody(text);
      else c.set('body', parseJsonBody(c.req.raw, text, REQUEST_BODIES[route.request] as z.ZodMiniType<unknown>));
      await next();
    };

  for (const route of ROUTES) {
    const key = routeKey(route);
    const named: Middleware = async (c, next) => {
      c.set('route', key);
      await next();
    };
    api.on(
      route.method,
      route.path,
      named,
      refuseForeignPosts,
      limitPerIp,
      walletIdFromPath,
      requireSession,
      limitPerRoute(key),
      readBodyOf(route),
      async (c) => {
        const scope = options.scope(c.get('deadline'), c.get('who'));
        return json(await handlers[key]({ session: c.get('session'), walletId: c.get('walletId'), body: c.get('body'), scope }));
      },
    );
  }

  return app;
}

function methodNotAllowed(methods: readonly string[]): Response {
  const response = errorResponse(new KitError('invalid_request', 'Method not allowed.', { httpStatus: 405 }));
  response.headers.set('allow', methods.join(', '));
  return response;
}

/** Tells the merchant's log why a request failed (never with upstream text, tokens or codes in it). */
function logFailure(log: Logger, error: unknown, route: string) {
  if (error instanceof JuspayApiError) {
    log(error.reason === 'unauthenticated' ? 'error' : 'warn', 'juspay_error', {
      route,
      ...(error.reason === 'unauthenticated'
        ? {
            hint: "Juspay refused the merchant's credentials (401/403): check juspay.apiKey, juspay.merchantId and Juspay's IP allow-list.",
          }
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
  } else if (!(error instanceof KitError)) {
    log('error', 'unexpected_error', { route, name: error instanceof Error ? error.name : typeof error });
  }
}
