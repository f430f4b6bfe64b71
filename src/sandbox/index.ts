/**
 * The Juspay sandbox: a stateful local simulator of Juspay's wallet direct-debit API (same paths, Basic auth,
 * form or JSON bodies, Juspay's JSON shapes), with a controllable clock, a fixed test OTP, simulated provider
 * balances, a top-up page, fault switches and seeded personas. Server-only; never imported by browser code.
 *
 *   const sandbox = createSandbox();            // sandbox.fetch(request) is the whole HTTP surface
 *   const { url, close } = await serveSandbox({ port: 0 });   // the same over node:http
 */
import type { AddressInfo } from 'node:net';
import { serve } from '@hono/node-server';
import { createClock, type Clock } from './clock.js';
import { OTP_TTL_MS, type SandboxConfig, type SandboxContext } from './context.js';
import { countDebits } from './debit.js';
import { routeNotFound } from './errors.js';
import { FaultRegistry, type Fault } from './faults.js';
import { errorResponse } from './http/respond.js';
import { clonePersona, isPersonaName, PERSONA_NAMES, seedPersonas, type PersonaName } from './personas.js';
import { apiRoutes } from './routes/api.js';
import { CONTROL_PREFIX, controlRoutes } from './routes/control.js';
import { PAGE_PREFIXES, pageRoutes } from './routes/pages.js';
import { Store } from './store.js';

export type { Fault } from './faults.js';
export type { PersonaName } from './personas.js';
export { PERSONA_NAMES } from './personas.js';
export { GATEWAYS, type Gateway } from './providers.js';

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
    otpTtlMs: OTP_TTL_MS,
    pendingStatus: options.pendingStatus ?? 'PENDING_VBV',
    basePath,
    publicUrl: options.publicUrl?.replace(/\/+$/, ''),
  };
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
  const ctx: SandboxContext = { config, clock, store };
  const faults = new FaultRegistry();
  seedPersonas(store, clock.now());

  const persona = (name: PersonaName): string => {
    if (!isPersonaName(name)) throw new RangeError(`Unknown persona: ${String(name)} (one of ${PERSONA_NAMES.join(', ')})`);
    return clonePersona(store, name, clock.now());
  };
  const reset = (): void => {
    store.clear();
    seedPersonas(store, clock.now());
    faults.clear();
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
export async function serveSandbox(
  options: SandboxOptions & { port?: number; host?: string } = {},
): Promise<ServedSandbox> {
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
        sandbox.faults.release();
        if ('closeAllConnections' in server) server.closeAllConnections();
      }),
  };
}
