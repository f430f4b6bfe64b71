/**
 * The kit mounted in every common stack with the README's own line for it, and a real Chromium paying through
 * each: node:http, Express 5 with the kit before and after `express.json()`, Fastify, Hono, and a Next.js App Router
 * app built with `next build` and served by `next start`. All against one Juspay sandbox over HTTP. A test also
 * checks that each line the apps run is, character for character, a line of the README.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, execFile, type ChildProcess } from 'node:child_process';
import { copyFileSync, mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import type { Browser } from 'playwright-core';
import { launchChromium } from '../../scripts/chromium.mjs';
import { freePort } from '../helpers/net.js';
import { serveSandbox, type ServedSandbox } from '../../src/sandbox/index.js';
import { mintSession } from '../cluster/sessions.js';
import { newOrderId } from '../server/kit-harness.js';
import { SECRET, type StackEnv } from './merchant.js';
import { requireBuilt } from '../helpers/dist.js';
import * as nodeHttp from './apps/node-http.js';
import * as expressApp from './apps/express.js';
import * as fastifyApp from './apps/fastify.js';
import * as honoApp from './apps/hono.js';

const root = new URL('../..', import.meta.url).pathname;
const nextDir = join(root, 'test/integrations/next');
const run = promisify(execFile);

/** The line after each `// README:` marker in an app file. */
function readmeLines(file: string): string[] {
  const lines = readFileSync(join(root, file), 'utf8').split('\n');
  return lines.flatMap((line, index) => (line.trim() === '// README:' ? [lines[index + 1]!.trim()] : []));
}

describe('the kit in every stack, as the README writes it', { timeout: 300_000 }, () => {
  let sandbox: ServedSandbox;
  let browser: Browser;
  let env: StackEnv;

  before(async () => {
    // Fails (every test of the suite with it) when the build is missing: `npm test` builds first.
    requireBuilt(['dist/server/index.js', 'dist/cdn/wallet-elements.min.js']);
    sandbox = await serveSandbox({ port: 0 });
    env = {
      juspay: { baseUrl: sandbox.url, apiKey: sandbox.sandbox.apiKey, merchantId: sandbox.sandbox.merchantId },
      nextSession: () => session(),
    };
    browser = await launchChromium();
  });
  after(async () => {
    await browser?.close();
    await sandbox?.close();
  });

  const session = () => ({
    customerId: sandbox.sandbox.persona('linked'),
    orderId: newOrderId(),
    amount: 150_000,
    currency: 'IDR',
    returnUrl: 'https://shop.example/return',
  });

  /** Opens the stack's checkout page, picks GoPay, pays, and answers the order that was charged. */
  async function pay(pageUrl: string): Promise<{ orderId: string; customerId: string }> {
    const page = await browser.newPage();
    try {
      let reportCharged: (detail: { orderId: string }) => void = () => {};
      const charged = new Promise<{ orderId: string }>((resolve) => (reportCharged = resolve));
      await page.exposeFunction('reportCharged', (detail: { orderId: string }) => reportCharged(detail));
      await page.addInitScript(() => {
        document.addEventListener('wallet-charged', (event) => {
          (window as unknown as { reportCharged(detail: unknown): void }).reportCharged((event as CustomEvent).detail);
        });
      });
      await page.goto(pageUrl);
      await page.locator('wallet-pay').getByRole('radio', { name: /GoPay/ }).check();
      await page.locator('wallet-pay').getByRole('button', { name: /^Pay / }).click();
      const { orderId } = await charged;
      const token = (await page.locator('wallet-pay').getAttribute('checkout-token'))!;
      const customerId = JSON.parse(Buffer.from(token.split('.')[0]!, 'base64url').toString()).customerId as string;
      return { orderId, customerId };
    } finally {
      await page.close();
    }
  }

  const stacks: [string, () => Promise<{ url: string; close(): Promise<void> }>][] = [
    ['node:http', () => nodeHttp.start(env)],
    ['Express 5, kit before express.json()', () => expressApp.start(env, { jsonFirst: false })],
    ['Express 5, kit after express.json()', () => expressApp.start(env, { jsonFirst: true })],
    ['Fastify', () => fastifyApp.start(env)],
    ['Hono', () => honoApp.start(env)],
  ];
  for (const [name, start] of stacks) {
    it(`${name}: a shopper pays in Chromium, one debit`, async () => {
      const app = await start();
      try {
        const { orderId, customerId } = await pay(`${app.url}/`);
        assert.match(orderId, /^T/);
        assert.equal(sandbox.sandbox.debitCount(customerId), 1);
      } finally {
        await app.close();
      }
    });
  }

  it('Next.js App Router (next build, next start): a shopper pays in Chromium, one debit', async () => {
    mkdirSync(join(nextDir, 'public'), { recursive: true });
    copyFileSync(join(root, 'dist/cdn/wallet-elements.min.js'), join(nextDir, 'public/wallet-elements.min.js'));
    const next = join(root, 'node_modules/.bin/next');
    const nextEnv = {
      ...process.env,
      NEXT_TELEMETRY_DISABLED: '1',
      JUSPAY_BASE_URL: sandbox.url,
      JUSPAY_API_KEY: sandbox.sandbox.apiKey,
      JUSPAY_MERCHANT_ID: sandbox.sandbox.merchantId,
      SESSION_SECRET: SECRET,
    };
    await run(next, ['build'], { cwd: nextDir, env: nextEnv, maxBuffer: 16 * 1024 * 1024 });
    // Its route files typecheck against the built package's types (Next's own check needs a TypeScript with a
    // compiler API; the project's is TypeScript 7).
    await run(join(root, 'node_modules/typescript/bin/tsc'), ['-p', join(nextDir, 'tsconfig.json'), '--noEmit']);
    const port = await freePort();
    const server: ChildProcess = spawn(next, ['start', '-p', String(port), '-H', '127.0.0.1'], {
      cwd: nextDir,
      env: nextEnv,
      stdio: 'ignore',
    });
    try {
      const url = `http://127.0.0.1:${port}`;
      for (let tries = 0; tries < 100; tries += 1) {
        if (
          await fetch(`${url}/api/wallet/checkout`).then(
            () => true,
            () => false,
          )
        )
          break;
        await new Promise((resolve) => setTimeout(resolve, 200));
      }
      const token = mintSession(session(), SECRET);
      const { customerId } = await pay(`${url}/checkout?token=${token}`);
      assert.equal(sandbox.sandbox.debitCount(customerId), 1);
    } finally {
      server.kill();
    }
  });

  it("every app's mount line is a line of the README and of the kit's README", () => {
    const files = ['apps/node-http.ts', 'apps/express.ts', 'apps/fastify.ts', 'apps/hono.ts', 'next/app/api/wallet/[...path]/route.ts'];
    for (const file of files) {
      const lines = readmeLines(`test/integrations/${file}`);
      assert.ok(lines.length > 0, `${file} marks its README line`);
      for (const line of lines) {
        for (const readme of ['README.md', 'src/server/README.md']) {
          const text = readFileSync(join(root, readme), 'utf8')
            .split('\n')
            .map((candidate) => candidate.trim());
          assert.ok(
            text.some((candidate) => candidate.startsWith(line)),
            `${readme} carries: ${line}`,
          );
        }
      }
    }
  });
});
