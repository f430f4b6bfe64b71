/**
 * Money as Juspay takes it: a decimal with at most two places, at least 1 (docs/juspay.md §5.1, §4.7). Balances and
 * amounts stay plain numbers in currency units (IDR has no minor unit in practice) and every sum is rounded to
 * cents so repeated debits never drift. Shown to a shopper, an amount is formatted for its currency.
 */
const DECIMAL = /^\d+(\.\d{1,2})?$/;

/** The amount, or null when it is not a valid Juspay amount. */
export function parseAmount(raw: string): number | null {
  const value = parseNonNegativeAmount(raw);
  return value !== null && value >= 1 ? value : null;
}

/** A decimal with at most two places that may be 0 (a top-up when nothing is missing any more). */
export function parseNonNegativeAmount(raw: string): number | null {
  const text = raw.trim();
  const value = DECIMAL.test(text) ? Number(text) : NaN;
  return Number.isFinite(value) ? value : null; // 400 digits pass DECIMAL and are Infinity
}

export const roundCents = (value: number): number => Math.round(value * 100) / 100;

/** For the shopper's eyes, e.g. `IDR 130,000.00`; the bare number when the currency is not one Intl knows. */
export function formatMoney(amount: number, currency: string): string {
  try {
    return new Intl.NumberFormat('en', { style: 'currency', currency }).format(amount);
  } catch {
    return `${currency} ${amount}`;
  }
}
