/**
 * A merchant hook (`onOrderPaid`, `onOrderFailed`, `onRefundSettled`) called once across every instance that
 * shares the store: under an owner-tagged lock, with a "done" mark written only after the hook returned. A hook that
 * throws leaves no mark, so the next path that learns the outcome (a webhook redelivery, a poll) calls it again; a
 * process dying between the hook's return and the mark means one more call, which is why hooks must be idempotent.
 */
import { withLock } from './lock.js';
import type { Logger } from './log.js';
import type { KitStore } from './store.js';

/** A merchant hook threw: nothing is marked done, so a later path calls it again. */
export class HookFailed extends Error {
  override readonly name = 'HookFailed';
}

export interface OnceKeys {
  /** Marked once the work is done; its presence skips the work. */
  done: string;
  /** Held while the work runs, so two instances never run it together. */
  lock: string;
  keepSeconds: number;
}

/** Longest a path waits for another path that is running the same work (then LockBusy: try again later). */
const WAIT_MS = 10_000;

/** Runs `work` unless it is marked done, and marks it done when it returns. */
export async function runOnce(store: KitStore, keys: OnceKeys, work: () => Promise<void>): Promise<void> {
  if (await store.get(keys.done)) return;
  await withLock(store, keys.lock, { ttlSeconds: 3, deadline: Date.now() + WAIT_MS }, async () => {
    if (await store.get(keys.done)) return;
    await work();
    await store.set(keys.done, new Date().toISOString(), keys.keepSeconds);
  });
}

/** Calls the merchant's hook; when it throws, logs why (by the error's name only) and throws HookFailed. */
export async function callHook(log: Logger, failureEvent: string, fields: Record<string, unknown>, hook: () => unknown): Promise<void> {
  try {
    await hook();
  } catch (error) {
    log('error', failureEvent, { ...fields, name: error instanceof Error ? error.name : typeof error });
    throw new HookFailed(failureEvent);
  }
}
