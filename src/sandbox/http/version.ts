/**
 * Juspay's `version: YYYY-MM-DD` header gates response shapes (docs/juspay.md §2.3). Dates in that format compare
 * correctly as strings; a missing or malformed header counts as the oldest version.
 */
const DATE = /^\d{4}-\d{2}-\d{2}$/;

export function versionAtLeast(header: string | null | undefined, minimum: string): boolean {
  const value = header?.trim() ?? '';
  return DATE.test(value) && value >= minimum;
}

/** create-order returns the full NEW/10 order from this version on (with a client auth token requested). */
export const FULL_ORDER_VERSION = '2018-07-01';
/** order status carries `txn_detail` from this version on. */
export const TXN_DETAIL_VERSION = '2018-07-16';
