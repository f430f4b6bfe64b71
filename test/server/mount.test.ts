/**
 * The kit mounted the ways the README shows: inside a Hono app (a route that keeps the full path, and `mount`,
 * which strips its prefix), and as Next.js-style route handlers (the exported functions get the Request as is).
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { AddressInfo } from 'node:net';
import { Hono } from 'hono';
import { serve } from '@hono/node-server';
import { Checkout } from '../../src/contract.js';
import { serveSandbox, type ServedSandbox } from '../../src/sandbox/index.js';
import { createWalletKit, type CheckoutSession } from '../../src/server/index.js';

describe('kit: mounting', () => {
  let served: ServedSandbox;
  let session: CheckoutSession;
  const kitFor = (basePath?: string) =>
    createWalletKit({
      juspay: { baseUrl: served.url, apiKey: served.sandbox.apiKey, merchantId: served.sandbox.merchantId },
      resolveCheckout: (request) => (request.headers.get('authorization') === 'Bearer good' ? session : null),
      basePath,
    });
  before(async () => {
    served = await serveSandbox({ port: 0 });
    session = {
      customerId: served.sandbox.persona('linked'),
      orderId: 'MOUNT1',
      amount: 150_000,
      currency: 'IDR',
      returnUrl: 'https://shop.example/r',
    };
  });
  after(() => served.close());

  async function checkoutThrough(app: Hono, path: string) {
    const server = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' });
    await new Promise((resolve) => server.once('listening', resolve));
    try {
      const response = await fetch(`http://127.0.0.1:${(server.address() as AddressInfo).port}${path}`, {
        headers: { authorization: 'Bearer good' },
      });
      assert.equal(response.status, 200);
      return Checkout.parse(await response.json());
    } finally {
      await new Promise((resolve) => server.close(resolve));
    }
  }

  it('works as a Hono route that keeps the full path (basePath set)', async () => {
    const kit = kitFor('/api/wallet');
    const app = new Hono();
    app.all('/api/wallet/*', (c) => kit.fetch(c.req.raw));
    assert.equal((await checkoutThrough(app, '/api/wallet/checkout')).wallets.length, 1);
  });

  it('works under Hono mount, which strips the prefix (no basePath)', async () => {
    const kit = kitFor();
    const app = new Hono();
    app.mount('/api/wallet', kit.fetch);
    assert.equal((await checkoutThrough(app, '/api/wallet/checkout')).order.id, 'MOUNT1');
  });

  it('works as Next.js route handlers', async () => {
    const kit = kitFor('/api/wallet');
    const GET = (request: Request) => kit.fetch(request);
    const POST = GET;
    // A route handler's request.url names the server's own address, whatever host the browser addressed.
    const checkout = await GET(
      new Request('http://localhost:3000/api/wallet/checkout', { headers: { authorization: 'Bearer good', host: 'shop.example' } }),
    );
    assert.equal(checkout.status, 200);
    const refreshed = await POST(
      new Request('http://localhost:3000/api/wallet/wallets/refresh', {
        method: 'POST',
        headers: { authorization: 'Bearer good', origin: 'https://shop.example', host: 'shop.example', 'sec-fetch-site': 'same-origin' },
      }),
    );
    assert.equal(refreshed.status, 200);
  });
});
