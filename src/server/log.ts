/**
 * The kit's log: entries go to the merchant's hook only after sanitising. The kit never puts a secret into an entry
 * on purpose; this is the second line: keys that name a secret are redacted, and any string that contains the API
 * key, the Basic credentials or something shaped like a Juspay token is rewritten.
 */
export type LogLevel = 'info' | 'warn' | 'error';
export interface LogEntry {
  level: LogLevel;
  event: string;
  [key: string]: unknown;
}
export type LogHook = (entry: LogEntry) => void;
export type Logger = (level: LogLevel, event: string, fields?: Record<string, unknown>) => void;

const SECRET_KEY = /token|otp|authorization|api_?key|password|secret|cookie|credential/i;
/** Juspay token prefixes seen in the wild (docs/juspay.md §4.1): tok_, tkn_, tk_. */
const TOKEN_SHAPE = /\b(?:tok|tkn|tk)_[A-Za-z0-9*]+/g;
const REDACTED = '[redacted]';

/**
 * Where entries go when the merchant passes no `log`: warnings and errors to the console, one JSON line each, so a
 * misconfigured kit says why it answers 500 instead of failing silently. `log: false` silences it.
 */
export const consoleLog: LogHook = (entry) => {
  if (entry.level === 'info') return;
  (entry.level === 'error' ? console.error : console.warn)(`[wallet-elements] ${JSON.stringify(entry)}`);
};

export function createLogger(option: LogHook | false | undefined, secrets: readonly string[]): Logger {
  if (option === false) return () => {};
  const hook = option ?? consoleLog;
  const needles = secrets.filter((secret) => secret.length >= 4);
  const scrub = (value: string) => {
    let out = value.replace(TOKEN_SHAPE, REDACTED);
    for (const needle of needles) out = out.split(needle).join(REDACTED);
    return out;
  };
  const clean = (value: unknown, depth: number): unknown => {
    if (typeof value === 'string') return scrub(value);
    if (typeof value === 'number' || typeof value === 'boolean' || value === null || value === undefined) return value;
    if (depth > 3) return REDACTED;
    if (Array.isArray(value)) return value.map((item) => clean(item, depth + 1));
    if (typeof value === 'object') {
      const out: Record<string, unknown> = {};
      for (const [key, inner] of Object.entries(value)) out[key] = SECRET_KEY.test(key) ? REDACTED : clean(inner, depth + 1);
      return out;
    }
    return REDACTED;
  };
  return (level, event, fields = {}) => {
    const entry = clean({ ...fields }, 0) as Record<string, unknown>;
    try {
      hook({ ...entry, level, event });
    } catch {
      // A broken log hook must not break a payment.
    }
  };
}
