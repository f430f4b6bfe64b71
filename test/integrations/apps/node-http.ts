import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { nodeHandler } from '../../../src/server/node.js';
import { bundle, checkoutPage, makeKit, type StackEnv } from '../merchant.js';
import { listen } from './listen.js';

export async function start(env: StackEnv) {
  const kit = makeKit(env);
  const app = (req: IncomingMessage, res: ServerResponse) => {
    if (req.url === '/wallet-elements.min.js') res.writeHead(200, { 'content-type': 'text/javascript' }).end(bundle());
    else res.writeHead(200, { 'content-type': 'text/html' }).end(checkoutPage(env));
  };
  // README:
  const wallet = nodeHandler(kit);
  // README:
  const server = createServer((req, res) => wallet(req, res, () => app(req, res)));
  return listen(server);
}
