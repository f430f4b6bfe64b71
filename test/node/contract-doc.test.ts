import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { renderContract } from '../../scripts/contract-doc.js';

test('docs/contract.md is exactly what src/contract.ts generates (run `npx tsx scripts/contract-doc.ts` after a change)', () => {
  const committed = readFileSync(new URL('../../docs/contract.md', import.meta.url), 'utf8');
  assert.equal(committed, renderContract());
});
