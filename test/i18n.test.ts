import { expect } from '@open-wc/testing';
import { ERROR_CODES } from '../src/errors.js';
import { errorMessage, formatAge, formatMoney, LOCALES, resolveLocale } from '../src/components/shared/i18n.js';
import { messages as otpMessages } from '../src/components/otp-link/messages.js';
import { messages as pickerMessages } from '../src/components/wallet-picker/messages.js';

describe('resolveLocale', () => {
  it('the attribute wins over the browser language', () => {
    expect(resolveLocale('id', 'en-US')).to.equal('id');
    expect(resolveLocale('en', 'id-ID')).to.equal('en');
  });

  it('maps region and script variants and the old code `in` to their language', () => {
    expect(resolveLocale('id-ID', 'en')).to.equal('id');
    expect(resolveLocale('ID_id', 'en')).to.equal('id');
    expect(resolveLocale('in', 'en')).to.equal('id');
    expect(resolveLocale('en-GB', 'id')).to.equal('en');
  });

  it('falls back to the browser language, then to English', () => {
    expect(resolveLocale(undefined, 'id-ID')).to.equal('id');
    expect(resolveLocale(null, 'en-AU')).to.equal('en');
    expect(resolveLocale('fr', 'id')).to.equal('id');
    expect(resolveLocale('fr', 'de-DE')).to.equal('en');
    expect(resolveLocale('', '')).to.equal('en');
  });

  it('reads navigator.language by default', () => {
    const expected = navigator.language.toLowerCase().startsWith('id') ? 'id' : 'en';
    expect(resolveLocale()).to.equal(expected);
  });
});

describe('formatMoney', () => {
  it('IDR in English: grouped with commas, no decimals', () => {
    const text = formatMoney(150_000, 'IDR', 'en');
    expect(text).to.match(/^IDR\s150,000$/);
    expect(formatMoney(1_000_000, 'IDR', 'en')).to.match(/1,000,000$/);
  });

  it('IDR in Indonesian: Rp, grouped with dots, no decimals', () => {
    expect(formatMoney(150_000, 'IDR', 'id')).to.match(/^Rp\s?150\.000$/);
    expect(formatMoney(20_000, 'IDR', 'id')).to.match(/^Rp\s?20\.000$/);
  });

  it('rounds a fractional IDR amount instead of showing cents', () => {
    expect(formatMoney(1500.6, 'IDR', 'en')).to.match(/1,501$/);
    expect(formatMoney(1500.6, 'IDR', 'id')).to.match(/1\.501$/);
  });

  it('keeps the minor unit of currencies that have one', () => {
    expect(formatMoney(12.5, 'USD', 'en')).to.equal('$12.50');
  });
});

describe('formatAge', () => {
  const now = Date.parse('2026-11-22T10:00:00Z');
  const ago = (ms: number) => new Date(now - ms).toISOString();

  it('says how long ago, in English and Indonesian', () => {
    expect(formatAge(ago(5 * 60_000), 'en', now)).to.equal('5 minutes ago');
    expect(formatAge(ago(5 * 60_000), 'id', now)).to.equal('5 menit yang lalu');
    expect(formatAge(ago(30_000), 'en', now)).to.equal('30 seconds ago');
    expect(formatAge(ago(2 * 3_600_000), 'en', now)).to.equal('2 hours ago');
    expect(formatAge(ago(2 * 3_600_000), 'id', now)).to.equal('2 jam yang lalu');
    expect(formatAge(ago(3 * 86_400_000), 'en', now)).to.equal('3 days ago');
  });

  it('says nothing, and never throws, for a time that is not a date (a render must not break)', () => {
    for (const value of ['yesterday', '', '2026-99-99T00:00:00Z']) expect(formatAge(value, 'en', now), value).to.equal('');
  });

  it('uses words where the language has them', () => {
    expect(formatAge(ago(0), 'en', now)).to.equal('now');
    expect(formatAge(ago(0), 'id', now)).to.equal('sekarang');
    expect(formatAge(ago(86_400_000), 'en', now)).to.equal('yesterday');
  });

  it('never says "in …" for a time stamp ahead of the browser clock', () => {
    expect(formatAge(new Date(now + 90_000).toISOString(), 'en', now)).to.equal('now');
  });
});

describe('messages', () => {
  it('every error code has a distinct, non-empty text in en and id', () => {
    for (const code of ERROR_CODES) {
      const en = errorMessage(code, 'en');
      const id = errorMessage(code, 'id');
      expect(en, code).to.be.a('string').and.not.equal('');
      expect(id, code).to.be.a('string').and.not.equal('');
      expect(id, code).to.not.equal(en);
    }
    // The three OTP failures must read differently (the shopper acts differently on each).
    const otp = ['otp_invalid', 'otp_expired', 'otp_attempts_exceeded'] as const;
    for (const locale of LOCALES) expect(new Set(otp.map((code) => errorMessage(code, locale))).size).to.equal(3);
  });

  for (const [name, table] of [['otp-link', otpMessages], ['wallet-picker', pickerMessages]] as const) {
    it(`${name}: en and id have the same keys, each translated`, () => {
      const en = table.en as Record<string, unknown>;
      const id = table.id as Record<string, unknown>;
      expect(Object.keys(id).sort()).to.deep.equal(Object.keys(en).sort());
      for (const key of Object.keys(en)) {
        const sample = (value: unknown) => (typeof value === 'function' ? String(value(3, 'X')) : String(value));
        expect(sample(en[key]), key).to.not.equal('');
        expect(sample(id[key]), `${name}.${key}`).to.not.equal(sample(en[key]));
      }
    });
  }
});
