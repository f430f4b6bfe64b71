import Fastify from 'fastify';
import type { AddressInfo } from 'node:net';
import { fastifyHandler } from '../../../src/server/node.js';
import { bundle, checkoutPage, makeKit, type StackEnv } from '../merchant.js';

export async function start(env: StackEnv) {
  const kit = makeKit(env);
  const fastify = Fastify();
  // README:
  fastify.all('/api/wallet/*', fastifyHandler(kit));
  fastify.get('/wallet-elements.min.js', (_request, reply) => reply.type('text/javascript').send(bundle()));
  fastify.get('/', (_request, reply) => reply.type('text/html').send(checkoutPage(env)));
  await fastify.listen({ port: 0, host: '127.0.0.1' });
  return { url: `http://127.0.0.1:${(fastify.server.address() as AddressInfo).port}`, close: () => fastify.close() };
}
