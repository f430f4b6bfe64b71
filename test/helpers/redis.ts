/**
 * The real Redis the kit's shared-store tests run on: the one `npm test` started (REDIS_URL), or, when a test file
 * runs on its own, a private redis-server started here on a free port.
 */
import { createClient } from 'redis';
import { RedisStore } from '../../src/server/index.js';
// @ts-expect-error: a plain .mjs module shared with the test runner, without types.
import { startRedis } from '../../scripts/redis-server.mjs';

let started: Promise<string> | undefined;

export function redisUrl(): Promise<string> {
  if (process.env.REDIS_URL) return Promise.resolve(process.env.REDIS_URL);
  const url: Promise<string> = started ?? startRedis().then((redis: { url: string }) => redis.url);
  started = url;
  return url;
}

/** Whether the kit suites run on RedisStore (`KIT_STORE=redis`, set by `npm test`'s second kit run). */
export const onRedis = process.env.KIT_STORE === 'redis';

/** A RedisStore under a key prefix of its own (tests share one Redis), and how to disconnect it. */
export async function redisStore(): Promise<{ store: RedisStore; close(): Promise<void> }> {
  const client = createClient({ url: await redisUrl() });
  await client.connect();
  const store = new RedisStore({ client, prefix: `test:${crypto.randomUUID()}:` });
  return { store, close: () => client.quit().then(() => undefined) };
}
