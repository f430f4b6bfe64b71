/**
 * Browser-test access to the real backend mounted by web-test-runner.config.mjs: the kit at /api/wallet, the
 * Juspay sandbox at /sandbox (with its test-only control routes), and the demo merchant's session minting.
 */
import { WalletClient } from '../../src/client.js';
import type { Fault, PersonaName } from '../../src/sandbox/index.js';

export const ENDPOINT = '/api/wallet';

export interface TestCheckout {
  endpoint: string;
  checkoutToken: string;
  orderId: string;
  amount: number;
  currency: string;
  testOtp: string;
}

/** A fresh customer cloned from a sandbox persona, with a fresh 150,000 IDR order. */
export async function newCheckout(persona: PersonaName): Promise<TestCheckout> {
  const response = await fetch('/demo/session', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ persona }),
  });
  if (!response.ok) throw new Error(`session: ${response.status}`);
  return { endpoint: ENDPOINT, ...(await response.json()) };
}

/** The id of the checkout's listed GOPAY wallet (the kit's, as the elements get it). */
export async function gopayId(session: TestCheckout): Promise<string> {
  return (await new WalletClient(session).checkout()).wallets.find((w) => w.provider === 'GOPAY')!.id;
}

async function control(path: string, method: string, body?: unknown): Promise<void> {
  const response = await fetch(`/sandbox/__sandbox/${path}`, {
    method,
    headers: { 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  if (!response.ok) throw new Error(`sandbox ${path}: ${response.status}`);
}

export const setFault = (fault: Fault) => control('faults', 'POST', { fault });
export const clearFaults = () => control('faults', 'DELETE');
export const advanceClock = (advanceMs: number) => control('clock', 'POST', { advanceMs });

/** Counts the requests the page sends to the kit (`'POST /pay'`, …), passing them on to the real backend. */
export function watchKit() {
  const original = window.fetch;
  const requests: string[] = [];
  window.fetch = (input, init) => {
    const url = String(input instanceof Request ? input.url : input);
    if (url.includes(`${ENDPOINT}/`)) requests.push(`${init?.method ?? 'GET'} ${url.replace(/^.*\/api\/wallet/, '')}`);
    return original(input, init);
  };
  return {
    requests,
    restore: () => {
      window.fetch = original;
    },
  };
}
