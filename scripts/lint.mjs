#!/usr/bin/env node
/**
 * `npm run lint`: Biome (format + lint, biome.jsonc) over the whole tree, then lit-analyzer over the elements'
 * templates (bindings against the elements' and the DOM's types, attribute names, event names). Prints one line
 * "N passed, N failed" (one per tool) for scripts/test.mjs. `npx biome check --write .` fixes most Biome findings.
 */
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';

const root = new URL('..', import.meta.url).pathname;

const tools = [
  ['biome', join(root, 'node_modules/.bin/biome'), ['check', '.']],
  [
    'lit-analyzer',
    process.execPath,
    [
      // lit-analyzer runs on TypeScript's JS API, which TypeScript 7 no longer ships (see typescript-5.cjs).
      '--require',
      join(root, 'scripts/typescript-5.cjs'),
      join(root, 'node_modules/lit-analyzer/cli.js'),
      'src/components/**/*.ts',
      '--strict',
      // Registration is each component's define.ts by design (element modules have no side effects), so a template
      // naming <otp-link> does not import it.
      '--rules.no-missing-import',
      'off',
      // Its CSS data predates properties every supported browser has (accent-color, color-scheme).
      '--rules.no-invalid-css',
      'off',
    ],
  ],
];

let passed = 0;
let failed = 0;
for (const [name, command, args] of tools) {
  console.log(`--- ${name}`);
  const { status } = spawnSync(command, args, { cwd: root, stdio: 'inherit' });
  if (status === 0) passed++;
  else failed++;
}
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed === 0 ? 0 : 1);
