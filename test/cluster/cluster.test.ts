/**
 * The kit as a merchant runs it in production: three kit processes on one Redis behind a round-robin proxy, one
 * Juspay sandbox, all over real HTTP. Every case that lost state with per-instance memory, plus a SIGKILL of the
 * instance holding an in-flight pay and a Juspay slowed to 4 s per call.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { ErrorBody, OtpChallenge, PayResult, WalletResult } from '../../src/contract.js';
import { serveSandbox, type PersonaName, type Sandbox } from '../../src/sandbox/index.js';
import { newOrderId, newPhone } from '../server/kit-harness.js';
import { redisUrl } from '../helpers/redis.js';
import {
  recordJuspay,
  roundRobin,
  startInstance,
  type InstanceConfig,
  type JuspayRecorder,
  type KitInstance,
  type RoundRobinProxy,
} from './cluster.js';
import { mintSession } from './sessions.js';

const SECRET = 'cluster-test-secret';
/** The widget's request timeout: every answer must come before it. */
const WIDGET_TIMEOUT_MS = 15_000;

interface Answer {
  status: number;
  json: any;
  instance: string;
  ms: number;
}

describe('kit: three instances on Redis behind a round-robin proxy', { timeout: 120_000 }, () => {
  let sandbox: Sandbox;
  let closeSandbox: () => Promise<void>;
  let juspay: JuspayRecorder;
  let instances: KitInstance[];
  let proxy: RoundRobinProxy;
  let config: InstanceConfig;
  let ipSeq = 0;

  before(async () => {
    const served = await serveSandbox({ port: 0 });
    sandbox = served.sandbox;
    closeSandbox = served.close;
    juspay = await recordJuspay(served.url);
    config = {
      juspay: { baseUrl: juspay.url, apiKey: sandbox.apiKey, merchantId: sandbox.merchantId },
      sessionSecret: SECRET,
      // CLUSTER_STORE=memory shows what this suite guards against: each instance on its own MemoryStore.
      redisUrl: process.env.CLUSTER_STORE === 'memory' ? undefined : await redisUrl(),
      kitOptions: { limits: { smsPerPhone: { points: 2, durationSeconds: 3600 } } },
    };
    instances = await Promise.all(['a', 'b', 'c'].map((name) => startInstance(name, config)));
    proxy = await roundRobin(instances);
  });

  after(async () => {
    await proxy.close();
    for (const instance of instances) instance.kill();
    await juspay.close();
    await closeSandbox();
  });

  /** A fresh customer from a persona, with an order, a phone and a client address of its own. */
  function shopper(persona: PersonaName, phone = newPhone()) {
    const session = {
      customerId: sandbox.persona(persona),
      orderId: newOrderId(),
      amount: 150_000,
      currency: 'IDR',
      returnUrl: 'https://shop.example/return',
      customerPhone: phone,
    };
    const token = mintSession(session, SECRET);
    ipSeq += 1;
    const ip = `10.0.${Math.floor(ipSeq / 250)}.${ipSeq % 250}`;
    const call = async (method: 'GET' | 'POST', path: string, body?: unknown): Promise<Answer> => {
      const started = performance.now();
      const response = await fetch(`${proxy.url}/api/wallet${path}`, {
        method,
        headers: {
          authorization: `Bearer ${token}`,
          'x-test-client-ip': ip,
          ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
      const text = await response.text();
      return {
        status: response.status,
        json: text ? JSON.parse(text) : undefined,
        instance: response.headers.get('x-instance') ?? '?',
        ms: performance.now() - started,
      };
    };
    const walletId = async (provider = 'GOPAY') => {
      const checkout = await call('GET', '/checkout');
      assert.equal(checkout.status, 200, JSON.stringify(checkout.json));
      return (checkout.json.wallets as { id: string; provider: string }[]).find((wallet) => wallet.provider === provider)!.id;
    };
    return { session, call, walletId };
  }

  const callsTo = (predicate: (call: { method: string; path: string; body: string }) => boolean) => juspay.calls.filter(predicate).length;
  const txnsFor = (orderId: string) => callsTo((c) => c.path === '/txns' && c.body.includes(orderId));

  it('concurrent pays of one order on every instance: one /txns, one debit, the same CHARGED for all', async () => {
    const buyer = shopper('linked');
    const walletId = await buyer.walletId();
    const answers = await Promise.all(Array.from({ length: 6 }, () => buyer.call('POST', '/pay', { walletId })));
    assert.deepEqual(new Set(answers.map((answer) => answer.instance)), new Set(['a', 'b', 'c']));
    for (const answer of answers) assert.equal(answer.status, 200, JSON.stringify(answer.json));
    const results = answers.map((answer) => PayResult.parse(answer.json));
    for (const result of results) assert.deepEqual(result, results[0]);
    assert.equal(results[0]!.status, 'CHARGED');
    assert.equal(txnsFor(buyer.session.orderId), 1);
    assert.equal(sandbox.debitCount(buyer.session.customerId), 1);
  });

  it('a pending pay retried on another instance answers the same top-up URL', async () => {
    const buyer = shopper('low-balance');
    const walletId = await buyer.walletId();
    const first = await buyer.call('POST', '/pay', { walletId });
    const second = await buyer.call('POST', '/pay', { walletId });
    assert.notEqual(first.instance, second.instance);
    const [one, two] = [PayResult.parse(first.json), PayResult.parse(second.json)];
    assert.equal(one.status, 'PENDING');
    assert.match(one.url, /\/wallets\/topup\/start\//);
    assert.deepEqual(two, one);
    assert.equal(txnsFor(buyer.session.orderId), 1);
  });

  it('a code sent by one instance verifies on another', async () => {
    const buyer = shopper('new');
    await buyer.call('GET', '/checkout');
    const sent = await buyer.call('POST', '/wallets', { provider: 'DANA' });
    assert.equal(sent.status, 200, JSON.stringify(sent.json));
    const { wallet } = OtpChallenge.parse(sent.json);
    const linked = await buyer.call('POST', `/wallets/${wallet.id}/link`, { otp: sandbox.testOtp });
    assert.notEqual(linked.instance, sent.instance);
    assert.equal(linked.status, 200, JSON.stringify(linked.json));
    assert.equal(WalletResult.parse(linked.json).wallet.linked, true);
  });

  it('wrong codes across instances reach Juspay 5 times in all, and the lock-out outlives the instance that set it', async () => {
    const buyer = shopper('new');
    await buyer.call('GET', '/checkout');
    const { wallet } = OtpChallenge.parse((await buyer.call('POST', '/wallets', { provider: 'OVO' })).json);
    const checks = () => callsTo((c) => c.path === `/wallets/${wallet.id}` && c.body.includes('command=link'));
    const answers: Answer[] = [];
    for (let guess = 0; guess < 9; guess += 1) answers.push(await buyer.call('POST', `/wallets/${wallet.id}/link`, { otp: '000000' }));
    assert.deepEqual(new Set(answers.map((answer) => answer.instance)), new Set(['a', 'b', 'c']));
    assert.deepEqual(
      answers.map((answer) => ErrorBody.parse(answer.json).error.code),
      [
        'otp_invalid',
        'otp_invalid',
        'otp_invalid',
        'otp_invalid',
        'otp_attempts_exceeded',
        'otp_attempts_exceeded',
        'otp_attempts_exceeded',
        'otp_attempts_exceeded',
        'otp_attempts_exceeded',
      ],
    );
    assert.equal(checks(), 5);

    // The instance that answered the fifth wrong code dies; the others still refuse, even the right code.
    const setter = instances.find((instance) => instance.name === answers[4]!.instance)!;
    setter.kill();
    proxy.remove(setter.name);
    for (let attempt = 0; attempt < 2; attempt += 1) {
      const right = await buyer.call('POST', `/wallets/${wallet.id}/link`, { otp: sandbox.testOtp });
      assert.notEqual(right.instance, setter.name);
      assert.equal(ErrorBody.parse(right.json).error.code, 'otp_attempts_exceeded');
    }
    assert.equal(checks(), 5);
    // Back in service for the cases below, as a restarted instance.
    const restarted = await startInstance(setter.name, config);
    instances = instances.map((instance) => (instance.name === setter.name ? restarted : instance));
    await proxy.close();
    proxy = await roundRobin(instances);
  });

  it('eight code requests spread over the instances inside the shared cooldown send one SMS', async () => {
    const buyer = shopper('unlinked');
    const walletId = await buyer.walletId();
    const sends = () => callsTo((c) => c.path === `/wallets/${walletId}` && c.body.includes('command=authenticate'));
    const answers: Answer[] = [];
    for (let ask = 0; ask < 8; ask += 1) answers.push(await buyer.call('POST', `/wallets/${walletId}/authenticate`));
    assert.equal(new Set(answers.map((answer) => answer.instance)).size, 3);
    assert.equal(sends(), 1, 'one code while the cooldown runs, whichever instance is asked');
    // Every instance answers the pending challenge, with the cooldown left on the one code sent.
    for (const answer of answers) assert.equal(answer.status, 200, JSON.stringify(answer.json));
    const waits = answers.map((answer) => OtpChallenge.parse(answer.json).otp.resendAfter);
    assert.ok(
      waits.every((wait, index) => wait > 0 && wait <= 30 && (index === 0 || wait <= waits[index - 1]!)),
      String(waits),
    );
  });

  it('"Link and pay" racing on three instances creates one wallet and sends one code', async () => {
    const buyer = shopper('new');
    await buyer.call('GET', '/checkout');
    const creates = () => callsTo((c) => c.method === 'POST' && c.path === `/customers/${buyer.session.customerId}/wallets`);
    const answers = await Promise.all(Array.from({ length: 3 }, () => buyer.call('POST', '/wallets', { provider: 'SHOPEEPAY' })));
    assert.deepEqual(new Set(answers.map((answer) => answer.instance)).size, 3);
    for (const answer of answers) assert.equal(answer.status, 200, JSON.stringify(answer.json));
    const ids = new Set(answers.map((answer) => OtpChallenge.parse(answer.json).wallet.id));
    assert.equal(ids.size, 1);
    assert.equal(creates(), 1);
    // The create sent the code; the later callers answered its pending challenge without another SMS.
    assert.equal(
      callsTo((c) => c.path === `/wallets/${[...ids][0]}` && c.body.includes('command=authenticate')),
      0,
    );
  });

  it('the per-phone SMS limit holds across instances and customers', async () => {
    const phone = '081299990000';
    const answers: Answer[] = [];
    for (let customer = 0; customer < 3; customer += 1) {
      const buyer = shopper('new', phone);
      await buyer.call('GET', '/checkout');
      answers.push(await buyer.call('POST', '/wallets', { provider: 'GOPAY' }));
    }
    assert.equal(new Set(answers.map((answer) => answer.instance)).size, 3);
    assert.deepEqual(
      answers.map((answer) => answer.status),
      [200, 200, 429],
    );
    const refused = ErrorBody.parse(answers[2]!.json).error;
    assert.equal(refused.code, 'rate_limited');
    assert.ok(refused.retryAfter! > 0 && refused.retryAfter! <= 3600);
  });

  it('a SIGKILL of the instance holding an in-flight pay: the retry on another instance is CHARGED within the widget timeout, one debit', async () => {
    const buyer = shopper('linked');
    const walletId = await buyer.walletId();
    sandbox.faults.set({ kind: 'latency', ms: 1_500, path: '/txns', times: 1 });
    const first = buyer.call('POST', '/pay', { walletId });
    // The pay's /txns is in flight at Juspay once it reaches the recorder.
    const deadline = Date.now() + 5_000;
    while (txnsFor(buyer.session.orderId) === 0 && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 20));
    assert.equal(txnsFor(buyer.session.orderId), 1);
    const holder = instances.find((instance) => instance.name === proxy.served.at(-1))!;
    holder.kill();
    proxy.remove(holder.name);
    assert.equal((await first).status, 502, 'the proxy saw the instance die');

    const retry = await buyer.call('POST', '/pay', { walletId });
    assert.notEqual(retry.instance, holder.name);
    assert.equal(retry.status, 200, JSON.stringify(retry.json));
    assert.equal(PayResult.parse(retry.json).status, 'CHARGED');
    assert.ok(retry.ms < WIDGET_TIMEOUT_MS, `answered in ${Math.round(retry.ms)} ms`);
    assert.equal(sandbox.debitCount(buyer.session.customerId), 1);
    console.log(`retry after SIGKILL answered CHARGED in ${Math.round(retry.ms)} ms`);
  });

  it('a Juspay slowed to 4 s per call: the pay answers a retryable timeout within the widget timeout, the retry charges once', async () => {
    const buyer = shopper('linked');
    const walletId = await buyer.walletId();
    sandbox.faults.set({ kind: 'latency', ms: 4_000 });
    const before = juspay.calls.length;
    let slow: Answer;
    try {
      slow = await buyer.call('POST', '/pay', { walletId });
    } finally {
      sandbox.faults.clear();
    }
    assert.ok(slow.ms < WIDGET_TIMEOUT_MS, `answered in ${Math.round(slow.ms)} ms`);
    assert.equal(slow.status, 504, JSON.stringify(slow.json));
    const error = ErrorBody.parse(slow.json).error;
    assert.equal(error.code, 'timeout');
    // The abandoned /txns still reaches Juspay: give it the time it was slowed by.
    await new Promise((resolve) => setTimeout(resolve, 4_500));
    // Three Juspay calls for the pay: order status, List (ownership and token), /txns.
    assert.deepEqual(
      juspay.calls.slice(before).map((c) => `${c.method} ${c.path.replace(/\/(cst_|wlt_)?[^/]*$/, '/…')}`),
      ['GET /orders/…', `GET /customers/${buyer.session.customerId}/…`, 'POST /…'],
    );
    const beforeRetry = juspay.calls.length;
    const retry = await buyer.call('POST', '/pay', { walletId });
    assert.equal(retry.status, 200, JSON.stringify(retry.json));
    assert.equal(PayResult.parse(retry.json).status, 'CHARGED');
    assert.equal(sandbox.debitCount(buyer.session.customerId), 1);
    // The retry asked Juspay about the order and found it paid: one call, no debit.
    assert.deepEqual(
      juspay.calls.slice(beforeRetry).map((c) => c.path),
      [`/orders/${buyer.session.orderId}`],
    );
  });
});
