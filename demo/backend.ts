/**
 * The demo's whole backend as one Fetch handler, shared by the demo server and the browser tests' test-server
 * middleware: the merchant kit at /api/wallet, the Juspay sandbox at /sandbox (its own loopback HTTP server, so the
 * kit talks to it over real HTTP exactly as it would to Juspay), and the demo merchant's session endpoint.
 *
 * With JUSPAY_BASE_URL set, no sandbox starts and the kit talks to that Juspay instead. With REDIS_URL set, the kit
 * keeps its state in that Redis (RedisStore), as a merchant running several instances does; by default it stays on
 * the in-memory store of this one process.
 */
import { createClient } from 'redis';
import { randomBytes } from 'node:crypto';
import type { Checkout } from '../src/contract.js';
import { createWalletKit, RedisStore, type LimitPolicy, type OutcomePath, type Settlement } from '../src/server/index.js';
import { serveSandbox, type PersonaName, type Sandbox } from '../src/sandbox/index.js';
import { createMerchant } from './merchant.js';

export const PERSONAS: readonly PersonaName[] = ['new', 'unlinked', 'linked', 'low-balance', 'declined'];
export const KIT_PATH = '/api/wallet';
export const SANDBOX_PATH = '/sandbox';

export interface DemoBackendOptions {
  /** Origin the browser uses for this server (for return URLs and sandbox pages); default: each request's own. */
  publicOrigin?: string;
  env?: Record<string, string | undefined>;
  /** Kit timeout towards Juspay; tests shorten it to exercise hangs quickly. */
  juspayTimeoutMs?: number;
  /** Where the sandbox reaches this server for its webhooks (default publicOrigin), e.g. http://127.0.0.1:<port>. */
  internalOrigin?: string;
  /** Abuse limits to change from the kit's defaults (the benchmark mounts one checkout hundreds of times). */
  limits?: Partial<LimitPolicy>;
}

/** What the demo merchant's server knows about an order's outcome, from the kit's hooks only. */
export interface FulfilledOrder {
  orderId: string;
  outcome: 'fulfilled' | 'failed';
  /** The path that told the merchant first: pay answer, poll, return page or webhook. */
  path: OutcomePath;
  amount: number;
  at: string;
}

export interface DemoBackend {
  /** Answers the demo's backend routes; null for anything else (static files are the caller's). */
  handle(request: Request): Promise<Response | null>;
  /** What GET /checkout answers for a request's session, for a page the server renders with it (prefetch). */
  checkout(request: Request): Promise<Checkout>;
  /** The return page's server-side check (kit.reconcile): never fulfil on the query string. */
  reconcile(orderId: string): Promise<Settlement>;
  /** The merchant's fulfilled and failed orders, newest first. */
  orders(): FulfilledOrder[];
  sandbox: Sandbox | null;
  close(): Promise<void>;
}

export async function startDemoBackend(options: DemoBackendOptions = {}): Promise<DemoBackend> {
  const env = options.env ?? process.env;
  const realJuspay = env.JUSPAY_BASE_URL;
  // Juspay's webhook credentials: with the sandbox, made up per process and handed to both sides; with a real
  // Juspay, the ones set in its dashboard.
  const webhook = {
    username: env.JUSPAY_WEBHOOK_USERNAME ?? 'demo_webhooks',
    password: env.JUSPAY_WEBHOOK_PASSWORD ?? randomBytes(18).toString('base64url'),
  };
  const webhookOrigin = options.internalOrigin ?? options.publicOrigin;
  const sandboxServer = realJuspay
    ? null
    : await serveSandbox({
        port: 0,
        basePath: SANDBOX_PATH,
        apiKey: env.JUSPAY_API_KEY,
        merchantId: env.JUSPAY_MERCHANT_ID,
        publicUrl: options.publicOrigin ? options.publicOrigin + SANDBOX_PATH : undefined,
        webhook: webhookOrigin ? { url: `${webhookOrigin}${KIT_PATH}/webhooks/juspay`, ...webhook } : undefined,
      });
  const sandbox = sandboxServer?.sandbox ?? null;

  const redis = env.REDIS_URL ? createClient({ url: env.REDIS_URL }) : null;
  if (redis) await redis.connect();

  // The merchant's own order book: what its fulfilment did, from the kit's hooks (a real shop writes its database).
  const fulfilled = new Map<string, FulfilledOrder>();
  const record = (orderId: string, outcome: FulfilledOrder['outcome'], path: OutcomePath, amount: number) => {
    fulfilled.set(orderId, { orderId, outcome, path, amount, at: new Date().toISOString() });
    // Only the newest 50 are kept: the demo runs for days.
    if (fulfilled.size > 50) fulfilled.delete(fulfilled.keys().next().value!);
  };

  let origin = options.publicOrigin ?? '';
  const merchant = createMerchant({ returnUrl: (orderId) => `${origin}/return.html?order=${orderId}` });
  const kit = createWalletKit({
    juspay: {
      baseUrl: realJuspay ?? sandboxServer!.url,
      apiKey: env.JUSPAY_API_KEY ?? sandbox!.apiKey,
      merchantId: env.JUSPAY_MERCHANT_ID ?? sandbox!.merchantId,
      timeoutMs: options.juspayTimeoutMs,
    },
    basePath: KIT_PATH,
    store: redis ? new RedisStore({ client: redis }) : undefined,
    // The kit's OTP expiry and resend cooldown follow the sandbox's clock, so moving that clock moves both.
    now: sandbox ? () => sandbox.clock.now() : undefined,
    resolveCheckout: (request) => merchant.resolveCheckout(request),
    webhook,
    onOrderPaid: (paid) => record(paid.orderId, 'fulfilled', paid.path, paid.amount),
    onOrderFailed: (failed) => record(failed.orderId, 'failed', failed.path, failed.amount),
    limits: options.limits,
  });

  return {
    sandbox,
    async handle(request) {
      const url = new URL(request.url);
      if (!options.publicOrigin) origin = url.origin;
      if (url.pathname === KIT_PATH || url.pathname.startsWith(`${KIT_PATH}/`)) return kit.fetch(request);
      if (sandbox && url.pathname.startsWith(`${SANDBOX_PATH}/`)) return sandbox.fetch(request);
      if (url.pathname === '/demo/session' && request.method === 'POST') return newSession(request);
      if (url.pathname === '/demo/orders' && request.method === 'GET') {
        return Response.json([...fulfilled.values()].reverse(), { headers: { 'cache-control': 'no-store' } });
      }
      return null;
    },
    checkout: (request) => kit.checkout(request),
    reconcile: (orderId) => kit.reconcile(orderId),
    orders: () => [...fulfilled.values()].reverse(),
    close: async () => {
      await sandboxServer?.close();
      await redis?.quit();
    },
  };

  /** A fresh customer from a persona (isolated per page load) and a fresh order for it. */
  async function newSession(request: Request): Promise<Response> {
    const body = (await request.json().catch(() => ({}))) as { persona?: string };
    const persona = PERSONAS.find((p) => p === body.persona);
    if (!persona) return Response.json({ error: { code: 'invalid_request', message: 'unknown persona' } }, { status: 400 });
    const customerId = sandbox ? sandbox.persona(persona) : persona;
    const { checkoutToken, session } = merchant.mint(customerId);
    return Response.json(
      {
        checkoutToken,
        orderId: session.orderId,
        amount: session.amount,
        currency: session.currency,
        // Shown on the demo page only, so a tester can link a wallet; a real backend never exposes an OTP.
        testOtp: sandbox?.testOtp ?? null,
      },
      { headers: { 'set-cookie': merchant.sessionCookie(checkoutToken), 'cache-control': 'no-store' } },
    );
  }
}
