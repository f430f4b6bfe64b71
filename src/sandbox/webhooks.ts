/**
 * Outgoing webhooks as Juspay sends them (docs/juspay.md §7): a JSON POST to one merchant URL with
 * `Authorization: Basic base64(username:password)` and the body
 * `{id: "evt_V2_<32 hex>", event_name, date_created, content: {order: <GET /orders/:id answer>}}`, retried with
 * back-off until the receiver answers 2xx. Delivery never holds up the API answer that caused the event.
 *
 * Test switches: `duplicate` (every event sent twice), `delayMs` (first delivery late), `reorder: n` (each order's
 * events held in groups of n and sent newest first), `wrongPassword` (credentials the receiver must refuse).
 *
 * Within one order, first attempts go out one after another (event k+1 starts when event k's first attempt has
 * ended), so the receiver sees them in the order the sandbox sent them and `reorder` is deterministic. Retries run
 * on their own schedule and can interleave with later events, as Juspay's can.
 */
import * as z from 'zod/mini';
import { isoSeconds, type Clock } from './clock.js';
import { basicAuthorization } from './http/auth.js';
import { httpUrl } from './http/urls.js';
import { eventId } from './ids.js';
import type { JsonObject } from './shapes.js';
import { unrefTimeout, type RealTimers } from './timers.js';

/** The events the sandbox emits (docs/juspay.md §7.3), all with `content.order`. */
export const WEBHOOK_EVENT_NAMES = [
  'ORDER_SUCCEEDED',
  'ORDER_FAILED',
  'TXN_CREATED',
  'REFUND_INITIATED',
  'ORDER_REFUNDED',
  'ORDER_REFUND_FAILED',
  'REFUND_MANUAL_REVIEW_NEEDED',
] as const;
export type WebhookEventName = (typeof WEBHOOK_EVENT_NAMES)[number];

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
/**
 * Juspay's documented callback schedule (docs/juspay.md §7.5: the UPI in-app page; the EC page's own was not
 * retrievable): first retry at +60 s, then 5 min ×2, 10 min ×5, 1 h ×5, 6 h ×3: 16 retries over about 24 h.
 */
export const DEFAULT_WEBHOOK_RETRY_DELAYS_MS: readonly number[] = Object.freeze([
  MINUTE,
  ...Array<number>(2).fill(5 * MINUTE),
  ...Array<number>(5).fill(10 * MINUTE),
  ...Array<number>(5).fill(HOUR),
  ...Array<number>(3).fill(6 * HOUR),
]);
/** Juspay documents no receiver time-out; about 10 s is our inference (docs/juspay.md §7.5). */
export const DEFAULT_WEBHOOK_TIMEOUT_MS = 10_000;
/** The API version whose order-status shape the payload carries (Juspay's per-merchant `webHookapiversion`). */
export const DEFAULT_WEBHOOK_VERSION = '2023-06-30';
/** Events and deliveries kept for inspection; older ones are dropped so a long-running sandbox stays small. */
const LOG_LIMIT = 500;

export interface WebhookOptions {
  /** The merchant's endpoint (http or https). */
  url: string;
  /** Sent as `Authorization: Basic base64(username:password)`. */
  username: string;
  password: string;
  /** Wait before each retry, real time. Default: Juspay's 16 retries over 24 h. `[]` never retries. */
  retryDelaysMs?: number[];
  /** A receiver that has not answered after this long has failed the attempt. Default 10 000. */
  timeoutMs?: number;
  /** `version` whose GET /orders/:id shape the payload copies (e.g. `txn_detail` from 2018-07-16). Default 2023-06-30. */
  version?: string;
}

interface ResolvedWebhookOptions {
  readonly url: string;
  readonly username: string;
  readonly password: string;
  readonly retryDelaysMs: readonly number[];
  readonly timeoutMs: number;
  readonly version: string;
}

export function resolveWebhookOptions(options: WebhookOptions): ResolvedWebhookOptions {
  const url = httpUrl(options.url);
  if (url === null) throw new RangeError('webhook.url must be an absolute http(s) URL');
  if (typeof options.username !== 'string' || typeof options.password !== 'string') {
    throw new RangeError('webhook.username and webhook.password must be strings');
  }
  const retryDelaysMs = options.retryDelaysMs ?? DEFAULT_WEBHOOK_RETRY_DELAYS_MS;
  if (!Array.isArray(retryDelaysMs) || !retryDelaysMs.every((ms) => Number.isFinite(ms) && ms >= 0)) {
    throw new RangeError('webhook.retryDelaysMs must be finite, non-negative numbers');
  }
  const timeoutMs = options.timeoutMs ?? DEFAULT_WEBHOOK_TIMEOUT_MS;
  if (!Number.isFinite(timeoutMs) || timeoutMs <= 0) throw new RangeError('webhook.timeoutMs must be a positive number');
  return {
    url: url.toString(),
    username: options.username,
    password: options.password,
    retryDelaysMs: [...retryDelaysMs],
    timeoutMs,
    version: options.version ?? DEFAULT_WEBHOOK_VERSION,
  };
}

/** The body of every webhook. */
export interface WebhookEvent {
  readonly id: string;
  readonly event_name: WebhookEventName;
  /** ISO-8601 UTC, whole seconds, `Z`; from the sandbox clock, like every timestamp in the order. */
  readonly date_created: string;
  readonly content: { readonly order: JsonObject };
}

/** One delivery attempt, as `sandbox.webhooks.deliveries` lists it. */
export interface WebhookDelivery {
  readonly eventId: string;
  readonly eventName: WebhookEventName;
  readonly orderId: string;
  /** 1 for the first try, 2 for the first retry, … */
  readonly attempt: number;
  /** 1; 2 for the second copy of an event sent under the `duplicate` switch. */
  readonly copy: number;
  /** The receiver's HTTP status, or null when it gave none. */
  readonly status: number | null;
  /** Null when the receiver answered; 'timeout', or the connection error (e.g. 'ECONNREFUSED'), otherwise. */
  readonly error: string | null;
  /** A 2xx: delivered, no retry follows. */
  readonly ok: boolean;
  /** When the attempt ended (Date.now(), real time). */
  readonly at: number;
}

export const WebhookSwitchesSchema = z.strictObject({
  /** Send every event twice (same id, same body), each copy with its own retries. */
  duplicate: z.optional(z.boolean()),
  /** Hold every first delivery this long (real time) after the event. */
  delayMs: z.optional(z.number().check(z.int(), z.nonnegative(), z.lte(24 * HOUR))),
  /** Hold each order's events in groups of this many and send each group newest first; 0 or 1 is off. */
  reorder: z.optional(z.number().check(z.int(), z.nonnegative(), z.lte(100))),
  /** Send a wrong password, as a misconfigured dashboard would. */
  wrongPassword: z.optional(z.boolean()),
});
export type WebhookSwitches = z.infer<typeof WebhookSwitchesSchema>;

/** What the domain sees: where an order change goes. */
export interface WebhookSink {
  /** The `version` whose order-status shape the payload copies. */
  readonly version: string;
  emit(eventName: WebhookEventName, orderId: string, order: JsonObject): void;
}

interface Emitted {
  readonly event: WebhookEvent;
  readonly orderId: string;
  readonly body: string;
}

export class WebhookDispatcher implements WebhookSink {
  private readonly options: ResolvedWebhookOptions | undefined;
  private readonly eventLog: WebhookEvent[] = [];
  private readonly deliveryLog: WebhookDelivery[] = [];
  private switches: WebhookSwitches = {};
  /** Events held by `reorder`, per order. */
  private readonly held = new Map<string, Emitted[]>();
  /** Per order: settles when the last dispatched event's first attempt has ended. */
  private readonly lines = new Map<string, Promise<void>>();
  private readonly inflight = new Set<AbortController>();

  constructor(
    options: WebhookOptions | undefined,
    private readonly clock: Clock,
    private readonly timers: RealTimers,
  ) {
    this.options = options && resolveWebhookOptions(options);
  }

  get version(): string {
    return this.options?.version ?? DEFAULT_WEBHOOK_VERSION;
  }

  get url(): string | undefined {
    return this.options?.url;
  }

  /** Every event emitted, oldest first (the last 500), whether or not a URL is configured. */
  get events(): readonly WebhookEvent[] {
    return this.eventLog;
  }

  get deliveries(): readonly WebhookDelivery[] {
    return this.deliveryLog;
  }

  get currentSwitches(): WebhookSwitches {
    return { ...this.switches };
  }

  /** Events held by `reorder`, not yet sent. */
  get heldCount(): number {
    let count = 0;
    for (const group of this.held.values()) count += group.length;
    return count;
  }

  emit(eventName: WebhookEventName, orderId: string, order: JsonObject): void {
    const event: WebhookEvent = {
      id: eventId(),
      event_name: eventName,
      date_created: isoSeconds(this.clock.now()),
      content: { order },
    };
    keepLast(this.eventLog, event);
    if (this.options === undefined || this.timers.isClosed) return;
    // Serialised now: the payload is the order as it is at this moment, whatever happens to it later.
    const emitted: Emitted = { event, orderId, body: JSON.stringify(event) };
    const reorder = this.switches.reorder ?? 0;
    if (reorder < 2) {
      this.dispatch(emitted);
      return;
    }
    const group = this.held.get(orderId) ?? [];
    group.push(emitted);
    this.held.set(orderId, group);
    if (group.length >= reorder) this.release(orderId);
  }

  /** Merges `switches` into the current ones. A change of `reorder` first sends what it held. */
  set(switches: WebhookSwitches): void {
    const parsed = WebhookSwitchesSchema.parse(switches);
    if ('reorder' in parsed && parsed.reorder !== this.switches.reorder) this.releaseAll();
    this.switches = { ...this.switches, ...parsed };
  }

  /** Every switch off; events held by `reorder` are sent now, newest first. */
  clear(): void {
    this.switches = {};
    this.releaseAll();
  }

  /** Sends now whatever waits: held events, delayed first deliveries, retries waiting for their time. */
  flush(): void {
    this.releaseAll();
    this.timers.wake('webhook');
  }

  /** Aborts deliveries in flight and drops held events (the owner closes the timers). */
  close(): void {
    this.held.clear();
    for (const controller of this.inflight) controller.abort();
  }

  private releaseAll(): void {
    for (const orderId of [...this.held.keys()]) this.release(orderId);
  }

  private release(orderId: string): void {
    const group = this.held.get(orderId) ?? [];
    this.held.delete(orderId);
    for (const emitted of group.reverse()) this.dispatch(emitted);
  }

  private dispatch(emitted: Emitted): void {
    const options = this.options!;
    const copies = this.switches.duplicate ? 2 : 1;
    const delayMs = this.switches.delayMs ?? 0;
    const password = this.switches.wrongPassword ? `${options.password}-wrong` : options.password;
    const authorization = basicAuthorization(options.username, password);
    for (let copy = 1; copy <= copies; copy += 1) {
      const previous = this.lines.get(emitted.orderId) ?? Promise.resolve();
      let firstAttemptEnded!: () => void;
      const line = new Promise<void>((resolve) => (firstAttemptEnded = resolve));
      this.lines.set(emitted.orderId, line);
      void line.then(() => {
        if (this.lines.get(emitted.orderId) === line) this.lines.delete(emitted.orderId);
      });
      this.timers.track(this.deliver(emitted, copy, authorization, previous, delayMs, firstAttemptEnded));
    }
  }

  private async deliver(
    emitted: Emitted,
    copy: number,
    authorization: string,
    previous: Promise<void>,
    delayMs: number,
    firstAttemptEnded: () => void,
  ): Promise<void> {
    const options = this.options!;
    try {
      // The delay runs from the event, alongside the wait for the order's previous event.
      const [, onTime] = await Promise.all([previous, delayMs > 0 ? this.timers.sleep(delayMs, 'webhook') : true]);
      if (!onTime || this.timers.isClosed) return;
      for (let attempt = 1; ; attempt += 1) {
        const result = await this.post(options, emitted.body, authorization);
        // close() aborted it: the sandbox is gone, there is nothing to record or retry.
        if (this.timers.isClosed) return;
        const ok = result.status !== null && result.status >= 200 && result.status < 300;
        keepLast(this.deliveryLog, {
          eventId: emitted.event.id,
          eventName: emitted.event.event_name,
          orderId: emitted.orderId,
          attempt,
          copy,
          status: result.status,
          error: result.error,
          ok,
          at: Date.now(),
        });
        if (attempt === 1) firstAttemptEnded();
        if (ok) return;
        const wait = options.retryDelaysMs[attempt - 1];
        if (wait === undefined) return; // retries exhausted: Juspay gives up too
        if (!(await this.timers.sleep(wait, 'webhook'))) return;
      }
    } finally {
      firstAttemptEnded();
    }
  }

  private async post(
    options: ResolvedWebhookOptions,
    body: string,
    authorization: string,
  ): Promise<{ status: number | null; error: string | null }> {
    const controller = new AbortController();
    this.inflight.add(controller);
    let timedOut = false;
    const timer = unrefTimeout(() => {
      timedOut = true;
      controller.abort();
    }, options.timeoutMs);
    try {
      const response = await fetch(options.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization },
        body,
        redirect: 'manual',
        signal: controller.signal,
      });
      // Read (and ignore) the answer within the same time-out, so the connection can be reused.
      await response.arrayBuffer();
      return { status: response.status, error: null };
    } catch (error) {
      return { status: null, error: timedOut ? 'timeout' : describeError(error) };
    } finally {
      clearTimeout(timer);
      this.inflight.delete(controller);
    }
  }
}

function describeError(error: unknown): string {
  const cause = (error as { cause?: { code?: unknown; message?: unknown } } | null)?.cause;
  if (typeof cause?.code === 'string') return cause.code;
  if (typeof cause?.message === 'string') return cause.message;
  return error instanceof Error ? error.message : String(error);
}

function keepLast<T>(log: T[], entry: T): void {
  log.push(entry);
  if (log.length > LOG_LIMIT) log.splice(0, log.length - LOG_LIMIT);
}
