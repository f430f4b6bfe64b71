/**
 * `npm start`: one process on PORT (default 5173) serving the QA page, the script-tag merchant page, the return
 * page, the kit at /api/wallet and the embedded Juspay sandbox at /sandbox. Every page is served under a strict
 * CSP, the same one a careful merchant would use.
 */
import { createServer } from 'node:http';
import { readFile } from 'node:fs/promises';
import { extname, join, normalize } from 'node:path';
import { getRequestListener } from '@hono/node-server';
import { serializeCheckout } from '../src/server/index.js';
import { startDemoBackend, KIT_PATH, PERSONAS, type DemoBackendOptions } from './backend.js';

export const CSP =
  "default-src 'none'; script-src 'self'; style-src 'self'; connect-src 'self'; img-src 'self' data:; form-action 'self'; base-uri 'none'; frame-ancestors 'none'";

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.map': 'application/json',
  '.png': 'image/png',
  '.svg': 'image/svg+xml',
};

const root = new URL('..', import.meta.url).pathname;

/** Static files: demo pages from demo/, the built bundle from dist/cdn/ under /cdn/. Nothing else is reachable. */
async function staticFile(pathname: string): Promise<Response | null> {
  const [base, rel] = pathname.startsWith('/cdn/') ? ['dist/cdn', pathname.slice(5)] : ['demo/public', pathname.slice(1) || 'index.html'];
  const file = normalize(join(root, base, rel));
  if (!file.startsWith(join(root, base)) || !TYPES[extname(file)]) return null;
  try {
    return new Response(await readFile(file), {
      headers: { 'content-type': TYPES[extname(file)]!, 'content-security-policy': CSP, 'cache-control': 'no-cache' },
    });
  } catch {
    return null;
  }
}

/** Written by `npm run build` beside the bundle: `{ file, version, bytes, integrity }`. */
export const INTEGRITY_FILE = 'dist/cdn/integrity.json';

/**
 * The bundle's `sha384-…` hash from the build's output, read on every page so a rebuild needs no restart; null when
 * there is none. Never computed here from the file served: the hash must come from the build, not from whatever
 * bytes happen to sit on the server.
 */
async function bundleIntegrity(): Promise<string | null> {
  try {
    const { integrity } = JSON.parse(await readFile(join(root, INTEGRITY_FILE), 'utf8')) as { integrity?: unknown };
    return typeof integrity === 'string' && /^sha384-[A-Za-z0-9+/]{64}$/.test(integrity) ? integrity : null;
  } catch {
    return null;
  }
}

export async function startDemo(
  options: { port?: number; host?: string; env?: Record<string, string | undefined>; limits?: DemoBackendOptions['limits'] } = {},
) {
  const port = options.port ?? Number(process.env.PORT ?? 5173);
  const host = options.host ?? '127.0.0.1';
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(port, host, resolve));
  const address = server.address();
  const actualPort = typeof address === 'object' && address ? address.port : port;
  const origin = `http://localhost:${actualPort}`;
  const backend = await startDemoBackend({
    publicOrigin: origin,
    internalOrigin: `http://127.0.0.1:${actualPort}`,
    env: options.env,
    limits: options.limits,
  });

  const handler = async (request: Request): Promise<Response> => {
    const url = new URL(request.url);
    const answer = await backend.handle(request);
    if (answer) return answer;
    if (request.method === 'GET' && url.pathname === '/script-tag.html') return scriptTagPage(url);
    if (request.method === 'GET' && url.pathname === '/return.html') {
      // What a shop's return handler does first: ask Juspay through the kit, which fulfils if no path has yet.
      const orderId = url.searchParams.get('order');
      if (orderId && /^[A-Za-z0-9]{1,20}$/.test(orderId)) await backend.reconcile(orderId).catch(() => undefined);
    }
    const file = request.method === 'GET' ? await staticFile(url.pathname) : null;
    return file ?? new Response('Not found', { status: 404, headers: { 'content-type': 'text/plain' } });
  };
  server.on('request', getRequestListener(handler));

  /**
   * The plain merchant page: the server decides the order and renders the checkout token into the HTML, exactly
   * as a shop's own template would. The page loads nothing but the script-tag bundle, pinned by its Subresource
   * Integrity hash (PCI DSS 4.0 req. 6.4.3): the browser runs those exact bytes or nothing.
   */
  async function scriptTagPage(url: URL): Promise<Response> {
    const integrity = await bundleIntegrity();
    if (!integrity) {
      return new Response(`${INTEGRITY_FILE} is missing or has no sha384 hash: run \`npm run build\``, {
        status: 500,
        headers: { 'content-type': 'text/plain; charset=utf-8' },
      });
    }
    const persona = PERSONAS.find((p) => p === url.searchParams.get('persona')) ?? 'linked';
    const session = await backend.handle(
      new Request(`${origin}/demo/session`, {
        method: 'POST',
        body: JSON.stringify({ persona }),
        headers: { 'content-type': 'application/json' },
      }),
    );
    const { checkoutToken } = (await session!.json()) as { checkoutToken: string };
    const template = await readFile(join(root, 'demo/script-tag.html'), 'utf8');
    // The checkout rendered by the server for the same session the widget will use.
    const prefetch =
      url.searchParams.get('prefetch') === '1'
        ? serializeCheckout(
            await backend.checkout(new Request(`${origin}${KIT_PATH}/checkout`, { headers: { authorization: `Bearer ${checkoutToken}` } })),
          )
        : null;
    const locale = url.searchParams.get('locale') === 'id' ? 'id' : 'en';
    const html = template
      .replaceAll('{{endpoint}}', KIT_PATH)
      .replaceAll('{{checkoutToken}}', checkoutToken)
      .replaceAll('{{locale}}', locale)
      .replaceAll('{{integrity}}', integrity)
      .replaceAll('{{checkoutBlock}}', prefetch ? `<script type="application/json" id="checkout-data">${prefetch}</script>` : '')
      .replaceAll('{{checkoutFrom}}', prefetch ? ' checkout-from="checkout-data"' : '');
    return new Response(html, {
      headers: {
        'content-type': 'text/html; charset=utf-8',
        'content-security-policy': CSP,
        'set-cookie': session!.headers.get('set-cookie') ?? '',
        'cache-control': 'no-store',
      },
    });
  }

  return {
    url: `${origin}/`,
    sandbox: backend.sandbox,
    /** The demo merchant's outcomes (what its onOrderPaid / onOrderFailed recorded). */
    orders: () => backend.orders(),
    async close() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await backend.close();
    },
  };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const demo = await startDemo();
  const real = process.env.JUSPAY_BASE_URL;
  console.log(`wallet-elements demo: ${demo.url}`);
  console.log(`  kit:      ${demo.url.replace(/\/$/, '')}${KIT_PATH}`);
  console.log(
    real ? `  juspay:   ${real} (real)` : `  juspay:   embedded sandbox at ${demo.url}sandbox (test OTP ${demo.sandbox?.testOtp})`,
  );
  console.log(
    `  store:    ${process.env.REDIS_URL ? `Redis at ${process.env.REDIS_URL}` : 'in memory (one process; set REDIS_URL for Redis)'}`,
  );
  console.log(`  personas: ${PERSONAS.map((p) => `${demo.url}?persona=${p}`).join('  ')}`);
}
