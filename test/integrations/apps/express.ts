import express from 'express';
import { createServer } from 'node:http';
import { nodeHandler } from '../../../src/server/node.js';
import { bundle, checkoutPage, makeKit, type StackEnv } from '../merchant.js';
import { listen } from './listen.js';

/** `jsonFirst`: the usual order, `express.json()` mounted before the kit. */
export async function start(env: StackEnv, { jsonFirst }: { jsonFirst: boolean }) {
  const kit = makeKit(env);
  const app = express();
  if (jsonFirst) app.use(express.json());
  // README:
  app.use(nodeHandler(kit));
  if (!jsonFirst) app.use(express.json());
  app.get('/wallet-elements.min.js', (_req, res) => void res.type('text/javascript').send(bundle()));
  app.get('/', (_req, res) => void res.type('html').send(checkoutPage(env)));
  return listen(createServer(app));
}
