#!/usr/bin/env node
/**
 * `npm run build`:
 *   dist/**.js + .d.ts          ESM, one module per source file (tsc); lit, zod, hono stay dependencies
 *   dist/cdn/wallet-elements.min.js   the script-tag bundle (Vite, IIFE, everything inlined)
 *   dist/custom-elements.json   generated from the classes' JSDoc
 * and prints each entry's min and min+gzip bytes. The script-tag bundle over its budget fails the build.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';

export const BUDGET_BYTES = 20 * 1024;
export const SCRIPT_TAG_BUNDLE = 'dist/cdn/wallet-elements.min.js';
/** Entries measured like the script-tag bundle (each bundled with its dependencies and minified). */
export const ENTRIES = {
  'script-tag bundle': 'src/script-tag.ts',
  'wallet-elements (index)': 'src/index.ts',
  'wallet-elements/wallet-pay': 'src/define/wallet-pay.ts',
  'wallet-elements/wallet-picker': 'src/define/wallet-picker.ts',
  'wallet-elements/otp-link': 'src/define/otp-link.ts',
};

const root = new URL('..', import.meta.url).pathname;
const bin = (name) => join(root, 'node_modules/.bin', name);
const sh = (cmd, args, env = {}) =>
  execFileSync(cmd, args, { cwd: root, stdio: ['ignore', 'pipe', 'inherit'], env: { ...process.env, ...env } });

export function measure(file) {
  const code = readFileSync(file);
  return { min: code.length, gzip: gzipSync(code, { level: 9 }).length };
}

function main() {
  rmSync(join(root, 'dist'), { recursive: true, force: true });
  sh(bin('tsc'), ['-p', 'tsconfig.build.json']);
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

  console.log('entry (bundled with lit + zod/mini, minified)   min bytes   min+gzip');
  for (const r of rows) console.log(`${r.name.padEnd(46)} ${String(r.min).padStart(9)}  ${String(r.gzip).padStart(9)}`);
  const bundle = rows[0];
  const ok = bundle.gzip <= BUDGET_BYTES;
  console.log(`size budget: script-tag bundle ${bundle.gzip} B min+gzip of ${BUDGET_BYTES} B allowed: ${ok ? 'ok' : 'OVER BUDGET'}`);
  if (!ok) process.exit(1);
  if (!existsSync(join(root, 'dist/custom-elements.json'))) throw new Error('custom-elements.json was not generated');
}

if (import.meta.url === `file://${process.argv[1]}`) main();
