/**
 * `POST {basePath}/webhooks/juspay`: Juspay's server-to-server events (docs/juspay.md §7).
 *
 * - Juspay's Basic credentials, compared in constant time; wrong or missing: 401 and nothing happens.
 * - Not a browser route: no CORS, no origin or session check; its own body limit (a whole order object).
 * - Parsed leniently (numbers and booleans may be strings, keys come and go); only the event id, its name and the
 *   order id are read from the body, because the body is a claim: the order's state comes from Juspay's order
 *   status (outcomes.ts), never from the webhook.
 * - Deduplicated on the event id (or, without one, on name + order + txn + status), marked done only once handled.
 * - 200 once handled, for an event the kit ignores (unknown event, order it never handled), or a duplicate;
 *   503 when Juspay cannot be asked to confirm and 500 when the merchant's hook threw, so Juspay delivers again.
 */
import * as z from 'zod/mini';
import { basicAuthorization } from './basic-auth.js';
import { JuspayApiError } from './juspay-api-error.js';
import type { Logger } from './log.js';
import { HookFailed } from './once.js';
import type { Outcomes } from './outcomes.js';
import type { Refunds } from './refunds.js';
import { LockBusy } from './lock.js';
import { readBody } from './request-guards.js';
import { json } from './responses.js';
import type { KitStore } from './store.js';

export interface WebhookCredentials {
  username: string;
  password: string;
}

/** Juspay's events carry the whole order object; a few KB, far below this. */
export const WEBHOOK_MAX_BODY_BYTES = 256 * 1024;
const DONE_TTL_SECONDS = 7 * 24 * 3600;

const Id = z.pipe(z.union([z.string(), z.number()]), z.transform(String));
const Content = z.looseObject({
  order_id: z.optional(z.nullable(Id)),
  txn_id: z.optional(z.nullable(Id)),
  status: z.optional(z.nullable(Id)),
});
const WebhookEvent = z.looseObject({
  id: z.optional(z.nullable(Id)),
  event_name: z.string(),
  content: z.optional(z.nullable(z.looseObject({ order: z.optional(z.nullable(Content)), txn: z.optional(z.nullable(Content)) }))),
});

/** Events about an order's payment, and about its refunds (docs/juspay.md §7.3). Anything else is acknowledged and ignored. */
const REFUND_EVENT = /REFUND/;
const ORDER_EVENT = /^(ORDER_(SUCCEEDED|FAILED|AUTHORIZED)|TXN_(CREATED|CHARGED|FAILED))$/;

export function createWebhookHandler(deps: {
  credentials: WebhookCredentials;
  store: KitStore;
  outcomes: Outcomes;
  refunds: Refunds;
  log: Logger;
  bodyTimeoutMs: number;
}) {
  const expected = basicAuthorization(deps.credentials.username, deps.credentials.password);
  const { log } = deps;

  return async function handleWebhook(request: Request): Promise<Response> {
    if (!(await constantTimeEquals(request.headers.get('authorization') ?? '', expected))) {
      log('warn', 'webhook_unauthorized', {});
      return json({ error: { code: 'unauthorized', message: 'Wrong webhook credentials.' } }, 401, { 'www-authenticate': 'Basic' });
    }
    const text = await readBody(request, WEBHOOK_MAX_BODY_BYTES, deps.bodyTimeoutMs);
    let body: unknown;
    try {
      body = JSON.parse(text);
    } catch {
      log('warn', 'webhook_malformed', {});
      return json({ error: { code: 'invalid_request', message: 'The body is not JSON.' } }, 400);
    }
    const parsed = WebhookEvent.safeParse(body);
    const event = parsed.success ? parsed.data : undefined;
    const content = event?.content?.order ?? event?.content?.txn;
    const orderId = content?.order_id;
    if (!event || !orderId || !/^[A-Za-z0-9]{1,20}$/.test(orderId)) {
      log('info', 'webhook_ignored', { event: event?.event_name ?? 'unreadable' });
      return json({ received: true });
    }
    const name = event.event_name.toUpperCase();
    const isRefund = REFUND_EVENT.test(name);
    if (!isRefund && !ORDER_EVENT.test(name)) {
      log('info', 'webhook_ignored', { event: name, orderId });
      return json({ received: true });
    }
    const doneKey = `webhook:done:${event.id ?? `${name}:${orderId}:${content?.txn_id ?? ''}:${content?.status ?? ''}`}`;
    if (await deps.store.get(doneKey)) return json({ received: true, duplicate: true });

    try {
      if (isRefund) await deps.refunds.settle(orderId);
      else await deps.outcomes.settle(orderId, 'webhook');
    } catch (error) {
      if (error instanceof JuspayApiError || error instanceof LockBusy) {
        // Juspay could not confirm (or another path is still fulfilling): let Juspay deliver again.
        log('warn', 'webhook_deferred', { event: name, orderId, reason: error instanceof JuspayApiError ? error.reason : 'busy' });
        return json({ error: { code: 'server_error', message: 'Not confirmed yet; deliver again.' } }, 503, { 'retry-after': '60' });
      }
      if (error instanceof HookFailed) {
        return json({ error: { code: 'server_error', message: 'The merchant hook failed; deliver again.' } }, 500);
      }
      throw error;
    }
    await deps.store.set(doneKey, '1', DONE_TTL_SECONDS);
    log('info', 'webhook', { event: name, orderId });
    return json({ received: true });
  };
}

/** Compares two strings in time independent of where they differ: both are hashed, then every byte is compared. */
async function constantTimeEquals(given: string, expected: string): Promise<boolean> {
  const encoder = new TextEncoder();
  const [a, b] = await Promise.all([
    crypto.subtle.digest('SHA-256', encoder.encode(given)),
    crypto.subtle.digest('SHA-256', encoder.encode(expected)),
  ]);
  const left = new Uint8Array(a);
  const right = new Uint8Array(b);
  let difference = 0;
  for (let index = 0; index < left.length; index += 1) difference |= left[index]! ^ right[index]!;
  return difference === 0;
}
