/**
 * The README's "Integrate in 10 minutes", run exactly as written: the sandbox started by the package's own bin
 * (dist/sandbox/cli.js, what `npx wallet-elements-sandbox` runs), examples/ten-minutes/server.mjs (the README shows
 * it character for character) importing the package by its name, and Chromium paying on its page until the
 * merchant's thank-you page says the kit confirmed the order paid.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { launchChromium } from '../../scripts/chromium.mjs';
import { freePort } from '../helpers/net.js';
import { requireBuilt } from '../helpers/dist.js';

const root = new URL('../..', import.meta.url).pathname;
const SERVER = 'examples/ten-minutes/server.mjs';

/** Starts a process and resolves once a line of its stdout matches `ready`; collects everything it prints. */
function start(args: string[], env: Record<string, string>, ready: RegExp): Promise<{ child: ChildProcess; output: string[] }> {
  const child = spawn(process.execPath, args, { cwd: root, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  const output: string[] = [];
  return new Promise((resolve, reject) => {
    const onData = (chunk: Buffer) => {
      output.push(...String(chunk).split('\n'));
      if (output.some((line) => ready.test(line))) resolve({ child, output });
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
    child.once('exit', (code) => reject(new Error(`${args.join(' ')} exited ${code}: ${output.join('\n')}`)));
  });
}

describe('README: integrate in 10 minutes', { timeout: 60_000 }, () => {
  const children: ChildProcess[] = [];
  let browser: Browser;
  before(async () => {
    // Fails (every test of the suite with it) when the build is missing: `npm test` builds first.
    requireBuilt(['dist/sandbox/cli.js', 'dist/server/index.js']);
    browser = await launchChromium();
  });
  after(async () => {
    for (const child of children) child.kill();
    await browser?.close();
  });

  it('the README shows the server file as it is', () => {
    const readme = readFileSync(join(root, 'README.md'), 'utf8');
    assert.ok(readme.includes(readFileSync(join(root, SERVER), 'utf8')), `${SERVER} appears verbatim in the README`);
  });

  it('a shopper pays on the sandbox and the merchant fulfils', async () => {
    const [sandboxPort, port] = [await freePort(), await freePort()];
    const sandbox = await start(['dist/sandbox/cli.js'], { PORT: String(sandboxPort) }, /Juspay sandbox listening/);
    children.push(sandbox.child);
    const server = await start(
      [SERVER],
      { PORT: String(port), JUSPAY_BASE_URL: `http://127.0.0.1:${sandboxPort}` },
      /^http:\/\/localhost:/,
    );
    children.push(server.child);

    const page = await browser.newPage();
    await page.goto(`http://localhost:${port}/`);
    await page.locator('wallet-pay').getByRole('radio', { name: /GoPay/ }).check();
    await page.locator('wallet-pay').getByRole('button', { name: /^Pay / }).click();
    await page.waitForURL(/\/thanks\?order=ord\d+/);
    assert.match(await page.locator('body').innerText(), /^Order ord\d+: paid$/);
    assert.ok(
      server.output.some((line) => /^fulfil ord\d+ \(learnt from (pay|return)\)$/.test(line)),
      server.output.join('\n'),
    );
  });
});
