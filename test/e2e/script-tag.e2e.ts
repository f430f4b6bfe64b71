/**
 * The plain merchant page end to end: the demo server renders /script-tag.html (one script tag, a server-minted
 * checkout token) under the strict CSP, and headless Chromium walks a payment to the shop's return page, which
 * confirms the order with the kit. Every document of the walk (merchant page, the sandbox's finish page, the
 * return page) is watched from its first script for `securitypolicyviolation` events, console errors and page
 * errors, and every request must stay on the demo's own origin. A control case proves the CSP watch sees a
 * violation when there is one.
 *
 * Integrity (PCI DSS 4.0 req. 6.4.3): the build's dist/cdn/integrity.json must hold the SHA-384 of the bundle's
 * exact bytes, the page's script tag must carry it with crossorigin="anonymous", and a bundle with one byte changed
 * (served through a route) must be refused by Chromium: nothing defined, the integrity error in the console.
 *
 * Run: `node --import tsx test/e2e/script-tag.e2e.ts` (needs `npm run build` for dist/cdn). Last line:
 * `N passed, N failed`; exit code 1 on any failure.
 */
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { launchChromium } from '../../scripts/chromium.mjs';
import { startDemo } from '../../demo/server.js';
import { messages } from '../../src/components/wallet-pay/messages.js';
import { WalletPayHarness } from '../harness/e2e.js';
import { phrase } from '../harness/names.js';

const root = new URL('../..', import.meta.url).pathname;
interface Watched {
  page: Page;
  violations: string[];
  errors: string[];
  /** Origins of every request the page made. */
  origins: Set<string>;
}

/** A page reporting every CSP violation, console error and page error of every document it loads. */
async function watchedPage(browser: Browser): Promise<Watched> {
  const page = await browser.newPage();
  page.setDefaultTimeout(10_000);
  const watched: Watched = { page, violations: [], errors: [], origins: new Set() };
  // A binding survives navigations, so violations on the finish and return pages are reported too.
  await page.exposeBinding('__reportViolation', (_source, text: string) => void watched.violations.push(text));
  await page.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (event) => {
      const report = (globalThis as unknown as { __reportViolation(text: string): void }).__reportViolation;
      report(`${location.pathname}: ${event.effectiveDirective} blocked ${event.blockedURI || 'inline'}`);
    });
  });
  page.on('console', (message) => {
    if (message.type() === 'error') watched.errors.push(`console: ${message.text()} (${message.location().url})`);
  });
  page.on('pageerror', (error) => watched.errors.push(`pageerror: ${error.message}`));
  page.on('request', (request) => void watched.origins.add(new URL(request.url()).origin));
  return watched;
}

/** The page's one checkout. */
const checkout = (page: Page) => new WalletPayHarness(page.locator('wallet-pay'));

/** Picks GoPay and presses the button named `button` (the Pay button, as it should read for this persona). */
async function payWithGoPay(page: Page, button: RegExp): Promise<void> {
  const pay = checkout(page);
  await pay.pick('GOPAY');
  await pay.button(button).waitFor();
  await pay.pay();
}

/** The payment ends on the shop's return page, which asks the kit (not the query string) for the order. */
async function expectPaidOnReturnPage(page: Page): Promise<string> {
  await page.waitForURL(/\/return\.html\?/);
  const status = page.locator('#kit-status[data-status]');
  await status.waitFor();
  assert.equal(await status.getAttribute('data-status'), 'CHARGED');
  const order = await page.locator('#order').innerText();
  assert.match(order, /^ord[0-9a-f]+$/);
  return order;
}

function assertClean(watched: Watched, origin: string): void {
  assert.deepEqual(watched.violations, [], 'no CSP violation');
  assert.deepEqual(watched.errors, [], 'no console or page error');
  assert.deepEqual([...watched.origins], [origin], 'no request leaves the shop origin');
}

const cases: Array<[string, () => Promise<void>]> = [];
const test = (name: string, fn: () => Promise<void>) => void cases.push([name, fn]);

if (!existsSync(`${root}dist/cdn/wallet-elements.min.js`)) {
  console.log('dist/cdn/wallet-elements.min.js is missing: run `npm run build` first');
  console.log('0 passed, 1 failed');
  process.exit(1);
}

/** What the build wrote beside the bundle, and the hash this test computes itself over the bundle's bytes. */
const BUNDLE = `${root}dist/cdn/wallet-elements.min.js`;
const INTEGRITY_FILE = `${root}dist/cdn/integrity.json`;
const sha384 = (bytes: Uint8Array) => `sha384-${createHash('sha384').update(bytes).digest('base64')}`;
const built = existsSync(INTEGRITY_FILE)
  ? (JSON.parse(readFileSync(INTEGRITY_FILE, 'utf8')) as { file: string; version: string; bytes: number; integrity: string })
  : null;

const demo = await startDemo({ port: 0 });
const origin = new URL(demo.url).origin;
const browser = await launchChromium();

test("the build wrote the SHA-384 of the bundle's exact bytes to dist/cdn/integrity.json", async () => {
  assert.ok(built, 'dist/cdn/integrity.json exists: run `npm run build`');
  const bytes = readFileSync(BUNDLE);
  const pkg = JSON.parse(readFileSync(`${root}package.json`, 'utf8')) as { version: string };
  assert.deepEqual(built, { file: 'wallet-elements.min.js', version: pkg.version, bytes: bytes.length, integrity: sha384(bytes) });
  assert.match(built.integrity, /^sha384-[A-Za-z0-9+/]{64}$/);
});

test('the script-tag page is served under the strict CSP and loads only the bundle', async () => {
  const watched = await watchedPage(browser);
  const response = await watched.page.goto(`${origin}/script-tag.html?persona=linked`);
  const csp = response?.headers()['content-security-policy'] ?? '';
  for (const directive of ["default-src 'none'", "script-src 'self'", "style-src 'self'", "connect-src 'self'"]) {
    assert.ok(csp.includes(directive), `CSP has ${directive}: ${csp}`);
  }
  assert.doesNotMatch(csp, /unsafe-inline|unsafe-eval/);
  const scripts = await watched.page.evaluate(() => [...document.scripts].map((script) => new URL(script.src).pathname));
  assert.deepEqual(scripts, ['/cdn/wallet-elements.min.js']);
  await checkout(watched.page).radio('GOPAY').waitFor();
  assertClean(watched, origin);
  await watched.page.close();
});

test('the script tag pins the bundle: integrity is the build\'s hash, crossorigin="anonymous", same-origin CORS load', async () => {
  const watched = await watchedPage(browser);
  const bundleResponse = watched.page.waitForResponse((r) => new URL(r.url()).pathname === '/cdn/wallet-elements.min.js');
  await watched.page.goto(`${origin}/script-tag.html?persona=linked`);
  const tags = await watched.page.evaluate(() =>
    [...document.scripts].map((script) => ({
      src: new URL(script.src).pathname,
      integrity: script.getAttribute('integrity'),
      crossorigin: script.getAttribute('crossorigin'),
      defer: script.defer,
    })),
  );
  const expected = sha384(readFileSync(BUNDLE));
  assert.equal(built?.integrity, expected);
  assert.deepEqual(tags, [{ src: '/cdn/wallet-elements.min.js', integrity: expected, crossorigin: 'anonymous', defer: true }]);
  // crossorigin made it a CORS request; same origin, so the response needs (and has) no Access-Control-Allow-Origin.
  const bundle = await bundleResponse;
  assert.equal(bundle.status(), 200);
  assert.equal(await bundle.request().headerValue('sec-fetch-mode'), 'cors');
  assert.equal(await bundle.headerValue('access-control-allow-origin'), null);
  assert.equal(sha384(await bundle.body()), expected, 'the bytes served are the bytes hashed');
  // And the browser accepted it: the elements are defined and the checkout renders.
  await checkout(watched.page).radio('GOPAY').waitFor();
  assert.equal(await watched.page.evaluate(() => customElements.get('wallet-pay') !== undefined), true);
  assertClean(watched, origin);
  await watched.page.close();
});

test('a tampered bundle (one byte changed) is refused: nothing defined, the integrity error reported', async () => {
  const real = readFileSync(BUNDLE);
  // The closing `;` (or newline) becomes a space: a change that alters nothing the script does, and still must
  // not run.
  assert.ok([0x3b, 0x0a].includes(real.at(-1)!), `the bundle ends with ';' or a newline, not ${real.at(-1)}`);
  const tampered = Buffer.from(real);
  tampered[tampered.length - 1] = 0x20;
  assert.notEqual(sha384(tampered), sha384(real));

  // Control: the tampered bytes are a working bundle, so only the integrity check can stop them on the shop's page.
  const plain = await browser.newPage();
  await plain.setContent('<!doctype html><title>control</title>');
  await plain.addScriptTag({ content: tampered.toString('utf8') });
  assert.equal(await plain.evaluate(() => customElements.get('wallet-pay') !== undefined), true, 'the tampered bytes run without SRI');
  await plain.close();

  const watched = await watchedPage(browser);
  const { page } = watched;
  const served: string[] = [];
  await page.route('**/cdn/wallet-elements.min.js', async (route) => {
    // Nothing here may throw (an unanswered route hangs the page): what came is checked below.
    const response = await route.fetch();
    served.push(sha384(await response.body()));
    await route.fulfill({ response, body: tampered });
  });
  const paths: string[] = [];
  page.on('request', (request) => void paths.push(new URL(request.url()).pathname));
  await page.goto(`${origin}/script-tag.html?persona=linked`);
  // A blocked script fires its element's `error` event; the page has reached `load`, so the script is settled.
  for (let waited = 0; watched.errors.length === 0 && waited < 3000; waited += 50) await new Promise((r) => setTimeout(r, 50));
  await page.waitForTimeout(300);
  assert.deepEqual(served, [sha384(real)], 'the server sent the real bundle once, and the route changed it');
  assert.deepEqual(
    await page.evaluate(() => ({
      defined: ['wallet-pay', 'wallet-picker', 'otp-link'].filter((tag) => customElements.get(tag) !== undefined),
      global: 'WalletElements' in window,
      upgraded: document.querySelector('wallet-pay')?.matches(':defined'),
      shadow: document.querySelector('wallet-pay')?.shadowRoot !== null,
    })),
    { defined: [], global: false, upgraded: false, shadow: false },
  );
  // Exactly one problem: Chromium's integrity error naming the bundle and the hash of the bytes it got.
  assert.equal(watched.errors.length, 1, watched.errors.join('\n'));
  assert.match(watched.errors[0]!, /Failed to find a valid digest in the 'integrity' attribute/);
  assert.ok(watched.errors[0]!.includes('/cdn/wallet-elements.min.js'), watched.errors[0]);
  const computed = sha384(tampered).slice('sha384-'.length);
  assert.ok(
    watched.errors[0]!.includes(`computed SHA-384 integrity '${computed}'`),
    `names the hash of the bytes it got: ${watched.errors[0]}`,
  );
  assert.deepEqual(watched.violations, [], 'no CSP violation: SRI, not the CSP, refused it');
  // Nothing ran, so nothing reached the kit.
  assert.deepEqual(
    paths.filter((path) => !['/script-tag.html', '/demo.css', '/cdn/wallet-elements.min.js'].includes(path)),
    [],
  );
  await page.close();
});

test('linked persona: pick GoPay, pay, land on the return page with the order CHARGED, zero violations', async () => {
  const watched = await watchedPage(browser);
  await watched.page.goto(`${origin}/script-tag.html?persona=linked`);
  await payWithGoPay(watched.page, phrase(messages.en.pay));
  await expectPaidOnReturnPage(watched.page);
  assertClean(watched, origin);
  await watched.page.close();
});

test('new persona: link GoPay with the OTP, the payment follows, return page CHARGED, zero violations', async () => {
  const otp = demo.sandbox?.testOtp;
  assert.ok(otp, 'the embedded sandbox gives a test OTP');
  const watched = await watchedPage(browser);
  const { page } = watched;
  await page.goto(`${origin}/script-tag.html?persona=new`);
  await payWithGoPay(page, phrase(messages.en.linkAndPay, 'GoPay'));
  const pay = checkout(page);
  const input = pay.codeInput;
  await input.waitFor();
  // The element moves focus to the code input when the code is sent.
  assert.equal(await input.evaluate((el) => ((node) => node instanceof ShadowRoot && node.activeElement === el)(el.getRootNode())), true);
  await pay.enterCode(otp);
  await expectPaidOnReturnPage(page);
  assertClean(watched, origin);
  await watched.page.close();
});

test('control: the watch reports a violation when the page breaks the CSP', async () => {
  const watched = await watchedPage(browser);
  await watched.page.goto(`${origin}/script-tag.html?persona=linked`);
  // An inline <style> is exactly what style-src 'self' forbids (and what the elements must never build).
  await watched.page.evaluate(() => document.head.append(Object.assign(document.createElement('style'), { textContent: 'p{}' })));
  // The report crosses from the page through the binding: give it a moment.
  for (let waited = 0; watched.violations.length === 0 && waited < 2000; waited += 50) await new Promise((r) => setTimeout(r, 50));
  assert.equal(watched.violations.length, 1, watched.violations.join('\n'));
  assert.match(watched.violations[0]!, /style-src-elem blocked inline/);
  await watched.page.close();
});

let passed = 0;
let failed = 0;
try {
  for (const [name, fn] of cases) {
    const started = Date.now();
    try {
      await fn();
      passed++;
      console.log(`ok   ${name} (${Date.now() - started} ms)`);
    } catch (error) {
      failed++;
      console.log(`FAIL ${name}\n     ${error instanceof Error ? error.message.replaceAll('\n', '\n     ') : String(error)}`);
    }
  }
} finally {
  await browser.close();
  await demo.close();
}
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed > 0 ? 1 : 0);
