#!/usr/bin/env node
/**
 * `npm test`: every suite, in order, each on real parts:
 *   0. lint        Biome (format + lint) over the tree, lit-analyzer over the templates (scripts/lint.mjs)
 *   1. build       the ESM build, the script-tag bundle and its size budget (fails over budget)
 *   2. node        sandbox, kit, contract doc, architecture, the elements' pure modules (flow, navigation, i18n,
 *                  events), and three kit processes on Redis behind a round-robin proxy (node:test, real HTTP on
 *                  loopback, a real redis-server on a free port)
 *   2b. redis      the kit's suites again with every kit on RedisStore
 *   3. browser     elements in Chromium, then Firefox, against the real kit + sandbox (web-test-runner)
 *   4. e2e         the demo and the script-tag page driven end to end by playwright-core
 * and a closing line "N passed, N failed" summing them. `npm test -- node browser` runs only those suites.
 *
 * A test file's name says its runner: `*.browser.test.ts` runs in the browsers (web-test-runner.config.mjs picks
 * them), `*.e2e.ts` end to end, and every other `*.test.ts` under test/ in node.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ensurePackages } from './ensure-packages.mjs';
import { startRedis } from './redis-server.mjs';

const root = new URL('..', import.meta.url).pathname;
const only = process.argv.slice(2);
const wanted = (name) => only.length === 0 || only.includes(name);

/** The files under `dirs` whose name ends with `suffix` and not with any of `except` (installed apps skipped). */
function listTests(dirs, suffix, except = []) {
  const files = [];
  for (const dir of dirs) {
    const abs = join(root, dir);
    if (!existsSync(abs)) continue;
    for (const entry of readdirSync(abs, { recursive: true }).map(String)) {
      if (/(^|\/)(node_modules|\.next)\//.test(entry)) continue;
      if (entry.endsWith(suffix) && !except.some((other) => entry.endsWith(other))) files.push(join(dir, entry));
    }
  }
  return files.sort();
}

/** Runs a command, echoing its output; resolves with exit code and the captured stdout. */
function run(command, args, env = {}) {
  return new Promise((resolve) => {
    const child = spawn(command, args, { cwd: root, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'inherit'] });
    let out = '';
    child.stdout.on('data', (chunk) => {
      out += chunk;
      process.stdout.write(chunk);
    });
    child.on('close', (code) => resolve({ code: code ?? 1, out }));
  });
}

const lastCount = (text) => {
  const lines = [...text.matchAll(/^(\d+) passed, (\d+) failed/gm)];
  const last = lines.at(-1);
  return last ? { passed: Number(last[1]), failed: Number(last[2]) } : null;
};

const results = [];
async function suite(name, fn) {
  if (!wanted(name)) return;
  console.log(`\n=== ${name} ===`);
  const started = Date.now();
  const { code, counts } = await fn();
  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  // A suite that exits non-zero without a failure of its own counts one failure, so nothing fails silently.
  const failed = counts.failed || (code === 0 ? 0 : 1);
  results.push({ name, passed: counts.passed, failed, seconds });
  console.log(`=== ${name}: ${counts.passed} passed, ${failed} failed (${seconds} s) ===`);
}

await suite('lint', async () => {
  const { code, out } = await run('node', ['scripts/lint.mjs']);
  return { code, counts: lastCount(out) ?? { passed: 0, failed: 1 } };
});

await suite('build', async () => {
  const { code, out } = await run('node', ['scripts/build.mjs']);
  return { code, counts: lastCount(out) ?? { passed: 0, failed: 0 } };
});

/** node:test over `files`, counted from its TAP summary. */
async function nodeTests(files, env = {}) {
  const tap = join(mkdtempSync(join(tmpdir(), 'wallet-tests-')), 'node.tap');
  const { code } = await run(
    'node',
    [
      '--import',
      'tsx',
      '--test',
      '--test-concurrency=2',
      '--test-reporter=spec',
      '--test-reporter-destination=stdout',
      '--test-reporter=tap',
      `--test-reporter-destination=${tap}`,
      ...files,
    ],
    env,
  );
  const text = existsSync(tap) ? readFileSync(tap, 'utf8') : '';
  const count = (key) => Number(text.match(new RegExp(`^# ${key} (\\d+)$`, 'm'))?.[1] ?? 0);
  return { code, counts: { passed: count('pass'), failed: count('fail') + count('cancelled') } };
}

// One redis-server (Debian's) for the whole run, on a free port; each test's store keys carry a prefix of its own.
let redis;
if (wanted('node') || wanted('redis')) {
  ensurePackages(['redis-server']);
  redis = await startRedis();
}

await suite('node', () => nodeTests(listTests(['test'], '.test.ts', ['.browser.test.ts']), { REDIS_URL: redis.url }));

// The kit's suites once more, every kit on RedisStore: the same behaviour on the store production uses.
await suite('redis', () => nodeTests(listTests(['test/server'], '.test.ts'), { REDIS_URL: redis.url, KIT_STORE: 'redis' }));
redis?.stop();

if (wanted('browser') || wanted('e2e')) ensurePackages(['chromium', 'firefox-esr']);

// One browser at a time: both share one sandbox per run, and its fault switches and clock are global, so a test in
// one browser must never see a fault another browser's test set.
await suite('browser', async () => {
  let passed = 0;
  let failed = 0;
  let worst = 0;
  for (const browser of ['chromium', 'firefox']) {
    const { code, out } = await run('npx', ['wtr'], { CI: 'true', WTR_BROWSERS: browser });
    const counts = lastCount(out) ?? { passed: 0, failed: 1 };
    passed += counts.passed;
    failed += counts.failed;
    worst ||= code;
  }
  return { code: worst, counts: { passed, failed } };
});

await suite('e2e', async () => {
  const files = listTests(['test'], '.e2e.ts');
  let passed = 0;
  let failed = 0;
  let worst = 0;
  for (const file of files) {
    const { code, out } = await run('node', ['--import', 'tsx', file]);
    const counts = lastCount(out) ?? { passed: 0, failed: 1 };
    passed += counts.passed;
    failed += counts.failed;
    worst ||= code;
  }
  return { code: worst, counts: { passed, failed } };
});

console.log('\nsuite     passed  failed  seconds');
for (const r of results)
  console.log(`${r.name.padEnd(9)} ${String(r.passed).padStart(6)}  ${String(r.failed).padStart(6)}  ${r.seconds.padStart(7)}`);
const passed = results.reduce((n, r) => n + r.passed, 0);
const failed = results.reduce((n, r) => n + r.failed, 0);
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed > 0 || passed === 0 ? 1 : 0);
