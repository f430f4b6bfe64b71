import { Hono } from 'hono';
import { getRequestListener } from '@hono/node-server';
import { createServer } from 'node:http';
import { bundle, checkoutPage, makeKit, type StackEnv } from '../merchant.js';
import { listen } from './listen.js';

export async function start(env: StackEnv) {
  const kit = makeKit(env);
  const hono = new Hono();
  // README:
  hono.all('/api/wallet/*', (c) => kit.fetch(c.req.raw, c.env));
  hono.get('/wallet-elements.min.js', (c) => c.body(new Uint8Array(bundle()), 200, { 'content-type': 'text/javascript' }));
  hono.get('/', (c) => c.html(checkoutPage(env)));
  return listen(createServer(getRequestListener(hono.fetch)));
}
