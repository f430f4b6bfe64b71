// @ts-check
/**
 * The flags every headless Chromium of the project is started with (web-test-runner, the end-to-end scripts, the
 * examples test, the benchmark): no sandbox (containers), no GPU, and none of the browser's own network traffic
 * (QUIC, updates, sync) to disturb a measurement or a request count.
 */
export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];
