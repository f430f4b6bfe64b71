/**
 * Tokens. Direct-debit tokens: minted for a linked wallet each time Juspay hands one out (list, get, link, refresh,
 * refresh-all), valid for `tokenTtlMs` on the sandbox clock, single-use, and revoked when the wallet is delinked.
 * Spent and expired tokens are kept (for a day of sandbox time) so /txns can tell EXPIRED from reused.
 * Client auth tokens: minted on request in Juspay's shape, but never accepted as authentication (Basic only).
 */
import type { SandboxContext } from './context.js';
import type { Params } from './http/params.js';
import { token as newToken } from './ids.js';
import type { DebitToken, WalletAccount } from './store.js';

/** Client auth tokens live 15 minutes (the create-customer sample's expiry). */
const CLIENT_AUTH_TTL_MS = 15 * 60_000;

export interface ClientAuth {
  readonly token: string;
  readonly expiresAt: number;
}

/** A client auth token issued at `issuedAt`, when the request asks for one (`options.get_client_auth_token=true`). */
export function requestedClientAuth(params: Params, issuedAt: number): ClientAuth | undefined {
  if (params.get('options.get_client_auth_token') !== 'true') return undefined;
  return { token: newToken(), expiresAt: issuedAt + CLIENT_AUTH_TTL_MS };
}

const FORGET_AFTER_MS = 24 * 60 * 60_000;

export function mintToken(ctx: SandboxContext, wallet: WalletAccount): string {
  const now = ctx.clock.now();
  forgetStale(ctx, now);
  const value = newToken();
  ctx.store.tokens.set(value, {
    value,
    walletId: wallet.id,
    expiresAt: now + ctx.config.tokenTtlMs,
    used: false,
    revoked: false,
  });
  return value;
}

export type TokenCheck =
  | { readonly kind: 'valid'; readonly token: DebitToken }
  | { readonly kind: 'expired' | 'used' | 'revoked' | 'unknown' };

/**
 * Looks a token up and spends it in the same step: whatever the /txns that named it goes on to answer, the token
 * cannot be used again (docs/juspay.md §4.4: "spent by the first `/txns` that names it, whatever that `/txns`
 * answers", our inference where Juspay only says single-use).
 */
export function spendToken(ctx: SandboxContext, value: string): TokenCheck {
  const token = ctx.store.tokens.get(value);
  if (!token) return { kind: 'unknown' };
  const wasUsed = token.used;
  token.used = true;
  if (wasUsed) return { kind: 'used' };
  if (token.revoked) return { kind: 'revoked' };
  if (ctx.clock.now() >= token.expiresAt) return { kind: 'expired' };
  return { kind: 'valid', token };
}

export function revokeTokens(ctx: SandboxContext, walletId: string): void {
  for (const token of ctx.store.tokens.values()) if (token.walletId === walletId) token.revoked = true;
}

function forgetStale(ctx: SandboxContext, now: number): void {
  for (const [value, token] of ctx.store.tokens) {
    if (now - token.expiresAt > FORGET_AFTER_MS) ctx.store.tokens.delete(value);
  }
}
