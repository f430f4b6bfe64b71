/**
 * The checkout flow of `<wallet-pay>` with no DOM: the pure reducer (every state against every action), and the
 * runner's watch of a pending order with a stub client (back-off, retryAfter, a hidden page, the 15-minute end).
 * The runner against the real kit and sandbox is test/flow.browser.test.ts.
 */
import { afterEach, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { Checkout, Wallet } from '../src/contract.js';
import { WalletError } from '../src/errors.js';
import {
  CheckoutFlow,
  POLL_LIMIT_MS,
  POLL_MAX_MISSES,
  POLL_MAX_MS,
  initialState,
  isPayable,
  pollDelay,
  reduce,
  type FlowAction,
  type FlowOutput,
  type FlowState,
} from '../src/components/wallet-pay/flow.js';
import { waitFor } from './harness/wait.js';

/** Asserts that `actual` has every key of `subset` with a deep-equal value (chai's `include` for objects). */
function includes(actual: unknown, subset: Record<string, unknown>, message?: string): void {
  assert.ok(actual && typeof actual === 'object', message ?? `${String(actual)} is an object`);
  for (const [key, value] of Object.entries(subset)) assert.deepEqual((actual as Record<string, unknown>)[key], value, message ?? key);
}

const waitUntil = (check: () => unknown, message: string, { timeout = 5000 } = {}) => waitFor(() => check(), message, timeout);

const linked: Wallet = {
  id: 'wlt_linked01',
  provider: 'GOPAY',
  linked: true,
  balance: 1_000_000,
  balanceUpdatedAt: '2026-01-01T00:00:00Z',
};
const unlinked: Wallet = { id: 'wlt_unlinked1', provider: 'DANA', linked: false, balance: null, balanceUpdatedAt: null };
const checkout: Checkout = {
  order: { id: 'ord1', amount: 150_000, currency: 'IDR' },
  wallets: [linked, unlinked],
  providers: ['GOPAY', 'DANA', 'OVO'],
};
const payable = { provider: 'GOPAY' as const, wallet: linked };

/** One sample of every state, to prove what each accepts and what it ignores. */
const samples: Record<string, FlowState> = {
  loading: { name: 'loading' },
  empty: { name: 'empty', checkout: { ...checkout, providers: [] } },
  'choose, nothing picked': { name: 'choose', checkout, selection: null },
  'choose, unlinked picked': { name: 'choose', checkout, selection: { provider: 'DANA', wallet: unlinked } },
  'choose, absent picked': { name: 'choose', checkout, selection: { provider: 'OVO', wallet: null } },
  'choose, linked picked': { name: 'choose', checkout, selection: payable },
  otp: { name: 'otp', checkout, selection: { provider: 'DANA', wallet: unlinked } },
  paying: { name: 'paying', checkout, selection: payable },
  charged: { name: 'charged', checkout, selection: payable, orderId: 'ord1', url: 'https://x.test/f', notice: null },
  pending: { name: 'pending', checkout, selection: payable, orderId: 'ord1', topUpUrl: 'https://x.test/t', watching: false, notice: null },
  'pending, watching': {
    name: 'pending',
    checkout,
    selection: payable,
    orderId: 'ord1',
    topUpUrl: 'https://x.test/t',
    watching: true,
    notice: null,
  },
  'failed pay': { name: 'failed', checkout, selection: payable, error: new WalletError('timeout'), retry: 'pay' },
  'failed load': { name: 'failed', checkout: null, selection: null, error: new WalletError('network'), retry: 'load' },
};

/** The sample names in which `action` is accepted. */
const acceptedIn = (action: FlowAction) => Object.keys(samples).filter((name) => reduce(samples[name]!, action) !== null);

describe('flow', () => {
  describe('reduce (pure transitions)', () => {
    it('starts in loading and loads once', () => {
      assert.deepEqual(initialState, { name: 'loading' });
      assert.deepEqual(reduce(initialState, { type: 'load' }), { state: initialState, effect: { type: 'load' } });
      assert.deepEqual(acceptedIn({ type: 'load' }), ['loading']);
    });

    it('loaded: choose with nothing picked, or empty when no provider is on offer', () => {
      assert.deepEqual(reduce(initialState, { type: 'loaded', checkout }), { state: { name: 'choose', checkout, selection: null } });
      const none = { ...checkout, providers: [] };
      assert.deepEqual(reduce(initialState, { type: 'loaded', checkout: none })?.state, { name: 'empty', checkout: none });
      assert.deepEqual(acceptedIn({ type: 'loaded', checkout }), ['loading']);
    });

    it('loadFailed: failed with retry of the load when retryable, none otherwise, and one error output', () => {
      const error = new WalletError('timeout');
      assert.deepEqual(reduce(initialState, { type: 'loadFailed', error }), {
        state: { name: 'failed', checkout: null, selection: null, error, retry: 'load' },
        output: { type: 'error', error },
      });
      const fatal = new WalletError('unauthorized');
      includes(reduce(initialState, { type: 'loadFailed', error: fatal })?.state, { retry: null });
    });

    it('select is accepted only while choosing', () => {
      const step = reduce(samples['choose, nothing picked']!, { type: 'select', provider: 'OVO', wallet: null });
      assert.deepEqual(step?.state, { name: 'choose', checkout, selection: { provider: 'OVO', wallet: null } });
      assert.equal(step?.effect, undefined);
      assert.deepEqual(
        [...acceptedIn({ type: 'select', provider: 'OVO', wallet: null })].sort(),
        [...Object.keys(samples).filter((name) => name.startsWith('choose'))].sort(),
      );
    });

    it('pay is accepted ONLY in choose with a linked wallet picked, and asks for exactly one POST /pay', () => {
      assert.deepEqual(acceptedIn({ type: 'pay' }), ['choose, linked picked']);
      assert.deepEqual(reduce(samples['choose, linked picked']!, { type: 'pay' }), {
        state: { name: 'paying', checkout, selection: payable },
        effect: { type: 'pay', walletId: linked.id },
      });
      // A double click: the second pay lands in paying and is ignored.
      const paying = reduce(samples['choose, linked picked']!, { type: 'pay' })!.state;
      assert.equal(reduce(paying, { type: 'pay' }), null);
    });

    it('link goes to otp only for an unlinked or absent wallet', () => {
      assert.deepEqual(acceptedIn({ type: 'link' }), ['choose, unlinked picked', 'choose, absent picked']);
      assert.deepEqual(reduce(samples['choose, absent picked']!, { type: 'link' }), {
        state: { name: 'otp', checkout, selection: { provider: 'OVO', wallet: null } },
      });
    });

    it('linked pays at once with the new wallet and records it in the checkout', () => {
      const fresh: Wallet = { ...unlinked, linked: true, balance: 500_000 };
      const step = reduce(samples.otp!, { type: 'linked', wallet: fresh });
      assert.deepEqual(step?.effect, { type: 'pay', walletId: fresh.id });
      assert.equal(step?.state.name, 'paying');
      const state = step!.state as Extract<FlowState, { name: 'paying' }>;
      assert.deepEqual(state.selection, { provider: 'DANA', wallet: fresh });
      assert.deepEqual(
        state.checkout.wallets.filter((w) => w.id === fresh.id),
        [fresh],
      );
      assert.deepEqual(acceptedIn({ type: 'linked', wallet: fresh }), ['otp']);
    });

    it('linked is ignored for a wallet that is not linked or of another provider', () => {
      assert.equal(reduce(samples.otp!, { type: 'linked', wallet: unlinked }), null);
      assert.equal(reduce(samples.otp!, { type: 'linked', wallet: linked }), null);
    });

    it('paid CHARGED: charged with one charged output', () => {
      const result = { orderId: 'ord1', status: 'CHARGED' as const, url: 'https://x.test/f' };
      assert.deepEqual(reduce(samples.paying!, { type: 'paid', result }), {
        state: { name: 'charged', checkout, selection: payable, orderId: 'ord1', url: 'https://x.test/f', notice: null },
        output: { type: 'charged', orderId: 'ord1', url: 'https://x.test/f' },
      });
      assert.deepEqual(acceptedIn({ type: 'paid', result }), ['paying']);
    });

    it('paid PENDING: pending (not yet watching) with one pending output carrying the top-up URL', () => {
      const result = { orderId: 'ord1', status: 'PENDING' as const, url: 'https://x.test/t' };
      assert.deepEqual(reduce(samples.paying!, { type: 'paid', result }), {
        state: {
          name: 'pending',
          checkout,
          selection: payable,
          orderId: 'ord1',
          topUpUrl: 'https://x.test/t',
          watching: false,
          notice: null,
        },
        output: { type: 'pending', orderId: 'ord1', topUpUrl: 'https://x.test/t' },
      });
    });

    it("paid for another order: failed invalid_response, never charged (an answer about someone else's order)", () => {
      const step = reduce(samples.paying!, { type: 'paid', result: { orderId: 'ord2', status: 'CHARGED', url: 'https://x.test/f' } });
      assert.equal(step?.state.name, 'failed');
      includes(step?.output, { type: 'error' });
      assert.equal((step!.output as { error: WalletError }).error.code, 'invalid_response');
    });

    it('payFailed: failed, retry of the pay only when retryable', () => {
      const error = new WalletError('server_error');
      assert.deepEqual(reduce(samples.paying!, { type: 'payFailed', error }), {
        state: { name: 'failed', checkout, selection: payable, error, retry: 'pay' },
        output: { type: 'error', error },
      });
      includes(reduce(samples.paying!, { type: 'payFailed', error: new WalletError('provider_declined') })?.state, { retry: null });
      assert.deepEqual(acceptedIn({ type: 'payFailed', error }), ['paying']);
    });

    it('watch starts polling once', () => {
      assert.deepEqual(reduce(samples.pending!, { type: 'watch' }), {
        state: { ...samples.pending!, watching: true },
        effect: { type: 'poll' },
      });
      assert.deepEqual(acceptedIn({ type: 'watch' }), ['pending']);
    });

    it('polled: keeps polling while open, charged (to the order URL; never back to the top-up page) or declined when settled', () => {
      const watching = samples['pending, watching']!;
      const status = { orderId: 'ord1', amount: 150_000, currency: 'IDR' };
      assert.deepEqual(reduce(watching, { type: 'polled', status: { ...status, status: 'PENDING' } }), {
        state: watching,
        effect: { type: 'poll' },
      });
      assert.deepEqual(reduce(watching, { type: 'polled', status: { ...status, status: 'CHARGED', url: 'https://x.test/r' } })?.output, {
        type: 'charged',
        orderId: 'ord1',
        url: 'https://x.test/r',
      });
      // A backend that does not say where the shopper goes: charged with no URL (no navigation), not the top-up page.
      assert.deepEqual(reduce(watching, { type: 'polled', status: { ...status, status: 'CHARGED' } })?.output, {
        type: 'charged',
        orderId: 'ord1',
        url: '',
      });
      const declined = reduce(watching, { type: 'polled', status: { ...status, status: 'FAILED' } });
      includes(declined?.state, { name: 'failed', retry: null });
      assert.equal((declined!.output as Extract<FlowOutput, { type: 'error' }>).error.code, 'provider_declined');
      assert.deepEqual(acceptedIn({ type: 'polled', status: { ...status, status: 'CHARGED' } }), ['pending, watching']);
      // The status of another order settles nothing of this one.
      const foreign = reduce(watching, {
        type: 'polled',
        status: { ...status, orderId: 'ord2', status: 'CHARGED', url: 'https://x.test/r' },
      });
      assert.equal(foreign?.state.name, 'failed');
      assert.equal((foreign!.output as Extract<FlowOutput, { type: 'error' }>).error.code, 'invalid_response');
    });

    it('pollFailed: a retryable blip keeps polling, anything else fails', () => {
      const watching = samples['pending, watching']!;
      assert.deepEqual(reduce(watching, { type: 'pollFailed', error: new WalletError('network') }), {
        state: watching,
        effect: { type: 'poll' },
      });
      includes(reduce(watching, { type: 'pollFailed', error: new WalletError('unauthorized') })?.state, { name: 'failed' });
    });

    it('retry repeats what failed, and nothing when it cannot help', () => {
      assert.deepEqual(reduce(samples['failed load']!, { type: 'retry' }), { state: { name: 'loading' }, effect: { type: 'load' } });
      assert.deepEqual(reduce(samples['failed pay']!, { type: 'retry' }), {
        state: { name: 'paying', checkout, selection: payable },
        effect: { type: 'pay', walletId: linked.id },
      });
      assert.equal(reduce({ ...(samples['failed pay'] as object), retry: null } as FlowState, { type: 'retry' }), null);
      assert.deepEqual(acceptedIn({ type: 'retry' }), ['failed pay', 'failed load']);
    });

    it('back returns to choose, keeping the pick, from otp or a failure with a checkout', () => {
      assert.deepEqual(reduce(samples.otp!, { type: 'back' })?.state, {
        name: 'choose',
        checkout,
        selection: { provider: 'DANA', wallet: unlinked },
      });
      assert.deepEqual(reduce(samples['failed pay']!, { type: 'back' })?.state, { name: 'choose', checkout, selection: payable });
      assert.deepEqual(acceptedIn({ type: 'back' }), ['otp', 'failed pay']);
    });

    it('notice is recorded only on charged or pending', () => {
      const error = new WalletError('redirect_blocked');
      includes(reduce(samples.charged!, { type: 'notice', error })?.state, { notice: error });
      assert.deepEqual(acceptedIn({ type: 'notice', error }), ['charged', 'pending', 'pending, watching']);
    });

    it('isPayable is true only for a linked wallet', () => {
      assert.equal(isPayable(payable), true);
      assert.equal(isPayable({ provider: 'DANA', wallet: unlinked }), false);
      assert.equal(isPayable({ provider: 'OVO', wallet: null }), false);
      assert.equal(isPayable(null), false);
    });
  });

  describe('watching a pending order: polls with an end', () => {
    const checkout: Checkout = { order: { id: 'ord1', amount: 150_000, currency: 'IDR' }, wallets: [], providers: ['GOPAY'] };
    const pending: FlowState = {
      name: 'pending',
      checkout,
      selection: { provider: 'GOPAY', wallet: { id: 'wlt_linked01', provider: 'GOPAY', linked: true, balance: 1, balanceUpdatedAt: null } },
      orderId: 'ord1',
      topUpUrl: 'https://x.test/t',
      watching: false,
      notice: null,
    };
    const open = { orderId: 'ord1', status: 'PENDING' as const, amount: 150_000, currency: 'IDR' };
    const flows: CheckoutFlow[] = [];
    afterEach(() => {
      for (const flow of flows.splice(0)) flow.stop();
    });

    /** A flow in `pending` whose order() is `answer`; records when each poll was sent. */
    function watching(answer: (n: number) => Promise<typeof open>, options: { hidden?: () => boolean } = {}) {
      const sent: number[] = [];
      const outputs: FlowOutput[] = [];
      const flow = new CheckoutFlow({
        client: {
          checkout: () => Promise.reject(new Error('unused')),
          pay: () => Promise.reject(new Error('unused')),
          order: () => answer(sent.push(performance.now()) - 1),
        },
        pollInterval: () => 40,
        hidden: options.hidden,
        onChange: (_state, output) => output && outputs.push(output),
      });
      flow.state = pending;
      flows.push(flow);
      return { flow, sent, outputs };
    }

    it('backs off from the poll interval by half again each time, up to 30 s apart', () => {
      assert.deepEqual(
        [0, 1, 2, 3].map((n) => pollDelay(3000, n)),
        [3000, 4500, 6750, 10125],
      );
      assert.equal(pollDelay(3000, 20), POLL_MAX_MS);
    });

    it('answers that never parse end the watch after a bound: invalid_response, once, and no more polls', async () => {
      const { flow, sent, outputs } = watching(() => Promise.reject(new WalletError('invalid_response')));
      flow.dispatch({ type: 'watch' });
      await waitUntil(() => flow.state.name === 'failed', 'never gave up', { timeout: 8000 });
      assert.equal(sent.length, POLL_MAX_MISSES);
      assert.deepEqual(
        outputs.map((output) => output.type === 'error' && output.error.code),
        ['invalid_response'],
      );
      await new Promise((resolve) => setTimeout(resolve, 300));
      assert.equal(sent.length, POLL_MAX_MISSES);
      // The waits grew (40, 60, 90, 135 ms before jitter of ±20 %).
      const gaps = sent.slice(1).map((time, index) => time - sent[index]!);
      assert.ok(gaps[3]! > gaps[0]!, `${gaps[3]!} > ${gaps[0]!}`);
    });

    it("honours the kit's retryAfter before the next poll", async () => {
      const { flow, sent } = watching((n) =>
        n === 0 ? Promise.reject(new WalletError('rate_limited', 'slow down', 429, undefined, 1)) : Promise.resolve(open),
      );
      flow.dispatch({ type: 'watch' });
      await waitUntil(() => sent.length === 2, 'second poll', { timeout: 5000 });
      assert.ok(sent[1]! - sent[0]! >= 950, `${sent[1]! - sent[0]!} >= ${950}`);
    });

    it('sends nothing while the page is hidden, and picks up at once when it is shown', async () => {
      let hidden = true;
      const { flow, sent } = watching(() => Promise.resolve(open), { hidden: () => hidden });
      flow.dispatch({ type: 'watch' });
      await new Promise((resolve) => setTimeout(resolve, 300));
      assert.equal(sent.length, 0);
      hidden = false;
      flow.resume();
      await waitUntil(() => sent.length >= 1, 'polled once shown', { timeout: 2000 });
    });

    it('ends after the order can no longer settle (15 minutes): one timeout, no more polls', async () => {
      const realNow = Date.now;
      let skew = 0;
      Date.now = () => realNow() + skew;
      try {
        const { flow, sent, outputs } = watching(() => {
          skew = POLL_LIMIT_MS + 1000;
          return Promise.resolve(open);
        });
        flow.dispatch({ type: 'watch' });
        await waitUntil(() => flow.state.name === 'failed', 'never ended', { timeout: 5000 });
        assert.equal(sent.length, 1);
        assert.deepEqual(
          outputs.map((output) => output.type === 'error' && output.error.code),
          ['timeout'],
        );
      } finally {
        Date.now = realNow;
      }
    });
  });
});
