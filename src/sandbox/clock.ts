/**
 * The sandbox's notion of "now". Token expiry, OTP expiry, order timeouts and every timestamp in an answer read
 * this clock, never Date.now(), so a test can jump ten minutes ahead instead of sleeping.
 *
 * By default the clock runs: real time elapses from `startTime` and `advance()` adds on top, which keeps the
 * demo's balance ages and timestamps moving. A frozen clock (`running: false`) moves only by `advance()`, for
 * tests that assert exact timestamps.
 */
export interface Clock {
  /** Milliseconds since the epoch, as the sandbox sees it. */
  now(): number;
  /** Moves the clock forward; negative values are rejected (time never runs backwards for a client). */
  advance(ms: number): void;
}

export function createClock(startTime: number, running = true, realNow: () => number = Date.now): Clock {
  const realStart = realNow();
  let offset = 0;
  return {
    now: () => startTime + offset + (running ? realNow() - realStart : 0),
    advance(ms: number) {
      if (!Number.isFinite(ms) || ms < 0) throw new RangeError('clock.advance needs a finite, non-negative ms');
      offset += ms;
    },
  };
}

/** Juspay's timestamp format: ISO-8601 in UTC, whole seconds (`2019-07-10T11:07:31Z`). */
export function isoSeconds(ms: number): string {
  return new Date(Math.floor(ms / 1000) * 1000).toISOString().replace('.000Z', 'Z');
}
