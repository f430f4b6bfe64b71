/**
 * The kit's own record of the orders it has paid: what the merchant's session said (order id, amount, currency,
 * the merchant's customer id). An outcome from anywhere (a webhook, a poll, the return page) is believed only for
 * an order in this book, and only when Juspay's order status agrees with it; it is also how a webhook, which
 * carries no session, knows whose order it is. Kept in the KitStore, so every instance reads the same book.
 */
import type { CheckoutSession } from './session.js';
import type { KitStore } from './store.js';

export interface OrderRecord {
  orderId: string;
  amount: number;
  currency: string;
  /** The merchant's own customer id, from the session (not Juspay's `cst_` id). */
  customerId: string;
}

/** Long enough for late webhooks and refunds (providers allow refunds for up to a year; Juspay retries a day). */
const RECORD_TTL_SECONDS = 400 * 24 * 3600;

export class OrderBook {
  constructor(private readonly store: KitStore) {}

  async remember(session: CheckoutSession): Promise<OrderRecord> {
    const record: OrderRecord = {
      orderId: session.orderId,
      amount: session.amount,
      currency: session.currency,
      customerId: session.customerId,
    };
    await this.store.set(`order:${session.orderId}`, JSON.stringify(record), RECORD_TTL_SECONDS);
    return record;
  }

  async get(orderId: string): Promise<OrderRecord | undefined> {
    const raw = await this.store.get(`order:${orderId}`);
    return raw ? (JSON.parse(raw) as OrderRecord) : undefined;
  }
}

/** Whether Juspay's order agrees with the record on what was to be paid. */
export function agrees(record: OrderRecord, order: { amount?: number | null | undefined; currency?: string | null | undefined }): boolean {
  return order.amount === record.amount && (order.currency ?? record.currency) === record.currency;
}
