/**
 * One kit instance as its own process, the way a merchant runs several behind a load balancer: node:http on
 * loopback, the kit at /api/wallet, RedisStore when REDIS_URL is set (else the single-process MemoryStore),
 * sessions read from a signed Bearer token (sessions.ts) so every instance resolves the same checkout.
 * Prints `ready <port>` once listening, and each log entry as a JSON line.
 *
 * Env: JUSPAY_BASE_URL, JUSPAY_API_KEY, JUSPAY_MERCHANT_ID, SESSION_SECRET, REDIS_URL, PORT (default 0),
 * KIT_OPTIONS (JSON: extra kit options such as limits, deadlineMs, juspay timeoutMs), INSTANCE (its name).
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { getRequestListener } from '@hono/node-server';
import { createClient } from 'redis';
import { createWalletKit, MemoryStore, RedisStore, type KitOptions, type KitStore } from '../../src/server/index.js';
import { readSession } from './sessions.js';

const env = process.env;
const extra = JSON.parse(env.KIT_OPTIONS ?? '{}') as Partial<KitOptions> & { timeoutMs?: number };
const { timeoutMs, ...options } = extra;

let store: KitStore = new MemoryStore();
if (env.REDIS_URL) store = new RedisStore({ client: await createClient({ url: env.REDIS_URL }).connect() });

const kit = createWalletKit({
  juspay: { baseUrl: env.JUSPAY_BASE_URL!, apiKey: env.JUSPAY_API_KEY!, merchantId: env.JUSPAY_MERCHANT_ID!, timeoutMs },
  basePath: '/api/wallet',
  resolveCheckout: (request) => readSession(request.headers.get('authorization'), env.SESSION_SECRET!),
  // The proxy in front is the edge: the client is the last address it appended.
  clientIp: (request) => request.headers.get('x-forwarded-for')?.split(',').at(-1)?.trim(),
  store,
  log: env.KIT_LOG === '0' ? false : (entry) => process.stdout.write(`${JSON.stringify({ instance: env.INSTANCE, ...entry })}\n`),
  ...options,
});

const server = createServer(getRequestListener(kit.fetch));
server.listen(Number(env.PORT ?? 0), '127.0.0.1', () => {
  process.stdout.write(`ready ${(server.address() as AddressInfo).port}\n`);
});
process.once('SIGTERM', () => server.close(() => process.exit(0)));
