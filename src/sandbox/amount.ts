/**
 * Money as Juspay takes it: a decimal with at most two places, at least 1 (docs/juspay.md §5.1, §4.7). Balances and
 * amounts stay plain numbers in currency units (IDR has no minor unit in practice) and every sum is rounded to
 * cents so repeated debits never drift.
 */
const DECIMAL = /^\d+(\.\d{1,2})?$/;

/** The amount, or null when it is not a valid Juspay amount. */
export function parseAmount(raw: string): number | null {
  const text = raw.trim();
  if (!DECIMAL.test(text)) return null;
  const value = Number(text);
  return Number.isFinite(value) && value >= 1 ? value : null;
}

/** A decimal with at most two places that may be 0 (a top-up when nothing is missing any more). */
export function parseNonNegativeAmount(raw: string): number | null {
  const text = raw.trim();
  return DECIMAL.test(text) ? Number(text) : null;
}

export const roundCents = (value: number): number => Math.round(value * 100) / 100;
