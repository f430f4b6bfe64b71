import { expect, waitUntil } from '@open-wc/testing';
import { WalletClient } from '../src/client.js';
import type { Checkout, Wallet } from '../src/contract.js';
import { WalletError } from '../src/errors.js';
import { CheckoutFlow, POLL_LIMIT_MS, POLL_MAX_MISSES, POLL_MAX_MS, initialState, isPayable, pollDelay, reduce, type FlowAction, type FlowOutput, type FlowState } from '../src/components/wallet-pay/flow.js';
import { clearFaults, newCheckout, setFault, type TestCheckout } from './helpers/backend.js';

/** The shopper tops up on the sandbox's page: POST its form (action=topup; the default amount is the shortfall). */
async function topUpServerSide(topUpUrl: string): Promise<void> {
  const response = await fetch(topUpUrl, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: 'action=topup',
    redirect: 'manual',
  });
  // The sandbox answers a successful top-up with a 302 to the merchant's return page.
  if (response.type !== 'opaqueredirect') throw new Error(`top-up: ${response.status} ${await response.text()}`);
}

const linked: Wallet = { id: 'wlt_linked01', provider: 'GOPAY', linked: true, balance: 1_000_000, balanceUpdatedAt: '2026-01-01T00:00:00Z' };
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
  'pending, watching': { name: 'pending', checkout, selection: payable, orderId: 'ord1', topUpUrl: 'https://x.test/t', watching: true, notice: null },
  'failed pay': { name: 'failed', checkout, selection: payable, error: new WalletError('timeout'), retry: 'pay' },
  'failed load': { name: 'failed', checkout: null, selection: null, error: new WalletError('network'), retry: 'load' },
};

/** The sample names in which `action` is accepted. */
const acceptedIn = (action: FlowAction) => Object.keys(samples).filter((name) => reduce(samples[name]!, action) !== null);

describe('flow', () => {
  describe('reduce (pure transitions)', () => {
    it('starts in loading and loads once', () => {
      expect(initialState).to.deep.equal({ name: 'loading' });
      expect(reduce(initialState, { type: 'load' })).to.deep.equal({ state: initialState, effect: { type: 'load' } });
      expect(acceptedIn({ type: 'load' })).to.deep.equal(['loading']);
    });

    it('loaded: choose with nothing picked, or empty when no provider is on offer', () => {
      expect(reduce(initialState, { type: 'loaded', checkout })).to.deep.equal({ state: { name: 'choose', checkout, selection: null } });
      const none = { ...checkout, providers: [] };
      expect(reduce(initialState, { type: 'loaded', checkout: none })?.state).to.deep.equal({ name: 'empty', checkout: none });
      expect(acceptedIn({ type: 'loaded', checkout })).to.deep.equal(['loading']);
    });

    it('loadFailed: failed with retry of the load when retryable, none otherwise, and one error output', () => {
      const error = new WalletError('timeout');
      expect(reduce(initialState, { type: 'loadFailed', error })).to.deep.equal({
        state: { name: 'failed', checkout: null, selection: null, error, retry: 'load' },
        output: { type: 'error', error },
      });
      const fatal = new WalletError('unauthorized');
      expect(reduce(initialState, { type: 'loadFailed', error: fatal })?.state).to.include({ retry: null });
    });

    it('select is accepted only while choosing', () => {
      const step = reduce(samples['choose, nothing picked']!, { type: 'select', provider: 'OVO', wallet: null });
      expect(step?.state).to.deep.equal({ name: 'choose', checkout, selection: { provider: 'OVO', wallet: null } });
      expect(step?.effect).to.equal(undefined);
      expect(acceptedIn({ type: 'select', provider: 'OVO', wallet: null })).to.have.members(
        Object.keys(samples).filter((name) => name.startsWith('choose')),
      );
    });

    it('pay is accepted ONLY in choose with a linked wallet picked, and asks for exactly one POST /pay', () => {
      expect(acceptedIn({ type: 'pay' })).to.deep.equal(['choose, linked picked']);
      expect(reduce(samples['choose, linked picked']!, { type: 'pay' })).to.deep.equal({
        state: { name: 'paying', checkout, selection: payable },
        effect: { type: 'pay', walletId: linked.id },
      });
      // A double click: the second pay lands in paying and is ignored.
      const paying = reduce(samples['choose, linked picked']!, { type: 'pay' })!.state;
      expect(reduce(paying, { type: 'pay' })).to.equal(null);
    });

    it('link goes to otp only for an unlinked or absent wallet', () => {
      expect(acceptedIn({ type: 'link' })).to.deep.equal(['choose, unlinked picked', 'choose, absent picked']);
      expect(reduce(samples['choose, absent picked']!, { type: 'link' })).to.deep.equal({
        state: { name: 'otp', checkout, selection: { provider: 'OVO', wallet: null } },
      });
    });

    it('linked pays at once with the new wallet and records it in the checkout', () => {
      const fresh: Wallet = { ...unlinked, linked: true, balance: 500_000 };
      const step = reduce(samples.otp!, { type: 'linked', wallet: fresh });
      expect(step?.effect).to.deep.equal({ type: 'pay', walletId: fresh.id });
      expect(step?.state.name).to.equal('paying');
      const state = step!.state as Extract<FlowState, { name: 'paying' }>;
      expect(state.selection).to.deep.equal({ provider: 'DANA', wallet: fresh });
      expect(state.checkout.wallets.filter((w) => w.id === fresh.id)).to.deep.equal([fresh]);
      expect(acceptedIn({ type: 'linked', wallet: fresh })).to.deep.equal(['otp']);
    });

    it('linked is ignored for a wallet that is not linked or of another provider', () => {
      expect(reduce(samples.otp!, { type: 'linked', wallet: unlinked })).to.equal(null);
      expect(reduce(samples.otp!, { type: 'linked', wallet: linked })).to.equal(null);
    });

    it('paid CHARGED: charged with one charged output', () => {
      const result = { orderId: 'ord1', status: 'CHARGED' as const, url: 'https://x.test/f' };
      expect(reduce(samples.paying!, { type: 'paid', result })).to.deep.equal({
        state: { name: 'charged', checkout, selection: payable, orderId: 'ord1', url: 'https://x.test/f', notice: null },
        output: { type: 'charged', orderId: 'ord1', url: 'https://x.test/f' },
      });
      expect(acceptedIn({ type: 'paid', result })).to.deep.equal(['paying']);
    });

    it('paid PENDING: pending (not yet watching) with one pending output carrying the top-up URL', () => {
      const result = { orderId: 'ord1', status: 'PENDING' as const, url: 'https://x.test/t' };
      expect(reduce(samples.paying!, { type: 'paid', result })).to.deep.equal({
        state: { name: 'pending', checkout, selection: payable, orderId: 'ord1', topUpUrl: 'https://x.test/t', watching: false, notice: null },
        output: { type: 'pending', orderId: 'ord1', topUpUrl: 'https://x.test/t' },
      });
    });

    it('paid for another order: failed invalid_response, never charged (an answer about someone else\'s order)', () => {
      const step = reduce(samples.paying!, { type: 'paid', result: { orderId: 'ord2', status: 'CHARGED', url: 'https://x.test/f' } });
      expect(step?.state.name).to.equal('failed');
      expect(step?.output).to.deep.include({ type: 'error' });
      expect((step?.output as { error: WalletError }).error.code).to.equal('invalid_response');
    });

    it('payFailed: failed, retry of the pay only when retryable', () => {
      const error = new WalletError('server_error');
      expect(reduce(samples.paying!, { type: 'payFailed', error })).to.deep.equal({
        state: { name: 'failed', checkout, selection: payable, error, retry: 'pay' },
        output: { type: 'error', error },
      });
      expect(reduce(samples.paying!, { type: 'payFailed', error: new WalletError('provider_declined') })?.state).to.include({ retry: null });
      expect(acceptedIn({ type: 'payFailed', error })).to.deep.equal(['paying']);
    });

    it('watch starts polling once', () => {
      expect(reduce(samples.pending!, { type: 'watch' })).to.deep.equal({
        state: { ...samples.pending!, watching: true },
        effect: { type: 'poll' },
      });
      expect(acceptedIn({ type: 'watch' })).to.deep.equal(['pending']);
    });

    it('polled: keeps polling while open, charged (to the order URL; never back to the top-up page) or declined when settled', () => {
      const watching = samples['pending, watching']!;
      const status = { orderId: 'ord1', amount: 150_000, currency: 'IDR' };
      expect(reduce(watching, { type: 'polled', status: { ...status, status: 'PENDING' } })).to.deep.equal({ state: watching, effect: { type: 'poll' } });
      expect(reduce(watching, { type: 'polled', status: { ...status, status: 'CHARGED', url: 'https://x.test/r' } })?.output).to.deep.equal({
        type: 'charged',
        orderId: 'ord1',
        url: 'https://x.test/r',
      });
      // A backend that does not say where the shopper goes: charged with no URL (no navigation), not the top-up page.
      expect(reduce(watching, { type: 'polled', status: { ...status, status: 'CHARGED' } })?.output).to.deep.equal({
        type: 'charged',
        orderId: 'ord1',
        url: '',
      });
      const declined = reduce(watching, { type: 'polled', status: { ...status, status: 'FAILED' } });
      expect(declined?.state).to.include({ name: 'failed', retry: null });
      expect((declined?.output as Extract<FlowOutput, { type: 'error' }>).error.code).to.equal('provider_declined');
      expect(acceptedIn({ type: 'polled', status: { ...status, status: 'CHARGED' } })).to.deep.equal(['pending, watching']);
      // The status of another order settles nothing of this one.
      const foreign = reduce(watching, { type: 'polled', status: { ...status, orderId: 'ord2', status: 'CHARGED', url: 'https://x.test/r' } });
      expect(foreign?.state.name).to.equal('failed');
      expect((foreign?.output as Extract<FlowOutput, { type: 'error' }>).error.code).to.equal('invalid_response');
    });

    it('pollFailed: a retryable blip keeps polling, anything else fails', () => {
      const watching = samples['pending, watching']!;
      expect(reduce(watching, { type: 'pollFailed', error: new WalletError('network') })).to.deep.equal({ state: watching, effect: { type: 'poll' } });
      expect(reduce(watching, { type: 'pollFailed', error: new WalletError('unauthorized') })?.state).to.include({ name: 'failed' });
    });

    it('retry repeats what failed, and nothing when it cannot help', () => {
      expect(reduce(samples['failed load']!, { type: 'retry' })).to.deep.equal({ state: { name: 'loading' }, effect: { type: 'load' } });
      expect(reduce(samples['failed pay']!, { type: 'retry' })).to.deep.equal({
        state: { name: 'paying', checkout, selection: payable },
        effect: { type: 'pay', walletId: linked.id },
      });
      expect(reduce({ ...(samples['failed pay'] as object), retry: null } as FlowState, { type: 'retry' })).to.equal(null);
      expect(acceptedIn({ type: 'retry' })).to.deep.equal(['failed pay', 'failed load']);
    });

    it('back returns to choose, keeping the pick, from otp or a failure with a checkout', () => {
      expect(reduce(samples.otp!, { type: 'back' })?.state).to.deep.equal({ name: 'choose', checkout, selection: { provider: 'DANA', wallet: unlinked } });
      expect(reduce(samples['failed pay']!, { type: 'back' })?.state).to.deep.equal({ name: 'choose', checkout, selection: payable });
      expect(acceptedIn({ type: 'back' })).to.deep.equal(['otp', 'failed pay']);
    });

    it('notice is recorded only on charged or pending', () => {
      const error = new WalletError('redirect_blocked');
      expect(reduce(samples.charged!, { type: 'notice', error })?.state).to.include({ notice: error });
      expect(acceptedIn({ type: 'notice', error })).to.deep.equal(['charged', 'pending', 'pending, watching']);
    });

    it('isPayable is true only for a linked wallet', () => {
      expect(isPayable(payable)).to.equal(true);
      expect(isPayable({ provider: 'DANA', wallet: unlinked })).to.equal(false);
      expect(isPayable({ provider: 'OVO', wallet: null })).to.equal(false);
      expect(isPayable(null)).to.equal(false);
    });
  });

  describe('CheckoutFlow with a real WalletClient against the real backend', () => {
    let session: TestCheckout;
    let requests: string[];
    let changes: { state: FlowState; output?: FlowOutput }[];
    let flow: CheckoutFlow;

    /** A client whose fetch is the real one, counting each request as "METHOD path". */
    function start(options: { pollInterval?: number; timeoutMs?: number } = {}) {
      const client = new WalletClient({
        endpoint: session.endpoint,
        checkoutToken: session.checkoutToken,
        timeoutMs: options.timeoutMs,
        fetch: (input, init) => {
          requests.push(`${init?.method ?? 'GET'} ${new URL(String(input), location.href).pathname.replace(session.endpoint, '')}`);
          return fetch(input, init);
        },
      });
      flow = new CheckoutFlow({
        client,
        pollInterval: () => options.pollInterval ?? 50,
        onChange: (state, output) => changes.push({ state, output }),
      });
      return client;
    }
    const outputs = () => changes.flatMap((c) => (c.output ? [c.output] : []));
    const at = (name: FlowState['name']) => waitUntil(() => flow.state.name === name, `never reached ${name}`, { timeout: 8000 });

    async function ready(persona: Parameters<typeof newCheckout>[0]) {
      session = await newCheckout(persona);
      const client = start();
      flow.dispatch({ type: 'load' });
      await at('choose');
      const state = flow.state as Extract<FlowState, { name: 'choose' }>;
      return { client, state };
    }

    beforeEach(() => {
      requests = [];
      changes = [];
    });
    afterEach(async () => {
      flow?.stop();
      await clearFaults();
    });

    it('linked: one GET /checkout to choose, then one POST /pay however often pay is pressed, and one debit', async () => {
      const { client, state } = await ready('linked');
      expect(requests).to.deep.equal(['GET /checkout']);
      expect(state.checkout.order).to.deep.equal({ id: session.orderId, amount: session.amount, currency: session.currency });
      const gopay = state.checkout.wallets.find((w) => w.provider === 'GOPAY')!;
      expect(gopay.linked).to.equal(true);

      expect(flow.dispatch({ type: 'pay' })).to.equal(false); // nothing picked yet
      flow.dispatch({ type: 'select', provider: 'GOPAY', wallet: gopay });
      expect(flow.dispatch({ type: 'pay' })).to.equal(true);
      expect(flow.dispatch({ type: 'pay' })).to.equal(false);
      expect(flow.dispatch({ type: 'select', provider: 'GOPAY', wallet: gopay })).to.equal(false);
      await at('charged');
      expect(requests.filter((r) => r === 'POST /pay')).to.have.length(1);
      expect(outputs()).to.have.length(1);
      expect(outputs()[0]).to.include({ type: 'charged', orderId: session.orderId });
      expect((outputs()[0] as { url: string }).url).to.match(/^http:\/\/[^/]+\/sandbox\/pay\/finish\//);

      const order = await client.order();
      expect(order.status).to.equal('CHARGED');
      const after = await client.refresh(gopay.id);
      expect(after.wallet.balance).to.equal(gopay.balance! - session.amount);
    });

    it('low-balance: pending with a top-up URL, polls, and settles to charged once after the top-up', async () => {
      const { state } = await ready('low-balance');
      const gopay = state.checkout.wallets.find((w) => w.provider === 'GOPAY')!;
      flow.dispatch({ type: 'select', provider: 'GOPAY', wallet: gopay });
      flow.dispatch({ type: 'pay' });
      await at('pending');
      const pending = outputs()[0] as Extract<FlowOutput, { type: 'pending' }>;
      expect(pending).to.include({ type: 'pending', orderId: session.orderId });
      flow.dispatch({ type: 'watch' });
      // Several polls go by while the order waits.
      await waitUntil(() => requests.filter((r) => r === 'GET /order').length >= 2, 'no polling', { timeout: 5000 });
      expect(flow.state.name).to.equal('pending');

      await topUpServerSide(pending.topUpUrl);
      await at('charged');
      const charged = outputs().filter((o) => o.type === 'charged');
      expect(charged).to.have.length(1);
      expect(charged[0]).to.include({ orderId: session.orderId });
      // Polling stops once settled.
      const polls = requests.filter((r) => r === 'GET /order').length;
      await new Promise((resolve) => setTimeout(resolve, 200));
      expect(requests.filter((r) => r === 'GET /order').length).to.equal(polls);
      expect(requests.filter((r) => r === 'POST /pay')).to.have.length(1);
    });

    it('stop() ends polling and resume() restarts it', async () => {
      const { state } = await ready('low-balance');
      flow.dispatch({ type: 'select', provider: 'GOPAY', wallet: state.checkout.wallets[0]! });
      flow.dispatch({ type: 'pay' });
      await at('pending');
      flow.dispatch({ type: 'watch' });
      flow.stop();
      await new Promise((resolve) => setTimeout(resolve, 250));
      expect(requests.filter((r) => r === 'GET /order')).to.have.length(0);
      flow.resume();
      await waitUntil(() => requests.includes('GET /order'), 'polling did not resume');
    });

    it('declined: failed with provider_declined, no retry, and back to choose lets the shopper pay again', async () => {
      const { state } = await ready('declined');
      const gopay = state.checkout.wallets[0]!;
      flow.dispatch({ type: 'select', provider: 'GOPAY', wallet: gopay });
      flow.dispatch({ type: 'pay' });
      await at('failed');
      expect(flow.state).to.include({ retry: null });
      expect(outputs().map((o) => o.type === 'error' && o.error.code)).to.deep.equal(['provider_declined']);
      expect(flow.dispatch({ type: 'retry' })).to.equal(false);
      expect(flow.dispatch({ type: 'back' })).to.equal(true);
      expect(flow.state).to.deep.include({ name: 'choose', selection: { provider: 'GOPAY', wallet: gopay } });
      expect(flow.dispatch({ type: 'pay' })).to.equal(true);
      await at('failed');
      expect(outputs().filter((o) => o.type === 'error')).to.have.length(2);
    });

    it('a 5xx from Juspay on the debit: failed with a retryable server_error, and retry pays', async () => {
      const { state } = await ready('linked');
      flow.dispatch({ type: 'select', provider: 'GOPAY', wallet: state.checkout.wallets[0]! });
      await setFault({ kind: 'error', path: '/txns', times: 1 });
      flow.dispatch({ type: 'pay' });
      await at('failed');
      expect(flow.state).to.include({ retry: 'pay' });
      expect((flow.state as Extract<FlowState, { name: 'failed' }>).error.code).to.equal('server_error');
      expect(flow.dispatch({ type: 'retry' })).to.equal(true);
      await at('charged');
      expect(requests.filter((r) => r === 'POST /pay')).to.have.length(2);
    });

    it('a malformed Juspay answer while loading: failed with invalid_response, retry loads', async () => {
      session = await newCheckout('linked');
      start();
      await setFault({ kind: 'malformed' });
      flow.dispatch({ type: 'load' });
      await at('failed');
      expect((flow.state as Extract<FlowState, { name: 'failed' }>).error.code).to.equal('invalid_response');
      expect(flow.state).to.include({ retry: 'load' });
      await clearFaults();
      flow.dispatch({ type: 'retry' });
      await at('choose');
    });

    it('a hung Juspay: the kit times out and the flow fails with timeout', async () => {
      session = await newCheckout('linked');
      start();
      await setFault({ kind: 'hang' });
      flow.dispatch({ type: 'load' });
      await at('failed');
      expect((flow.state as Extract<FlowState, { name: 'failed' }>).error.code).to.equal('timeout');
    });

    it('a checkout token the merchant does not know: failed with unauthorized, nothing to retry', async () => {
      session = { ...(await newCheckout('linked')), checkoutToken: 'not-a-session' };
      start();
      flow.dispatch({ type: 'load' });
      await at('failed');
      expect(flow.state).to.deep.include({ retry: null });
      expect((flow.state as Extract<FlowState, { name: 'failed' }>).error.code).to.equal('unauthorized');
    });
  });

  describe('watching a pending order: polls with an end', () => {
    const checkout: Checkout = { order: { id: 'ord1', amount: 150_000, currency: 'IDR' }, wallets: [], providers: ['GOPAY'] };
    const pending: FlowState = {
      name: 'pending', checkout, selection: { provider: 'GOPAY', wallet: { id: 'wlt_linked01', provider: 'GOPAY', linked: true, balance: 1, balanceUpdatedAt: null } },
      orderId: 'ord1', topUpUrl: 'https://x.test/t', watching: false, notice: null,
    };
    const open = { orderId: 'ord1', status: 'PENDING' as const, amount: 150_000, currency: 'IDR' };
    let flows: CheckoutFlow[] = [];
    afterEach(() => flows.forEach((flow) => flow.stop()));

    /** A flow in `pending` whose order() is `answer`; records when each poll was sent. */
    function watching(answer: (n: number) => Promise<typeof open>, options: { hidden?: () => boolean } = {}) {
      const sent: number[] = [];
      const outputs: FlowOutput[] = [];
      const flow = new CheckoutFlow({
        client: { checkout: () => Promise.reject(new Error('unused')), pay: () => Promise.reject(new Error('unused')), order: () => answer(sent.push(performance.now()) - 1) },
        pollInterval: () => 40,
        hidden: options.hidden,
        onChange: (_state, output) => output && outputs.push(output),
      });
      flow.state = pending;
      flows.push(flow);
      return { flow, sent, outputs };
    }

    it('backs off from the poll interval by half again each time, up to 30 s apart', () => {
      expect([0, 1, 2, 3].map((n) => pollDelay(3000, n))).to.deep.equal([3000, 4500, 6750, 10125]);
      expect(pollDelay(3000, 20)).to.equal(POLL_MAX_MS);
    });

    it('answers that never parse end the watch after a bound: invalid_response, once, and no more polls', async () => {
      const { flow, sent, outputs } = watching(() => Promise.reject(new WalletError('invalid_response')));
      flow.dispatch({ type: 'watch' });
      await waitUntil(() => flow.state.name === 'failed', 'never gave up', { timeout: 8000 });
      expect(sent).to.have.length(POLL_MAX_MISSES);
      expect(outputs.map((output) => output.type === 'error' && output.error.code)).to.deep.equal(['invalid_response']);
      await new Promise((resolve) => setTimeout(resolve, 300));
      expect(sent).to.have.length(POLL_MAX_MISSES);
      // The waits grew (40, 60, 90, 135 ms before jitter of ±20 %).
      const gaps = sent.slice(1).map((time, index) => time - sent[index]!);
      expect(gaps[3]!).to.be.greaterThan(gaps[0]!);
    });

    it("honours the kit's retryAfter before the next poll", async () => {
      const { flow, sent } = watching((n) => (n === 0 ? Promise.reject(new WalletError('rate_limited', 'slow down', 429, undefined, 1)) : Promise.resolve(open)));
      flow.dispatch({ type: 'watch' });
      await waitUntil(() => sent.length === 2, 'second poll', { timeout: 5000 });
      expect(sent[1]! - sent[0]!).to.be.at.least(950);
    });

    it('sends nothing while the page is hidden, and picks up at once when it is shown', async () => {
      let hidden = true;
      const { flow, sent } = watching(() => Promise.resolve(open), { hidden: () => hidden });
      flow.dispatch({ type: 'watch' });
      await new Promise((resolve) => setTimeout(resolve, 300));
      expect(sent).to.have.length(0);
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
        expect(sent).to.have.length(1);
        expect(outputs.map((output) => output.type === 'error' && output.error.code)).to.deep.equal(['timeout']);
      } finally {
        Date.now = realNow;
      }
    });
  });
});
