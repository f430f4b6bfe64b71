/**
 * Identifier formats, copied from Juspay's samples (see docs/juspay.md §3.1, §4.1, §5.1, §6.2, §6.3, §7.2).
 * Randomness comes from Web Crypto so ids and tokens are unguessable (a token is a bearer credential for a debit)
 * and the module runs in any Fetch-API runtime.
 */
const LOWER_ALNUM = 'abcdefghijklmnopqrstuvwxyz0123456789';
const MIXED_ALNUM = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
const HEX = '0123456789abcdef';

/** `length` characters drawn uniformly from `alphabet` (rejection sampling, so no modulo bias). */
export function randomString(alphabet: string, length: number): string {
  const limit = 256 - (256 % alphabet.length);
  let out = '';
  while (out.length < length) {
    const bytes = crypto.getRandomValues(new Uint8Array(length * 2));
    for (const byte of bytes) {
      if (byte < limit) out += alphabet[byte % alphabet.length];
      if (out.length === length) break;
    }
  }
  return out;
}

/** `wlt_` + 16 lowercase alphanumerics, e.g. `wlt_hvhpdhbhlssh7qdz`. */
export const walletId = (): string => `wlt_${randomString(LOWER_ALNUM, 16)}`;
/** `cst_` + 16 lowercase alphanumerics, e.g. `cst_afdeuvmfhs3j1acm`. */
export const customerId = (): string => `cst_${randomString(LOWER_ALNUM, 16)}`;
/** `tkn_` + 32 hex, e.g. `tkn_8430950f5d2543ca9dffa2a843afc46f` (direct-debit and client-auth tokens). */
export const token = (): string => `tkn_${randomString(HEX, 32)}`;
/** `ordeh_` + 32 hex, Juspay's internal order id. */
export const orderUuid = (): string => `ordeh_${randomString(HEX, 32)}`;
/** 16 mixed-case alphanumerics, e.g. `eulneT9JkaAPa1uv`. */
export const txnUuid = (): string => randomString(MIXED_ALNUM, 16);
/** `wtpup_` + 16 lowercase alphanumerics, e.g. `wtpup_g6kasufbfsre1ntb`: the id in a top-up page URL. */
export const topupId = (): string => `wtpup_${randomString(LOWER_ALNUM, 16)}`;
/** Suffix that makes a persona clone's object_reference_id unique, e.g. `linked-k3j9x2`. */
export const personaSuffix = (): string => randomString(LOWER_ALNUM, 6);
/** Digits, for the simulated provider's receipt numbers. */
export const digits = (length: number): string => randomString('0123456789', length);
/** `evt_V2_` + 32 hex, e.g. `evt_V2_b737837102414514ae0e9717a9f2664d`: a webhook event id (Juspay's modern samples). */
export const eventId = (): string => `evt_V2_${randomString(HEX, 32)}`;
