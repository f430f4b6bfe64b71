/**
 * The direct-debit wallets the sandbox simulates: the SEA table of Juspay's wallet direct-debit page (GOPAY, DANA,
 * SHOPEEPAY, OVO). Juspay's global pages spell ShopeePay `SHOPEE`; the sandbox accepts that spelling on input and
 * always answers `SHOPEEPAY`, the spelling of the seed page and of the widget contract.
 */
export const GATEWAYS = ['GOPAY', 'DANA', 'SHOPEEPAY', 'OVO'] as const;
export type Gateway = (typeof GATEWAYS)[number];

const ALIASES: Readonly<Record<string, Gateway>> = { SHOPEE: 'SHOPEEPAY' };

/** The canonical gateway for a code as a client sent it, or null when the sandbox does not offer it. */
export function normaliseGateway(code: string): Gateway | null {
  const upper = code.trim().toUpperCase();
  if ((GATEWAYS as readonly string[]).includes(upper)) return upper as Gateway;
  return ALIASES[upper] ?? null;
}

/** Balance of the simulated provider account behind a wallet created through the API. */
export const DEFAULT_PROVIDER_BALANCE = 500_000;
