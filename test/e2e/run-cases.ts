/**
 * The runner of the end-to-end scripts: starts the real demo server, launches Debian's Chromium through
 * playwright-core (no browser download), runs named cases, and prints the plain closing line "N passed, N failed"
 * that `npm test` sums up. The cases drive the elements with test/harness/e2e.ts.
 */
import type { Browser, Page } from 'playwright-core';
import { startDemo } from '../../demo/server.js';
import { launchChromium } from '../../scripts/chromium.mjs';

export type Demo = Awaited<ReturnType<typeof startDemo>>;
export interface CaseContext {
  page: Page;
  demo: Demo;
  /** Console errors, page errors and CSP violations seen so far on this page. */
  problems: string[];
  /** Marks console errors matching `pattern` as expected in this case (e.g. the browser's log line for a 402). */
  expect(pattern: RegExp): void;
}

export async function runCases(cases: Record<string, (ctx: CaseContext) => Promise<void>>): Promise<void> {
  const demo = await startDemo({ port: 0 });
  let browser: Browser | undefined;
  let passed = 0;
  let failed = 0;
  try {
    browser = await launchChromium();
    for (const [name, run] of Object.entries(cases)) {
      const context = await browser.newContext({ viewport: { width: 1100, height: 900 }, colorScheme: 'light' });
      const page = await context.newPage();
      const problems: string[] = [];
      const expected: RegExp[] = [];
      page.on('console', (m) => {
        if (m.type() === 'error' && !expected.some((e) => e.test(m.text()))) problems.push(`console: ${m.text()}`);
      });
      page.on('pageerror', (e) => problems.push(`pageerror: ${e.message}`));
      await page.addInitScript(() => {
        document.addEventListener('securitypolicyviolation', (e) => console.error(`CSP violation: ${e.violatedDirective} ${e.blockedURI}`));
      });
      const started = Date.now();
      try {
        await run({ page, demo, problems, expect: (pattern) => expected.push(pattern) });
        if (problems.length) throw new Error(problems.join('\n'));
        passed++;
        console.log(`  ✔ ${name} (${Date.now() - started} ms)`);
      } catch (error) {
        failed++;
        console.log(
          `  ✖ ${name}\n    ${String((error as Error).stack ?? error)
            .split('\n')
            .slice(0, 6)
            .join('\n    ')}`,
        );
        await page.screenshot({ path: `test-results/${name.replace(/\W+/g, '-')}.png` }).catch(() => {});
      } finally {
        await context.close();
      }
    }
  } finally {
    await browser?.close();
    await demo.close();
  }
  console.log(`${passed} passed, ${failed} failed`);
  process.exitCode = failed ? 1 : 0;
}
