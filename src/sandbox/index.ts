/**
 * The Juspay sandbox: a stateful local simulator of Juspay's wallet direct-debit API (same paths, Basic auth,
 * form or JSON bodies, Juspay's JSON shapes), with a controllable clock, a fixed test OTP, simulated provider
 * balances, a top-up page, refunds, Juspay-style webhooks, fault switches and seeded personas. Server-only; never
 * imported by browser code.
 *
 *   const sandbox = createSandbox();            // sandbox.fetch(request) is the whole HTTP surface
 *   const { url, close } = await serveSandbox({ port: 0 });   // the same over node:http
 *   serveSandbox({ webhook: { url, username, password } })    // order changes POSTed to `url`
 */
import type { AddressInfo } from 'node:net';
import { serve } from '@hono/node-server';
import { createClock, type Clock } from './clock.js';
import type { SandboxConfig, SandboxContext } from './context.js';
import { countDebits } from './debit.js';
import { routeNotFound } from './errors.js';
import { FaultRegistry, type Fault } from './faults.js';
import { errorResponse } from './http/respond.js';
import { clonePersona, isPersonaName, PERSONA_NAMES, seedPersonas, type PersonaName } from './personas.js';
import { apiRoutes } from './routes/api.js';
import { CONTROL_PREFIX, controlRoutes } from './routes/control.js';
import { PAGE_PREFIXES, pageRoutes } from './routes/pages.js';
import { countRefunds } from './refunds.js';
import { Store, type RefundOutcome } from './store.js';
import { RealTimers } from './timers.js';
import { WebhookDispatcher, type WebhookDelivery, type WebhookEvent, type WebhookOptions, type WebhookSwitches } from './webhooks.js';

export type { Fault } from './faults.js';
export type { PersonaName } from './personas.js';
export { PERSONA_NAMES } from './personas.js';
export { GATEWAYS, type Gateway } from './providers.js';
export {
  DEFAULT_WEBHOOK_RETRY_DELAYS_MS,
  DEFAULT_WEBHOOK_TIMEOUT_MS,
  DEFAULT_WEBHOOK_VERSION,
  WEBHOOK_EVENT_NAMES,
  type WebhookDelivery,
  type WebhookEvent,
  type WebhookEventName,
  type WebhookOptions,
  type WebhookSwitches,
} from './webhooks.js';
export type { RefundOutcome, RefundStatus } from './store.js';

export interface SandboxOptions {
  /** Default 'sandbox_test_key'. */
  apiKey?: string;
  /** Default 'wallet_elements'. */
  merchantId?: string;
  /** The OTP every "sent" OTP has. Default '123456'. */
  testOtp?: string;
  /** Direct-debit token lifetime. Default 600. */
  tokenTtlSeconds?: number;
  /** Unpaid orders time out after this; /txns then answers the seed's 400 "Order timed out". Default 900. */
  orderTtlSeconds?: number;
  /** Status of a debit the balance cannot cover. Default 'PENDING_VBV' (Juspay's formal enum). */
  pendingStatus?: 'PENDING_VBV' | 'PENDING';
  /** '' by default; e.g. '/sandbox' when mounted under a prefix. All routes live under it. */
  basePath?: string;
  /** Absolute base of URLs handed to browsers (finish, top-up). Default: the request's origin + basePath. */
  publicUrl?: string;
  /** Clock start, ms since the epoch. Default Date.now(). */
  startTime?: number;
  /** Stop real time from moving the clock; only `clock.advance()` does. Default false (the clock runs). */
  frozenClock?: boolean;
  /** Where order changes are POSTed, Juspay-style. Default: none (events are still listed in `webhooks.events`). */
  webhook?: WebhookOptions;
  /** Real-time ms before a PENDING refund settles (SUCCESS unless `refunds.failNext`). Default 200. */
  refundSettleMs?: number;
}

export interface Sandbox {
  /** The whole HTTP surface, Fetch-API style. */
  fetch(request: Request): Promise<Response>;
  readonly clock: { now(): number; advance(ms: number): void };
  readonly faults: {
    /** Adds a fault; the most recently set fault matching a request applies to it. */
    set(fault: Fault): void;
    clear(): void;
    /** Answers every request currently held by a `hang` fault (serveSandbox's close() does this). */
    release(): void;
  };
  /** A fresh customer cloned from a persona template; returns its object_reference_id (e.g. 'linked-k3j9x2'). */
  persona(name: PersonaName): string;
  /** Back to the seeded state, faults cleared. The clock keeps its time. */
  reset(): void;
  /** Successful debits for that customer (`cst_` id or object_reference_id). Throws for an unknown customer. */
  debitCount(customerRef: string): number;
  /** Refunds recorded for that order (any status; an idempotent repeat adds none). Throws for an unknown order. */
  refundCount(orderId: string): number;
  readonly webhooks: {
    /** The configured receiver, or undefined. */
    readonly url: string | undefined;
    /** Every event emitted, oldest first (the last 500), whether or not a URL is configured. */
    readonly events: readonly WebhookEvent[];
    /** Every delivery attempt, oldest first (the last 500). */
    readonly deliveries: readonly WebhookDelivery[];
    /** Turns test switches on or off; merged with the ones already set. */
    set(switches: WebhookSwitches): void;
    /** Every switch off; events held by `reorder` are sent now, newest first. */
    clear(): void;
    /** Sends now what waits: events held by `reorder`, delayed first deliveries, retries not yet due. */
    flush(): void;
    /**
     * Resolves once no refund is waiting to settle and no delivery is in flight, delayed or waiting for a retry
     * (events held by `reorder` do not count). With the default retry schedule and a failing receiver that is a
     * day away: use short `retryDelaysMs` or `flush()`.
     */
    idle(): Promise<void>;
  };
  readonly refunds: {
    /** The next `times` (default 1) refunds settle to this status instead of SUCCESS. */
    failNext(status: 'FAILURE' | 'MANUAL_REVIEW', times?: number): void;
    /** Settles every PENDING refund now instead of after `refundSettleMs`. */
    settleNow(): void;
    /** Forgets `failNext`. */
    clear(): void;
  };
  /**
   * Stops background work: webhook deliveries (in-flight ones aborted, retries dropped) and refund settlement.
   * Requests are still answered. serveSandbox's close() calls it.
   */
  close(): void;
  readonly apiKey: string;
  readonly merchantId: string;
  readonly testOtp: string;
}

function resolveConfig(options: SandboxOptions): SandboxConfig {
  const seconds = (value: number | undefined, fallback: number, name: string) => {
    const result = value ?? fallback;
    if (!Number.isFinite(result) || result <= 0) throw new RangeError(`${name} must be a positive number`);
    return result * 1000;
  };
  const basePath = (options.basePath ?? '').replace(/\/+$/, '');
  if (basePath !== '' && !basePath.startsWith('/')) throw new RangeError("basePath must be '' or start with '/'");
  return {
    apiKey: options.apiKey ?? 'sandbox_test_key',
    merchantId: options.merchantId ?? 'wallet_elements',
    testOtp: options.testOtp ?? '123456',
    tokenTtlMs: seconds(options.tokenTtlSeconds, 600, 'tokenTtlSeconds'),
    orderTtlMs: seconds(options.orderTtlSeconds, 900, 'orderTtlSeconds'),
    otpTtlMs: 5 * 60_000,
    pendingStatus: options.pendingStatus ?? 'PENDING_VBV',
    basePath,
    publicUrl: options.publicUrl?.replace(/\/+$/, ''),
    refundSettleMs: nonNegativeMs(options.refundSettleMs, 200, 'refundSettleMs'),
  };
}

function nonNegativeMs(value: number | undefined, fallback: number, name: string): number {
  const result = value ?? fallback;
  if (!Number.isFinite(result) || result < 0) throw new RangeError(`${name} must be a non-negative number`);
  return result;
}

/** The path after basePath, or null when the request is outside it. */
function relativePath(pathname: string, basePath: string): string | null {
  if (basePath === '') return pathname;
  if (pathname === basePath) return '/';
  return pathname.startsWith(`${basePath}/`) ? pathname.slice(basePath.length) : null;
}

export function createSandbox(options: SandboxOptions = {}): Sandbox {
  const config = resolveConfig(options);
  const clock: Clock = createClock(options.startTime ?? Date.now(), !options.frozenClock);
  const store = new Store();
  const timers = new RealTimers();
  const webhooks = new WebhookDispatcher(options.webhook, clock, timers);
  const refundOutcomes: RefundOutcome[] = [];
  const ctx: SandboxContext = { config, clock, store, webhooks, timers, refundOutcomes };
  const faults = new FaultRegistry();
  seedPersonas(store, clock.now());

  const persona = (name: PersonaName): string => {
    if (!isPersonaName(name)) throw new RangeError(`Unknown persona: ${String(name)} (one of ${PERSONA_NAMES.join(', ')})`);
    return clonePersona(store, name, clock.now());
  };
  const reset = (): void => {
    timers.cancel('refund'); // their orders are gone
    store.clear();
    seedPersonas(store, clock.now());
    faults.clear();
    webhooks.clear();
    refundOutcomes.length = 0;
  };
  const failNextRefunds = (status: 'FAILURE' | 'MANUAL_REVIEW', times = 1): void => {
    if (status !== 'FAILURE' && status !== 'MANUAL_REVIEW') throw new RangeError('failNext takes FAILURE or MANUAL_REVIEW');
    if (!Number.isInteger(times) || times < 1) throw new RangeError('times must be a positive integer');
    for (let index = 0; index < times; index += 1) refundOutcomes.push(status);
  };

  const api = apiRoutes(ctx);
  const pages = pageRoutes(ctx);
  const control = controlRoutes(config.basePath, {
    merchantId: config.merchantId,
    testOtp: config.testOtp,
    persona,
    setFault: (fault) => faults.set(fault),
    clearFaults: () => faults.clear(),
    advanceClock: (ms) => clock.advance(ms),
    now: () => clock.now(),
    reset,
    webhookState: () => ({
      url: webhooks.url ?? null,
      switches: webhooks.currentSwitches,
      held: webhooks.heldCount,
      events: webhooks.events,
      deliveries: webhooks.deliveries,
    }),
    setWebhookSwitches: (switches) => webhooks.set(switches),
    clearWebhookSwitches: () => webhooks.clear(),
    flushWebhooks: () => webhooks.flush(),
    failNextRefunds,
    clearRefundSwitches: () => {
      refundOutcomes.length = 0;
    },
    settleRefunds: () => timers.wake('refund'),
  });

  return {
    async fetch(request: Request): Promise<Response> {
      const path = relativePath(new URL(request.url).pathname, config.basePath);
      if (path === null) return errorResponse(routeNotFound());
      if (path.startsWith(CONTROL_PREFIX)) return control.fetch(request);
      if (PAGE_PREFIXES.some((prefix) => path.startsWith(prefix))) return pages.fetch(request);
      return faults.apply(path, request.signal, async () => api.fetch(request));
    },
    clock: { now: () => clock.now(), advance: (ms) => clock.advance(ms) },
    faults: { set: (fault) => faults.set(fault), clear: () => faults.clear(), release: () => faults.releaseAll() },
    persona,
    reset,
    debitCount(customerRef: string): number {
      const customer = store.findCustomer(customerRef);
      if (!customer) throw new RangeError(`Unknown customer: ${customerRef}`);
      return countDebits(ctx, customer.id);
    },
    refundCount: (orderId) => countRefunds(ctx, orderId),
    webhooks: {
      get url() {
        return webhooks.url;
      },
      get events() {
        return webhooks.events;
      },
      get deliveries() {
        return webhooks.deliveries;
      },
      set: (switches) => webhooks.set(switches),
      clear: () => webhooks.clear(),
      flush: () => webhooks.flush(),
      idle: () => timers.idle(),
    },
    refunds: {
      failNext: failNextRefunds,
      settleNow: () => timers.wake('refund'),
      clear: () => {
        refundOutcomes.length = 0;
      },
    },
    close() {
      timers.close();
      webhooks.close();
      faults.releaseAll();
    },
    apiKey: config.apiKey,
    merchantId: config.merchantId,
    testOtp: config.testOtp,
  };
}

export interface ServedSandbox {
  /** e.g. 'http://127.0.0.1:4010' + basePath. */
  readonly url: string;
  readonly sandbox: Sandbox;
  close(): Promise<void>;
}

/** Serves a new sandbox over node:http. `port: 0` (the default) picks a free port. */
export async function serveSandbox(options: SandboxOptions & { port?: number; host?: string } = {}): Promise<ServedSandbox> {
  const sandbox = createSandbox(options);
  const host = options.host ?? '127.0.0.1';
  const server = await new Promise<ReturnType<typeof serve>>((resolve, reject) => {
    const listening = serve({ fetch: sandbox.fetch, port: options.port ?? 0, hostname: host }, () => {
      listening.off('error', reject);
      resolve(listening);
    });
    listening.once('error', reject);
  });
  const { port } = server.address() as AddressInfo;
  const hostInUrl = host.includes(':') ? `[${host}]` : host;
  return {
    url: `http://${hostInUrl}:${port}${resolveConfig(options).basePath}`,
    sandbox,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        sandbox.close();
        if ('closeAllConnections' in server) server.closeAllConnections();
      }),
  };
}
