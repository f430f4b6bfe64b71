/**
 * Where the kit keeps its little state: OTP counters per wallet, pay results and in-flight pay locks per order.
 * An interface of four key/value operations with expiry, chosen so that each maps onto one Redis command
 * (GET, SET EX, SET NX EX, INCR + EXPIRE, DEL): a merchant running several instances plugs a shared store in;
 * one instance uses the in-memory default.
 *
 * Values are strings (the kit stores JSON); ttlSeconds is always positive.
 */
export interface KitStore {
  get(key: string): Promise<string | undefined>;
  set(key: string, value: string, ttlSeconds: number): Promise<void>;
  /** Sets the key only when absent (or expired); true when this call set it. Atomic. */
  setIfAbsent(key: string, value: string, ttlSeconds: number): Promise<boolean>;
  /** Adds 1 and answers the new value; a missing key counts from 0 and gets `ttlSeconds`. Atomic. */
  increment(key: string, ttlSeconds: number): Promise<number>;
  delete(key: string): Promise<void>;
}

interface Entry {
  value: string;
  expiresAt: number;
}

/** The single-process default. Expired entries are dropped when read and swept as the map grows. */
export class MemoryStore implements KitStore {
  private readonly entries = new Map<string, Entry>();
  private sweepAt = 1024;

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
    if (this.entries.size >= this.sweepAt) this.sweep();
  }

  /** Keeps memory bounded by live entries: a long-running kit would otherwise keep every order it ever saw. */
  private sweep() {
    const now = this.now();
    for (const [key, entry] of this.entries) if (entry.expiresAt <= now) this.entries.delete(key);
    this.sweepAt = Math.max(1024, this.entries.size * 2);
  }
}
