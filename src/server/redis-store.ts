/**
 * `KitStore` on Redis, for a kit running on several instances: every instance that shares the Redis sees the same
 * OTP challenges, counters, pay results, locks and rate limits. Each operation is one atomic Redis command, or one
 * small Lua script where "check the owner, then act" must not be split.
 *
 * ```ts
 * import { createClient } from 'redis';
 * const client = await createClient({ url: process.env.REDIS_URL }).connect();
 * createWalletKit({ …, store: new RedisStore({ client }) });
 * ```
 */
import { RateLimiterRedis } from 'rate-limiter-flexible';
import { limiterFrom, type KitStore, type LimitRule, type Limiter } from './store.js';

/** The part of a connected node-redis client (`createClient()` from the `redis` package) the store uses. */
export interface RedisClient {
  sendCommand(args: string[]): Promise<unknown>;
}

export interface RedisStoreOptions {
  /** A connected node-redis client. The store never connects or quits it: its lifecycle is the merchant's. */
  client: RedisClient;
  /** Prefix of every key, so one Redis can serve several kits (default `wallet-kit:`). */
  prefix?: string;
}

// Compare-and-act on a lock: only its owner (the value it was set with) may release or renew it.
const DELETE_IF_EQUALS = "if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end return 0";
const RENEW_IF_EQUALS = "if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('EXPIRE', KEYS[1], ARGV[2]) end return 0";
// The count and its expiry land together, the window counted from the first event (a script, not MULTI: commands
// of other callers share the client's connection and would interleave with a hand-sent MULTI).
const INCREMENT =
  "local n = redis.call('INCR', KEYS[1]) if redis.call('TTL', KEYS[1]) < 0 then redis.call('EXPIRE', KEYS[1], ARGV[1]) end return n";

export class RedisStore implements KitStore {
  private readonly client: RedisClient;
  private readonly prefix: string;

  constructor(options: RedisStoreOptions) {
    this.client = options.client;
    this.prefix = options.prefix ?? 'wallet-kit:';
  }

  async get(key: string) {
    const value = await this.client.sendCommand(['GET', this.prefix + key]);
    return value == null ? undefined : String(value);
  }

  async set(key: string, value: string, ttlSeconds: number) {
    await this.client.sendCommand(['SET', this.prefix + key, value, 'EX', String(ttlSeconds)]);
  }

  async setIfAbsent(key: string, value: string, ttlSeconds: number) {
    const answer = await this.client.sendCommand(['SET', this.prefix + key, value, 'EX', String(ttlSeconds), 'NX']);
    return answer != null;
  }

  async increment(key: string, ttlSeconds: number) {
    return Number(await this.client.sendCommand(['EVAL', INCREMENT, '1', this.prefix + key, String(ttlSeconds)]));
  }

  async delete(key: string) {
    await this.client.sendCommand(['DEL', this.prefix + key]);
  }

  async deleteIfEquals(key: string, value: string) {
    return Number(await this.client.sendCommand(['EVAL', DELETE_IF_EQUALS, '1', this.prefix + key, value])) === 1;
  }

  async renewIfEquals(key: string, value: string, ttlSeconds: number) {
    return Number(await this.client.sendCommand(['EVAL', RENEW_IF_EQUALS, '1', this.prefix + key, value, String(ttlSeconds)])) === 1;
  }

  limiter(rule: LimitRule & { name: string }): Limiter {
    return limiterFrom(
      new RateLimiterRedis({
        storeClient: this.client,
        useRedisPackage: true,
        keyPrefix: `${this.prefix}limit:${rule.name}`,
        points: rule.points,
        duration: rule.durationSeconds,
      }),
    );
  }
}
