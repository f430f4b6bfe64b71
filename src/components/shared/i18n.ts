/**
 * Locale resolution and formatting. Messages live beside the code that shows them (each component's `messages.ts`, each
 * `{ en, id }`), so a translation is reviewed next to its English; this module holds what they share.
 * The short tags `en` and `id` are given to Intl as they are: they format exactly as en-US and id-ID.
 */
import type { ErrorCode } from '../../errors.js';
import { errors } from './error-messages.js';

export const LOCALES = ['en', 'id'] as const;
export type Locale = (typeof LOCALES)[number];

/** A message table: one function or string per key, identical keys in every locale (checked by the type). */
export type Messages<T> = Record<Locale, T>;

/** The `locale` attribute wins; else the browser's language; else English. `id-ID`, `in` (old code) map to `id`. */
export function resolveLocale(attribute?: string | null, language = globalThis.navigator?.language ?? 'en'): Locale {
  for (const tag of [attribute, language]) {
    const base = tag?.toLowerCase().split(/[-_]/)[0];
    if (base === 'en') return base;
    if (base === 'id' || base === 'in') return 'id';
  }
  return 'en';
}

/** Money in the order's currency; IDR is shown without decimals (its minor unit is not used in practice). */
export function formatMoney(amount: number, currency: string, locale: Locale): string {
  const digits = currency === 'IDR' ? 0 : undefined;
  return new Intl.NumberFormat(locale, {
    style: 'currency',
    currency,
    minimumFractionDigits: digits,
    maximumFractionDigits: digits,
  }).format(amount);
}

/** How old a balance is, e.g. "5 minutes ago" / "5 menit yang lalu". */
export function formatAge(iso: string, locale: Locale, now = Date.now()): string {
  const time = Date.parse(iso);
  // The contract admits only ISO date-times; a render must not throw even so (Intl refuses NaN).
  if (Number.isNaN(time)) return '';
  // Seconds, then minutes, hours, days: move up a unit while the count fills the current one.
  let value = Math.max(0, Math.round((now - time) / 1000));
  let unit = 0;
  for (const size of [60, 60, 24]) {
    if (value < size) break;
    value = Math.floor(value / size);
    unit++;
  }
  return new Intl.RelativeTimeFormat(locale, { numeric: 'auto' }).format(-value, (['second', 'minute', 'hour', 'day'] as const)[unit]!);
}

/** The shopper-facing message for an error code. */
export function errorMessage(code: ErrorCode, locale: Locale): string {
  return errors[locale][code];
}
