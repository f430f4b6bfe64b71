#!/usr/bin/env node
/**
 * `npm run bench`: measures the product against its bars and prints a markdown table for the README. It asserts
 * nothing about time (timings depend on the machine); it exits non-zero only if it could not measure.
 *
 *   size      min and min+gzip bytes of the script-tag bundle and of each ESM entry bundled alone (scripts/build.mjs)
 *   speed     the demo's plain merchant page (/script-tag.html, strict CSP) in headless Chromium, RUNS page loads:
 *             script start -> interactive wallet list, Pay click -> `wallet-charged`
 *   requests  kit requests from mount to interactive and per shopper action; origins other than the shop's
 *   latency   the same page behind a proxy that adds LATENCY_MS to every kit round trip
 *   memory    JS heap growth over CYCLES mount/unmount cycles of <wallet-pay>, after forced garbage collection
 *
 * "Script start" is the first statement of the bundle (the bench serves the built file with a mark prepended);
 * "interactive" is the first moment the picker's radio group holds enabled radios, observed with MutationObservers
 * on every shadow root as it is attached (no polling, so no frame-sized error).
 * The demo runs in a child process (node --import tsx) so the browser driver's work does not delay the server.
 */
import { execFileSync, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { launchChromium } from './chromium.mjs';
import { BUDGET_BYTES, ENTRIES, SCRIPT_TAG_BUNDLE, integrity, measure } from './build.mjs';

const RUNS = Number(process.env.BENCH_RUNS ?? 20);
const LATENCY_RUNS = Number(process.env.BENCH_LATENCY_RUNS ?? 20);
const CYCLES = Number(process.env.BENCH_CYCLES ?? 500);
const POLLING_MINUTES = 10;
const LATENCY_MS = 150;
const KIT = '/api/wallet';
const root = new URL('..', import.meta.url).pathname;
// ---------------------------------------------------------------------------------------------------- build, size

function ensureBuilt() {
  if (existsSync(join(root, SCRIPT_TAG_BUNDLE)) && existsSync(join(root, 'dist/index.js'))) return;
  console.error('dist/ is missing: building first (npm run build)');
  try {
    execFileSync('node', ['scripts/build.mjs'], { cwd: root, stdio: ['ignore', 'ignore', 'inherit'] });
  } catch (error) {
    // The build exits 1 when the bundle is over budget but still writes it; the bench reports the size anyway.
    if (!existsSync(join(root, SCRIPT_TAG_BUNDLE))) throw error;
  }
}

/** Each entry bundled alone like the script-tag bundle (lit + zod/mini inlined, minified), as the build measures it. */
function sizes() {
  const scratch = mkdtempSync(join(tmpdir(), 'wallet-bench-size-'));
  try {
    return Object.entries(ENTRIES).map(([name, entry]) => {
      let file = join(root, SCRIPT_TAG_BUNDLE);
      if (entry !== 'src/script-tag.ts') {
        file = join(scratch, 'entry.js');
        execFileSync(join(root, 'node_modules/.bin/vite'), ['build', '--logLevel', 'error'], {
          cwd: root,
          stdio: ['ignore', 'ignore', 'inherit'],
          env: { ...process.env, ENTRY: entry, OUT_DIR: scratch, OUT_FILE: 'entry.js' },
        });
      }
      return { name, ...measure(file) };
    });
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}

// ---------------------------------------------------------------------------------------------------- servers

/**
 * The child: the demo (kit + embedded sandbox + pages) and, in front of it, a proxy that holds every kit request
 * LATENCY_MS before forwarding it, so each widget round trip costs exactly LATENCY_MS more. Prints its URLs.
 */
const CHILD = `
import { createServer, request } from 'node:http';
const { startDemo } = await import('./demo/server.ts');
// One customer's checkout is mounted hundreds of times in seconds (the heap cycles), far beyond any shopper: the
// per-customer request limits, which have their own tests, are lifted so every mount reaches the wallet list.
const demo = await startDemo({ port: 0, limits: { checkoutPerCustomer: false, requestsPerCustomer: false } });
const target = new URL(demo.url);
const proxy = createServer((req, res) => {
  const wait = req.url.startsWith('${KIT}/') ? ${LATENCY_MS} : 0;
  setTimeout(() => {
    const upstream = request({ host: '127.0.0.1', port: target.port, path: req.url, method: req.method, headers: req.headers }, (answer) => {
      res.writeHead(answer.statusCode, answer.headers);
      answer.pipe(res);
    });
    upstream.on('error', () => res.destroy());
    req.pipe(upstream);
  }, wait);
});
await new Promise((resolve) => proxy.listen(0, '127.0.0.1', resolve));
console.log(JSON.stringify({ url: demo.url, slow: 'http://localhost:' + proxy.address().port + '/', otp: demo.sandbox?.testOtp }));
process.stdin.resume();
process.stdin.on('end', async () => {
  proxy.closeAllConnections();
  proxy.close();
  await demo.close();
  process.exit(0);
});
`;

async function startServers() {
  const child = spawn('node', ['--import', 'tsx', '--input-type=module', '-e', CHILD], { cwd: root, stdio: ['pipe', 'pipe', 'inherit'] });
  const line = await new Promise((resolve, reject) => {
    createInterface({ input: child.stdout }).once('line', resolve);
    child.once('exit', (code) => reject(new Error(`demo server exited (${code})`)));
  });
  const urls = JSON.parse(line);
  return {
    ...urls,
    stop: () =>
      new Promise((resolve) => {
        child.once('exit', resolve);
        child.stdin.end();
        setTimeout(() => child.kill('SIGTERM'), 3000).unref();
      }),
  };
}

// ---------------------------------------------------------------------------------------------------- the page

/** Runs in every document before its own scripts: records the moments the bench reports. */
function instrument() {
  const bench = { interactive: null, selectClick: null, payClick: null, charged: null };
  Object.defineProperty(window, '__bench', { value: bench });
  const check = () => {
    if (bench.interactive !== null) return;
    const picker = document.querySelector('wallet-pay')?.shadowRoot?.querySelector('wallet-picker');
    const group = picker?.shadowRoot?.querySelector('[role=radiogroup]');
    const radios = group ? [...group.querySelectorAll('input[type=radio]')] : [];
    if (group && !group.disabled && radios.length > 0 && radios.every((radio) => !radio.disabled)) {
      bench.interactive = performance.now();
    }
  };
  const attachShadow = Element.prototype.attachShadow;
  Element.prototype.attachShadow = function (init) {
    const shadow = attachShadow.call(this, init);
    new MutationObserver(check).observe(shadow, { childList: true, subtree: true, attributes: true });
    return shadow;
  };
  // By role and name, as the shopper sees them (shadow parts are styling hooks, not markers).
  const target = (event) => event.composedPath()[0];
  document.addEventListener(
    'click',
    (event) => {
      const node = target(event);
      if (node?.matches?.('input[type=radio]')) bench.selectClick ??= performance.now();
      if (node?.closest?.('button')?.textContent.trim().startsWith('Pay ')) bench.payClick ??= performance.now();
    },
    true,
  );
  // Measure the charge, then stay on the page (as a single-page app would) instead of following the redirect.
  document.addEventListener('wallet-charged', (event) => {
    bench.charged = performance.now();
    event.preventDefault();
  });
}

async function newPage(context, origins, requests) {
  const page = await context.newPage();
  page.setDefaultTimeout(15_000);
  page.on('request', (request) => {
    const url = new URL(request.url());
    origins.add(url.origin);
    // Ids vary per run; the shape of the call is what is counted.
    const path = url.pathname.slice(KIT.length).replace(/^\/wallets\/[^/]+\//, '/wallets/:id/');
    if (url.pathname.startsWith(`${KIT}/`)) requests.push(`${request.method()} ${path}`);
  });
  return page;
}

/** Requests made while `action` runs (it must wait for its own outcome). */
async function counted(requests, action) {
  const before = requests.length;
  await action();
  return requests.slice(before);
}

const pick = (page) => page.getByRole('radio', { name: 'GoPay' }).check();

/** One page load of the linked persona: mount -> interactive, pick GoPay, Pay -> wallet-charged. */
async function run(context, base, origins, { pay, prefetch = false }) {
  const requests = [];
  const page = await newPage(context, origins, requests);
  try {
    const mount = await counted(requests, async () => {
      // prefetch: the server renders the checkout into the page (kit.checkout + serializeCheckout).
      await page.goto(`${base}script-tag.html?persona=linked${prefetch ? '&prefetch=1' : ''}`);
      await page.waitForFunction(() => window.__bench.interactive !== null);
    });
    const result = await page.evaluate(() => {
      const checkout = performance.getEntriesByType('resource').find((entry) => new URL(entry.name).pathname.endsWith('/checkout'));
      return {
        start: window.__scriptStart,
        interactive: window.__bench.interactive,
        fetchStart: checkout?.startTime,
        responseEnd: checkout?.responseEnd,
      };
    });
    const sample = {
      mount: result.interactive - result.start,
      navigation: result.interactive,
      // Where the mount time goes: before the request, the round trip, and rendering the answer.
      beforeRequest: result.fetchStart - result.start,
      roundTrip: result.responseEnd - result.fetchStart,
      render: result.interactive - result.responseEnd,
      mountRequests: mount,
    };
    if (!pay) return sample;
    sample.selectRequests = await counted(requests, () => pick(page));
    sample.payRequests = await counted(requests, async () => {
      await page.getByRole('button', { name: /^Pay / }).click();
      await page.waitForFunction(() => window.__bench.charged !== null);
    });
    const { payClick, charged } = await page.evaluate(() => window.__bench);
    sample.pay = charged - payClick;
    return sample;
  } finally {
    await page.close();
  }
}

/** The OTP path once (its request counts are deterministic): pick an absent wallet, link with the code, pay. */
async function otpRun(context, base, origins, otp) {
  const requests = [];
  const page = await newPage(context, origins, requests);
  try {
    await page.goto(`${base}script-tag.html?persona=new`);
    await page.waitForFunction(() => window.__bench.interactive !== null);
    const select = await counted(requests, () => pick(page));
    const send = await counted(requests, async () => {
      await page.getByRole('button', { name: /^Link GoPay and pay / }).click();
      await page.getByLabel('One-time code').waitFor();
    });
    await page.getByLabel('One-time code').fill(otp);
    const verify = await counted(requests, async () => {
      await page.getByRole('button', { name: 'Verify' }).click();
      await page.waitForFunction(() => window.__bench.charged !== null);
    });
    return { select, send, verify };
  } finally {
    await page.close();
  }
}

/**
 * `count` mount/unmount cycles of <wallet-pay> on an open page, each waiting until the element is interactive (or
 * settled in failed/empty); returns the states reached and each append -> interactive time.
 */
function mountCycles(page, count) {
  return page.evaluate(async (count) => {
    // The page's own element hands over its server-minted token, then leaves.
    const first = document.querySelector('wallet-pay');
    window.__token ??= first?.getAttribute('checkout-token');
    first?.remove();
    const states = {};
    const times = [];
    // A macrotask yield without setTimeout's 4 ms clamp, so the timing is not rounded up.
    const channel = new MessageChannel();
    const yieldTask = () =>
      new Promise((resolve) => {
        channel.port1.onmessage = resolve;
        channel.port2.postMessage(null);
      });
    const ready = (el) =>
      el.state === 'failed' ||
      el.state === 'empty' ||
      el.shadowRoot?.querySelector('wallet-picker')?.shadowRoot?.querySelector('[role=radiogroup] input[type=radio]');
    for (let i = 0; i < count; i++) {
      const el = document.createElement('wallet-pay');
      el.setAttribute('endpoint', '/api/wallet');
      el.setAttribute('checkout-token', window.__token);
      const mounted = performance.now();
      document.body.append(el);
      while (!ready(el)) await yieldTask();
      times.push(performance.now() - mounted);
      states[el.state] = (states[el.state] ?? 0) + 1;
      el.remove();
    }
    channel.port1.close();
    performance.clearResourceTimings();
    return { states, times };
  }, count);
}

async function openLinked(context, base) {
  const page = await context.newPage();
  page.setDefaultTimeout(120_000);
  await page.goto(`${base}script-tag.html?persona=linked`);
  await page.waitForFunction(() => window.__bench.interactive !== null);
  return page;
}

/** Mount times on a page that is already warm (a single-page app mounting the checkout again). */
async function warmMounts(context, base, count) {
  const page = await openLinked(context, base);
  try {
    await mountCycles(page, 3);
    return (await mountCycles(page, count)).times;
  } finally {
    await page.close();
  }
}

/** The first `Intl.NumberFormat` in a fresh renderer (ICU start-up), which a cold page pays when it renders prices. */
async function intlStartup(context, runs) {
  const times = [];
  for (let i = 0; i < runs; i++) {
    const page = await context.newPage();
    try {
      times.push(
        await page.evaluate(() => {
          const started = performance.now();
          new Intl.NumberFormat('en-US', { style: 'currency', currency: 'IDR' }).format(150_000);
          return performance.now() - started;
        }),
      );
    } finally {
      await page.close();
    }
  }
  return times;
}

/** Heap growth over `cycles` mount/unmount cycles, measured after forced garbage collection. */
async function heapGrowth(context, base, cycles) {
  const page = await openLinked(context, base);
  try {
    const cdp = await page.context().newCDPSession(page);
    const settle = async () => {
      for (let i = 0; i < 3; i++) await cdp.send('HeapProfiler.collectGarbage');
      return (await cdp.send('Runtime.getHeapUsage')).usedSize;
    };
    await mountCycles(page, 20); // warm-up: lit's template caches, the JIT, the first fetch
    const before = await settle();
    const started = Date.now();
    const { states, times } = await mountCycles(page, cycles);
    const seconds = (Date.now() - started) / 1000;
    const after = await settle();
    return { before, after, growth: after - before, states, times, seconds };
  } finally {
    await page.close();
  }
}

// ---------------------------------------------------------------------------------------------------- report

const quantile = (sorted, q) => sorted[Math.min(sorted.length - 1, Math.max(0, Math.round(q * (sorted.length - 1))))];
/**
 * GET /order requests while a pending order never settles, over POLLING_MINUTES of the page's (fake) clock: the
 * low-balance persona pays, the widget watches the order, and Playwright's clock moves the page's timers a second
 * at a time while the real polls come and go (the sandbox's top-up is never finished).
 */
async function pollingRate(context, base, origins) {
  const requests = [];
  const page = await newPage(context, origins, requests);
  try {
    await page.clock.install();
    await page.goto(`${base}script-tag.html?persona=low-balance`);
    await pick(page);
    await page.getByRole('button', { name: /^Pay / }).click();
    await page.getByRole('button', { name: /Top up GoPay/ }).waitFor();
    const before = requests.filter((request) => request === 'GET /order').length;
    const perMinute = [];
    for (let second = 1; second <= POLLING_MINUTES * 60; second++) {
      await page.clock.fastForward(1000);
      await page.waitForTimeout(10);
      if (second % 60 === 0)
        perMinute.push(requests.filter((request) => request === 'GET /order').length - before - perMinute.reduce((a, b) => a + b, 0));
    }
    return { total: perMinute.reduce((a, b) => a + b, 0), perMinute };
  } finally {
    await page.close();
  }
}

function stats(values) {
  const sorted = [...values].sort((a, b) => a - b);
  return {
    median: quantile(sorted, 0.5),
    p10: quantile(sorted, 0.1),
    p90: quantile(sorted, 0.9),
    min: sorted[0],
    max: sorted.at(-1),
    n: sorted.length,
  };
}
const ms = (value) => `${value.toFixed(1)} ms`;
const kb = (bytes) => `${(bytes / 1024).toFixed(1)} KB`;
const list = (requests) => (requests.length ? `${requests.length} (${requests.join(', ')})` : '0');
const timingRow = (label, s, target) =>
  `| ${label} | ${ms(s.median)} | ${ms(s.p10)} – ${ms(s.p90)} | ${ms(s.min)} – ${ms(s.max)} | ${target} |`;
/** The same count in every run, or every distinct answer with how often it came. */
function counts(samples, key) {
  const seen = new Map();
  for (const sample of samples) {
    const text = list(sample[key]);
    seen.set(text, (seen.get(text) ?? 0) + 1);
  }
  return [...seen].map(([text, times]) => (seen.size === 1 ? text : `${text} ×${times}`)).join('; ');
}

async function main() {
  const started = Date.now();
  ensureBuilt();
  const sizeRows = sizes();

  const bundle = readFileSync(join(root, SCRIPT_TAG_BUNDLE), 'utf8');
  const servers = await startServers();
  const browser = await launchChromium();
  try {
    const context = await browser.newContext();
    await context.addInitScript(instrument);
    // The built bundle as is, with one statement in front: the moment the script starts running. The page's
    // Subresource Integrity hash is rewritten to match, or the browser would (rightly) refuse the changed bytes.
    const timed = `window.__scriptStart=performance.now();\n${bundle}`;
    await context.route('**/cdn/wallet-elements.min.js', (route) =>
      route.fulfill({ status: 200, contentType: 'text/javascript', body: timed }),
    );
    await context.route('**/script-tag.html*', async (route) => {
      const response = await route.fetch();
      const html = (await response.text()).replace(/integrity="[^"]*"/, `integrity="${integrity(Buffer.from(timed))}"`);
      await route.fulfill({ response, body: html });
    });
    const origins = new Set();
    if (!servers.otp) throw new Error('the demo runs against real Juspay (JUSPAY_BASE_URL): the bench needs the sandbox');

    // Two throwaway loads first, so the first measured run does not pay for Chromium's own warm-up.
    for (let i = 0; i < 2; i++) await run(context, servers.url, origins, { pay: true });
    const samples = [];
    for (let i = 0; i < RUNS; i++) samples.push(await run(context, servers.url, origins, { pay: true }));
    const slow = [];
    for (let i = 0; i < LATENCY_RUNS; i++) slow.push(await run(context, servers.slow, origins, { pay: false }));
    const otpCounts = await otpRun(context, servers.url, origins, servers.otp);
    const heap = await heapGrowth(context, servers.url, CYCLES);
    const warmSlow = stats(await warmMounts(context, servers.slow, LATENCY_RUNS));
    const intl = stats(await intlStartup(context, 5));
    const prefetched = [];
    for (let i = 0; i < RUNS; i++) prefetched.push(await run(context, servers.url, origins, { pay: false, prefetch: true }));
    const prefetchedSlow = [];
    for (let i = 0; i < LATENCY_RUNS; i++) prefetchedSlow.push(await run(context, servers.slow, origins, { pay: false, prefetch: true }));
    const polling = await pollingRate(context, servers.url, origins);

    const mount = stats(samples.map((s) => s.mount));
    const navigation = stats(samples.map((s) => s.navigation));
    const pay = stats(samples.map((s) => s.pay));
    const mountSlow = stats(slow.map((s) => s.mount));
    const shopOrigins = new Set([new URL(servers.url).origin, new URL(servers.slow).origin]);
    const thirdParty = [...origins].filter((origin) => !shopOrigins.has(origin));

    const out = [];
    out.push(`### wallet-elements benchmark`);
    out.push('');
    out.push(
      `Chromium ${browser.version()} headless, ${cpus().length} CPUs (load average ${loadavg()[0].toFixed(1)} at the end), Node ${process.version}; the demo on loopback`,
    );
    out.push(`(kit + embedded Juspay sandbox), its plain merchant page \`/script-tag.html\` under the strict CSP. ${RUNS} page loads`);
    out.push(
      `(after 2 warm-up loads), each a new page as a shopper's first visit is (cold renderer: V8 compiles the bundle's functions and`,
    );
    out.push(
      `initialises Intl on first use); ${LATENCY_RUNS} more with ${LATENCY_MS} ms added to every kit round trip. Time is not asserted.`,
    );
    out.push('');
    out.push('| bundle (lit + zod/mini inlined, minified) | min | min+gzip | bar |');
    out.push('|---|---:|---:|---|');
    for (const row of sizeRows) {
      const bar = row.name === 'script-tag bundle' ? `≤ ${kb(BUDGET_BYTES)} ${row.gzip <= BUDGET_BYTES ? '✓' : '✗ over'}` : '';
      out.push(`| ${row.name} | ${row.min.toLocaleString('en')} B | ${row.gzip.toLocaleString('en')} B (${kb(row.gzip)}) | ${bar} |`);
    }
    out.push('');
    out.push('| timing | median | p10 – p90 | min – max | bar |');
    out.push('|---|---:|---:|---:|---|');
    out.push(timingRow('script start → interactive wallet list', mount, 'one round trip'));
    out.push(timingRow('↳ script start → GET /checkout sent', stats(samples.map((s) => s.beforeRequest)), '—'));
    out.push(timingRow('↳ GET /checkout round trip (kit → sandbox → kit)', stats(samples.map((s) => s.roundTrip)), '—'));
    out.push(timingRow('↳ response → interactive (parse + render)', stats(samples.map((s) => s.render)), '—'));
    out.push(timingRow('↳ part of it: the first Intl.NumberFormat of a fresh page (ICU start-up; timed apart, 5 pages)', intl, '—'));
    out.push(timingRow('navigation start → interactive wallet list', navigation, '—'));
    out.push(timingRow(`re-mount on the same (warm) page → interactive, ${CYCLES} mounts`, stats(heap.times), 'one round trip'));
    out.push(timingRow('Pay click → `wallet-charged`', pay, '—'));
    out.push(
      timingRow(
        `script start → interactive, +${LATENCY_MS} ms per kit round trip`,
        mountSlow,
        `${LATENCY_MS} + < 50 ms ${mountSlow.median < LATENCY_MS + 50 ? '✓' : '✗'}`,
      ),
    );
    out.push(timingRow('↳ GET /checkout round trip, with latency', stats(slow.map((s) => s.roundTrip)), `+ ${LATENCY_MS} ms`));
    out.push(timingRow('↳ response → interactive, with latency', stats(slow.map((s) => s.render)), '—'));
    out.push(`| ↳ added by the latency (median − median) | ${ms(mountSlow.median - mount.median)} | | | ${LATENCY_MS} ms = 1 round trip |`);
    out.push(
      timingRow(
        `re-mount on a warm page → interactive, +${LATENCY_MS} ms per kit round trip`,
        warmSlow,
        `${LATENCY_MS} + < 50 ms ${warmSlow.median < LATENCY_MS + 50 ? '✓' : '✗'}`,
      ),
    );
    const pre = stats(prefetched.map((sample) => sample.mount));
    const preSlow = stats(prefetchedSlow.map((sample) => sample.mount));
    out.push(
      timingRow('script start → interactive, checkout rendered into the page (prefetch)', pre, `< 100 ms ${pre.median < 100 ? '✓' : '✗'}`),
    );
    out.push(timingRow(`↳ the same, +${LATENCY_MS} ms per kit round trip`, preSlow, `< 100 ms ${preSlow.median < 100 ? '✓' : '✗'}`));
    out.push('');
    out.push('| requests to the kit | count | bar |');
    out.push('|---|---|---|');
    out.push(`| mount → interactive | ${counts(samples, 'mountRequests')} | 1 |`);
    out.push(`| mount → interactive, with latency | ${counts(slow, 'mountRequests')} | 1 |`);
    out.push(`| pick a linked wallet | ${counts(samples, 'selectRequests')} | ≤ 1 |`);
    out.push(`| Pay | ${counts(samples, 'payRequests')} | 1 |`);
    out.push(`| pick a wallet the shopper does not have | ${list(otpCounts.select)} | ≤ 1 |`);
    out.push(`| "Link and pay" (creates the wallet, sends the code) | ${list(otpCounts.send)} | 1 |`);
    out.push(`| "Verify" (links, then pays without another click) | ${list(otpCounts.verify)} | 1 per call |`);
    out.push(
      `| mount → interactive, prefetched (with and without latency) | ${counts(prefetched, 'mountRequests')}; ${counts(prefetchedSlow, 'mountRequests')} | 0 |`,
    );
    out.push(
      `| GET /order over ${POLLING_MINUTES} minutes of a pending order that never settles (per minute: ${polling.perMinute.join(', ')}) | ${polling.total} | bounded |`,
    );
    out.push(`| third-party origins contacted | ${thirdParty.length}${thirdParty.length ? ` (${thirdParty.join(', ')})` : ''} | 0 |`);
    out.push('');
    out.push('| memory | value | bar |');
    out.push('|---|---:|---|');
    out.push(
      `| JS heap growth over ${CYCLES} mount/unmount cycles of \`<wallet-pay>\` (each loads its checkout) | ${kb(heap.growth)} | < 1 MB ${heap.growth < 1024 * 1024 ? '✓' : '✗'} |`,
    );
    out.push(`| ↳ heap used before / after (after forced GC) | ${kb(heap.before)} / ${kb(heap.after)} | |`);
    out.push(
      `| ↳ states reached / time for the cycles | ${Object.entries(heap.states)
        .map(([s, n]) => `${s} ×${n}`)
        .join(', ')} / ${heap.seconds.toFixed(1)} s | |`,
    );
    out.push('');
    out.push(`Bench wall time: ${((Date.now() - started) / 1000).toFixed(0)} s.`);
    console.log(out.join('\n'));
    await context.close();
  } finally {
    await browser.close();
    await servers.stop();
  }
}

await main();
