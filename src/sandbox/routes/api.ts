/**
 * Juspay's API paths (docs/juspay.md §2.6), behind Basic auth. Handlers only read the request and call the
 * domain module for the documented call; the domain answers in Juspay's shapes.
 */
import { Hono, type Context } from 'hono';
import type { SandboxContext } from '../context.js';
import { createCustomer, getCustomer, updateCustomer } from '../customers.js';
import { directDebit } from '../debit.js';
import { accessDenied, routeNotFound, walletInvalid } from '../errors.js';
import { isAuthorised } from '../http/auth.js';
import { readParams } from '../http/params.js';
import { errorResponse, json } from '../http/respond.js';
import { publicBase } from '../http/urls.js';
import { createOrder, orderStatus } from '../orders.js';
import { refundOrder } from '../refunds.js';
import { createWallet, getWallet, listWallets, refreshAllWallets, walletCommand } from '../wallets.js';

export function apiRoutes(ctx: SandboxContext): Hono {
  const { basePath, apiKey } = ctx.config;
  const app = basePath === '' ? new Hono() : new Hono().basePath(basePath);
  const base = (c: Context) => publicBase(c.req.raw, ctx.config);
  const params = (c: Context) => readParams(c.req.raw);
  const version = (c: Context) => c.req.header('version') ?? null;

  app.use('*', async (c, next) => {
    if (!(await isAuthorised(c.req.raw, apiKey))) return errorResponse(accessDenied());
    await next();
  });

  app.post('/customers', async (c) => json(createCustomer(ctx, await params(c))));
  app.get('/customers/:id', async (c) => json(getCustomer(ctx, c.req.param('id'), await params(c))));
  app.post('/customers/:id', async (c) => json(updateCustomer(ctx, c.req.param('id'), await params(c))));

  app.get('/customers/:id/wallets', (c) => json(listWallets(ctx, c.req.param('id'))));
  app.post('/customers/:id/wallets', async (c) => json(createWallet(ctx, c.req.param('id'), await params(c))));
  app.get('/customers/:id/wallets/refresh-balances', (c) => json(refreshAllWallets(ctx, c.req.param('id'))));

  // The docs send commands as POST forms; the PHP/Node/Ruby SDKs send refresh as GET ?command=refresh.
  app.get('/wallets/:id', async (c) => {
    const query = await params(c);
    const command = query.get('command');
    return json(command === undefined ? getWallet(ctx, c.req.param('id')) : walletCommand(ctx, c.req.param('id'), command, query));
  });
  app.post('/wallets/:id', async (c) => {
    const body = await params(c);
    const command = body.get('command');
    if (command === undefined) throw walletInvalid('command is required.');
    return json(walletCommand(ctx, c.req.param('id'), command, body));
  });

  app.post('/orders', async (c) => json(createOrder(ctx, await params(c), version(c), base(c))));
  app.get('/orders/:id', (c) => json(orderStatus(ctx, c.req.param('id'), version(c), base(c))));
  app.post('/orders/:id/refunds', async (c) => json(refundOrder(ctx, c.req.param('id'), await params(c), version(c), base(c))));
  // Legacy spelling used by the PHP SDK's Order::status.
  app.get('/order/status', async (c) => {
    const orderId = (await params(c)).get('order_id') ?? '';
    return json(orderStatus(ctx, orderId, version(c), base(c)));
  });

  app.post('/txns', async (c) => {
    const answer = directDebit(ctx, await params(c), base(c));
    if (answer.redirect) return c.redirect(answer.url);
    return json(answer.json);
  });

  app.notFound(() => errorResponse(routeNotFound()));
  app.onError((error) => errorResponse(error));
  return app;
}
