/**
 * One real setup for the kit's tests: a Juspay sandbox on loopback, the kit mounted on node:http (through
 * @hono/node-server's getRequestListener, as a merchant would), sessions resolved from `Authorization: Bearer`,
 * and recorders for everything a leak test needs: every kit answer, every log entry, every Juspay exchange, and
 * what the kit's store holds.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { getRequestListener } from '@hono/node-server';
import { createClient } from 'redis';
import { serveSandbox, type Sandbox } from '../../src/sandbox/index.js';
import {
  createWalletKit,
  MemoryStore,
  RedisStore,
  type CheckoutSession,
  type KitOptions,
  type KitStore,
  type LogEntry,
  type WalletKit,
} from '../../src/server/index.js';
import { onRedis, redisUrl } from '../helpers/redis.js';

export const BASE_PATH = '/api/wallet';
export const ALLOWED_ORIGIN = 'https://shop.example';

export interface KitAnswer {
  status: number;
  headers: Headers;
  text: string;
  json: any;
}

export interface JuspayExchange {
  method: string;
  url: string;
  requestHeaders: Headers;
  requestBody: string;
  status: number;
  responseText: string;
}

export type JuspayInterceptor = (
  url: string,
  init: RequestInit,
  forward: (url: string, init: RequestInit) => Promise<Response>,
) => Promise<Response>;

export interface Harness {
  sandbox: Sandbox;
  sandboxUrl: string;
  kitUrl: string;
  /** The kit's clock (OTP cooldown and age); the sandbox has its own (`sandbox.clock`). */
  advanceKitClock(ms: number): void;
  logs: LogEntry[];
  answers: KitAnswer[];
  juspay: JuspayExchange[];
  /** Replace (per test) how the kit's Juspay calls reach the sandbox. */
  intercept(interceptor: JuspayInterceptor | undefined): void;
  /** A fresh customer cloned from a persona, with a fresh order and a Bearer token for it. */
  checkout(persona: Parameters<Sandbox['persona']>[0], overrides?: Partial<CheckoutSession>): Promise<Shopper>;
  /** The kit behind kitUrl (for its server-side API: refund, reconcile). */
  kit: WalletKit;
  /** Every key and value the store of the kit behind kitUrl holds now, one `key = value` string each. */
  storeContents(): Promise<string[]>;
  /** Another kit instance on the same sandbox and sessions (a second server of a multi-instance merchant). */
  anotherKit(overrides?: Partial<Omit<KitOptions, 'juspay'>>): WalletKit;
  /** A raw request to the kit (recorded like every other). */
  raw(path: string, init?: RequestInit): Promise<KitAnswer>;
  close(): Promise<void>;
}

export interface Shopper {
  token: string;
  session: CheckoutSession;
  call(method: 'GET' | 'POST', path: string, body?: unknown, headers?: Record<string, string>): Promise<KitAnswer>;
}

let orderSeq = 0;
/** Alphanumeric, < 21 chars, unique across a test run. */
export function newOrderId(): string {
  orderSeq += 1;
  return `T${Date.now().toString(36)}${orderSeq}`.slice(0, 20);
}

export interface HarnessOptions extends Partial<Omit<KitOptions, 'juspay'>> {
  /** Juspay's per-call timeout for the kit. */
  timeoutMs?: number;
  /** The sandbox delivers its webhooks to this kit's webhook route (the kit needs `webhook` credentials). */
  juspayWebhooks?: { retryDelaysMs?: number[] };
  /** The sandbox's API key, which the kit is given too (default: the sandbox's own). */
  apiKey?: string;
}

/** An Indonesian mobile number no other test uses. */
export function newPhone(): string {
  return `08${String(Math.floor(Math.random() * 1e10)).padStart(10, '0')}`;
}

export async function startHarness(overrides: HarnessOptions = {}): Promise<Harness> {
  // The kit's server listens first, so the sandbox can be told where to deliver its webhooks.
  let kitFetch: (request: Request, env?: unknown) => Promise<Response> = async () => new Response(null, { status: 503 });
  const server: Server = createServer(getRequestListener((request, env) => kitFetch(request, env)));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const kitUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}${BASE_PATH}`;
  const { juspayWebhooks, apiKey, ...kitOptions } = overrides;
  const webhook = juspayWebhooks && overrides.webhook && { url: `${kitUrl}/webhooks/juspay`, ...overrides.webhook, ...juspayWebhooks };
  const { url: sandboxUrl, sandbox, close: closeSandbox } = await serveSandbox({ port: 0, webhook, ...(apiKey ? { apiKey } : {}) });
  let kitNow = Date.UTC(2026, 0, 1);
  const logs: LogEntry[] = [];
  const answers: KitAnswer[] = [];
  const juspay: JuspayExchange[] = [];
  const sessions = new Map<string, CheckoutSession>();
  let interceptor: JuspayInterceptor | undefined;

  const forward = async (url: string, init: RequestInit) => {
    const response = await fetch(url, init);
    const responseText = await response.text();
    juspay.push({
      method: init.method ?? 'GET',
      url,
      requestHeaders: new Headers(init.headers),
      requestBody: typeof init.body === 'string' ? init.body : '',
      status: response.status,
      responseText,
    });
    return new Response(responseText, { status: response.status, headers: response.headers });
  };
  const juspayFetch = ((input: string | URL | Request, init: RequestInit = {}) => {
    const url = String(input);
    return interceptor ? interceptor(url, init, forward) : forward(url, init);
  }) as typeof fetch;

  const { timeoutMs, ...kitOverrides } = kitOptions;
  // `npm test` runs these suites twice: on the default MemoryStore, then on a real Redis (KIT_STORE=redis).
  const redis = onRedis ? await harnessRedis() : undefined;
  const sharedStore: KitStore | undefined = redis?.store;
  const makeKit = (extra: Partial<Omit<KitOptions, 'juspay'>> = {}) =>
    createWalletKit({
      juspay: { baseUrl: sandboxUrl, apiKey: sandbox.apiKey, merchantId: sandbox.merchantId, fetch: juspayFetch, timeoutMs },
      resolveCheckout: (request) => {
        const match = /^Bearer (\S+)$/.exec(request.headers.get('authorization') ?? '');
        return (match && sessions.get(match[1]!)) ?? null;
      },
      basePath: BASE_PATH,
      cors: { origins: [ALLOWED_ORIGIN] },
      log: (entry) => logs.push(entry),
      now: () => kitNow,
      ...(sharedStore ? { store: sharedStore } : {}),
      ...kitOverrides,
      ...extra,
    });
  // The main kit's store, made here so the leak test can read it: the kit's own default is this same MemoryStore on
  // the kit's clock. anotherKit keeps a MemoryStore of its own (or shares the Redis one), as before.
  const store = kitOverrides.store ?? sharedStore ?? new MemoryStore(() => kitNow);
  const kit = makeKit({ store });
  kitFetch = kit.fetch;

  const raw = async (path: string, init: RequestInit = {}): Promise<KitAnswer> => {
    const response = await fetch(kitUrl + path, init);
    const text = await response.text();
    let json: unknown;
    try {
      json = text ? JSON.parse(text) : undefined;
    } catch {
      json = undefined;
    }
    const answer = { status: response.status, headers: response.headers, text, json };
    answers.push(answer);
    return answer;
  };

  return {
    sandbox,
    sandboxUrl,
    kitUrl,
    advanceKitClock: (ms) => {
      kitNow += ms;
    },
    logs,
    answers,
    juspay,
    intercept: (next) => {
      interceptor = next;
    },
    async checkout(persona, sessionOverrides = {}) {
      const token = `chk${Math.random().toString(36).slice(2)}`;
      const session: CheckoutSession = {
        customerId: sandbox.persona(persona),
        orderId: newOrderId(),
        amount: 150_000,
        currency: 'IDR',
        returnUrl: 'https://shop.example/return',
        // A phone of its own per checkout, so the per-phone SMS limit of one test never touches another's.
        customerPhone: newPhone(),
        ...sessionOverrides,
      };
      sessions.set(token, session);
      return {
        token,
        session,
        call: (method, path, body, headers = {}) =>
          raw(path, {
            method,
            headers: {
              authorization: `Bearer ${token}`,
              ...(body === undefined ? {} : { 'content-type': 'application/json' }),
              ...headers,
            },
            body: body === undefined ? undefined : JSON.stringify(body),
          }),
      };
    },
    kit,
    storeContents: async () => (redis && store === redis.store ? redis.contents() : memoryContents(store)),
    anotherKit: makeKit,
    raw,
    async close() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await closeSandbox();
      await redis?.close();
    },
  };
}

/**
 * A RedisStore under a key prefix of its own (tests share one Redis), with the client and prefix kept so that
 * `contents` can list what the kit wrote: `KEYS prefix*`, then each key's value by its type.
 */
async function harnessRedis() {
  const client = createClient({ url: await redisUrl() });
  await client.connect();
  const prefix = `test:${crypto.randomUUID()}:`;
  return {
    store: new RedisStore({ client, prefix }),
    async contents(): Promise<string[]> {
      const lines: string[] = [];
      for (const key of await client.keys(`${prefix}*`)) {
        const type = await client.type(key);
        if (type === 'none') continue; // expired between KEYS and now
        if (type === 'string') lines.push(`${key} = ${await client.get(key)}`);
        else if (type === 'hash') lines.push(`${key} = ${JSON.stringify(await client.hGetAll(key))}`);
        // The kit writes strings, and rate-limiter-flexible strings or hashes; a new type needs a reader here.
        else throw new Error(`no reader for the Redis type ${type} of ${key}`);
      }
      return lines;
    },
    close: () => client.quit().then(() => undefined),
  };
}

/** What a MemoryStore holds, expired entries not yet swept included. */
function memoryContents(store: KitStore): string[] {
  if (!(store instanceof MemoryStore)) throw new Error('storeContents reads a MemoryStore or the harness Redis');
  // MemoryStore has no public listing, and a list of every value it holds (OTP challenges, pay results) is not API
  // the kit should ship for a test's sake: the test reads its private map instead.
  const { entries } = store as unknown as { entries: Map<string, { value: string }> };
  return [...entries].map(([key, entry]) => `${key} = ${entry.value}`);
}

/** The wallet of a provider in a /checkout answer. */
export function walletOf(answer: KitAnswer, provider = 'GOPAY'): { id: string; linked: boolean; balance: number | null } {
  const wallet = answer.json?.wallets?.find((candidate: { provider: string }) => candidate.provider === provider);
  if (!wallet) throw new Error(`no ${provider} wallet in ${answer.text}`);
  return wallet;
}
