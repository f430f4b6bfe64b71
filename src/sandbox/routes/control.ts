/**
 * Test and demo controls over HTTP, under `${basePath}/__sandbox/`: JSON, no auth (the sandbox is a local tool),
 * and never the API key. Mirrors the `Sandbox` object so a browser test or the demo page can drive it.
 */
import { Hono, type Context } from 'hono';
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
  const ok = () => json({ ok: true });

  /** Runs `effect` and answers `{"ok":true}`. */
  const command = (effect: () => void) => (): Response => {
    effect();
    return ok();
  };
  /** The same for a JSON body that must match `schema` (any other body is a 400 saying why); `effect` may answer. */
  const withBody =
    <T>(schema: z.ZodMiniType<T>, effect: (input: T) => Response | undefined) =>
    async (c: Context): Promise<Response> => {
      let raw: unknown;
      try {
        raw = await c.req.raw.json();
      } catch {
        return json({ error: 'Expected a JSON body' }, 400);
      }
      const parsed = schema.safeParse(raw);
      if (!parsed.success) return json({ error: z.prettifyError(parsed.error) }, 400);
      return effect(parsed.data) ?? ok();
    };

  app.get('/info', () => json({ merchantId: control.merchantId, testOtp: control.testOtp, personas: PERSONA_NAMES }));
  app.post(
    '/personas',
    withBody(PersonaBody, ({ persona }) => json({ customerId: control.persona(persona) })),
  );
  app.post(
    '/faults',
    withBody(FaultBody, ({ fault }) => {
      control.setFault(fault);
    }),
  );
  app.delete(
    '/faults',
    command(() => control.clearFaults()),
  );
  app.post(
    '/clock',
    withBody(ClockBody, ({ advanceMs }) => {
      control.advanceClock(advanceMs);
      return json({ now: new Date(control.now()).toISOString() });
    }),
  );
  app.post(
    '/reset',
    command(() => control.reset()),
  );

  app.get('/webhooks', () => json(control.webhookState()));
  app.post(
    '/webhooks',
    withBody(WebhookSwitchesSchema, (switches) => {
      control.setWebhookSwitches(switches);
      return json({ ok: true, switches: control.webhookState().switches });
    }),
  );
  app.delete(
    '/webhooks',
    command(() => control.clearWebhookSwitches()),
  );
  app.post(
    '/webhooks/flush',
    command(() => control.flushWebhooks()),
  );

  app.post(
    '/refunds',
    withBody(RefundBody, ({ failNext, times }) => {
      control.failNextRefunds(failNext, times ?? 1);
    }),
  );
  app.delete(
    '/refunds',
    command(() => control.clearRefundSwitches()),
  );
  app.post(
    '/refunds/settle',
    command(() => control.settleRefunds()),
  );

  app.notFound(() => json({ error: 'Unknown sandbox control route' }, 404));
  app.onError(() => json({ error: 'Sandbox control failed' }, 500));
  return app;
}
