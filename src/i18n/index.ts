/**
 * Locale resolution and formatting. Messages live beside the code that shows them (`src/i18n/<part>.ts`, each
 * `{ en, id }`), so a translation is reviewed next to its English; this module holds what they share.
 */
import type { ErrorCode } from '../errors.js';
import { errors } from './errors.js';

export const LOCALES = ['en', 'id'] as const;
export type Locale = (typeof LOCALES)[number];

/** A message table: one function or string per key, identical keys in every locale (checked by the type). */
export type Messages<T> = Record<Locale, T>;

/** The `locale` attribute wins; else the browser's language; else English. `id-ID`, `in` (old code) map to `id`. */
export function resolveLocale(attribute?: string | null, language = globalThis.navigator?.language ?? 'en'): Locale {
  for (const tag of [attribute, language]) {
    const base = tag?.toLowerCase().split(/[-_]/)[0];
    if (base === 'id' || base === 'in') return 'id';
    if (base === 'en') return 'en';
  }
  return 'en';
}

const BCP47: Record<Locale, string> = { en: 'en-US', id: 'id-ID' };
const moneyFormats = new Map<string, Intl.NumberFormat>();

/** Money in the order's currency; Intl knows IDR has no minor unit in practice (we force 0 decimals for it). */
export function formatMoney(amount: number, currency: string, locale: Locale): string {
  const key = `${locale}|${currency}`;
  let format = moneyFormats.get(key);
  if (!format) {
    const digits = currency === 'IDR' ? 0 : undefined;
    format = new Intl.NumberFormat(BCP47[locale], {
      style: 'currency',
      currency,
      minimumFractionDigits: digits,
      maximumFractionDigits: digits,
    });
    moneyFormats.set(key, format);
  }
  return format.format(amount);
}

const AGE_STEPS: [Intl.RelativeTimeFormatUnit, number][] = [
  ['second', 60],
  ['minute', 60],
  ['hour', 24],
  ['day', Infinity],
];

/** How old a balance is, e.g. "5 minutes ago" / "5 menit yang lalu". */
export function formatAge(iso: string, locale: Locale, now = Date.now()): string {
  let value = Math.max(0, Math.round((now - Date.parse(iso)) / 1000));
  const format = new Intl.RelativeTimeFormat(BCP47[locale], { numeric: 'auto' });
  for (const [unit, size] of AGE_STEPS) {
    if (value < size) return format.format(-value, unit);
    value = Math.floor(value / size);
  }
  return '';
}

/** The shopper-facing message for an error code. */
export function errorMessage(code: ErrorCode, locale: Locale): string {
  return errors[locale][code];
}
