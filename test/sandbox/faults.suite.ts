import assert from 'node:assert/strict';
import { after, afterEach, before, describe, it } from 'node:test';
import { debitForm, freshToken, pendingOrder, startSandbox, type Harness } from './helpers.js';

describe('sandbox faults', () => {
  let h: Harness;
  before(async () => {
    h = await startSandbox();
  });
  afterEach(() => h.sandbox.faults.clear());
  after(() => h.close());

  const list = (customer = 'linked', signal?: AbortSignal) => h.api.get(`/customers/${customer}/wallets`, { signal });

  it('latency delays the answer, which is still correct', async () => {
    h.sandbox.faults.set({ kind: 'latency', ms: 150 });
    const started = performance.now();
    const answer = await list();
    assert.ok(performance.now() - started >= 140, 'delayed');
    assert.equal(answer.status, 200);
    assert.equal(answer.body.object, 'list');
  });

  it('error answers 500 by default, or the given status, and changes nothing', async () => {
    const customer = h.sandbox.persona('linked');
    const { token } = await freshToken(h.api, customer);
    h.sandbox.faults.set({ kind: 'error' });
    const failed = await h.pay(customer, token);
    assert.equal(failed.status, 500);
    assert.equal(failed.body.status, 'error');
    assert.equal(h.sandbox.debitCount(customer), 0);
    h.sandbox.faults.clear();
    // The faulted request never reached the sandbox: the same token still pays.
    assert.equal((await h.pay(customer, token)).body.status, 'CHARGED');

    h.sandbox.faults.set({ kind: 'error', status: 503 });
    assert.equal((await list()).status, 503);
  });

  it('error with processed:true handles the request and loses the answer', async () => {
    const customer = h.sandbox.persona('linked');
    const { token } = await freshToken(h.api, customer);
    const form = debitForm(h.sandbox, customer, token);
    h.sandbox.faults.set({ kind: 'error', status: 502, path: '/txns', times: 1, processed: true });
    assert.equal((await h.api.post('/txns', form)).status, 502);
    assert.equal(h.sandbox.debitCount(customer), 1, 'the debit happened');
    const status = await h.api.get(`/orders/${form['order.order_id']}`);
    assert.equal(status.body.status, 'CHARGED');
  });

  it('hang never answers until the client aborts', async () => {
    h.sandbox.faults.set({ kind: 'hang', times: 1 });
    const started = performance.now();
    await assert.rejects(list('linked', AbortSignal.timeout(100)), (error: Error) => error.name === 'TimeoutError');
    assert.ok(performance.now() - started >= 90);
    assert.equal((await list()).status, 200, 'times: 1 used up');
  });

  it('malformed answers 200 with a body that is not JSON', async () => {
    h.sandbox.faults.set({ kind: 'malformed' });
    const answer = await list();
    assert.equal(answer.status, 200);
    assert.equal(answer.body, undefined);
    assert.throws(() => JSON.parse(answer.text));
  });

  it('path scopes a fault and times bounds it', async () => {
    h.sandbox.faults.set({ kind: 'error', path: '/orders', times: 2 });
    assert.equal((await list()).status, 200, 'other paths unaffected');
    assert.equal((await h.api.get('/orders/x')).status, 500);
    assert.equal((await h.api.get('/orders/y')).status, 500);
    assert.equal((await h.api.get('/orders/z')).status, 404, 'real answer after two');
  });

  it('the most recently set matching fault applies', async () => {
    h.sandbox.faults.set({ kind: 'error', status: 500 });
    h.sandbox.faults.set({ kind: 'error', status: 504, path: '/customers', times: 1 });
    assert.equal((await list()).status, 504);
    assert.equal((await list()).status, 500);
  });

  it('never applies to control routes or browser pages', async () => {
    const { topupUrl } = await pendingOrder(h);
    for (const fault of [{ kind: 'error' }, { kind: 'malformed' }, { kind: 'hang' }] as const) {
      h.sandbox.faults.set(fault);
      const page = await fetch(topupUrl, { signal: AbortSignal.timeout(2000) });
      assert.equal(page.status, 200);
      const css = await fetch(`${h.url}/pay/assets/sandbox.css`, { signal: AbortSignal.timeout(2000) });
      assert.equal(css.status, 200);
      const info = await h.api.control('GET', '/info', undefined, { signal: AbortSignal.timeout(2000) });
      assert.equal(info.status, 200);
      h.sandbox.faults.clear();
    }
  });

  it('clear and reset remove faults', async () => {
    h.sandbox.faults.set({ kind: 'error' });
    h.sandbox.faults.clear();
    assert.equal((await list()).status, 200);
    h.sandbox.faults.set({ kind: 'error' });
    h.sandbox.reset();
    assert.equal((await list()).status, 200);
  });

  it('rejects an invalid fault', () => {
    assert.throws(() => h.sandbox.faults.set({ kind: 'latency', ms: -5 }));
    assert.throws(() => h.sandbox.faults.set({ kind: 'error', status: 200 }));
  });

  it('close() ends a server with a request still hanging', async () => {
    const other = await startSandbox();
    other.sandbox.faults.set({ kind: 'hang' });
    const pending = other.api.get('/customers/linked/wallets').catch((error: Error) => error);
    await new Promise((resolve) => setTimeout(resolve, 20));
    await other.close();
    const outcome = await pending;
    assert.ok(outcome instanceof Error || outcome.status >= 500, 'the hanging request ended');
  });
});
