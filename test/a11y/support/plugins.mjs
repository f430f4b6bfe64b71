// @ts-check
/**
 * Server commands for the accessibility suite (test/a11y), for both browsers of web-test-runner.config.mjs
 * (Chromium over CDP, Firefox over WebDriver BiDi, both through puppeteer-core):
 *
 * - `a11y-media` `{ forcedColors?: 'active' | 'none', colorScheme?: 'light' | 'dark' | null, reducedMotion?:
 *   'reduce' | null }`: emulates the media features @web/test-runner-commands' `emulateMedia` cannot (its puppeteer
 *   path knows no `forced-colors`, and works through CDP only, which Firefox no longer speaks). Answers
 *   `{ forcedColors, colorScheme, reducedMotion }`: whether each command was sent and accepted, which is not proof
 *   that it took effect: the page confirms that with `matchMedia` (support/checks.ts `mediaTookEffect`).
 * - `a11y-screenshot` `{ x, y, width, height }` (CSS px): a PNG of that region of the page, base64.
 */

/** Media features in force per page, since CDP's setEmulatedMedia replaces the whole list on each call. */
const features = new WeakMap();
const cdpSessions = new WeakMap();

/** @param {any} page */
function bidiContext(page) {
  const context = page.mainFrame?.().browsingContext;
  return context?.userContext?.browser?.session ? context : null;
}

/** @param {any} page @param {{ forcedColors?: string, colorScheme?: string | null, reducedMotion?: string | null }} payload */
async function emulate(page, payload) {
  const context = bidiContext(page);
  if (context) {
    // WebDriver BiDi: forced colours through emulation.setForcedColorsModeThemeOverride where the browser has it
    // (Firefox 153 ESR answers "unknown command"); puppeteer's media emulation needs CDP, tried in case it comes
    // back. Reduced motion has no command at all: answered as not applied.
    const session = context.userContext.browser.session;
    const applied = { forcedColors: false, colorScheme: false, reducedMotion: false };
    if (payload.forcedColors !== undefined) {
      try {
        await session.send('emulation.setForcedColorsModeThemeOverride', {
          theme: payload.forcedColors === 'active' ? 'dark' : null,
          contexts: [context.id],
        });
        applied.forcedColors = true;
      } catch {
        applied.forcedColors = false;
      }
    }
    if (payload.colorScheme !== undefined) {
      try {
        await page.emulateMediaFeatures([{ name: 'prefers-color-scheme', value: payload.colorScheme ?? '' }]);
        applied.colorScheme = true;
      } catch {
        applied.colorScheme = false;
      }
    }
    return applied;
  }
  let cdp = cdpSessions.get(page);
  if (!cdp) {
    cdp = await page.createCDPSession();
    cdpSessions.set(page, cdp);
  }
  const current = features.get(page) ?? {};
  if (payload.forcedColors !== undefined) current['forced-colors'] = payload.forcedColors;
  if (payload.colorScheme !== undefined) current['prefers-color-scheme'] = payload.colorScheme ?? '';
  if (payload.reducedMotion !== undefined) current['prefers-reduced-motion'] = payload.reducedMotion ?? '';
  features.set(page, current);
  await cdp.send('Emulation.setEmulatedMedia', {
    features: Object.entries(current).map(([name, value]) => ({ name, value })),
  });
  return {
    forcedColors: payload.forcedColors !== undefined,
    colorScheme: payload.colorScheme !== undefined,
    reducedMotion: payload.reducedMotion !== undefined,
  };
}

/** @returns {import('@web/test-runner').TestRunnerPlugin} */
export function a11yPlugin() {
  return {
    name: 'a11y-commands',
    async executeCommand({ command, payload, session }) {
      if (command !== 'a11y-media' && command !== 'a11y-screenshot') return undefined;
      const browser = /** @type {any} */ (session.browser);
      if (browser.type !== 'puppeteer') throw new Error(`${command}: needs the puppeteer launcher`);
      const page = browser.getPage(session.id);
      if (command === 'a11y-media') return emulate(page, /** @type {any} */ (payload ?? {}));
      const { x, y, width, height } = /** @type {any} */ (payload);
      return page.screenshot({ encoding: 'base64', clip: { x, y, width, height }, captureBeyondViewport: false });
    },
  };
}
