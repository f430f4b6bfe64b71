/**
 * The pages a shopper's browser visits: Juspay's finish URL and the simulated top-up page, plus their stylesheet.
 * No API key here (a browser has none); the unguessable txn_uuid / top-up id in the URL is the capability.
 */
import { Hono, type Context } from 'hono';
import type { SandboxContext } from '../context.js';
import { finishedTxn, finishPath, returnTarget, settleTopup, topupPath, topupSession, type TopupAction } from '../debit.js';
import { publicBase } from '../http/urls.js';
import { parseNonNegativeAmount } from '../money.js';
import { failurePage, finishPage, notFoundPage } from '../pages/finish.js';
import { STYLESHEET, STYLESHEET_PATH } from '../pages/html.js';
import { topupPage } from '../pages/topup.js';
import { isPending } from '../store.js';

/** Path prefixes (after basePath) served by these routes; faults never apply to them. */
export const PAGE_PREFIXES = ['/pay/', '/wallets/topup/'] as const;

export function pageRoutes(ctx: SandboxContext): Hono {
  const { basePath } = ctx.config;
  const app = basePath === '' ? new Hono() : new Hono().basePath(basePath);
  const base = (c: Context) => publicBase(c.req.raw, ctx.config);

  app.get(
    STYLESHEET_PATH,
    () =>
      new Response(STYLESHEET, {
        headers: { 'content-type': 'text/css; charset=utf-8', 'cache-control': 'max-age=3600' },
      }),
  );

  app.get('/pay/finish/:merchantId/:txnUuid/:orderId', async (c) => {
    const found = finishedTxn(ctx, c.req.param('merchantId'), c.req.param('txnUuid'), c.req.param('orderId'));
    if (!found) return notFoundPage(base(c));
    const target = returnTarget(found.order, found.txn);
    return target === null ? finishPage(found.order, base(c)) : c.redirect(target);
  });

  app.get('/wallets/topup/start/:topupId', async (c) => {
    const topupId = c.req.param('topupId');
    const session = topupSession(ctx, topupId, base(c));
    if (!session) return notFoundPage(base(c));
    return topupPage(session, base(c), base(c) + topupPath(topupId));
  });

  app.post('/wallets/topup/start/:topupId', async (c) => {
    const topupId = c.req.param('topupId');
    const session = topupSession(ctx, topupId, base(c));
    if (!session) return notFoundPage(base(c));
    const { order, txn } = session;
    // A settled txn (double submit, back button) only sends the shopper on; nothing is read or changed.
    if (isPending(txn.status)) {
      const action = readAction(new URLSearchParams(await c.req.text()), session.shortfall);
      if (typeof action === 'string') return topupPage(session, base(c), base(c) + topupPath(topupId), action);
      settleTopup(ctx, session, action, base(c));
    }
    return c.redirect(returnTarget(order, txn) ?? base(c) + finishPath(ctx.config.merchantId, txn, order.orderId));
  });

  app.notFound((c) => notFoundPage(base(c)));
  app.onError((_error, c) => failurePage(base(c)));
  return app;
}

/** The button pressed, or a message for the shopper when the form is not acceptable. */
function readAction(form: URLSearchParams, shortfall: number): TopupAction | string {
  const action = form.get('action');
  if (action === 'cancel') return { kind: 'cancel' };
  if (action !== 'topup') return 'Choose "Top up and pay" or "Cancel".';
  const amount = parseNonNegativeAmount(form.get('amount') ?? String(shortfall));
  if (amount === null || amount < shortfall) return `Enter an amount of at least ${shortfall}.`;
  return { kind: 'topup', amount };
}
