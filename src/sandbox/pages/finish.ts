/**
 * Juspay's "payment finished" page, shown when the order has no return_url or the payment asked not to be
 * redirected (`redirect_after_payment=false`); otherwise the finish URL 302s to the return_url.
 */
import { html } from 'hono/html';
import { orderStatusOf } from '../shapes.js';
import { STATUS_ID, type OrderRecord } from '../store.js';
import { page } from './html.js';

export function finishPage(order: OrderRecord, base: string): Promise<Response> {
  const status = orderStatusOf(order);
  return page(
    'Payment finished',
    base,
    html`<h1>Payment finished</h1>
<p role="status">Order ${order.orderId}: ${status} (${STATUS_ID[status]}).</p>
${order.returnUrl === null ? null : html`<p><a href="${order.returnUrl}">Return to the shop</a></p>`}`,
  );
}

export function notFoundPage(base: string): Promise<Response> {
  return page('Not found', base, html`<h1>Not found</h1><p>This payment link is unknown or no longer valid.</p>`, 404);
}

export function failurePage(base: string): Promise<Response> {
  return page('Something went wrong', base, html`<h1>Something went wrong</h1><p>Please try again.</p>`, 500);
}
