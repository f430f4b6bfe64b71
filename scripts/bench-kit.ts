/**
 * `npm run bench:kit`: the merchant backend kit under load, as markdown tables on stdout. It prints figures only
 * and asserts nothing about time (timings depend on the machine); it exits non-zero only if it could not measure.
 *
 *   load      an operation is one shopper's GET /checkout then POST /pay (a fresh customer and order each, made
 *             before the timed run), a fixed number of operations per level at concurrency 1, 8, 32, 64 and 64
 *             once more, for (a) one kit process on MemoryStore, called directly, and (b) three kit processes
 *             on one Redis behind the round-robin proxy: requests/s, p50/p99 per request kind, errors, Juspay
 *             calls per operation, and the CPU each process used
 *   overhead  kit p50 at concurrency 1 against the same Juspay calls made directly with JuspayClient (checkout:
 *             List; pay: order status, List, /txns), through the recorder the kit talks to and straight to the
 *             sandbox
 *   calls     Juspay calls per pay, counted by the recording proxy around sequential pays
 *   memory    each kit process's RSS after start, after warm-up, during and after each level, and idle after it
 *
 * Processes (test/cluster/cluster.ts, all over loopback HTTP): the kit instances (test/cluster/kit-instance.ts);
 * a "Juspay" child running the sandbox and the recording proxy in front of it (this file with
 * BENCH_KIT_ROLE=juspay, driven over IPC); redis-server for (b); and this process, the load generator and the
 * round-robin proxy. The sandbox is not in this process because one event loop serving the sandbox, the recorder
 * and the load generator saturates before one kit process does, and the figures would be this script's.
 *
 * Env: BENCH_KIT_OPS (operations per level at concurrency >= 8, default 1500), BENCH_KIT_OPS_SERIAL (at
 * concurrency 1, default 300).
 */
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { cpus, loadavg, totalmem } from 'node:os';
import { fileURLToPath } from 'node:url';
import { createClient } from 'redis';
import { JuspayClient, type CheckoutSession } from '../src/server/index.js';
import { roundRobin, startInstance, type InstanceConfig, type KitInstance } from '../test/cluster/cluster.js';
import { mintSession } from '../test/cluster/sessions.js';

/** The top level runs twice: a second pass at the same load shows whether RSS keeps growing or has levelled off. */
const LEVELS = [
  { concurrency: 1, label: '1' },
  { concurrency: 8, label: '8' },
  { concurrency: 32, label: '32' },
  { concurrency: 64, label: '64' },
  { concurrency: 64, label: '64 again' },
];
const OPS = Number(process.env.BENCH_KIT_OPS ?? 1500);
const OPS_SERIAL = Number(process.env.BENCH_KIT_OPS_SERIAL ?? 300);
/** Unreported operations before the first level, so the kit's code is compiled and its connections open. */
const WARMUP_OPS = 300;
/** Sequential pays whose Juspay calls are counted one by one. */
const COUNTED_PAYS = 50;
/** Sequential direct-call rounds for the overhead ratio, per baseline (as many as the kit's serial level). */
const DIRECT_OPS = OPS_SERIAL;
/** How long the kit processes sit idle after the last level before their RSS is read once more. */
const IDLE_MS = 5000;
const SECRET = 'bench-kit-secret';
/**
 * Abuse limits off: they exist to stop one shopper, IP or script, and thousands of shoppers from one machine in
 * a few seconds would otherwise measure them rather than the kit.
 */
const NO_LIMITS = {
  requestsPerIp: false,
  requestsPerCustomer: false,
  checkoutPerCustomer: false,
  refreshPerCustomer: false,
  smsPerMerchant: false,
};

// ---------------------------------------------------------------------------------------------------- the Juspay child

/** This process's messages to the Juspay child, and its answers. */
type Ask = { type: 'personas'; count: number } | { type: 'calls' };
interface Hello {
  sandboxUrl: string;
  recorderUrl: string;
  apiKey: string;
  merchantId: string;
}

/** The child's side: a sandbox and its recorder, answering asks in order (IPC keeps messages in order). */
async function juspayChild(): Promise<void> {
  const { serveSandbox } = await import('../src/sandbox/index.js');
  const { recordJuspay } = await import('../test/cluster/cluster.js');
  const served = await serveSandbox({ port: 0 });
  const recorder = await recordJuspay(served.url);
  const { sandbox } = served;
  process.on('message', (ask: Ask) => {
    if (ask.type === 'personas') {
      // 'linked': one GOPAY wallet, linked, with balance for several orders.
      process.send!(Array.from({ length: ask.count }, () => sandbox.persona('linked')));
    } else {
      process.send!(recorder.calls.length);
      // Only the count is wanted: the recorded bodies would otherwise pile up in this process.
      recorder.calls.length = 0;
    }
  });
  // The parent going away (IPC closed) is the signal to stop.
  process.on('disconnect', () => {
    void Promise.all([recorder.close(), served.close()]).then(() => process.exit(0));
  });
  const hello: Hello = { sandboxUrl: served.url, recorderUrl: recorder.url, apiKey: sandbox.apiKey, merchantId: sandbox.merchantId };
  process.send!(hello);
}

interface JuspaySide extends Hello {
  process: ChildProcess;
  personas(count: number): Promise<string[]>;
  /** Juspay calls the recorder saw since the last time this was asked. */
  callsSinceLast(): Promise<number>;
  close(): Promise<void>;
}

async function startJuspaySide(): Promise<JuspaySide> {
  const child = spawn(process.execPath, ['--import', 'tsx', fileURLToPath(import.meta.url)], {
    env: { ...process.env, BENCH_KIT_ROLE: 'juspay' },
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const next = () =>
    new Promise<unknown>((resolve, reject) => {
      const onExit = (code: number | null) => reject(new Error(`the Juspay child exited (${code})`));
      child.once('exit', onExit);
      child.once('message', (message) => {
        child.off('exit', onExit);
        resolve(message);
      });
    });
  const hello = (await next()) as Hello;
  // One ask at a time: each answer is the next message.
  let queue: Promise<unknown> = Promise.resolve();
  const ask = <T>(message: Ask) => {
    const answer = queue.then(() => {
      const reply = next();
      child.send(message);
      return reply;
    });
    queue = answer.catch(() => undefined);
    return answer as Promise<T>;
  };
  return {
    ...hello,
    process: child,
    personas: (count) => ask<string[]>({ type: 'personas', count }),
    callsSinceLast: () => ask<number>({ type: 'calls' }),
    close: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null || child.signalCode !== null) return resolve();
        child.once('exit', () => resolve());
        if (child.connected) child.disconnect();
        else child.kill();
      }),
  };
}

// ---------------------------------------------------------------------------------------------------- shoppers

interface Shopper {
  session: CheckoutSession;
  token: string;
  ip: string;
}

let orderSeq = 0;
/** Order ids must match /^[A-Za-z0-9]{1,20}$/ and be unique per sandbox; the time prefix keeps runs apart too. */
const RUN = Date.now().toString(36);

/** Fresh customers, each with a fresh order, a Bearer token and a client IP of its own. */
async function makeShoppers(juspay: JuspaySide, count: number): Promise<Shopper[]> {
  return (await juspay.personas(count)).map((customerId) => {
    orderSeq += 1;
    const session: CheckoutSession = {
      customerId,
      orderId: `B${RUN}${orderSeq.toString(36)}`,
      amount: 150_000,
      currency: 'IDR',
      returnUrl: 'https://shop.example/return',
      customerPhone: `08${String(orderSeq).padStart(10, '0')}`,
    };
    // Its own client address, so no per-IP anything is what gets measured.
    const ip = `10.${(orderSeq >> 16) & 255}.${(orderSeq >> 8) & 255}.${orderSeq & 255}`;
    return { session, token: mintSession(session, SECRET), ip };
  });
}

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

type Wallets = { wallets: { id: string; provider: string; linked: boolean }[] };

/** One shopper's checkout then pay. Anything but 200 (and a CHARGED pay) is an error, kept with its answer. */
async function operation(target: Target, shopper: Shopper, into: LevelResult): Promise<void> {
  const fail = (what: string, status: number | string, text: string) => void into.errors.push(`${what} ${status} ${text.slice(0, 160)}`);
  into.requests += 1;
  let checkout: Awaited<ReturnType<typeof kitCall>>;
  try {
    checkout = await kitCall(target, shopper, 'GET', '/checkout');
  } catch (error) {
    return fail('checkout', 'failed', String(error));
  }
  into.checkoutMs.push(checkout.ms);
  if (checkout.status !== 200) return fail('checkout', checkout.status, checkout.text);
  const wallet = (JSON.parse(checkout.text) as Wallets).wallets.find((w) => w.provider === 'GOPAY' && w.linked);
  if (!wallet) return fail('checkout (no linked GOPAY)', checkout.status, checkout.text);
  into.requests += 1;
  let pay: Awaited<ReturnType<typeof kitCall>>;
  try {
    pay = await kitCall(target, shopper, 'POST', '/pay', { walletId: wallet.id });
  } catch (error) {
    return fail('pay', 'failed', String(error));
  }
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
 * What the kit asks Juspay for, without the kit, one round at a time: List (the checkout's one call), then order
 * status, List and /txns with an inline order (the pay's three calls, as src/server/pay.ts makes them for an
 * order Juspay does not know yet).
 */
async function runDirect(baseUrl: string, juspaySide: JuspaySide, shoppers: Shopper[]): Promise<DirectResult> {
  const juspay = new JuspayClient({ baseUrl, apiKey: juspaySide.apiKey, merchantId: juspaySide.merchantId });
  const result: DirectResult = { listMs: [], payMs: [] };
  for (const { session } of shoppers) {
    let started = performance.now();
    await juspay.listWallets(session.customerId);
    result.listMs.push(performance.now() - started);

    started = performance.now();
    if (await juspay.orderStatus(session.customerId, session.orderId)) throw new Error(`direct: order ${session.orderId} already exists`);
    const wallet = (await juspay.listWallets(session.customerId)).find((w) => w.wallet === 'GOPAY' && w.token);
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

const CLK_TCK = Number(execFileSync('getconf', ['CLK_TCK']).toString().trim()) || 100;

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

/** CPU seconds the whole machine has been busy (all cores; /proc/stat: everything but idle and iowait). */
function machineBusySeconds(): number {
  // cpu  user nice system idle iowait irq softirq steal …
  const [user, nice, system, , , irq, softirq, steal] = readFileSync('/proc/stat', 'utf8')
    .split('\n')[0]!
    .trim()
    .split(/\s+/)
    .slice(1)
    .map(Number);
  return (user! + nice! + system! + irq! + softirq! + steal!) / CLK_TCK;
}

/** What this script asks of its Redis client. */
interface RedisInfo {
  info(section: string): Promise<unknown>;
}

/** Redis's own CPU seconds (INFO cpu): its process is not ours to look up. */
async function redisCpuSeconds(client: RedisInfo | undefined): Promise<number> {
  if (!client) return 0;
  const info = String(await client.info('cpu'));
  const field = (name: string) => Number(new RegExp(`^${name}:([\\d.]+)`, 'm').exec(info)?.[1] ?? 0);
  return field('used_cpu_user') + field('used_cpu_sys');
}

/** RSS of every instance, read every 250 ms while a level runs, for the peak. */
function sampleRss(pids: number[]) {
  const peak = pids.map(rssMb);
  const timer = setInterval(
    () =>
      pids.forEach((pid, i) => {
        peak[i] = Math.max(peak[i]!, rssMb(pid));
      }),
    250,
  );
  return () => {
    clearInterval(timer);
    return pids.map((pid, i) => {
      const now = rssMb(pid);
      return { now, peak: Math.max(peak[i]!, now) };
    });
  };
}

// ---------------------------------------------------------------------------------------------------- figures

/** Nearest-rank percentile. */
function percentile(values: readonly number[], p: number): number {
  if (values.length === 0) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.max(0, Math.ceil(p * sorted.length) - 1)]!;
}

const ms = (value: number) => (Number.isNaN(value) ? '–' : value < 10 ? value.toFixed(2) : value.toFixed(1));
const mb = (value: number) => value.toFixed(1);
const pct = (share: number) => `${(share * 100).toFixed(0)} %`;

function table(headers: string[], rows: (string | number)[][]): string {
  const lines = [`| ${headers.join(' | ')} |`, `|${headers.map((_, i) => (i === 0 ? ' --- ' : ' ---: ')).join('|')}|`];
  for (const row of rows) lines.push(`| ${row.join(' | ')} |`);
  return lines.join('\n');
}

// ---------------------------------------------------------------------------------------------------- one configuration

interface Level {
  concurrency: number;
  label: string;
  result: LevelResult;
  juspayCallsPerOp: number;
  /** CPU seconds per wall second during the level (1 = one core); other = the machine's busy time minus ours. */
  cpu: { kit: number; juspay: number; bench: number; redis: number; other: number };
}

interface ConfigResult {
  name: string;
  short: string;
  instances: string[];
  levels: Level[];
  perPayCalls: number[];
  direct: { viaRecorder: DirectResult; toSandbox: DirectResult };
  rss: { point: string; values: string[] }[];
}

interface Running {
  instances: KitInstance[];
  target: Target;
  close(): Promise<void>;
}

/**
 * One configuration on a Juspay child of its own. The sandbox's List scans every wallet it holds
 * (src/sandbox/store.ts walletsOf), so each configuration starts from an empty sandbox and creates all its
 * customers before the first timed request: every level then runs against the same number of wallets.
 */
async function measure(
  name: string,
  short: string,
  start: (config: InstanceConfig) => Promise<Running>,
  redis: { url: string; client: RedisInfo } | undefined,
): Promise<ConfigResult> {
  const juspay = await startJuspaySide();
  let running: Running | undefined;
  try {
    const warmup = await makeShoppers(juspay, WARMUP_OPS);
    const perLevel: Shopper[][] = [];
    for (const { concurrency } of LEVELS) perLevel.push(await makeShoppers(juspay, concurrency === 1 ? OPS_SERIAL : OPS));
    const counted = await makeShoppers(juspay, COUNTED_PAYS);
    const directWarmup = await makeShoppers(juspay, 50);
    const direct = { viaRecorder: await makeShoppers(juspay, DIRECT_OPS), toSandbox: await makeShoppers(juspay, DIRECT_OPS) };

    running = await start({
      juspay: { baseUrl: juspay.recorderUrl, apiKey: juspay.apiKey, merchantId: juspay.merchantId },
      sessionSecret: SECRET,
      redisUrl: redis?.url,
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

    const levels: Level[] = [];
    let directResult: ConfigResult['direct'] | undefined;
    for (const [i, { concurrency, label }] of LEVELS.entries()) {
      const shoppers = perLevel[i]!;
      await juspay.callsSinceLast();
      const cpuNow = async () => ({
        kit: pids.reduce((sum, pid) => sum + cpuSeconds(pid), 0),
        juspay: cpuSeconds(juspay.process.pid!),
        bench: cpuSeconds(process.pid),
        redis: await redisCpuSeconds(redis?.client),
        machine: machineBusySeconds(),
      });
      const cpuBefore = await cpuNow();
      const stopSampling = sampleRss(pids);
      const result = await runLoad(target, shoppers, concurrency);
      const sampled = stopSampling();
      const cpuAfter = await cpuNow();
      const perSecond = (key: keyof typeof cpuBefore) => (cpuAfter[key] - cpuBefore[key]) / result.seconds;
      levels.push({
        concurrency,
        label,
        result,
        juspayCallsPerOp: (await juspay.callsSinceLast()) / shoppers.length,
        cpu: {
          kit: perSecond('kit'),
          juspay: perSecond('juspay'),
          bench: perSecond('bench'),
          redis: perSecond('redis'),
          other: Math.max(0, perSecond('machine') - perSecond('kit') - perSecond('juspay') - perSecond('bench') - perSecond('redis')),
        },
      });
      rss.push({ point: `c=${label}: end (peak during)`, values: sampled.map((s) => `${mb(s.now)} (${mb(s.peak)})`) });
      process.stderr.write(`${short} c=${label}: ${shoppers.length} ops in ${result.seconds.toFixed(1)} s\n`);

      if (i === 0) {
        // Right after the kit's serial level, on the same sandbox: the same calls without the kit.
        await runDirect(juspay.sandboxUrl, juspay, directWarmup);
        directResult = {
          viaRecorder: await runDirect(juspay.recorderUrl, juspay, direct.viaRecorder),
          toSandbox: await runDirect(juspay.sandboxUrl, juspay, direct.toSandbox),
        };
      }
    }

    // Sequential, nothing else in flight: each pay's Juspay calls are the recorder's count around it.
    const perPayCalls: number[] = [];
    for (const shopper of counted) {
      const checkout = await kitCall(target, shopper, 'GET', '/checkout');
      const walletId = (JSON.parse(checkout.text) as Wallets).wallets.find((w) => w.provider === 'GOPAY')!.id;
      await juspay.callsSinceLast();
      const pay = await kitCall(target, shopper, 'POST', '/pay', { walletId });
      if (pay.status !== 200) throw new Error(`counted pay answered ${pay.status}: ${pay.text}`);
      perPayCalls.push(await juspay.callsSinceLast());
    }

    await new Promise((resolve) => setTimeout(resolve, IDLE_MS));
    rssNow(`idle ${IDLE_MS / 1000} s after the last level`);

    return { name, short, instances: instances.map((instance) => instance.name), levels, perPayCalls, direct: directResult!, rss };
  } finally {
    await running?.close();
    await juspay.close();
  }
}

// ---------------------------------------------------------------------------------------------------- report

function redisVersion(): string {
  try {
    return /v=(\S+)/.exec(execFileSync('redis-server', ['--version']).toString())?.[1] ?? 'unknown';
  } catch {
    return 'not installed';
  }
}

function printHeader(loadAtStart: number) {
  console.log('## Kit benchmark (`npm run bench:kit`)\n');
  console.log(
    table(
      ['machine', ''],
      [
        ['CPUs', `${cpus().length} × ${cpus()[0]?.model.trim() ?? '?'}`],
        ['memory', `${(totalmem() / 2 ** 30).toFixed(1)} GiB`],
        ['Node', process.version],
        ['Redis', redisVersion()],
        ['load average (1 min)', `${loadAtStart.toFixed(2)} at the start, ${loadavg()[0]!.toFixed(2)} at the end`],
      ],
    ),
  );
  console.log(`
Everything runs on this machine over loopback HTTP: the kit processes (test/cluster/kit-instance.ts); a "Juspay"
process with the sandbox and the recording proxy in front of it (the kit's Juspay base URL); redis-server (b);
and the bench process (load generator, and the round-robin proxy in (b)). They share the cores, so the CPU used
by each during a level is printed next to it (CPU seconds per wall second, 100 % = one core; kit = the sum over
its processes; other = the machine's busy time minus all of these: other work on the machine, and kernel time
billed to no process).

Abuse limits are switched off so that they are not what gets measured (kitOptions.limits:
${Object.keys(NO_LIMITS).join(', ')} = false).

An operation is one shopper's GET /checkout then POST /pay; every shopper is a fresh sandbox customer (persona
'linked': one linked GOPAY wallet) with a fresh order and a client IP of its own, all made before the timed run.
requests/s counts HTTP requests to the kit (2 per operation); latencies are milliseconds at the client; errors
are non-2xx answers, failed requests and pays not CHARGED. Each configuration first runs ${WARMUP_OPS} unreported
warm-up operations at concurrency 8, and gets a sandbox of its own.`);
}

function printLoad(config: ConfigResult) {
  console.log(`\n### ${config.name}\n`);
  console.log(
    table(
      [
        'concurrency',
        'ops',
        'requests/s',
        'checkout p50',
        'checkout p99',
        'pay p50',
        'pay p99',
        'errors',
        'Juspay calls/op',
        'CPU kit',
        'CPU Juspay',
        'CPU Redis',
        'CPU bench',
        'CPU other',
      ],
      config.levels.map(({ label, result, juspayCallsPerOp, cpu }) => [
        label,
        result.checkoutMs.length,
        (result.requests / result.seconds).toFixed(0),
        ms(percentile(result.checkoutMs, 0.5)),
        ms(percentile(result.checkoutMs, 0.99)),
        ms(percentile(result.payMs, 0.5)),
        ms(percentile(result.payMs, 0.99)),
        result.errors.length,
        juspayCallsPerOp.toFixed(2),
        pct(cpu.kit),
        pct(cpu.juspay),
        config.short === '(a)' ? '–' : pct(cpu.redis),
        pct(cpu.bench),
        pct(cpu.other),
      ]),
    ),
  );
  for (const { label, result } of config.levels) {
    if (result.errors.length === 0) continue;
    // The same failure repeated is one line with its count.
    const counts = new Map<string, number>();
    for (const error of result.errors) counts.set(error, (counts.get(error) ?? 0) + 1);
    console.log(`\nErrors at concurrency ${label}:`);
    for (const [error, count] of counts) console.log(`- ${count} × ${error}`);
  }
}

function printOverhead(configs: ConfigResult[]) {
  console.log('\n## 2. Kit latency against the same Juspay calls made directly (concurrency 1, p50, ms)\n');
  console.log(`Direct: ${DIRECT_OPS} sequential rounds per baseline with JuspayClient (src/server), fresh customers and orders,
right after the kit's concurrency-1 level on the same sandbox. Checkout = List; pay = order status + List + /txns.
The kit reaches Juspay through the recorder, so "via recorder" is the like-for-like baseline; "to sandbox" also
leaves out that hop. (b)'s kit figures include the round-robin proxy's hop.
`);
  const rows: (string | number)[][] = [];
  for (const config of configs) {
    const serial = config.levels[0]!.result;
    const kinds = [
      ['GET /checkout (1 call)', serial.checkoutMs, config.direct.viaRecorder.listMs, config.direct.toSandbox.listMs],
      ['POST /pay (3 calls)', serial.payMs, config.direct.viaRecorder.payMs, config.direct.toSandbox.payMs],
    ] as const;
    for (const [kind, kitMs, viaRecorderMs, toSandboxMs] of kinds) {
      const [kit, viaRecorder, toSandbox] = [percentile(kitMs, 0.5), percentile(viaRecorderMs, 0.5), percentile(toSandboxMs, 0.5)];
      rows.push([
        `${config.short} ${kind}`,
        ms(kit),
        ms(viaRecorder),
        `${(kit / viaRecorder).toFixed(2)}×`,
        ms(toSandbox),
        `${(kit / toSandbox).toFixed(2)}×`,
      ]);
    }
  }
  console.log(table(['request', 'kit', 'direct via recorder', 'kit / direct', 'direct to sandbox', 'kit / direct'], rows));
}

function printCalls(configs: ConfigResult[]) {
  console.log('\n## 3. Juspay calls per pay\n');
  console.log(
    `${COUNTED_PAYS} sequential pays per configuration after the load (each after its own checkout), counted by the recording proxy.\n`,
  );
  console.log(
    table(
      ['configuration', 'pays', 'average', 'max', 'expected'],
      configs.map((config) => [
        config.short,
        config.perPayCalls.length,
        (config.perPayCalls.reduce((sum, n) => sum + n, 0) / config.perPayCalls.length).toFixed(2),
        Math.max(...config.perPayCalls),
        '3 (order status, List, /txns)',
      ]),
    ),
  );
}

function printRss(configs: ConfigResult[]) {
  console.log('\n## 4. Kit process RSS (MB, VmRSS)\n');
  console.log(`After start, after warm-up, at the end of each level with its peak (sampled every 250 ms), and idle afterwards.
The kit keeps each order's pay result for 24 h (src/server/pay.ts RESULT_TTL_SECONDS): in (a) that is in the
process's MemoryStore, one entry more per order; in (b) it is in Redis.`);
  for (const config of configs) {
    console.log(`\n${config.name}\n`);
    console.log(
      table(
        ['point', ...config.instances.map((name) => `instance ${name}`)],
        config.rss.map((row) => [row.point, ...row.values]),
      ),
    );
  }
}

// ---------------------------------------------------------------------------------------------------- main

async function main() {
  const began = performance.now();
  const loadAtStart = loadavg()[0]!;
  // @ts-expect-error: a plain .mjs module shared with the test runner, without types.
  const { startRedis } = (await import('./redis-server.mjs')) as { startRedis(): Promise<{ url: string; stop(): void }> };
  const redis = await startRedis();
  const redisClient = createClient({ url: redis.url });
  try {
    await redisClient.connect();
    const single = await measure(
      '(a) one kit process, MemoryStore, called directly',
      '(a)',
      async (config) => {
        const instance = await startInstance('solo', config);
        return { instances: [instance], target: { url: instance.url, ipHeader: 'x-forwarded-for' }, close: async () => instance.kill() };
      },
      undefined,
    );
    const cluster = await measure(
      '(b) three kit processes, RedisStore, behind the round-robin proxy',
      '(b)',
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
      { url: redis.url, client: redisClient },
    );
    const configs = [single, cluster];

    printHeader(loadAtStart);
    console.log('\n## 1. Checkout and pay under load');
    for (const config of configs) printLoad(config);
    printOverhead(configs);
    printCalls(configs);
    printRss(configs);
    console.log(`\nBench time: ${((performance.now() - began) / 1000).toFixed(0)} s.`);
  } finally {
    await redisClient.quit().catch(() => undefined);
    redis.stop();
  }
}

if (process.env.BENCH_KIT_ROLE === 'juspay') await juspayChild();
else await main();
