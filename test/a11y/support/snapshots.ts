/**
 * Reviewed snapshots of accessible trees (test/a11y/snapshots/<name>.json: `{ "<state>/<locale>": [lines] }`).
 * A tree that differs fails with a line diff; the whole actual file is written to
 * test-results/a11y/<name>.<browser>.json so a reviewer can read it and, when the change is right, copy it over
 * the snapshot (both browsers must agree: the snapshot is one for both).
 */
import { writeFile } from '@web/test-runner-commands';
import { diffLines } from './tree.js';

type Snapshot = Record<string, string[]>;

const reviewed = new Map<string, Promise<Snapshot>>();
const actual = new Map<string, Snapshot>();

export const browserName = () => (navigator.userAgent.includes('Firefox/') ? 'firefox' : 'chromium');

function load(name: string): Promise<Snapshot> {
  let snapshot = reviewed.get(name);
  if (!snapshot) {
    snapshot = fetch(new URL(`../snapshots/${name}.json`, import.meta.url)).then((response) => (response.ok ? response.json() : {}));
    reviewed.set(name, snapshot);
  }
  return snapshot;
}

/** Throws a readable diff when `lines` is not the reviewed tree `key` of snapshot `name`. */
export async function matchSnapshot(name: string, key: string, lines: string[]): Promise<void> {
  const expected = await load(name);
  const seen = actual.get(name) ?? { ...expected };
  seen[key] = lines;
  actual.set(name, seen);
  const want = expected[key];
  if (want && JSON.stringify(want) === JSON.stringify(lines)) return;
  const sorted = Object.fromEntries(
    Object.keys(seen)
      .sort()
      .map((k) => [k, seen[k]]),
  );
  const path = `test-results/a11y/${name}.${browserName()}.json`;
  // Relative to the test file (test/a11y/*.test.ts).
  await writeFile({ path: `../../${path}`, content: `${JSON.stringify(sorted, null, 2)}\n` });
  throw new Error(
    want
      ? `the accessible tree of ${key} differs from test/a11y/snapshots/${name}.json (- reviewed, + now; all of it in ${path}):\n${diffLines(want, lines)}`
      : `no reviewed accessible tree for ${key} in test/a11y/snapshots/${name}.json; review this and copy ${path} over it:\n${lines.join('\n')}`,
  );
}
