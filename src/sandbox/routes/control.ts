/**
 * Test and demo controls over HTTP, under `${basePath}/__sandbox/`: JSON, no auth (the sandbox is a local tool),
 * and never the API key. Mirrors the `Sandbox` object so a browser test or the demo page can drive it.
 */
import { Hono } from 'hono';
import * as z from 'zod/mini';
import { FaultSchema, type Fault } from '../faults.js';
import { json } from '../http/respond.js';
import { PERSONA_NAMES, type PersonaName } from '../personas.js';

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
}

const PersonaBody = z.object({ persona: z.enum(PERSONA_NAMES) });
const FaultBody = z.object({ fault: FaultSchema });
const ClockBody = z.object({ advanceMs: z.number().check(z.nonnegative()) });

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

  app.notFound(() => json({ error: 'Unknown sandbox control route' }, 404));
  app.onError(() => json({ error: 'Sandbox control failed' }, 500));
  return app;
}
