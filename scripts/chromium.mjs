// @ts-check
/**
 * Debian's Chromium as every part of the project starts it (web-test-runner, the end-to-end scripts, the examples
 * and integration tests, the benchmark): headless, no sandbox (containers), no GPU, and none of the browser's own
 * network traffic (QUIC, updates, sync) to disturb a measurement or a request count.
 */
import { chromium } from 'playwright-core';
import { PACKAGES } from './ensure-packages.mjs';

export const CHROMIUM_PATH = PACKAGES.chromium;

export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/** A headless Chromium under playwright-core. */
export function launchChromium() {
  return chromium.launch({ executablePath: CHROMIUM_PATH, headless: true, args: CHROMIUM_ARGS });
}
