/**
 * Request parameters as Juspay reads them: one flat map of dotted keys (`order.order_id`, `options.*`), from the
 * query string and the body. Juspay documents form-urlencoded bodies and its own MCP server posts JSON, so both
 * are accepted; nested JSON objects are flattened to the same dotted keys, and scalars become strings, exactly as
 * they would arrive in a form.
 */
import { genericError } from '../errors.js';

export class Params {
  constructor(private readonly values: ReadonlyMap<string, string>) {}

  /** The value, or undefined when absent or empty (Juspay treats an empty field as missing). */
  get(name: string): string | undefined {
    const value = this.values.get(name);
    return value === undefined || value.trim() === '' ? undefined : value;
  }

  has(name: string): boolean {
    return this.get(name) !== undefined;
  }

  /** True when any key starts with `prefix.` (e.g. an inline `order.*` object). */
  hasGroup(prefix: string): boolean {
    for (const key of this.values.keys()) if (key.startsWith(`${prefix}.`)) return true;
    return false;
  }
}

const malformedBody = () => genericError('INVALID_REQUEST', 'Malformed request body');

/** Query parameters first, body fields override them. */
export async function readParams(request: Request): Promise<Params> {
  const values = new Map<string, string>();
  for (const [key, value] of new URL(request.url).searchParams) values.set(key, value);
  if (request.method === 'GET' || request.method === 'HEAD') return new Params(values);

  const type = (request.headers.get('content-type') ?? '').split(';')[0]!.trim().toLowerCase();
  const text = await request.text();
  if (text.trim() === '') return new Params(values);
  if (type === 'application/json' || type.endsWith('+json')) {
    let parsed: unknown;
    try {
      parsed = JSON.parse(text);
    } catch {
      throw malformedBody();
    }
    if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) throw malformedBody();
    flatten(parsed as Record<string, unknown>, '', values);
  } else {
    // Form encoding is Juspay's documented default, so anything that is not JSON is read as a form.
    for (const [key, value] of new URLSearchParams(text)) values.set(key, value);
  }
  return new Params(values);
}

function flatten(object: Record<string, unknown>, prefix: string, into: Map<string, string>): void {
  for (const [key, value] of Object.entries(object)) {
    const name = prefix + key;
    if (value === null || value === undefined) continue;
    if (typeof value === 'object' && !Array.isArray(value)) flatten(value as Record<string, unknown>, `${name}.`, into);
    else if (typeof value === 'object') into.set(name, JSON.stringify(value));
    else into.set(name, String(value));
  }
}
