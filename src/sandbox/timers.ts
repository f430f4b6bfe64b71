/**
 * Background work in real time: webhook deliveries and their retries, refund settlement. Deliberately not the
 * sandbox's controllable clock: `clock.advance()` models Juspay's view of time (expiries, timestamps), while a
 * webhook retry or a refund settling is something a test waits for. Every timer is unref'd, so a process that
 * forgets to close the sandbox still exits, and `close()` cancels them all.
 *
 * A sleep can be woken early (`wake`, the "flush" of tests) or cancelled (`cancel`, `close`); tracked work is what
 * `idle()` waits for.
 */
interface Sleeper {
  readonly tag: string;
  finish(elapsed: boolean): void;
}

export class RealTimers {
  private readonly sleepers = new Set<Sleeper>();
  private readonly work = new Set<Promise<void>>();
  private closed = false;

  get isClosed(): boolean {
    return this.closed;
  }

  /**
   * Resolves true after `ms` of real time or when woken, false when cancelled or closed (the caller then stops).
   * After close() it resolves false at once.
   */
  sleep(ms: number, tag: string): Promise<boolean> {
    if (this.closed) return Promise.resolve(false);
    return new Promise((resolve) => {
      const sleeper: Sleeper = {
        tag,
        finish: (elapsed) => {
          clearTimeout(timer);
          this.sleepers.delete(sleeper);
          resolve(elapsed);
        },
      };
      const timer = unrefTimeout(() => sleeper.finish(true), ms);
      this.sleepers.add(sleeper);
    });
  }

  /** Ends every current sleep with this tag (all tags when omitted) as if its time had come. */
  wake(tag?: string): void {
    for (const sleeper of [...this.sleepers]) if (tag === undefined || sleeper.tag === tag) sleeper.finish(true);
  }

  /** Ends every current sleep with this tag (all tags when omitted) as cancelled. */
  cancel(tag?: string): void {
    for (const sleeper of [...this.sleepers]) if (tag === undefined || sleeper.tag === tag) sleeper.finish(false);
  }

  /** Counts `promise` as outstanding work until it settles (its failure is swallowed: work reports its own). */
  track(promise: Promise<unknown>): void {
    const tracked: Promise<void> = promise
      .then(
        () => undefined,
        () => undefined,
      )
      .finally(() => this.work.delete(tracked));
    this.work.add(tracked);
  }

  /** Resolves once no tracked work is left, including work that tracked work started. */
  async idle(): Promise<void> {
    while (this.work.size > 0) await Promise.all([...this.work]);
  }

  /** Cancels every sleep; later sleeps resolve false at once. */
  close(): void {
    this.closed = true;
    this.cancel();
  }
}

/** setTimeout that never keeps the process alive (Node's `unref`; other runtimes have none to call). */
export function unrefTimeout(callback: () => void, ms: number): ReturnType<typeof setTimeout> {
  const timer = setTimeout(callback, ms);
  (timer as { unref?: () => void }).unref?.();
  return timer;
}
