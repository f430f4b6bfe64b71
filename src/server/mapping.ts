/**
 * Translation between Juspay's vocabulary and the contract's: provider codes, wallets (minus the token) and
 * order statuses folded into the four the widget knows.
 */
import { PROVIDERS, WalletId, type Provider, type Wallet } from '../contract.js';
import { isLinked, type JuspayWallet } from './juspay-schemas.js';

/** Juspay spells ShopeePay `SHOPEEPAY` on the SEA pages and `SHOPEE` on the global ones (docs/juspay.md §4.7). */
const PROVIDER_ALIASES: Readonly<Record<string, Provider>> = { SHOPEE: 'SHOPEEPAY' };

/** The contract provider of a Juspay wallet code, or null for a wallet the kit does not offer (MOBIKWIK…). */
export function providerOf(juspayCode: string): Provider | null {
  const code = juspayCode.toUpperCase();
  if ((PROVIDERS as readonly string[]).includes(code)) return code as Provider;
  return PROVIDER_ALIASES[code] ?? null;
}

/** The code sent to Juspay as `gateway` / `payment_method`: the SEA direct-debit spelling. */
export function gatewayOf(provider: Provider): string {
  return provider;
}

/**
 * The wallet as the browser sees it. Built field by field from an allow-list so that the token, metadata (the
 * shopper's mobile number) and anything Juspay adds later never reach the browser.
 */
export function toContractWallet(wallet: JuspayWallet): Wallet | null {
  const provider = providerOf(wallet.wallet);
  if (!provider || !WalletId.safeParse(wallet.id).success) return null;
  const linked = isLinked(wallet);
  return {
    id: wallet.id,
    provider,
    linked,
    balance: linked ? (wallet.current_balance ?? null) : null,
    balanceUpdatedAt: linked ? normaliseTimestamp(wallet.last_refreshed) : null,
  };
}

/** Juspay writes `2016-08-02T08:07:52+0000` as well as ISO-8601 with `Z`; the contract carries ISO-8601. */
function normaliseTimestamp(value: string | null | undefined): string | null {
  if (!value) return null;
  const time = Date.parse(value.replace(/([+-]\d{2})(\d{2})$/, '$1:$2'));
  return Number.isNaN(time) ? null : new Date(time).toISOString();
}

/** Wallets of the providers on offer, in Juspay's order. */
export function offeredWallets(wallets: readonly JuspayWallet[], providers: readonly Provider[]): Wallet[] {
  const result: Wallet[] = [];
  for (const wallet of wallets) {
    const mapped = toContractWallet(wallet);
    if (mapped && providers.includes(mapped.provider)) result.push(mapped);
  }
  return result;
}

export type PayOutcome = 'CHARGED' | 'PENDING' | 'FAILED';

/**
 * A `/txns` or order status, folded (docs/juspay.md §5.3). CHARGED and AUTHORIZED are paid; PENDING_VBV (insufficient
 * balance, top-up running), AUTHORIZING, STARTED and VBV_SUCCESSFUL are still moving; the declines are FAILED.
 * A status this table does not know is treated as still moving: calling it paid or failed could be wrong in a way
 * that costs money, while "pending" only makes the widget poll.
 */
export function foldTxnStatus(status: string): PayOutcome {
  switch (status.toUpperCase()) {
    case 'CHARGED':
    case 'AUTHORIZED':
    case 'COD_INITIATED':
      return 'CHARGED';
    case 'AUTHENTICATION_FAILED':
    case 'AUTHORIZATION_FAILED':
    case 'JUSPAY_DECLINED':
    case 'AUTO_REFUNDED':
    case 'VOIDED':
    case 'CAPTURE_FAILED':
      return 'FAILED';
    default:
      return 'PENDING';
  }
}

/** Order status for `GET /order`: NEW until a payment was attempted, then the folded txn status. */
export function foldOrderStatus(status: string | null): 'NEW' | PayOutcome {
  if (status === null) return 'NEW';
  const upper = status.toUpperCase();
  if (upper === 'NEW' || upper === 'CREATED' || upper === 'NOT_FOUND') return 'NEW';
  return foldTxnStatus(upper);
}
