/**
 * The one async model (src/components/shared/task.ts) and the AbortSignal it hands the client, in node: status,
 * run, abort, one run at a time, failures as WalletErrors, a host rendered on every change, reads abandoned when
 * the host leaves the page; and WalletClient aborting its fetch (and its retry) on that signal.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { WalletClient } from '../../src/client.js';
import { WalletError } from '../../src/errors.js';
import { Task } from '../../src/components/shared/task.js';

/** A promise with its resolve and reject in hand. */
function deferred<T>() {
  let resolve!: (value: T) => void;
  let reject!: (error: unknown) => void;
  const promise = new Promise<T>((yes, no) => {
    resolve = yes;
    reject = no;
  });
  return { promise, resolve, reject };
}

/** A request that settles when the test says, or rejects when its signal aborts (as fetch does). */
function request<T>() {
  const answer = deferred<T>();
  let signal!: AbortSignal;
  const start = (given: AbortSignal) => {
    signal = given;
    signal.addEventListener('abort', () => answer.reject(signal.reason));
    return answer.promise;
  };
  return { start, answer, signal: () => signal };
}

function host() {
  const controllers: ReactiveController[] = [];
  let updates = 0;
  const fake = {
    addController: (controller: ReactiveController) => void controllers.push(controller),
    removeController: () => {},
    requestUpdate: () => {
      updates += 1;
    },
    updateComplete: Promise.resolve(true),
  } satisfies ReactiveControllerHost;
  return { fake, controllers, updates: () => updates };
}

describe('Task', () => {
  test('initial, pending while the request runs, then complete with the answer handed on', async () => {
    const { fake, controllers, updates } = host();
    const task = new Task(fake);
    assert.deepEqual(controllers, [task]);
    assert.equal(task.status, 'initial');
    const r = request<number>();
    let got: number | undefined;
    const done = task.run('loading', r.start, (value) => (got = value));
    assert.equal(task.status, 'pending');
    assert.equal(task.pending, true);
    assert.equal(task.name, 'loading');
    assert.equal(updates(), 1);
    r.answer.resolve(42);
    await done;
    assert.equal(task.status, 'complete');
    assert.equal(got, 42);
    assert.equal(updates(), 2);
  });

  test('a failure becomes a WalletError in `error` and goes to `failed`; the next run clears it', async () => {
    const task = new Task();
    const seen: WalletError[] = [];
    await task.run(
      'x',
      () => Promise.reject(new WalletError('network')),
      () => {},
      (error) => seen.push(error),
    );
    assert.equal(task.status, 'error');
    assert.equal(task.error?.code, 'network');
    assert.deepEqual(seen, [task.error]);
    // Anything else thrown (here by `complete`) is a server_error, never a rejection.
    await task.run(
      'y',
      () => Promise.resolve(1),
      () => {
        throw new Error('bad answer');
      },
    );
    assert.equal(task.error?.code, 'server_error');
    const r = request<number>();
    void task.run('z', r.start, () => {});
    assert.equal(task.error, null);
  });

  test('abort: the signal fires, the outcome is never reported, the status goes back to initial', async () => {
    const task = new Task();
    const r = request<number>();
    let reported = false;
    const done = task.run(
      'x',
      r.start,
      () => (reported = true),
      () => (reported = true),
    );
    task.abort();
    assert.equal(r.signal().aborted, true);
    assert.equal(task.status, 'initial');
    await done;
    assert.equal(reported, false);
    assert.equal(task.status, 'initial');
  });

  test('one run at a time: a new run aborts the one in flight, whose late answer is dropped', async () => {
    const task = new Task();
    const first = deferred<string>();
    const got: string[] = [];
    let firstSignal!: AbortSignal;
    const one = task.run(
      'a',
      (signal) => {
        firstSignal = signal;
        return first.promise;
      },
      (value) => got.push(value),
    );
    const two = task.run(
      'b',
      () => Promise.resolve('second'),
      (value) => got.push(value),
    );
    assert.equal(firstSignal.aborted, true);
    first.resolve('first, late');
    await Promise.all([one, two]);
    assert.deepEqual(got, ['second']);
    assert.equal(task.name, 'b');
  });

  test('the host leaving the page abandons the runs named so (reads), and lets the others land', async () => {
    const { fake } = host();
    const task = new Task(fake, ['loading']);
    const load = request<number>();
    void task.run('loading', load.start, () => {});
    task.hostDisconnected();
    assert.equal(load.signal().aborted, true);
    assert.equal(task.status, 'initial');

    const write = request<number>();
    const done = task.run('unlinking', write.start, () => {});
    task.hostDisconnected();
    assert.equal(write.signal().aborted, false);
    write.answer.resolve(1);
    await done;
    assert.equal(task.status, 'complete');
  });
});

describe('WalletClient with a signal', () => {
  /** A client whose fetch records each request sent and answers `answer` (or hangs until aborted). */
  function client(answer?: () => Response) {
    const sent: RequestInit[] = [];
    const fetch = (_url: RequestInfo | URL, init?: RequestInit) => {
      // As fetch does: an aborted signal sends nothing.
      if (init?.signal?.aborted) return Promise.reject(init.signal.reason);
      sent.push(init!);
      if (answer) return Promise.resolve(answer());
      return new Promise<Response>((_resolve, reject) => init!.signal!.addEventListener('abort', () => reject(init!.signal!.reason)));
    };
    return { sent, client: new WalletClient({ endpoint: 'https://shop.test/api/wallet', fetch: fetch as typeof globalThis.fetch }) };
  }

  test('aborting the signal aborts the fetch; the call rejects with the AbortError, not a WalletError, and is not retried', async () => {
    const { sent, client: c } = client();
    const controller = new AbortController();
    const call = c.checkout({ signal: controller.signal });
    await new Promise((resolve) => setTimeout(resolve, 5));
    assert.equal(sent.length, 1);
    assert.equal(sent[0]!.signal!.aborted, false);
    controller.abort();
    await assert.rejects(call, (error: unknown) => error instanceof DOMException && error.name === 'AbortError');
    assert.equal(sent[0]!.signal!.aborted, true);
    await new Promise((resolve) => setTimeout(resolve, 400));
    assert.equal(sent.length, 1, 'an aborted read is not retried');
  });

  test('an abort during the retry wait of a read sends no second request', async () => {
    const { sent, client: c } = client(() => Response.json({ error: { code: 'server_error', message: 'x' } }, { status: 503 }));
    const controller = new AbortController();
    const call = c.order({ signal: controller.signal });
    await new Promise((resolve) => setTimeout(resolve, 50));
    assert.equal(sent.length, 1);
    controller.abort();
    await assert.rejects(call, (error: unknown) => error instanceof DOMException && error.name === 'AbortError');
    assert.equal(sent.length, 1);
  });

  test('without a signal, the timeout still applies (timeout, not an abort)', async () => {
    // Node does not wait for AbortSignal.timeout's timer: this one keeps the test alive meanwhile.
    const alive = setTimeout(() => {}, 5000);
    const c = new WalletClient({
      endpoint: 'https://shop.test/api/wallet',
      timeoutMs: 20,
      fetch: ((_url: RequestInfo | URL, init?: RequestInit) =>
        new Promise<Response>((_resolve, reject) =>
          init!.signal!.addEventListener('abort', () => reject(init!.signal!.reason)),
        )) as typeof fetch,
    });
    await assert.rejects(c.pay('wlt_gopay01'), (error: unknown) => error instanceof WalletError && error.code === 'timeout');
    // With a signal that never fires, the timeout wins the same way.
    await assert.rejects(
      c.pay('wlt_gopay01', { signal: new AbortController().signal }),
      (error: unknown) => error instanceof WalletError && error.code === 'timeout',
    );
    clearTimeout(alive);
  });
});
