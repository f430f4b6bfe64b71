/**
 * The layers, enforced: browser code never imports server or sandbox code (or Node built-ins), the kit never
 * depends on the simulator it is tested against, and element class modules have no side effects.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';

const root = resolve(new URL('../..', import.meta.url).pathname);
const src = join(root, 'src');

function sources(dir: string): string[] {
  return readdirSync(dir, { recursive: true })
    .map(String)
    .filter((f) => f.endsWith('.ts'))
    .map((f) => join(dir, f));
}

/** Every import specifier of a file, relative ones resolved to a path under the repo. */
function imports(file: string): string[] {
  const text = readFileSync(file, 'utf8');
  const specs = [
    ...text.matchAll(/(?:import|export)\s[^'"]*?from\s+['"]([^'"]+)['"]|import\s+['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]\s*\)/g),
  ].map((m) => m[1] ?? m[2] ?? m[3]!);
  return specs.map((s) => (s.startsWith('.') ? relative(root, resolve(dirname(file), s)) : s));
}

const layer = (file: string) => relative(src, file).split('/')[0]!;
const browserFiles = sources(src).filter((f) => !['server', 'sandbox'].includes(layer(f)));

test('there are browser, server and sandbox modules to check', () => {
  assert.ok(browserFiles.length >= 10);
  assert.ok(sources(join(src, 'server')).length >= 1);
  assert.ok(sources(join(src, 'sandbox')).length >= 1);
});

test('browser code imports no server, sandbox, Node built-in or server framework', () => {
  const offences = browserFiles.flatMap((file) =>
    imports(file)
      .filter((s) => /^src\/(server|sandbox)\b/.test(s) || s.startsWith('node:') || /^(hono|@hono)\b/.test(s))
      .map((s) => `${relative(root, file)} -> ${s}`),
  );
  assert.deepEqual(offences, []);
});

test('the kit does not depend on the sandbox, and the sandbox not on the kit or the browser code', () => {
  const offences = [
    ...sources(join(src, 'server')).flatMap((f) =>
      imports(f)
        .filter((s) => /^src\/(sandbox|components)\b/.test(s))
        .map((s) => `${relative(root, f)} -> ${s}`),
    ),
    ...sources(join(src, 'sandbox')).flatMap((f) =>
      imports(f)
        .filter((s) => /^src\/(server|components)\b/.test(s))
        .map((s) => `${relative(root, f)} -> ${s}`),
    ),
  ];
  assert.deepEqual(offences, []);
});

test("element class modules register nothing (registration lives in each component's define.ts)", () => {
  const offences = sources(join(src, 'components'))
    .filter((f) => /customElements\.define|\bdefine\(\s*['"]/.test(readFileSync(f, 'utf8')) && !/\/(define|define-element)\.ts$/.test(f))
    .map((f) => relative(root, f));
  assert.deepEqual(offences, []);
});
