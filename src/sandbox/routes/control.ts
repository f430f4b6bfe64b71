/**
 * Test and demo controls over HTTP, under `${basePath}/__sandbox/`: JSON, no auth (the sandbox is a local tool),
 * and never the API key. Mirrors the `Sandbox` object so a browser test or the demo page can drive it.
 */
import { Hono } from 'hono';
import * as z from 'zod/mini';
import { FaultSchema, type Fault } from '../faults.js';
import { json } from '../http/respond.js';
import { PERSONA_NAMES, type PersonaName } from '../personas.js';
import { WebhookSwitchesSchema, type WebhookDelivery, type WebhookEvent, type WebhookSwitches } from '../webhooks.js';

export const CONTROL_PREFIX = '/__sandbox/';

/** What the control routes may do to the sandbox. */
export interface SandboxControl {
  readonly merchantId: string;
  readonly testOtp: string;
  persona(name: PersonaName): string;
  setFault(fault: Fault): void;
  clearFaults(): void;
  advanceClock(ms: number): void;
  now(): number;
  reset(): void;
  webhookState(): {
    url: string | null;
    switches: WebhookSwitches;
    held: number;
    events: readonly WebhookEvent[];
    deliveries: readonly WebhookDelivery[];
  };
  setWebhookSwitches(switches: WebhookSwitches): void;
  clearWebhookSwitches(): void;
  flushWebhooks(): void;
  failNextRefunds(status: 'FAILURE' | 'MANUAL_REVIEW', times: number): void;
  clearRefundSwitches(): void;
  settleRefunds(): void;
}

const PersonaBody = z.object({ persona: z.enum(PERSONA_NAMES) });
const FaultBody = z.object({ fault: FaultSchema });
const ClockBody = z.object({ advanceMs: z.number().check(z.nonnegative()) });
const RefundBody = z.object({
  failNext: z.enum(['FAILURE', 'MANUAL_REVIEW']),
  times: z.optional(z.number().check(z.int(), z.positive(), z.lte(1000))),
});

export function controlRoutes(basePath: string, control: SandboxControl): Hono {
  const app = new Hono().basePath(`${basePath}/__sandbox`);

  const body = async <T>(request: Request, schema: z.ZodMiniType<T>): Promise<T | Response> => {
    let raw: unknown;
    try {
      raw = await request.json();
    } catch {
      return json({ error: 'Expected a JSON body' }, 400);
    }
    const parsed = schema.safeParse(raw);
    return parsed.success ? parsed.data : json({ error: z.prettifyError(parsed.error) }, 400);
  };

  app.get('/info', () =>
    json({ merchantId: control.merchantId, testOtp: control.testOtp, personas: PERSONA_NAMES }),
  );
  app.post('/personas', async (c) => {
    const input = await body(c.req.raw, PersonaBody);
    return input instanceof Response ? input : json({ customerId: control.persona(input.persona) });
  });
  app.post('/faults', async (c) => {
    const input = await body(c.req.raw, FaultBody);
    if (input instanceof Response) return input;
    control.setFault(input.fault);
    return json({ ok: true });
  });
  app.delete('/faults', () => {
    control.clearFaults();
    return json({ ok: true });
  });
  app.post('/clock', async (c) => {
    const input = await body(c.req.raw, ClockBody);
    if (input instanceof Response) return input;
    control.advanceClock(input.advanceMs);
    return json({ now: new Date(control.now()).toISOString() });
  });
  app.post('/reset', () => {
    control.reset();
    return json({ ok: true });
  });

  app.get('/webhooks', () => json(control.webhookState()));
  app.post('/webhooks', async (c) => {
    const input = await body(c.req.raw, WebhookSwitchesSchema);
    if (input instanceof Response) return input;
    control.setWebhookSwitches(input);
    return json({ ok: true, switches: control.webhookState().switches });
  });
  app.delete('/webhooks', () => {
    control.clearWebhookSwitches();
    return json({ ok: true });
  });
  app.post('/webhooks/flush', () => {
    control.flushWebhooks();
    return json({ ok: true });
  });

  app.post('/refunds', async (c) => {
    const input = await body(c.req.raw, RefundBody);
    if (input instanceof Response) return input;
    control.failNextRefunds(input.failNext, input.times ?? 1);
    return json({ ok: true });
  });
  app.delete('/refunds', () => {
    control.clearRefundSwitches();
    return json({ ok: true });
  });
  app.post('/refunds/settle', () => {
    control.settleRefunds();
    return json({ ok: true });
  });

  app.notFound(() => json({ error: 'Unknown sandbox control route' }, 404));
  app.onError(() => json({ error: 'Sandbox control failed' }, 500));
  return app;
}
