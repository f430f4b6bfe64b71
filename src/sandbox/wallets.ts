/**
 * The wallet state machine (docs/juspay.md §4.2–§4.6): UNLINKED --authenticate--> OTP sent --link(right OTP)-->
 * LINKED --delink--> UNLINKED. Each function is one documented call and returns Juspay's answer.
 */
import type { SandboxContext } from './context.js';
import { customerNotFound, walletInvalid, walletNotFound } from './errors.js';
import type { Params } from './http/params.js';
import { walletId as newWalletId } from './ids.js';
import { DEFAULT_PROVIDER_BALANCE, normaliseGateway } from './providers.js';
import { listJson, unlinkedWalletJson, walletJson, type JsonObject } from './shapes.js';
import type { Customer, WalletAccount } from './store.js';
import { mintToken, revokeTokens } from './tokens.js';

export function requireCustomer(ctx: SandboxContext, idOrRef: string): Customer {
  const customer = ctx.store.findCustomer(idOrRef);
  if (!customer) throw customerNotFound();
  return customer;
}

function requireWallet(ctx: SandboxContext, id: string): WalletAccount {
  const wallet = ctx.store.wallets.get(id);
  if (!wallet) throw walletNotFound();
  return wallet;
}

/** Juspay hands out a fresh single-use token whenever it shows a linked wallet on these calls. */
function withFreshToken(ctx: SandboxContext, wallet: WalletAccount): JsonObject {
  return walletJson(wallet, wallet.linked ? mintToken(ctx, wallet) : null);
}

/** Re-reads the provider balance: what refresh and refresh-all do ("a network call to the wallet provider"). */
function readProvider(ctx: SandboxContext, wallet: WalletAccount): void {
  wallet.currentBalance = wallet.provider.balance;
  wallet.lastRefreshed = ctx.clock.now();
}

function sendOtp(ctx: SandboxContext, wallet: WalletAccount): void {
  wallet.otp = { code: ctx.config.testOtp, sentAt: ctx.clock.now() };
}

/** GET /customers/:id/wallets: stored balances with their old last_refreshed, fresh tokens. */
export function listWallets(ctx: SandboxContext, customerRef: string): JsonObject {
  const customer = requireCustomer(ctx, customerRef);
  return listJson(ctx.store.walletsOf(customer.id).map((wallet) => withFreshToken(ctx, wallet)));
}

/** GET /customers/:id/wallets/refresh-balances. */
export function refreshAllWallets(ctx: SandboxContext, customerRef: string): JsonObject {
  const customer = requireCustomer(ctx, customerRef);
  return listJson(
    ctx.store.walletsOf(customer.id).map((wallet) => {
      if (wallet.linked) readProvider(ctx, wallet);
      return withFreshToken(ctx, wallet);
    }),
  );
}

/** POST /customers/:id/wallets. A second wallet of the same gateway is a new row, as real lists show. */
export function createWallet(ctx: SandboxContext, customerRef: string, params: Params): JsonObject {
  const customer = requireCustomer(ctx, customerRef);
  const rawGateway = params.get('gateway');
  if (rawGateway === undefined) throw walletInvalid('gateway is required.');
  const gateway = normaliseGateway(rawGateway);
  if (gateway === null) throw walletInvalid(`Gateway ${rawGateway} is not supported for wallet direct debit.`);
  const command = params.get('command');
  if (command !== undefined && command !== 'authenticate') throw walletInvalid(`Invalid command: ${command}`);

  const wallet: WalletAccount = {
    id: newWalletId(),
    customerId: customer.id,
    gateway,
    linked: false,
    currentBalance: null,
    lastRefreshed: null,
    mobileNumber: params.get('mobile_number') ?? null,
    gatewayReferenceId: params.get('gateway_reference_id') ?? null,
    otp: null,
    provider: { balance: DEFAULT_PROVIDER_BALANCE, declinesDebits: false },
  };
  ctx.store.wallets.set(wallet.id, wallet);
  if (command === 'authenticate') sendOtp(ctx, wallet);
  return unlinkedWalletJson(wallet);
}

/** GET /wallets/:id: the wallet with a fresh token when linked. */
export function getWallet(ctx: SandboxContext, id: string): JsonObject {
  return withFreshToken(ctx, requireWallet(ctx, id));
}

/** POST /wallets/:id (or GET with `?command=`). */
export function walletCommand(ctx: SandboxContext, id: string, command: string, params: Params): JsonObject {
  const wallet = requireWallet(ctx, id);
  switch (command) {
    case 'authenticate':
      // Re-sends the OTP; a linked wallet stays linked until a new link or a delink.
      sendOtp(ctx, wallet);
      if (params.has('gateway_reference_id')) wallet.gatewayReferenceId = params.get('gateway_reference_id')!;
      return unlinkedWalletJson(wallet);
    case 'link':
      return link(ctx, wallet, params.get('otp'));
    case 'refresh':
      if (!wallet.linked) throw walletInvalid('Wallet is not linked');
      readProvider(ctx, wallet);
      return withFreshToken(ctx, wallet);
    case 'delink':
      wallet.linked = false;
      wallet.currentBalance = null;
      wallet.lastRefreshed = null;
      wallet.otp = null;
      revokeTokens(ctx, wallet.id);
      return unlinkedWalletJson(wallet);
    case 'update': {
      const mobileNumber = params.get('mobile_number');
      if (mobileNumber === undefined) throw walletInvalid('mobile_number is required.');
      wallet.mobileNumber = mobileNumber;
      return walletJson(wallet, null);
    }
    default:
      throw walletInvalid(`Invalid command: ${command}`);
  }
}

/**
 * "On successful verification of the OTP, the wallet is linked… If failed, then linked attribute will remain to be
 * false": a wrong, expired or never-sent OTP is a 200 with the wallet unchanged, not an error.
 */
function link(ctx: SandboxContext, wallet: WalletAccount, otp: string | undefined): JsonObject {
  if (otp === undefined) throw walletInvalid('OTP is required while linking wallet.');
  const sent = wallet.otp;
  const verified = sent !== null && otp.trim() === sent.code && ctx.clock.now() - sent.sentAt < ctx.config.otpTtlMs;
  if (!verified) return walletJson(wallet, null);
  wallet.otp = null;
  wallet.linked = true;
  readProvider(ctx, wallet);
  return withFreshToken(ctx, wallet);
}
