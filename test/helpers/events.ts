/** One sample of each public event class, with what it must be: shared by the node and browser event tests. */
import {
  WalletChargedEvent,
  WalletErrorEvent,
  WalletLinkedEvent,
  WalletPendingEvent,
  WalletRedirectEvent,
  WalletSelectEvent,
  WalletUnlinkedEvent,
} from '../../src/events.js';
import type { Wallet } from '../../src/contract.js';

const wallet: Wallet = { id: 'wlt_abcd1234', provider: 'GOPAY', linked: true, balance: 1000, balanceUpdatedAt: null };

/** Each public event: its type, its detail, whether it is cancelable (as documented in events.ts). */
export const eventCases: { name: string; make: () => Event & { detail: unknown }; type: string; detail: unknown; cancelable: boolean }[] = [
  {
    name: 'WalletChargedEvent',
    make: () => new WalletChargedEvent({ orderId: 'o1', url: 'https://x.test/f' }),
    type: 'wallet-charged',
    detail: { orderId: 'o1', url: 'https://x.test/f' },
    cancelable: true,
  },
  {
    name: 'WalletPendingEvent',
    make: () => new WalletPendingEvent({ orderId: 'o1', topUpUrl: 'https://x.test/t' }),
    type: 'wallet-pending',
    detail: { orderId: 'o1', topUpUrl: 'https://x.test/t' },
    cancelable: true,
  },
  {
    name: 'WalletRedirectEvent',
    make: () => new WalletRedirectEvent({ url: 'https://x.test/f' }),
    type: 'wallet-redirect',
    detail: { url: 'https://x.test/f' },
    cancelable: true,
  },
  {
    name: 'WalletErrorEvent',
    make: () => new WalletErrorEvent({ code: 'timeout', message: 'slow', retryable: true }),
    type: 'wallet-error',
    detail: { code: 'timeout', message: 'slow', retryable: true },
    cancelable: false,
  },
  {
    name: 'WalletSelectEvent',
    make: () => new WalletSelectEvent({ provider: 'DANA', wallet: null }),
    type: 'wallet-select',
    detail: { provider: 'DANA', wallet: null },
    cancelable: false,
  },
  {
    name: 'WalletLinkedEvent',
    make: () => new WalletLinkedEvent({ wallet }),
    type: 'wallet-linked',
    detail: { wallet },
    cancelable: false,
  },
  {
    name: 'WalletUnlinkedEvent',
    make: () => new WalletUnlinkedEvent({ wallet }),
    type: 'wallet-unlinked',
    detail: { wallet },
    cancelable: false,
  },
];
