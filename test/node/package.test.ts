/**
 * The package as npm would publish it (needs `npm run build` first): what `npm pack` ships, that every entry point
 * in package.json resolves to a shipped file with its types first, that custom-elements.json describes the three
 * tags for editors and tools, and that the script-tag bundle is the production build and holds no secret.
 */
import { before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { createSandbox } from '../../src/sandbox/index.js';
import { requireBuilt } from '../helpers/dist.js';

const root = new URL('../..', import.meta.url).pathname;
const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
const BUNDLE = 'dist/cdn/wallet-elements.min.js';

/** `./dist/x.js` -> `dist/x.js` (how npm pack names files). */
const packPath = (target: string) => target.replace(/^\.\//, '');

/** Every file a pattern target like `./dist/x/*.d.ts` matches on disk, as [star value, path]. */
function expand(target: string): Array<[string, string]> {
  const [before, after] = packPath(target).split('*') as [string, string];
  const dir = before.slice(0, before.lastIndexOf('/') + 1);
  const prefix = before.slice(dir.length);
  return readdirSync(join(root, dir))
    .filter((name) => name.startsWith(prefix) && name.endsWith(after))
    .map((name) => [name.slice(prefix.length, name.length - after.length), dir + name]);
}

/** A package.json glob (`./dist/x/*.js`) as bundlers read it here: `*` is one path segment. */
const globToRegExp = (glob: string) => new RegExp(`^${packPath(glob).replace(/[.]/g, '\\.').replace(/\*/g, '[^/]*')}$`);

describe('the published package', () => {
  let packed: Set<string>;

  before(() => {
    // Fails (every test of the suite with it) when the build is missing: `npm test` builds first.
    requireBuilt(['dist/index.js', BUNDLE, 'dist/custom-elements.json']);
    const out = execFileSync('npm', ['pack', '--dry-run', '--json', '--ignore-scripts'], {
      cwd: root,
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'ignore'],
    });
    const [report] = JSON.parse(out) as Array<{ files: Array<{ path: string }> }>;
    packed = new Set(report!.files.map((file) => file.path));
  });

  test('npm pack ships the build and docs, never tests, the demo, the examples or the build scripts', () => {
    const stray = [...packed].filter((path) => /^(test|demo|examples|scripts|src|node_modules)\//.test(path));
    assert.deepEqual(stray, []);
    for (const path of ['dist/index.js', 'dist/index.d.ts', BUNDLE, 'dist/custom-elements.json', 'dist/react.d.ts', 'package.json']) {
      assert.ok(packed.has(path), `${path} is packed`);
    }
  });

  test('every exports entry puts types first and points at a shipped file', () => {
    const problems: string[] = [];
    for (const [subpath, entry] of Object.entries<string | Record<string, string>>(pkg.exports)) {
      const conditions = typeof entry === 'string' ? { default: entry } : entry;
      if (typeof entry !== 'string' && Object.keys(entry)[0] !== 'types') problems.push(`${subpath}: "types" is not the first condition`);
      if (typeof entry !== 'string' && !entry.types) problems.push(`${subpath}: no "types"`);
      for (const [condition, target] of Object.entries(conditions)) {
        if (!target.includes('*')) {
          if (!existsSync(join(root, target))) problems.push(`${subpath} ${condition}: ${target} does not exist`);
          else if (!packed.has(packPath(target))) problems.push(`${subpath} ${condition}: ${target} is not packed`);
          continue;
        }
        const matches = expand(target);
        if (matches.length === 0) problems.push(`${subpath} ${condition}: ${target} matches nothing`);
        for (const [, path] of matches) if (!packed.has(path)) problems.push(`${subpath} ${condition}: ${path} is not packed`);
      }
      // A pattern subpath must resolve under every condition for each name it offers.
      if (typeof entry !== 'string' && subpath.includes('*') && entry.types && entry.default) {
        const typed = expand(entry.types).map(([star]) => star);
        const code = new Set(expand(entry.default).map(([star]) => star));
        for (const star of typed) if (!code.has(star)) problems.push(`${subpath.replace('*', star)}: types but no module`);
      }
    }
    assert.deepEqual(problems, []);
    assert.ok(pkg.exports['./react']?.types, 'the React JSX typings have a subpath');
  });

  test('main, module, types, unpkg, jsdelivr and customElements name shipped files', () => {
    for (const field of ['main', 'module', 'types', 'unpkg', 'jsdelivr', 'customElements']) {
      assert.ok(pkg[field], `${field} is set`);
      assert.ok(packed.has(packPath(pkg[field])), `${field}: ${pkg[field]} is packed`);
    }
    assert.equal(packPath(pkg.unpkg), BUNDLE);
  });

  test('sideEffects keeps every shipped registration module and lets bundlers drop the element classes', () => {
    // (Entries under src/ serve the repo's own Vite builds of the script-tag bundle.)
    const globs = (pkg.sideEffects as string[]).map(globToRegExp);
    const sideEffectful = (path: string) => globs.some((glob) => glob.test(path));
    const registering = [...packed].filter((path) => /^dist\/(index|script-tag|components\/[^/]+\/define|cdn\/[^/]+)\.js$/.test(path));
    assert.ok(registering.length >= 5, `registration modules found: ${registering.join(', ')}`);
    assert.deepEqual(
      registering.filter((path) => !sideEffectful(path)),
      [],
      'a registration module missing from sideEffects is tree-shaken away',
    );
    const classes = [...packed].filter((path) => /^dist\/(components\/[^/]+\/(?!define\b)[^/]+|events|client|contract)\.js$/.test(path));
    assert.ok(classes.length > 0);
    assert.deepEqual(classes.filter(sideEffectful), [], 'modules without side effects are not listed');
    for (const glob of (pkg.sideEffects as string[]).filter((g) => g.startsWith('./dist/'))) {
      assert.ok(
        [...packed].some((path) => globToRegExp(glob).test(path)),
        `sideEffects ${glob} matches a shipped file`,
      );
    }
  });

  describe('custom-elements.json', () => {
    const EXPECTED = {
      'wallet-pay': {
        events: ['wallet-charged', 'wallet-pending', 'wallet-error', 'wallet-redirect'],
        attributes: ['endpoint', 'checkout-token', 'locale', 'redirect', 'redirect-origins'],
        parts: ['base', 'picker', 'pay', 'otp', 'result', 'error', 'retry'],
      },
      'wallet-picker': {
        events: ['wallet-select', 'wallet-error'],
        attributes: ['endpoint', 'checkout-token', 'locale', 'value', 'disabled'],
        parts: ['list', 'option', 'radio', 'balance', 'refresh', 'refresh-all'],
      },
      'otp-link': {
        events: ['wallet-linked', 'wallet-error'],
        attributes: ['endpoint', 'checkout-token', 'locale', 'provider', 'wallet-id', 'autostart'],
        parts: ['input', 'verify', 'resend', 'error'],
      },
    };
    type Declaration = {
      kind: string;
      name: string;
      tagName?: string;
      customElement?: boolean;
      events?: Array<{ name?: string }>;
      attributes?: Array<{ name: string }>;
      cssParts?: Array<{ name: string }>;
    };
    const declarations = (): Declaration[] => {
      const manifest = JSON.parse(readFileSync(join(root, pkg.customElements), 'utf8'));
      return manifest.modules.flatMap((module: { declarations?: Declaration[] }) => module.declarations ?? []);
    };

    for (const [tag, expected] of Object.entries(EXPECTED)) {
      test(`declares <${tag}> with its events, attributes and css parts`, () => {
        const declaration = declarations().find((d) => d.tagName === tag);
        assert.ok(declaration, `a declaration with tagName "${tag}" (tools map tags to classes through it)`);
        assert.equal(declaration.customElement, true);
        const events = (declaration.events ?? []).map((event) => event.name);
        assert.ok(
          events.every((name) => typeof name === 'string' && name.length > 0),
          `every event has a name: ${JSON.stringify(events)}`,
        );
        for (const name of expected.events) assert.ok(events.includes(name), `event ${name}`);
        const attributes = (declaration.attributes ?? []).map((attribute) => attribute.name);
        for (const name of expected.attributes) assert.ok(attributes.includes(name), `attribute ${name}`);
        const parts = (declaration.cssParts ?? []).map((part) => part.name);
        for (const name of expected.parts) assert.ok(parts.includes(name), `css part ${name}`);
      });
    }
  });

  test('the script-tag bundle is production lit and carries no key', () => {
    const bundle = readFileSync(join(root, BUNDLE), 'utf8');
    assert.doesNotMatch(bundle, /Lit is in dev mode/);
    assert.doesNotMatch(bundle, /Multiple versions of Lit loaded/);
    const sandbox = createSandbox();
    const basic = Buffer.from(`${sandbox.apiKey}:`).toString('base64');
    for (const secret of [sandbox.apiKey, basic, 'JUSPAY_API_KEY', 'direct_wallet_token']) {
      assert.ok(!bundle.includes(secret), `the bundle contains ${secret}`);
    }
    // Nothing server-side leaked in through an import: no Node built-ins, no server framework.
    assert.doesNotMatch(bundle, /\bnode:(fs|http|crypto|child_process)\b|process\.env\b/);
  });

  test('a browser-only install pulls only what the browser uses; server packages are optional peers', () => {
    assert.deepEqual(Object.keys(pkg.dependencies).sort(), ['lit', 'zod']);
    for (const name of ['hono', '@hono/node-server', 'rate-limiter-flexible', 'redis']) {
      assert.ok(pkg.peerDependencies[name], `${name} is a peer`);
      assert.equal(pkg.peerDependenciesMeta[name]?.optional, true, `${name} is optional`);
    }
  });

  test('a sandbox command, and the fields npm shows (repository, homepage, bugs)', () => {
    const [[name, target]] = Object.entries<string>(pkg.bin);
    assert.equal(name, 'wallet-elements-sandbox');
    assert.ok(packed.has(packPath(target!)), `${target} is packed`);
    assert.match(readFileSync(join(root, target!), 'utf8'), /^#!\/usr\/bin\/env node\n/);
    assert.match(pkg.repository.url, /^git\+https:\/\/github\.com\//);
    assert.match(pkg.homepage, /^https:\/\//);
    assert.match(pkg.bugs.url, /^https:\/\//);
  });

  test('every shipped source map carries the sources it maps to (src/ is not shipped)', () => {
    const maps = [...packed].filter((path) => path.endsWith('.js.map'));
    assert.ok(maps.length > 10);
    for (const path of maps) {
      const map = JSON.parse(readFileSync(join(root, path), 'utf8')) as { sources: string[]; sourcesContent?: (string | null)[] };
      assert.equal(map.sourcesContent?.length, map.sources.length, path);
      assert.ok(
        map.sourcesContent!.every((content) => typeof content === 'string' && content.length > 0),
        path,
      );
    }
  });

  test('README links and images work on npm: none is relative to the repository', () => {
    const readme = readFileSync(join(root, 'README.md'), 'utf8');
    const relative = [...readme.matchAll(/\]\(([^)]+)\)/g)].map((match) => match[1]!).filter((target) => !/^(https?:|#)/.test(target));
    assert.deepEqual(relative, []);
  });
});
