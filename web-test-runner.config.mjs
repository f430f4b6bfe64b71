// @ts-check
/**
 * Browser tests (every `*.browser.test.ts` under test/): real Chromium and Firefox (Debian packages, nothing downloaded)
 * against the REAL backend: the kit and the Juspay sandbox (demo/backend.ts) mounted as test-server middleware, over
 * HTTP.
 * `WTR_BROWSERS=firefox` picks the browser (default chromium); `npm test` runs Chromium, then Firefox, because
 * the sandbox's fault switches and clock are global to the run.
 */
import { esbuildPlugin } from '@web/dev-server-esbuild';
import { chromeLauncher } from '@web/test-runner-chrome';
import { defaultReporter } from '@web/test-runner';
import puppeteer from 'puppeteer-core';
import { tsImport } from 'tsx/esm/api';
import { a11yPlugin } from './test/a11y/support/plugins.mjs';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from './scripts/chromium.mjs';

const { startDemoBackend } = await tsImport('./demo/backend.ts', import.meta.url);
// A short Juspay timeout so the "hung sandbox" tests finish quickly.
// A fixed port so the sandbox's browser pages (finish, top-up) are served through the test server's own origin.
const PORT = Number(process.env.WTR_PORT ?? 8765);
const backend = await startDemoBackend({ juspayTimeoutMs: 1500, publicOrigin: `http://localhost:${PORT}` });
process.once('exit', () => void backend.close());

/** A backend that redirects every call to the real kit (a fault the kit never makes): the client must not follow. */
async function redirectingBackend(ctx, next) {
  if (!ctx.path.startsWith('/api/redirecting/')) return next();
  ctx.status = 307;
  ctx.set('location', ctx.url.replace('/api/redirecting/', '/api/wallet/'));
}

/** Koa middleware -> Fetch handler bridge. */
async function realBackend(ctx, next) {
  const chunks = [];
  const hasBody = ctx.method !== 'GET' && ctx.method !== 'HEAD';
  if (hasBody) for await (const chunk of ctx.req) chunks.push(chunk);
  const headers = new Headers();
  for (const [key, value] of Object.entries(ctx.req.headers)) {
    if (typeof value === 'string') headers.set(key, value);
    else if (Array.isArray(value)) for (const v of value) headers.append(key, v);
  }
  const request = new Request(`http://${ctx.host}${ctx.url}`, {
    method: ctx.method,
    headers,
    body: hasBody ? Buffer.concat(chunks) : undefined,
    redirect: 'manual',
  });
  const response = await backend.handle(request);
  if (!response) return next();
  ctx.status = response.status;
  response.headers.forEach((value, key) => {
    if (key !== 'content-length' && key !== 'content-encoding') ctx.set(key, value);
  });
  ctx.body = Buffer.from(await response.arrayBuffer());
}

/** Prints one plain closing line "N passed, N failed, N skipped"; a file that fails to load counts as 1 failed. */
function plainSummaryReporter() {
  return {
    stop({ sessions }) {
      let passed = 0,
        failed = 0,
        skipped = 0;
      const walk = (suite) => {
        for (const t of suite.tests) t.skipped ? skipped++ : t.passed ? passed++ : failed++;
        suite.suites.forEach(walk);
      };
      for (const s of sessions) {
        if (s.testResults) walk(s.testResults);
        if (s.errors.length > 0) failed++;
      }
      process.once('exit', () => console.log(`${passed} passed, ${failed} failed, ${skipped} skipped`));
    },
  };
}

const flags = ['--headless', ...CHROMIUM_ARGS];
const wanted = (process.env.WTR_BROWSERS ?? 'chromium').split(',');
const browsers = [];
if (wanted.includes('chromium')) {
  browsers.push(chromeLauncher({ launchOptions: { executablePath: CHROMIUM_PATH, headless: true, args: flags } }));
}
if (wanted.includes('firefox')) {
  browsers.push(
    chromeLauncher({
      puppeteer,
      launchOptions: { browser: 'firefox', executablePath: '/usr/bin/firefox-esr', headless: true },
    }),
  );
}

/** @type {import('@web/test-runner').TestRunnerConfig} */
export default {
  // A file says its runner: `*.browser.test.ts` runs here, any other `*.test.ts` in node (scripts/test.mjs).
  files: ['test/**/*.browser.test.ts', '!**/node_modules/**'],
  port: PORT,
  hostname: 'localhost',
  nodeResolve: true,
  // a11yPlugin: forced colours, colour scheme and screenshots for the accessibility suite (test/a11y).
  plugins: [esbuildPlugin({ ts: true, target: 'auto', tsconfig: './tsconfig.json' }), a11yPlugin()],
  middleware: [redirectingBackend, realBackend],
  reporters: [defaultReporter(), plainSummaryReporter()],
  filterBrowserLogs: ({ args }) => !String(args[0]).includes('Lit is in dev mode'),
  browsers,
  concurrency: 1,
  // The whole-flow files walk many real round trips (and deliberate 1.5 s hangs) on a 2-core machine.
  testsFinishTimeout: 300_000,
  testFramework: { config: { timeout: 10000 } },
};
