/**
 * Fault switches for the Juspay API surface: latency, a 5xx, a request that never answers, a 200 whose body is not
 * JSON. Faults are scoped by path prefix and by count; the control routes and the browser pages never see them.
 *
 * By default a fault replaces the request entirely: nothing changes in the sandbox (the request "never reached
 * Juspay"). With `processed: true` the request is handled first and only its answer is replaced or lost, the
 * case a client's retry logic must survive without paying twice. Latency always delays, then handles.
 */
import * as z from 'zod/mini';
import { simulatedFailure } from './errors.js';
import { errorResponse, jsonText } from './http/respond.js';

const scope = {
  /** Applies only to requests whose path (after basePath) starts with this. */
  path: z.optional(z.string().check(z.startsWith('/'))),
  /** How many matching requests it affects; absent = all until cleared. */
  times: z.optional(z.number().check(z.int(), z.positive())),
  /** Handle the request, then fault its answer (ignored for latency). */
  processed: z.optional(z.boolean()),
};

export const FaultSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('latency'), ms: z.number().check(z.int(), z.nonnegative(), z.lte(600_000)), ...scope }),
  z.object({ kind: z.literal('error'), status: z.optional(z.number().check(z.int(), z.gte(400), z.lte(599))), ...scope }),
  z.object({ kind: z.literal('hang'), ...scope }),
  z.object({ kind: z.literal('malformed'), ...scope }),
]);
export type Fault = z.infer<typeof FaultSchema>;

interface ActiveFault {
  readonly fault: Fault;
  remaining: number;
}

/** Registered faults; the most recently set one that matches a request applies to it. */
export class FaultRegistry {
  private active: ActiveFault[] = [];
  /** Resolvers of requests held by `hang`, released on close so a server can shut down. */
  private readonly hanging = new Set<() => void>();

  set(fault: Fault): void {
    const parsed = FaultSchema.parse(fault);
    this.active.push({ fault: parsed, remaining: parsed.times ?? Infinity });
  }

  clear(): void {
    this.active = [];
  }

  /** The fault for this request, counting it against its `times`. */
  take(path: string): Fault | undefined {
    for (let index = this.active.length - 1; index >= 0; index -= 1) {
      const entry = this.active[index]!;
      if (entry.fault.path !== undefined && !path.startsWith(entry.fault.path)) continue;
      entry.remaining -= 1;
      if (entry.remaining <= 0) this.active.splice(index, 1);
      return entry.fault;
    }
    return undefined;
  }

  /** Runs `handle` under the fault that matches `path`, if any. */
  async apply(path: string, signal: AbortSignal, handle: () => Promise<Response>): Promise<Response> {
    const fault = this.take(path);
    if (!fault) return handle();
    switch (fault.kind) {
      case 'latency':
        await delay(fault.ms, signal);
        return handle();
      case 'error':
        if (fault.processed) await handle();
        return errorResponse(simulatedFailure(fault.status ?? 500));
      case 'malformed':
        if (fault.processed) await handle();
        // Truncated JSON: looks like a Juspay answer cut off mid-way.
        return jsonText('{"status":"CHARGED","order_id":');
      case 'hang':
        if (fault.processed) await handle();
        await this.hang(signal);
        return new Response(null, { status: 504 });
    }
  }

  /** Ends every hanging request (the client is gone or the server is closing). */
  releaseAll(): void {
    for (const release of this.hanging) release();
    this.hanging.clear();
  }

  private hang(signal: AbortSignal): Promise<void> {
    return new Promise((resolve) => {
      const release = () => {
        this.hanging.delete(release);
        resolve();
      };
      if (signal.aborted) return resolve();
      signal.addEventListener('abort', release, { once: true });
      this.hanging.add(release);
    });
  }
}

function delay(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(resolve, ms);
    signal.addEventListener(
      'abort',
      () => {
        clearTimeout(timer);
        resolve();
      },
      { once: true },
    );
  });
}
