/**
 * The tests of the built package (dist/) FAIL when it is missing, rather than skip: `npm test` builds first, so a
 * missing file means a broken build or a test run by hand before `npm run build`, and either must be seen.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';

const root = new URL('../..', import.meta.url).pathname;

/** Throws "dist/ is missing …: run `npm run build`" unless every one of `files` (paths from the repo root) exists. */
export function requireBuilt(files: readonly string[]): void {
  const missing = files.filter((file) => !existsSync(join(root, file)));
  if (missing.length) throw new Error(`dist/ is missing (${missing.join(', ')}): run \`npm run build\``);
}
