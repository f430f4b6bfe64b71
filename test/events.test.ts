import { expect } from '@open-wc/testing';
import {
  WalletChargedEvent,
  WalletErrorEvent,
  WalletLinkedEvent,
  WalletPendingEvent,
  WalletRedirectEvent,
  WalletSelectEvent,
} from '../src/events.js';
import type { Wallet } from '../src/contract.js';

const wallet: Wallet = { id: 'wlt_abcd1234', provider: 'GOPAY', linked: true, balance: 1000, balanceUpdatedAt: null };

/** Each public event: its type, its detail, whether it is cancelable (as documented in events.ts and design.md). */
const cases: { name: string; make: () => Event & { detail: unknown }; type: string; detail: unknown; cancelable: boolean }[] = [
  { name: 'WalletChargedEvent', make: () => new WalletChargedEvent({ orderId: 'o1', url: 'https://x.test/f' }), type: 'wallet-charged', detail: { orderId: 'o1', url: 'https://x.test/f' }, cancelable: true },
  { name: 'WalletPendingEvent', make: () => new WalletPendingEvent({ orderId: 'o1', topUpUrl: 'https://x.test/t' }), type: 'wallet-pending', detail: { orderId: 'o1', topUpUrl: 'https://x.test/t' }, cancelable: true },
  { name: 'WalletRedirectEvent', make: () => new WalletRedirectEvent({ url: 'https://x.test/f' }), type: 'wallet-redirect', detail: { url: 'https://x.test/f' }, cancelable: true },
  { name: 'WalletErrorEvent', make: () => new WalletErrorEvent({ code: 'timeout', message: 'slow', retryable: true }), type: 'wallet-error', detail: { code: 'timeout', message: 'slow', retryable: true }, cancelable: false },
  { name: 'WalletSelectEvent', make: () => new WalletSelectEvent({ provider: 'DANA', wallet: null }), type: 'wallet-select', detail: { provider: 'DANA', wallet: null }, cancelable: false },
  { name: 'WalletLinkedEvent', make: () => new WalletLinkedEvent({ wallet }), type: 'wallet-linked', detail: { wallet }, cancelable: false },
];

describe('events', () => {
  let host: HTMLElement;
  beforeEach(() => {
    host = document.createElement('div');
    document.body.append(host);
  });
  afterEach(() => host.remove());

  for (const c of cases) {
    describe(c.name, () => {
      it(`is '${c.type}', bubbles, composed, ${c.cancelable ? '' : 'not '}cancelable, with its detail`, () => {
        const event = c.make();
        expect(event).to.be.instanceOf(Event);
        expect(event.type).to.equal(c.type);
        expect(event.bubbles).to.equal(true);
        expect(event.composed).to.equal(true);
        expect(event.cancelable).to.equal(c.cancelable);
        expect(event.detail).to.deep.equal(c.detail);
      });

      it('reaches document from inside nested (open and closed) shadow roots, and preventDefault works only if cancelable', () => {
        const outer = host.attachShadow({ mode: 'open' });
        const inner = document.createElement('div');
        outer.append(inner);
        const deepest = inner.attachShadow({ mode: 'closed' });
        const source = document.createElement('span');
        deepest.append(source);

        const heard: Event[] = [];
        const listener = (event: Event) => {
          heard.push(event);
          event.preventDefault();
        };
        document.addEventListener(c.type, listener);
        try {
          const event = c.make();
          const notCancelled = source.dispatchEvent(event);
          expect(heard).to.have.length(1);
          expect(heard[0]).to.equal(event);
          // Retargeted to the outermost host: the page never sees the widget's internals.
          expect(heard[0]!.target).to.equal(host);
          expect(notCancelled).to.equal(!c.cancelable);
          expect(event.defaultPrevented).to.equal(c.cancelable);
        } finally {
          document.removeEventListener(c.type, listener);
        }
      });
    });
  }

  it('the typed event map gives listeners the detail without a cast', () => {
    let orderId = '';
    const listener = (event: WalletChargedEvent) => (orderId = event.detail.orderId);
    document.addEventListener('wallet-charged', listener);
    host.dispatchEvent(new WalletChargedEvent({ orderId: 'typed', url: 'https://x.test' }));
    document.removeEventListener('wallet-charged', listener);
    expect(orderId).to.equal('typed');
  });
});
