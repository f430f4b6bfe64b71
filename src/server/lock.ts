/**
 * A lock in the KitStore with an owner, for work that must run once across every instance (one debit per order,
 * one wallet creation per customer and provider).
 *
 * - The lock's value is a random owner id: only the owner releases or renews it (a lock that expired and was taken
 *   by another instance is never released by the first).
 * - Its TTL is short and the owner renews it while it works, so a lock whose owner crashed frees within
 *   `ttlSeconds`, not after the longest the work could take.
 * - A caller that finds it taken waits (polling the store) until it frees, `whileWaiting` finds the answer
 *   another owner stored, or the deadline passes (`LockBusy`).
 */
import type { KitStore } from './store.js';

export interface LockOptions<T> {
  /** Seconds the lock outlives its owner's last renewal. Renewed every third of it. */
  ttlSeconds: number;
  /** `Date.now()` time after which a waiting caller gives up. */
  deadline: number;
  /** Consulted between polls: an answer stops the wait (e.g. the result the owner stored). */
  whileWaiting?: () => Promise<T | undefined>;
  /** Told when the owner finds its lock lost (renewal failed: the process stalled past the TTL). */
  onLost?: () => void;
}

/** The lock stayed taken until the deadline. */
export class LockBusy extends Error {
  override readonly name = 'LockBusy';
}

const POLL_MS = 100;

export async function withLock<T>(store: KitStore, key: string, options: LockOptions<T>, work: () => Promise<T>): Promise<T> {
  const owner = crypto.randomUUID();
  while (!(await store.setIfAbsent(key, owner, options.ttlSeconds))) {
    const answer = await options.whileWaiting?.();
    if (answer !== undefined) return answer;
    if (Date.now() + POLL_MS > options.deadline) throw new LockBusy(key);
    await new Promise((resolve) => setTimeout(resolve, POLL_MS));
  }
  const renewal = setInterval(
    () => {
      store.renewIfEquals(key, owner, options.ttlSeconds).then(
        (held) => held || options.onLost?.(),
        () => options.onLost?.(),
      );
    },
    (options.ttlSeconds * 1000) / 3,
  );
  try {
    return await work();
  } finally {
    clearInterval(renewal);
    await store.deleteIfEquals(key, owner).catch(() => false);
  }
}
