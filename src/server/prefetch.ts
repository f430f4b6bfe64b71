/**
 * The checkout rendered into the merchant's page, so the widget is interactive with zero requests: the server
 * asks `kit.checkout(request)` (what `GET /checkout` would answer) and writes it into the page as a
 * `<script type="application/json">` data block, which a strict CSP allows because it never runs.
 *
 * Inside a script element, `</script>` (in any case) or `<!--` in a string would end or confuse the block, and
 * U+2028/U+2029 have tripped older parsers: every `<`, `>`, `&` and those two are written as JSON escapes, which
 * `JSON.parse` reads back to the same value.
 */
import type { Checkout } from '../contract.js';

const UNSAFE = /[<>&\u2028\u2029]/g;

/** The JSON text to put between `<script type="application/json" …>` and `</script>`. */
export function serializeCheckout(checkout: Checkout): string {
  return JSON.stringify(checkout).replace(UNSAFE, (char) => `\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}`);
}
