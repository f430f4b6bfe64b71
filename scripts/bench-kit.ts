/**
 * `npm run bench:kit`: the merchant backend kit under load, as markdown tables on stdout. It prints figures only
 * and asserts nothing about time (timings depend on the machine); it exits non-zero only if it could not measure.
 *
 *   load      an operation is one shopper's GET /checkout then POST /pay (a fresh customer and order each, made
 *             before the timed run), OPS operations per level at concurrency 1, 8, 32, 64, for (a) one kit
 *             process on MemoryStore, called directly, and (b) three kit processes on one Redis behind the
 *             round-robin proxy: requests/s, p50/p99 per request kind, errors, Juspay calls per operation, CPU
 *   overhead  kit p50 at concurrency 1 against the same Juspay calls made directly with JuspayClient (checkout:
 *             List; pay: order status, List, /txns), both through the recorder the kit talks to and straight
 *             to the sandbox
 *   calls     Juspay calls per pay, counted by the recording proxy around sequential pays
 *   memory    each kit process's RSS after start, after warm-up, during and after each level, and idle after it
 *
 * Everything runs on this machine over loopback HTTP (test/cluster/cluster.ts): the kit processes, and in this
 * process the sandbox, the recorder, the round-robin proxy and the load generator. On a small machine they compete
 * for the same cores, which is why the CPU columns are printed next to the throughput.
 *
 * Env: BENCH_KIT_OPS (operations per level at concurrency >= 8, default 1500), BENCH_KIT_OPS_SERIAL (at
 * concurrency 1, default 300).
 */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { serveSandbox, type Sandbox } from '../src/sandbox/index.js';
import { JuspayClient, type CheckoutSession } from '../src/server/index.js';
import { recordJuspay, roundRobin, startInstance, type InstanceConfig, type JuspayRecorder, type KitInstance } from '../test/cluster/cluster.js';
import { mintSession } from '../test/cluster/sessions.js';
// @ts-expect-error: a plain .mjs module shared with the test runner, without types.
import { startRedis } from './redis-server.mjs';

const LEVELS = [1, 8, 32, 64];
const OPS = Number(process.env.BENCH_KIT_OPS ?? 1500);
const OPS_SERIAL = Number(process.env.BENCH_KIT_OPS_SERIAL ?? 300);
/** Unreported operations before the first level, so the kit's code is compiled and its connections open. */
const WARMUP_OPS = 300;
/** Sequential pays whose Juspay calls are counted one by one. */
const COUNTED_PAYS = 50;
/** Sequential direct-call rounds for the overhead ratio (as many as the kit's concurrency-1 level). */
const DIRECT_OPS = OPS_SERIAL;
/** How long the kit processes sit idle after the last level before their RSS is read once more. */
const IDLE_MS = 5000;
const SECRET = 'bench-kit-secret';
/**
 * Abuse limits off: they exist to stop one shopper, IP or script, and would otherwise be what this measures
 * (every shopper here has its own IP and customer anyway, but the merchant-wide SMS budget is global).
 */
const NO_LIMITS = { requestsPerIp: false, requestsPerCustomer: false, checkoutPerCustomer: false, refreshPerCustomer: false, smsPerMerchant: false };
const CLK_TCK = Number(execFileSync('getconf', ['CLK_TCK']).toString().trim()) || 100;

// ---------------------------------------------------------------------------------------------------- shoppers

interface Shopper {
  session: CheckoutSession;
  token: string;
  ip: string;
}

let orderSeq = 0;
let ipSeq = 0;
/** Order ids must match /^[A-Za-z0-9]{1,20}$/ and be unique per sandbox; the time prefix keeps runs apart too. */
const RUN = Date.now().toString(36);

/** A fresh 'linked' customer (one GOPAY wallet, balance for several orders), a fresh order and an IP of its own. */
function makeShopper(sandbox: Sandbox): Shopper {
  orderSeq += 1;
  ipSeq += 1;
  const session: CheckoutSession = {
    customerId: sandbox.persona('linked'),
    orderId: `B${RUN}${orderSeq.toString(36)}`,
    amount: 150_000,
    currency: 'IDR',
    returnUrl: 'https://shop.example/return',
    customerPhone: `08${String(ipSeq).padStart(10, '0')}`,
  };
  // Each shopper its own client address, so no per-IP anything is what gets measured.
  const ip = `10.${(ipSeq >> 16) & 255}.${(ipSeq >> 8) & 255}.${ipSeq & 255}`;
  return { session, token: mintSession(session, SECRET), ip };
}

const makeShoppers = (sandbox: Sandbox, count: number) => Array.from({ length: count }, () => makeShopper(sandbox));

// ---------------------------------------------------------------------------------------------------- load

/** Where the kit is reached: the proxy turns `x-test-client-ip` into x-forwarded-for; a lone instance reads it. */
interface Target {
  url: string;
  ipHeader: 'x-test-client-ip' | 'x-forwarded-for';
}

interface LevelResult {
  requests: number;
  seconds: number;
  checkoutMs: number[];
  payMs: number[];
  errors: string[];
}

async function kitCall(target: Target, shopper: Shopper, method: 'GET' | 'POST', path: string, body?: unknown) {
  const started = performance.now();
  const response = await fetch(`${target.url}/api/wallet${path}`, {
    method,
    headers: {
      authorization: `Bearer ${shopper.token}`,
      [target.ipHeader]: shopper.ip,
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await response.text();
  return { status: response.status, text, ms: performance.now() - started };
}

/** One shopper's checkout then pay. Anything but 200 (and a CHARGED pay) is an error, kept with its answer. */
async function operation(target: Target, shopper: Shopper, into: LevelResult): Promise<void> {
  const fail = (what: string, status: number, text: string) => into.errors.push(`${what} ${status} ${text.slice(0, 160)}`);
  let checkout;
  try {
    checkout = await kitCall(target, shopper, 'GET', '/checkout');
  } catch (error) {
    into.requests += 1;
    return void fail('checkout', 0, String(error));
  }
  into.requests += 1;
  into.checkoutMs.push(checkout.ms);
  if (checkout.status !== 200) return fail('checkout', checkout.status, checkout.text);
  const wallets = (JSON.parse(checkout.text) as { wallets: { id: string; provider: string; linked: boolean }[] }).wallets;
  const wallet = wallets.find((candidate) => candidate.provider === 'GOPAY' && candidate.linked);
  if (!wallet) return fail('checkout (no linked GOPAY)', checkout.status, checkout.text);
  let pay;
  try {
    pay = await kitCall(target, shopper, 'POST', '/pay', { walletId: wallet.id });
  } catch (error) {
    into.requests += 1;
    return void fail('pay', 0, String(error));
  }
  into.requests += 1;
  into.payMs.push(pay.ms);
  if (pay.status !== 200) return fail('pay', pay.status, pay.text);
  if ((JSON.parse(pay.text) as { status: string }).status !== 'CHARGED') fail('pay (not CHARGED)', pay.status, pay.text);
}

/** `concurrency` workers take the shoppers in turn until none is left. */
async function runLoad(target: Target, shoppers: Shopper[], concurrency: number): Promise<LevelResult> {
  const result: LevelResult = { requests: 0, seconds: 0, checkoutMs: [], payMs: [], errors: [] };
  let next = 0;
  const worker = async () => {
    while (next < shoppers.length) await operation(target, shoppers[next++]!, result);
  };
  const started = performance.now();
  await Promise.all(Array.from({ length: concurrency }, worker));
  result.seconds = (performance.now() - started) / 1000;
  return result;
}

// ---------------------------------------------------------------------------------------------------- direct Juspay

interface DirectResult {
  listMs: number[];
  payMs: number[];
}

/**
 * What the kit asks Juspay for, without the kit: List (the checkout's one call), then order status, List and /txns
 * with an inline order (the pay's three calls, as src/server/pay.ts makes them for an order Juspay does not know).
 */
async function runDirect(baseUrl: string, sandbox: Sandbox, shoppers: Shopper[]): Promise<DirectResult> {
  const juspay = new JuspayClient({ baseUrl, apiKey: sandbox.apiKey, merchantId: sandbox.merchantId });
  const result: DirectResult = { listMs: [], payMs: [] };
  for (const { session } of shoppers) {
    let started = performance.now();
    await juspay.listWallets(session.customerId);
    result.listMs.push(performance.now() - started);

    started = performance.now();
    const known = await juspay.orderStatus(session.customerId, session.orderId);
    if (known) throw new Error(`direct: order ${session.orderId} already exists`);
    const wallet = (await juspay.listWallets(session.customerId)).find((candidate) => candidate.wallet === 'GOPAY' && candidate.token);
    if (!wallet?.token) throw new Error('direct: no linked GOPAY wallet with a token');
    const txn = await juspay.directDebit({
      customerId: session.customerId,
      paymentMethod: wallet.wallet,
      token: wallet.token,
      order: {
        order_id: session.orderId,
        amount: session.amount,
        currency: session.currency,
        customer_id: session.customerId,
        return_url: session.returnUrl,
        customer_phone: session.customerPhone,
      },
    });
    result.payMs.push(performance.now() - started);
    if (txn.status !== 'CHARGED') throw new Error(`direct: /txns answered ${txn.status}`);
  }
  return result;
}

// ---------------------------------------------------------------------------------------------------- processes

/** Resident set size of a process, in MB (VmRSS). */
function rssMb(pid: number): number {
  const match = /^VmRSS:\s+(\d+) kB$/m.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  return match ? Number(match[1]) / 1024 : NaN;
}

/** CPU seconds (user + system) a process has used so far. */
function cpuSeconds(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  // The command name may hold spaces and parentheses: fields are counted from after its closing ')'.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return (Number(fields[11]) + Number(fields[12])) / CLK_TCK;
}

const selfCpuSeconds = () => {
  const usage = process.cpuUsage();
  return (usage.user + usage.system) / 1e6;
};

/** RSS of every instance, read every 250 ms while a level runs, for the peak. */
function sampleRss(instances: KitInstance[]) {
  const peak = instances.map((instance) => rssMb(instance.process.pid!));
  const timer = setInterval(() => {
    instances.forEach((instance, i) => {
      peak[i] = Math.max(peak[i]!, rssMb(instance.process.pid!));
    });
  }, 250);
  return {
    stop: () => {
      clearInterval(timer);
      return instances.map((instance, i) => {
        const now = rssMb(instance.process.pid!);
        return { now, peak: Math.max(peak[i]!, now) };
      });
    },
  };
}

// ---------------------------------------------------------------------------------------------------- figures

/** Nearest-rank percentile. */
function percentile(values: number[], p: number): number {
  if (values.length === 0) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.max(0, Math.ceil(p * sorted.length) - 1)]!;
}

const ms = (value: number) => (Number.isNaN(value) ? '–' : value < 10 ? value.toFixed(2) : value.toFixed(1));
const mb = (value: number) => value.toFixed(1);

function table(headers: string[], rows: (string | number)[][]): string {
  const lines = [`| ${headers.join(' | ')} |`, `|${headers.map((header, i) => (i === 0 ? ' --- ' : ' ---: ')).join('|')}|`];
  for (const row of rows) lines.push(`| ${row.join(' | ')} |`);
  return lines.join('\n');
}

// ---------------------------------------------------------------------------------------------------- one configuration

interface ConfigResult {
  name: string;
  instances: string[];
  levels: { concurrency: number; result: LevelResult; juspayCallsPerOp: number; kitCpu: number; benchCpu: number }[];
  perPayCalls: number[];
  direct: { viaRecorder: DirectResult; toSandbox: DirectResult };
  rss: { point: string; values: string[] }[];
}

/**
 * One configuration on a sandbox of its own. The sandbox's List scans every wallet it holds
 * (src/sandbox/store.ts walletsOf), so each configuration starts from an empty sandbox and creates all its
 * customers before the first timed request: every level then runs against the same number of wallets.
 */
async function measure(
  name: string,
  start: (instanceConfig: InstanceConfig) => Promise<{ instances: KitInstance[]; target: Target; close(): Promise<void> }>,
  redisUrl: string | undefined,
): Promise<ConfigResult> {
  const served = await serveSandbox({ port: 0 });
  const { sandbox } = served;
  let recorder: JuspayRecorder | undefined;
  let running: Awaited<ReturnType<typeof start>> | undefined;
  try {
    recorder = await recordJuspay(served.url);
    const warmup = makeShoppers(sandbox, WARMUP_OPS);
    const perLevel = LEVELS.map((concurrency) => makeShoppers(sandbox, concurrency === 1 ? OPS_SERIAL : OPS));
    const counted = makeShoppers(sandbox, COUNTED_PAYS);
    const direct = { viaRecorder: makeShoppers(sandbox, DIRECT_OPS), toSandbox: makeShoppers(sandbox, DIRECT_OPS) };
    const directWarmup = makeShoppers(sandbox, 50);

    running = await start({
      juspay: { baseUrl: recorder.url, apiKey: sandbox.apiKey, merchantId: sandbox.merchantId },
      sessionSecret: SECRET,
      redisUrl,
      kitOptions: { limits: NO_LIMITS },
      quiet: true,
    });
    const { instances, target } = running;
    const pids = instances.map((instance) => instance.process.pid!);
    const rss: ConfigResult['rss'] = [];
    const rssNow = (point: string) => rss.push({ point, values: pids.map((pid) => mb(rssMb(pid))) });
    rssNow('ready');

    const warmed = await runLoad(target, warmup, 8);
    if (warmed.errors.length) throw new Error(`warm-up failed: ${warmed.errors.slice(0, 3).join('; ')}`);
    rssNow(`after warm-up (${WARMUP_OPS} ops)`);

    const levels: ConfigResult['levels'] = [];
    let directResult: ConfigResult['direct'] | undefined;
    for (const [i, concurrency] of LEVELS.entries()) {
      const shoppers = perLevel[i]!;
      const callsBefore = recorder.calls.length;
      const kitCpuBefore = pids.reduce((sum, pid) => sum + cpuSeconds(pid), 0);
      const benchCpuBefore = selfCpuSeconds();
      const sampler = sampleRss(instances);
      const result = await runLoad(target, shoppers, concurrency);
      const sampled = sampler.stop();
      const kitCpu = pids.reduce((sum, pid) => sum + cpuSeconds(pid), 0) - kitCpuBefore;
      const benchCpu = selfCpuSeconds() - benchCpuBefore;
      levels.push({
        concurrency,
        result,
        juspayCallsPerOp: (recorder.calls.length - callsBefore) / shoppers.length,
        kitCpu: kitCpu / result.seconds,
        benchCpu: benchCpu / result.seconds,
      });
      rss.push({ point: `c=${concurrency}: end (peak during)`, values: sampled.map((s) => `${mb(s.now)} (${mb(s.peak)})`) });
      process.stderr.write(`  ${name}: c=${concurrency} done in ${result.seconds.toFixed(1)} s\n`);

      if (concurrency === 1) {
        // Right after the kit's serial level, on the same sandbox: the same calls without the kit.
        await runDirect(served.url, sandbox, directWarmup);
        directResult = {
          viaRecorder: await runDirect(recorder.url, sandbox, direct.viaRecorder),
          toSandbox: await runDirect(served.url, sandbox, direct.toSandbox),
        };
      }
    }

    // Sequential, nothing else in flight: each pay's own Juspay calls are the recorder's count delta around it.
    const perPayCalls: number[] = [];
    for (const shopper of counted) {
      const checkout = await kitCall(target, shopper, 'GET', '/checkout');
      const walletId = (JSON.parse(checkout.text) as { wallets: { id: string; provider: string }[] }).wallets.find((w) => w.provider === 'GOPAY')!.id;
      const before = recorder.calls.length;
      const pay = await kitCall(target, shopper, 'POST', '/pay', { walletId });
      if (pay.status !== 200) throw new Error(`counted pay answered ${pay.status}: ${pay.text}`);
      perPayCalls.push(recorder.calls.length - before);
    }

    await new Promise((resolve) => setTimeout(resolve, IDLE_MS));
    rssNow(`idle ${IDLE_MS / 1000} s after the last level`);

    return { name, instances: instances.map((instance) => instance.name), levels, perPayCalls, direct: directResult!, rss };
  } finally {
    await running?.close();
    await recorder?.close();
    await served.close();
  }
}

// ---------------------------------------------------------------------------------------------------- main

function redisVersion(): string {
  try {
    return /v=(\S+)/.exec(execFileSync('redis-server', ['--version']).toString())?.[1] ?? 'unknown';
  } catch {
    return 'not installed';
  }
}

function printConfig(config: ConfigResult) {
  console.log(`\n### ${config.name}\n`);
  console.log(
    table(
      ['concurrency', 'ops', 'requests/s', 'checkout p50', 'checkout p99', 'pay p50', 'pay p99', 'errors', 'Juspay calls/op', 'kit CPU', 'bench CPU'],
      config.levels.map(({ concurrency, result, juspayCallsPerOp, kitCpu, benchCpu }) => [
        concurrency,
        result.checkoutMs.length,
        (result.requests / result.seconds).toFixed(0),
        ms(percentile(result.checkoutMs, 0.5)),
        ms(percentile(result.checkoutMs, 0.99)),
        ms(percentile(result.payMs, 0.5)),
        ms(percentile(result.payMs, 0.99)),
        result.errors.length,
        juspayCallsPerOp.toFixed(2),
        `${(kitCpu * 100).toFixed(0)} %`,
        `${(benchCpu * 100).toFixed(0)} %`,
      ]),
    ),
  );
  for (const { concurrency, result } of config.levels) {
    if (result.errors.length === 0) continue;
    // The same failure repeated is one line with its count.
    const counts = new Map<string, number>();
    for (const error of result.errors) counts.set(error, (counts.get(error) ?? 0) + 1);
    console.log(`\nErrors at concurrency ${concurrency}:`);
    for (const [error, count] of counts) console.log(`- ${count} × ${error}`);
  }
}

async function main() {
  const began = performance.now();
  const redis = (await startRedis()) as { url: string; stop(): void };
  try {
    const single = await measure(
      '(a) one kit process, MemoryStore, called directly',
      async (config) => {
        const instance = await startInstance('solo', config);
        return {
          instances: [instance],
          target: { url: instance.url, ipHeader: 'x-forwarded-for' },
          close: async () => instance.kill(),
        };
      },
      undefined,
    );
    const cluster = await measure(
      '(b) three kit processes, RedisStore, behind the round-robin proxy',
      async (config) => {
        const instances = await Promise.all(['a', 'b', 'c'].map((name) => startInstance(name, config)));
        const proxy = await roundRobin(instances);
        return {
          instances,
          target: { url: proxy.url, ipHeader: 'x-test-client-ip' },
          close: async () => {
            await proxy.close();
            for (const instance of instances) instance.kill();
          },
        };
      },
      redis.url,
    );
    const configs = [single, cluster];

    console.log('## Kit benchmark (`npm run bench:kit`)\n');
    console.log(
      table(
        ['machine', ''],
        [
          ['CPUs', `${cpus().length} × ${cpus()[0]?.model.trim() ?? '?'}`],
          ['memory', `${(totalmem() / 2 ** 30).toFixed(1)} GiB`],
          ['Node', process.version],
          ['Redis', redisVersion()],
        ],
      ),
    );
    console.log(
      [
        '',
        'All over loopback HTTP on this machine: the kit processes (test/cluster/kit-instance.ts), and in the bench',
        'process the Juspay sandbox, the recording proxy in front of it (the kit\'s Juspay base URL), the round-robin',
        'proxy (b) and the load generator. CPU columns: CPU time per wall second during the level (100 % = one core),',
        'summed over the kit processes, and of the bench process.',
        `Abuse limits switched off for the benchmark (kitOptions.limits: ${Object.keys(NO_LIMITS).join(', ')} = false).`,
        'An operation is one shopper\'s GET /checkout then POST /pay, each shopper a fresh customer (a linked GOPAY',
        'wallet), a fresh order and an IP of its own, all made before the timed run. requests/s counts HTTP requests',
        `to the kit (2 per operation); latencies are milliseconds at the client; errors are non-2xx answers,`,
        `failed requests and pays not CHARGED. ${WARMUP_OPS} unreported warm-up operations at concurrency 8 come first.`,
      ].join('\n'),
    );

    console.log('\n## 1. Checkout and pay under load');
    for (const config of configs) printConfig(config);

    console.log('\n## 2. Kit latency against the same Juspay calls made directly (concurrency 1, p50 in ms)\n');
    console.log(
      [
        `Direct: ${DIRECT_OPS} sequential rounds with JuspayClient (src/server), fresh customers and orders, right after`,
        'the kit\'s concurrency-1 level on the same sandbox. Checkout = List; pay = order status + List + /txns. The',
        'kit reaches Juspay through the recorder, so "direct via recorder" is the like-for-like baseline; "direct to',
        'sandbox" leaves out that hop too.',
        '',
      ].join('\n'),
    );
    const rows: (string | number)[][] = [];
    for (const config of configs) {
      const serial = config.levels.find((level) => level.concurrency === 1)!.result;
      const kinds = [
        ['GET /checkout (1 call)', percentile(serial.checkoutMs, 0.5), config.direct.viaRecorder.listMs, config.direct.toSandbox.listMs],
        ['POST /pay (3 calls)', percentile(serial.payMs, 0.5), config.direct.viaRecorder.payMs, config.direct.toSandbox.payMs],
      ] as const;
      for (const [kind, kit, viaRecorder, toSandbox] of kinds) {
        const [recorderP50, sandboxP50] = [percentile([...viaRecorder], 0.5), percentile([...toSandbox], 0.5)];
        rows.push([
          `${config.name.slice(0, 3)} ${kind}`,
          ms(kit),
          ms(recorderP50),
          `${(kit / recorderP50).toFixed(2)}×`,
          ms(sandboxP50),
          `${(kit / sandboxP50).toFixed(2)}×`,
        ]);
      }
    }
    console.log(table(['request', 'kit p50', 'direct via recorder p50', 'ratio', 'direct to sandbox p50', 'ratio'], rows));

    console.log('\n## 3. Juspay calls per pay\n');
    console.log(`${COUNTED_PAYS} sequential pays per configuration (each after its checkout), counted by the recording proxy.\n`);
    console.log(
      table(
        ['configuration', 'pays', 'average', 'max', 'expected'],
        configs.map((config) => [
          config.name.slice(0, 3),
          config.perPayCalls.length,
          (config.perPayCalls.reduce((sum, n) => sum + n, 0) / config.perPayCalls.length).toFixed(2),
          Math.max(...config.perPayCalls),
          '3 (order status, List, /txns)',
        ]),
      ),
    );

    console.log('\n## 4. Kit process RSS (MB, VmRSS)\n');
    console.log('Read after start, after warm-up, at the end of each level (with the peak sampled every 250 ms during it), and idle afterwards.');
    for (const config of configs) {
      console.log(`\n${config.name}\n`);
      console.log(table(['point', ...config.instances.map((name) => `instance ${name}`)], config.rss.map((row) => [row.point, ...row.values])));
    }
    console.log(`\nTotal bench time: ${((performance.now() - began) / 1000).toFixed(0)} s.`);
  } finally {
    redis.stop();
  }
}

await main();
