/**
 * The three example apps (examples/react, examples/vue, examples/vanilla-ts) are what a merchant writes: they import
 * the package by its name, resolved through package.json `exports` to the built dist/ (so this needs `npm run build`
 * first). Each must typecheck with no cast (tsc; vue-tsc for Vue, templates included) and build with Vite; the built
 * app must register the elements and, run in Chromium against the real kit + sandbox, receive a typed
 * `wallet-charged` through its own listener (React 19's `onwallet-charged` prop, Vue's `@wallet-charged`,
 * `addEventListener` in plain TS). A wrong detail access must FAIL the typecheck, which proves the typings are real
 * and not `any`.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { extname, join, normalize } from 'node:path';
import { getRequestListener } from '@hono/node-server';
import type { Browser } from 'playwright-core';
import { build } from 'vite';
import { launchChromium } from '../../scripts/chromium.mjs';
import { startDemoBackend, type DemoBackend } from '../../demo/backend.js';
import { requireBuilt } from '../helpers/dist.js';

const root = new URL('../..', import.meta.url).pathname;
// The project's TypeScript by path: node_modules/.bin/tsc may be typescript-5's, the alias vue-tsc runs on.
const tsc = join(root, 'node_modules/typescript/bin/tsc');
/**
 * `vue-tsc` run on `typescript-5` (5.9, a devDependency alias): vue-tsc patches the JavaScript compiler of TypeScript
 * 5, and the project's own `typescript` is the native 7, which has none. Its bin would pick that one up, so it is
 * started through its `run(tscPath)`; the `argv` entry stands for the script name the compiler skips.
 */
const VUE_TSC = `process.argv.splice(1, 0, 'vue-tsc'); require('vue-tsc').run(require.resolve('typescript-5/lib/tsc'));`;
const EXAMPLES = ['react', 'vue', 'vanilla-ts'] as const;
const TAGS = ['wallet-pay', 'wallet-picker', 'otp-link'];
interface TscResult {
  code: number;
  /** `file(line,col): error TSnnnn: message` lines. */
  errors: string[];
}

/** tsc, or vue-tsc for a Vue project (both `--noEmit`, as the examples' tsconfig.json say). */
function typecheck(project: string, checker: 'tsc' | 'vue-tsc' = 'tsc'): Promise<TscResult> {
  const [command, args] = checker === 'tsc' ? [tsc, []] : [process.execPath, ['-e', VUE_TSC, '--']];
  return new Promise((resolve) => {
    execFile(command, [...args, '-p', project, '--noEmit', '--pretty', 'false'], { cwd: root }, (error, stdout) => {
      const code = error ? (typeof error.code === 'number' ? error.code : 1) : 0;
      resolve({ code, errors: stdout.split('\n').filter((line) => /error TS\d+/.test(line)) });
    });
  });
}

describe('examples', () => {
  const scratch = mkdtempSync(join(tmpdir(), 'wallet-examples-'));
  let backend: DemoBackend;
  let server: Server;
  let origin = '';
  let browser: Browser;
  /** Which built example the static server answers for. */
  let serving = '';

  before(async () => {
    // Fails (every test of the suite with it) when the build is missing: `npm test` builds first.
    requireBuilt(['dist/index.d.ts', 'dist/react.d.ts', 'dist/vue.d.ts']);
    server = createServer();
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    origin = `http://localhost:${(server.address() as AddressInfo).port}`;
    backend = await startDemoBackend({ publicOrigin: origin });
    server.on(
      'request',
      getRequestListener(async (request) => (await backend.handle(request)) ?? serveBuilt(request)),
    );
    browser = await launchChromium();
  });

  after(async () => {
    await browser?.close();
    server?.closeAllConnections();
    await new Promise((resolve) => server?.close(resolve));
    await backend?.close();
    rmSync(scratch, { recursive: true, force: true });
  });

  /** The built example as a merchant's server would serve it: index.html gets a freshly minted checkout token. */
  async function serveBuilt(request: Request): Promise<Response> {
    const path = new URL(request.url).pathname;
    // A shop has a favicon; without one Chromium's automatic request would log a 404 as a console error.
    if (path === '/favicon.ico') return new Response(null, { status: 204 });
    const dir = join(scratch, serving);
    const file = normalize(join(dir, path === '/' ? 'index.html' : path));
    if (!file.startsWith(dir) || !existsSync(file)) return new Response('not found', { status: 404 });
    if (!file.endsWith('index.html')) {
      return new Response(readFileSync(file), { headers: { 'content-type': extname(file) === '.js' ? 'text/javascript' : 'text/plain' } });
    }
    const session = await backend.handle(
      new Request(`${origin}/demo/session`, { method: 'POST', body: JSON.stringify({ persona: 'linked' }) }),
    );
    const { checkoutToken } = (await session!.json()) as { checkoutToken: string };
    const html = readFileSync(file, 'utf8').replace('name="checkout-token" content=""', `name="checkout-token" content="${checkoutToken}"`);
    return new Response(html, { headers: { 'content-type': 'text/html; charset=utf-8' } });
  }

  for (const name of EXAMPLES) {
    describe(name, () => {
      const dir = join(root, 'examples', name);
      const checker = name === 'vue' ? 'vue-tsc' : 'tsc';

      test(`typechecks with ${checker} against the built package types`, async () => {
        const result = await typecheck(join(dir, 'tsconfig.json'), checker);
        assert.deepEqual(result.errors, []);
        assert.equal(result.code, 0);
      });

      test('imports wallet-elements by name and casts nothing', () => {
        const code = ['src/main.ts', 'src/main.tsx', 'src/Checkout.tsx', 'src/Checkout.vue']
          .filter((file) => existsSync(join(dir, file)))
          .map((file) => readFileSync(join(dir, file), 'utf8'))
          .join('\n')
          // Comments may say "as" or "any"; only the code counts.
          .replace(/\/\*[\s\S]*?\*\/|\/\/.*$|<!--[\s\S]*?-->/gm, '');
        assert.match(code, /import 'wallet-elements';/);
        assert.match(code, /import type \{[^}]*WalletChargedEvent[^}]*\} from 'wallet-elements';/);
        for (const event of ['wallet-charged', 'wallet-pending', 'wallet-error']) {
          assert.ok(
            [`'${event}'`, `on${event}=`, `@${event}=`].some((listener) => code.includes(listener)),
            `listens to ${event}`,
          );
        }
        assert.doesNotMatch(code, /\bas\s+(?!const\b)\w/, 'no `as` cast');
        assert.doesNotMatch(code, /\bany\b/, 'no any');
        assert.doesNotMatch(code, /[\w)\]]!(?!=)/, 'no non-null assertion');
        assert.doesNotMatch(code, /from '\.\.\/|\/src\//, 'no import of the package sources');
      });

      test('builds with Vite, and the built app registers the elements and gets a typed wallet-charged', async () => {
        const outDir = join(scratch, name);
        await build({ root: dir, configFile: join(dir, 'vite.config.ts'), logLevel: 'silent', build: { outDir, emptyOutDir: true } });
        const html = readFileSync(join(outDir, 'index.html'), 'utf8');
        const script = /src="(\/assets\/[^"]+\.js)"/.exec(html)?.[1];
        assert.ok(script, 'index.html loads one built module');
        assert.doesNotMatch(readFileSync(join(outDir, script), 'utf8'), /Lit is in dev mode/, 'production lit');

        serving = name;
        const page = await browser.newPage();
        const problems: string[] = [];
        page.on('pageerror', (error) => problems.push(`pageerror: ${error.message}`));
        page.on(
          'console',
          (message) => message.type() === 'error' && problems.push(`console: ${message.text()} ${message.location().url}`),
        );
        page.on('response', (response) => response.status() >= 400 && problems.push(`${response.status()} ${response.url()}`));
        try {
          await page.goto(`${origin}/`);
          assert.deepEqual(await page.evaluate((tags) => tags.map((tag) => customElements.get(tag) !== undefined), TAGS), [
            true,
            true,
            true,
          ]);
          // Pay with the linked GoPay; the app cancels the redirect and shows its own confirmation.
          await page.getByRole('radio', { name: 'GoPay' }).check();
          await page.getByRole('button', { name: /^Pay / }).click();
          const outcome = page.locator('#outcome[data-outcome="paid"]');
          await outcome.waitFor({ timeout: 10_000 });
          assert.match(await outcome.innerText(), /^Thank you: order ord[0-9a-f]+ is paid\.$/);
          assert.equal(new URL(page.url()).origin, origin, 'the cancelled wallet-charged did not navigate');
          assert.deepEqual(problems, []);
        } finally {
          await page.close();
        }
      });
    });
  }

  test('a wrong detail access, a wrong attribute value or a wrongly named event prop fails the typecheck (TSX)', async () => {
    // Inside the package folder (not os.tmpdir) so `wallet-elements` resolves by name exactly as in the examples.
    const dir = mkdtempSync(join(root, 'examples', '.typecheck-'));
    try {
      writeFileSync(join(dir, 'tsconfig.json'), JSON.stringify({ extends: '../react/tsconfig.json', files: ['wrong.tsx'] }));
      const lines = [
        `import 'wallet-elements';`,
        `import type { WalletChargedEvent } from 'wallet-elements';`,
        `import type {} from 'wallet-elements/react';`,
        `export const ok = <wallet-pay endpoint="/api/wallet" redirect="manual" onwallet-charged={(e) => e.detail.orderId} />;`,
        `export const a = <wallet-pay endpoint="/api/wallet" onwallet-charged={(e) => e.detail.nope} />;`,
        `export const b = <wallet-pay endpoint="/api/wallet" redirect="sometimes" />;`,
        `export const c = <wallet-pay endpoint="/api/wallet" onWalletCharged={() => undefined} />;`,
        `export const d = <otp-link endpoint="/api/wallet" provider="PAYPAL" />;`,
        `export const e = <wallet-picker onwallet-select={(e) => e.detail.orderId} />;`,
        `document.createElement('wallet-pay').addEventListener('wallet-error', (e) => e.detail.nope);`,
        `export const f = (e: WalletChargedEvent) => e.detail.topUpUrl;`,
        `document.createElement('wallet-pay').addEventListener('wallet-pending', (e) => e.detail.topUpUrl);`,
      ];
      writeFileSync(join(dir, 'wrong.tsx'), `${lines.join('\n')}\n`);
      const result = await typecheck(join(dir, 'tsconfig.json'));
      assert.notEqual(result.code, 0);
      const failing = new Set(result.errors.map((line) => Number(/\((\d+),\d+\)/.exec(line)?.[1])));
      // Exactly the wrong lines (1-based): a..f fail; the imports, `ok` and the last, correct listener do not.
      assert.deepEqual(
        [...failing].sort((x, y) => x - y),
        [5, 6, 7, 8, 9, 10, 11],
        result.errors.join('\n'),
      );
      assert.ok(
        result.errors.some((line) => line.includes('(5,') && /'nope'/.test(line)),
        result.errors.join('\n'),
      );
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  test('a wrong detail access, a wrong attribute value or an unknown tag fails the typecheck (Vue template)', async () => {
    const dir = mkdtempSync(join(root, 'examples', '.typecheck-'));
    try {
      writeFileSync(join(dir, 'tsconfig.json'), JSON.stringify({ extends: '../vue/tsconfig.json', include: ['Wrong.vue'] }));
      const lines = [
        `<script setup lang="ts">`,
        `import 'wallet-elements';`,
        `import type {} from 'wallet-elements/vue';`,
        `</script>`,
        `<template>`,
        `  <wallet-pay endpoint="/api/wallet" redirect="manual" @wallet-charged="(e) => e.detail.orderId" />`,
        `  <wallet-pay endpoint="/api/wallet" @wallet-charged="(e) => e.detail.nope" />`,
        `  <wallet-pay endpoint="/api/wallet" redirect="sometimes" />`,
        `  <otp-link endpoint="/api/wallet" provider="PAYPAL" />`,
        `  <wallet-picker @wallet-select="(e) => e.detail.orderId" />`,
        `  <wallet-picker :checkout="123" />`,
        `  <wallet-pai endpoint="/api/wallet" />`,
        `  <wallet-pay endpoint="/api/wallet" checkout-token="t" :poll-interval="1000" @wallet-pending="(e) => e.detail.topUpUrl" />`,
        `</template>`,
      ];
      writeFileSync(join(dir, 'Wrong.vue'), `${lines.join('\n')}\n`);
      const result = await typecheck(join(dir, 'tsconfig.json'), 'vue-tsc');
      assert.notEqual(result.code, 0);
      const failing = new Set(result.errors.map((line) => Number(/\((\d+),\d+\)/.exec(line)?.[1])));
      // Exactly the wrong lines (1-based): the first and the last element are right.
      assert.deepEqual(
        [...failing].sort((x, y) => x - y),
        [7, 8, 9, 10, 11, 12],
        result.errors.join('\n'),
      );
      // `e` is typed from the event class, not implicitly any.
      assert.ok(
        result.errors.some((line) => line.includes('(7,') && /'nope'.*WalletChargedDetail/.test(line)),
        result.errors.join('\n'),
      );
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
