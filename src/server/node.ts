/**
 * `wallet-elements/server/node`: the kit on Node's own request/response objects, for the frameworks built on
 * them (its own subpath, so `wallet-elements/server` stays free of Node built-ins for Workers, Deno and Bun).
 * One handler works the same whether or not a body parser ran first, and whether or not the framework stripped a
 * mount path:
 *
 * - node:http        `createServer(nodeHandler(kit))`
 * - Express          `app.use(nodeHandler(kit))` (before or after `express.json()`, same kit block with basePath)
 * - Fastify          `fastify.all('/api/wallet/*', fastifyHandler(kit))`
 *
 * A body a parser has already read (`req.body`, Express and Fastify) is handed to the kit as the JSON it was, so
 * the kit's strict parse still applies; an unread body streams as usual. A path outside the kit's basePath goes to
 * `next()` when there is one (the rest of an Express app), else 404.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { getRequestListener } from '@hono/node-server';
import type { WalletKit } from './kit.js';

/** What Express and friends add to Node's request. */
type NodeRequest = IncomingMessage & { body?: unknown; originalUrl?: string; rawBody?: Buffer };

export type NodeHandler = (req: NodeRequest, res: ServerResponse, next?: (error?: unknown) => void) => void;

export function nodeHandler(kit: WalletKit): NodeHandler {
  const listener = getRequestListener((request, env) => kit.fetch(request, env));
  return (req, res, next) => {
    // Express strips a mount path from req.url; the kit matches the full path against its own basePath.
    const url = req.originalUrl ?? req.url ?? '/';
    if (next && !kit.owns(url)) {
      next();
      return;
    }
    req.url = url;
    if (req.body !== undefined && req.readableEnded) req.rawBody = bodyBytes(req.body);
    void listener(req, res);
  };
}

/** Fastify: `reply.hijack()` hands the raw response to the kit; the body Fastify parsed is passed on. */
export function fastifyHandler(kit: WalletKit) {
  const handle = nodeHandler(kit);
  return (request: { raw: IncomingMessage; body?: unknown }, reply: { raw: ServerResponse; hijack(): void }): void => {
    reply.hijack();
    const raw = request.raw as NodeRequest;
    if (request.body !== undefined) raw.body = request.body;
    handle(raw, reply.raw);
  };
}

/** The bytes of a body a parser has read: a string or Buffer as it was, anything else as the JSON it came from. */
function bodyBytes(body: unknown): Buffer {
  if (Buffer.isBuffer(body)) return body;
  return Buffer.from(typeof body === 'string' ? body : JSON.stringify(body));
}
