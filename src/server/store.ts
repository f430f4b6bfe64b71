/**
 * Where the kit keeps everything a pay or a link needs between requests: OTP counters and challenges per wallet,
 * pay results and the owner-tagged locks on orders and wallet creation, and the rate limiters. Any instance can
 * serve any request because none of it lives in process memory.
 *
 * Each operation maps onto one atomic Redis command (GET, SET EX, SET NX EX, INCR + EXPIRE NX in one MULTI, DEL)
 * or, where two steps must be atomic (release or renew a lock only while still its owner), one small Lua script.
 * `MemoryStore` is the single-process default; `RedisStore` (redis-store.ts) is for several instances.
 *
 * Values are strings (the kit stores JSON); ttlSeconds is always a positive integer.
 */
import { RateLimiterMemory, RateLimiterRes, type RateLimiterAbstract } from 'rate-limiter-flexible';

export interface KitStore {
  get(key: string): Promise<string | undefined>;
  set(key: string, value: string, ttlSeconds: number): Promise<void>;
  /** Sets the key only when absent (or expired); true when this call set it. Atomic. */
  setIfAbsent(key: string, value: string, ttlSeconds: number): Promise<boolean>;
  /** Adds 1 and answers the new value; a missing key counts from 0 and gets `ttlSeconds`. Atomic. */
  increment(key: string, ttlSeconds: number): Promise<number>;
  delete(key: string): Promise<void>;
  /** Deletes the key only while it holds `value` (a lock's owner releasing it); true when deleted. Atomic. */
  deleteIfEquals(key: string, value: string): Promise<boolean>;
  /** Gives the key a new TTL only while it holds `value` (an owner renewing its lock); true when renewed. Atomic. */
  renewIfEquals(key: string, value: string, ttlSeconds: number): Promise<boolean>;
  /** A rate limiter whose counters live in this store, so a limit holds across every instance sharing it. */
  limiter(rule: LimitRule & { name: string }): Limiter;
}

/** `points` events per `durationSeconds`, counted from the first one. */
export interface LimitRule {
  points: number;
  durationSeconds: number;
}

export interface Limiter {
  /** Counts one event for `key`: `null` while within the limit, else the seconds until it frees up. */
  consume(key: string): Promise<number | null>;
}

/** A rate-limiter-flexible limiter as the kit's `Limiter`. */
export function limiterFrom(limiter: RateLimiterAbstract): Limiter {
  return {
    async consume(key) {
      try {
        await limiter.consume(key);
        return null;
      } catch (refusal) {
        // Over the limit it rejects with a RateLimiterRes; anything else is the store failing, which must surface.
        if (refusal instanceof RateLimiterRes) return Math.max(1, Math.ceil(refusal.msBeforeNext / 1000));
        throw refusal;
      }
    },
  };
}

interface Entry {
  value: string;
  expiresAt: number;
}

/** Entries looked at per write by the incremental sweep: bounded work, so a huge map never stalls the loop. */
const SWEEP_STEP = 32;

/**
 * The single-process default. Only for one process: state in it is invisible to other instances, so running
 * several instances with it loses OTP challenges, pay results and limits between them.
 *
 * Expired entries are dropped when read, and each write also sweeps a few entries from where the last sweep
 * stopped: memory stays bounded by the live entries, and no single call does more than a fixed amount of work.
 */
export class MemoryStore implements KitStore {
  private readonly entries = new Map<string, Entry>();
  private sweeper: Iterator<[string, Entry]> = this.entries.entries();

  /** `now` is the clock TTLs are measured on (the kit passes its own, so tests can move it). */
  constructor(private readonly now: () => number = Date.now) {}

  async get(key: string) {
    return this.live(key)?.value;
  }

  async set(key: string, value: string, ttlSeconds: number) {
    this.put(key, value, ttlSeconds);
  }

  async setIfAbsent(key: string, value: string, ttlSeconds: number) {
    if (this.live(key)) return false;
    this.put(key, value, ttlSeconds);
    return true;
  }

  async increment(key: string, ttlSeconds: number) {
    const entry = this.live(key);
    if (!entry) {
      this.put(key, '1', ttlSeconds);
      return 1;
    }
    const next = (Number.parseInt(entry.value, 10) || 0) + 1;
    entry.value = String(next);
    return next;
  }

  async delete(key: string) {
    this.entries.delete(key);
  }

  async deleteIfEquals(key: string, value: string) {
    if (this.live(key)?.value !== value) return false;
    this.entries.delete(key);
    return true;
  }

  async renewIfEquals(key: string, value: string, ttlSeconds: number) {
    const entry = this.live(key);
    if (entry?.value !== value) return false;
    entry.expiresAt = this.now() + ttlSeconds * 1000;
    return true;
  }

  limiter(rule: LimitRule & { name: string }): Limiter {
    return limiterFrom(new RateLimiterMemory({ keyPrefix: rule.name, points: rule.points, duration: rule.durationSeconds }));
  }

  /** Entries held, expired ones not yet swept included (for tests and benchmarks). */
  get size(): number {
    return this.entries.size;
  }

  private live(key: string): Entry | undefined {
    const entry = this.entries.get(key);
    if (entry && entry.expiresAt <= this.now()) {
      this.entries.delete(key);
      return undefined;
    }
    return entry;
  }

  private put(key: string, value: string, ttlSeconds: number) {
    this.entries.set(key, { value, expiresAt: this.now() + ttlSeconds * 1000 });
    this.sweep();
  }

  /**
   * Looks at the next SWEEP_STEP entries and drops the expired ones. A Map iterator survives deletions and sees
   * later insertions, so the sweep walks the whole map over successive writes, then starts again.
   */
  private sweep() {
    const now = this.now();
    for (let step = 0; step < SWEEP_STEP; step += 1) {
      let next = this.sweeper.next();
      if (next.done) {
        this.sweeper = this.entries.entries();
        next = this.sweeper.next();
        if (next.done) return;
      }
      const [key, entry] = next.value;
      if (entry.expiresAt <= now) this.entries.delete(key);
    }
  }
}
