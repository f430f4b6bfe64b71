/** Waiting without a DOM: shared by the browser harness and the node tests. */

/** Polls `find` until it answers something (every 20 ms, up to `timeout`), then answers it. */
export async function waitFor<T>(find: () => T | null | undefined | false, message: string | (() => string), timeout = 5000): Promise<T> {
  // performance.now, not Date.now: tests move the page's wall clock (a 15-minute watch) while waiting.
  const until = performance.now() + timeout;
  let last: unknown;
  for (;;) {
    try {
      const found = find();
      if (found) return found;
    } catch (error) {
      // An ambiguous or failed query can settle as the element renders: keep polling, report it at the end.
      last = error;
    }
    if (performance.now() > until) {
      const text = typeof message === 'function' ? message() : message;
      throw new Error(last instanceof Error ? `${text}: ${last.message}` : text);
    }
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}
