/**
 * What every integration app shares: the README's kit block (the same options in every stack), a stateless
 * checkout token (the session, HMAC-signed, as in test/cluster/sessions.ts) and the merchant's checkout page,
 * which loads only the script-tag bundle. Each app in apps/ mounts the kit with the README's own line for its stack.
 */
import { readFileSync } from 'node:fs';
import { createWalletKit, type CheckoutSession, type KitOptions, type WalletKit } from '../../src/server/index.js';
import { mintSession, readSession } from '../cluster/sessions.js';

export const SECRET = 'integration-secret';
const BUNDLE = new URL('../../dist/cdn/wallet-elements.min.js', import.meta.url);

export interface StackEnv {
  juspay: KitOptions['juspay'];
  /** A fresh session per page load: the order the page shows. */
  nextSession(): CheckoutSession;
}

/** The README's kit block. */
export function makeKit(env: StackEnv): WalletKit {
  return createWalletKit({
    juspay: env.juspay,
    basePath: '/api/wallet',
    resolveCheckout: (request) => readSession(request.headers.get('authorization'), SECRET),
    log: false,
  });
}

/** The merchant's page, rendered by its server with a checkout token for a new order. */
export function checkoutPage(env: StackEnv): string {
  const token = mintSession(env.nextSession(), SECRET);
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Checkout</title>
<script src="/wallet-elements.min.js" defer></script></head>
<body><wallet-pay endpoint="/api/wallet" checkout-token="${token}" redirect="manual" locale="en"></wallet-pay></body></html>`;
}

export const bundle = (): Buffer => readFileSync(BUNDLE);
