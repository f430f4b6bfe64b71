/** Locale resolution, money and age formatting, and the message tables: pure, so in node (Intl is the same ICU). */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { ERROR_CODES } from '../src/errors.js';
import { errorMessage, formatAge, formatMoney, LOCALES, resolveLocale } from '../src/components/shared/i18n.js';
import { messages as otpMessages } from '../src/components/otp-link/messages.js';
import { messages as pickerMessages } from '../src/components/wallet-picker/messages.js';
import { messages as payMessages } from '../src/components/wallet-pay/messages.js';

describe('resolveLocale', () => {
  it('the attribute wins over the browser language', () => {
    assert.equal(resolveLocale('id', 'en-US'), 'id');
    assert.equal(resolveLocale('en', 'id-ID'), 'en');
  });

  it('maps region and script variants and the old code `in` to their language', () => {
    assert.equal(resolveLocale('id-ID', 'en'), 'id');
    assert.equal(resolveLocale('ID_id', 'en'), 'id');
    assert.equal(resolveLocale('in', 'en'), 'id');
    assert.equal(resolveLocale('en-GB', 'id'), 'en');
  });

  it('falls back to the browser language, then to English', () => {
    assert.equal(resolveLocale(undefined, 'id-ID'), 'id');
    assert.equal(resolveLocale(null, 'en-AU'), 'en');
    assert.equal(resolveLocale('fr', 'id'), 'id');
    assert.equal(resolveLocale('fr', 'de-DE'), 'en');
    assert.equal(resolveLocale('', ''), 'en');
  });

  it('reads navigator.language by default, and falls back to English without a navigator', () => {
    const had = Object.getOwnPropertyDescriptor(globalThis, 'navigator');
    const browser = (language: string | undefined) =>
      Object.defineProperty(globalThis, 'navigator', {
        value: language === undefined ? undefined : { language },
        configurable: true,
        writable: true,
      });
    try {
      browser('id-ID');
      assert.equal(resolveLocale(), 'id');
      assert.equal(resolveLocale(null), 'id');
      assert.equal(resolveLocale('en'), 'en', 'the attribute still wins');
      browser('en-US');
      assert.equal(resolveLocale(), 'en');
      browser(undefined);
      assert.equal(resolveLocale(), 'en');
    } finally {
      if (had) Object.defineProperty(globalThis, 'navigator', had);
      else delete (globalThis as { navigator?: unknown }).navigator;
    }
  });
});

describe('formatMoney', () => {
  it('IDR in English: grouped with commas, no decimals', () => {
    const text = formatMoney(150_000, 'IDR', 'en');
    assert.match(text, /^IDR\s150,000$/);
    assert.match(formatMoney(1_000_000, 'IDR', 'en'), /1,000,000$/);
  });

  it('IDR in Indonesian: Rp, grouped with dots, no decimals', () => {
    assert.match(formatMoney(150_000, 'IDR', 'id'), /^Rp\s?150\.000$/);
    assert.match(formatMoney(20_000, 'IDR', 'id'), /^Rp\s?20\.000$/);
  });

  it('rounds a fractional IDR amount instead of showing cents', () => {
    assert.match(formatMoney(1500.6, 'IDR', 'en'), /1,501$/);
    assert.match(formatMoney(1500.6, 'IDR', 'id'), /1\.501$/);
  });

  it('keeps the minor unit of currencies that have one', () => {
    assert.equal(formatMoney(12.5, 'USD', 'en'), '$12.50');
  });
});

describe('formatAge', () => {
  const now = Date.parse('2026-11-22T10:00:00Z');
  const ago = (ms: number) => new Date(now - ms).toISOString();

  it('says how long ago, in English and Indonesian', () => {
    assert.equal(formatAge(ago(5 * 60_000), 'en', now), '5 minutes ago');
    assert.equal(formatAge(ago(5 * 60_000), 'id', now), '5 menit yang lalu');
    assert.equal(formatAge(ago(30_000), 'en', now), '30 seconds ago');
    assert.equal(formatAge(ago(2 * 3_600_000), 'en', now), '2 hours ago');
    assert.equal(formatAge(ago(2 * 3_600_000), 'id', now), '2 jam yang lalu');
    assert.equal(formatAge(ago(3 * 86_400_000), 'en', now), '3 days ago');
  });

  it('says nothing, and never throws, for a time that is not a date (a render must not break)', () => {
    for (const value of ['yesterday', '', '2026-99-99T00:00:00Z']) assert.equal(formatAge(value, 'en', now), '', value);
  });

  it('uses words where the language has them', () => {
    assert.equal(formatAge(ago(0), 'en', now), 'now');
    assert.equal(formatAge(ago(0), 'id', now), 'sekarang');
    assert.equal(formatAge(ago(86_400_000), 'en', now), 'yesterday');
  });

  it('never says "in …" for a time stamp ahead of the browser clock', () => {
    assert.equal(formatAge(new Date(now + 90_000).toISOString(), 'en', now), 'now');
  });
});

describe('messages', () => {
  it('every error code has a distinct, non-empty text in en and id', () => {
    for (const code of ERROR_CODES) {
      const en = errorMessage(code, 'en');
      const id = errorMessage(code, 'id');
      assert.ok(typeof en === 'string' && en !== '', code);
      assert.ok(typeof id === 'string' && id !== '', code);
      assert.notEqual(id, en, code);
    }
    // The three OTP failures must read differently (the shopper acts differently on each).
    const otp = ['otp_invalid', 'otp_expired', 'otp_attempts_exceeded'] as const;
    for (const locale of LOCALES) assert.equal(new Set(otp.map((code) => errorMessage(code, locale))).size, 3);
  });

  for (const [name, table] of [
    ['otp-link', otpMessages],
    ['wallet-picker', pickerMessages],
    ['wallet-pay', payMessages],
  ] as const) {
    it(`${name}: en and id have the same keys, each translated`, () => {
      const en = table.en as Record<string, unknown>;
      const id = table.id as Record<string, unknown>;
      assert.deepEqual(Object.keys(id).sort(), Object.keys(en).sort());
      for (const key of Object.keys(en)) {
        const sample = (value: unknown) => (typeof value === 'function' ? String(value(3, 'X')) : String(value));
        assert.notEqual(sample(en[key]), '', key);
        assert.notEqual(sample(id[key]), sample(en[key]), `${name}.${key}`);
      }
    });
  }
});
