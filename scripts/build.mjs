#!/usr/bin/env node
/**
 * `npm run build`:
 *   dist/**.js + .d.ts          ESM, one module per source file (tsc); lit, zod, hono stay dependencies
 *   dist/cdn/wallet-elements.min.js   the script-tag bundle (Vite, IIFE, everything inlined)
 *   dist/cdn/integrity.json     the bundle's Subresource Integrity hash (file, version, bytes, integrity)
 *   dist/custom-elements.json   generated from the classes' JSDoc
 * and prints each entry's min and min+gzip bytes and the bundle's integrity hash. The script-tag bundle over its
 * budget fails the build.
 */
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, existsSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';

// 22 KB since the widget was hardened against any backend answer (issue 10: 20 KB before; unlink and prefetch come
// out of the same 2 KB).
export const BUDGET_BYTES = 22 * 1024;
export const SCRIPT_TAG_BUNDLE = 'dist/cdn/wallet-elements.min.js';
/**
 * Written beside the bundle (and shipped in the package): what a page's `<script integrity>` must carry for these
 * exact bytes (PCI DSS 4.0 req. 6.4.3). The demo server fills its script-tag page from it.
 */
export const INTEGRITY_FILE = 'dist/cdn/integrity.json';
/** Entries measured like the script-tag bundle (each bundled with its dependencies and minified). */
export const ENTRIES = {
  'script-tag bundle': 'src/script-tag.ts',
  'wallet-elements (index)': 'src/index.ts',
  'wallet-elements/wallet-pay': 'src/components/wallet-pay/define.ts',
  'wallet-elements/wallet-picker': 'src/components/wallet-picker/define.ts',
  'wallet-elements/otp-link': 'src/components/otp-link/define.ts',
};

const root = new URL('..', import.meta.url).pathname;
const bin = (name) => join(root, 'node_modules/.bin', name);
const sh = (cmd, args, env = {}) =>
  execFileSync(cmd, args, { cwd: root, stdio: ['ignore', 'pipe', 'inherit'], env: { ...process.env, ...env } });

/** The Subresource Integrity value of `bytes`: `sha384-` and the base64 of their SHA-384 digest. */
export function integrity(bytes) {
  return `sha384-${createHash('sha384').update(bytes).digest('base64')}`;
}

export function measure(file) {
  const code = readFileSync(file);
  return { min: code.length, gzip: gzipSync(code, { level: 9 }).length };
}

function main() {
  rmSync(join(root, 'dist'), { recursive: true, force: true });
  // The project's TypeScript by path: node_modules/.bin/tsc may be typescript-5's (the alias vue-tsc runs on).
  sh(join(root, 'node_modules/typescript/bin/tsc'), ['-p', 'tsconfig.build.json']);
  sh(bin('vite'), ['build', '--logLevel', 'warn']);

  const scratch = mkdtempSync(join(tmpdir(), 'wallet-size-'));
  const rows = [];
  for (const [name, entry] of Object.entries(ENTRIES)) {
    let file = join(root, SCRIPT_TAG_BUNDLE);
    if (entry !== 'src/script-tag.ts') {
      file = join(scratch, 'entry.js');
      sh(bin('vite'), ['build', '--logLevel', 'error'], { ENTRY: entry, OUT_DIR: scratch, OUT_FILE: 'entry.js' });
    }
    rows.push({ name, ...measure(file) });
  }
  rmSync(scratch, { recursive: true, force: true });

  sh(bin('cem'), ['analyze']); // settings and the tag-linking plugin: custom-elements-manifest.config.mjs

  // Hashed last, from the file as it stays on disk: nothing after this writes to dist/cdn.
  const bundleBytes = readFileSync(join(root, SCRIPT_TAG_BUNDLE));
  const { version } = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
  const sri = {
    file: SCRIPT_TAG_BUNDLE.split('/').pop(),
    version,
    bytes: bundleBytes.length,
    integrity: integrity(bundleBytes),
  };
  writeFileSync(join(root, INTEGRITY_FILE), `${JSON.stringify(sri, null, 2)}\n`);

  console.log('entry (bundled with lit + zod/mini, minified)   min bytes   min+gzip');
  for (const r of rows) console.log(`${r.name.padEnd(46)} ${String(r.min).padStart(9)}  ${String(r.gzip).padStart(9)}`);
  const bundle = rows[0];
  const ok = bundle.gzip <= BUDGET_BYTES;
  console.log(`size budget: script-tag bundle ${bundle.gzip} B min+gzip of ${BUDGET_BYTES} B allowed: ${ok ? 'ok' : 'OVER BUDGET'}`);
  console.log(`integrity: ${sri.integrity} (${SCRIPT_TAG_BUNDLE}, ${sri.bytes} B; written to ${INTEGRITY_FILE})`);
  if (!ok) process.exit(1);
  if (!existsSync(join(root, 'dist/custom-elements.json'))) throw new Error('custom-elements.json was not generated');
}

if (import.meta.url === `file://${process.argv[1]}`) main();
