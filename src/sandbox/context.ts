/**
 * What every sandbox module works against: the resolved configuration, the clock and the state.
 */
import type { Clock } from './clock.js';
import type { Store } from './store.js';

export interface SandboxConfig {
  readonly apiKey: string;
  readonly merchantId: string;
  readonly testOtp: string;
  readonly tokenTtlMs: number;
  readonly orderTtlMs: number;
  readonly otpTtlMs: number;
  readonly pendingStatus: 'PENDING_VBV' | 'PENDING';
  /** '' or a path prefix like '/sandbox' (no trailing slash). */
  readonly basePath: string;
  /** Absolute base for URLs handed to browsers; undefined means "the request's origin + basePath". */
  readonly publicUrl: string | undefined;
}

export interface SandboxContext {
  readonly config: SandboxConfig;
  readonly clock: Clock;
  readonly store: Store;
}

/** An OTP is good for five minutes after it was sent. */
export const OTP_TTL_MS = 5 * 60_000;
