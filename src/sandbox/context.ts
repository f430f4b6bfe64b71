/**
 * What every sandbox module works against: the resolved configuration, the clock, the state, where order changes
 * are announced (webhooks) and the real-time timers of background work (webhook retries, refund settlement).
 */
import type { Clock } from './clock.js';
import type { RefundOutcome, Store } from './store.js';
import type { RealTimers } from './timers.js';
import type { WebhookSink } from './webhooks.js';

export interface SandboxConfig {
  readonly apiKey: string;
  readonly merchantId: string;
  readonly testOtp: string;
  readonly tokenTtlMs: number;
  readonly orderTtlMs: number;
  /** An OTP is good this long after it was sent (five minutes; not an option). */
  readonly otpTtlMs: number;
  readonly pendingStatus: 'PENDING_VBV' | 'PENDING';
  /** '' or a path prefix like '/sandbox' (no trailing slash). */
  readonly basePath: string;
  /** Absolute base for URLs handed to browsers; undefined means "the request's origin + basePath". */
  readonly publicUrl: string | undefined;
  /** Real time a PENDING refund waits before it settles. */
  readonly refundSettleMs: number;
}

export interface SandboxContext {
  readonly config: SandboxConfig;
  readonly clock: Clock;
  readonly store: Store;
  readonly webhooks: WebhookSink;
  readonly timers: RealTimers;
  /** Outcomes the next refunds settle to instead of SUCCESS, first one first (the `failNext` switch). */
  readonly refundOutcomes: RefundOutcome[];
}
