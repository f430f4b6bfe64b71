/**
 * The checkout flow's runner (CheckoutFlow) with a real WalletClient against the real kit and sandbox, served by the
 * test server: request counts, debits, polling, and Juspay faults. The pure reducer and the runner's watch with a stub
 * client run in node (test/flow.test.ts).
 */
import { expect, waitUntil } from '@open-wc/testing';
import { WalletClient } from '../src/client.js';
import { CheckoutFlow, type FlowOutput, type FlowState } from '../src/components/wallet-pay/flow.js';
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

describe('flow', () => {
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
});
