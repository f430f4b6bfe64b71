/**
 * Shared by the sandbox tests: a served sandbox on 127.0.0.1, a tiny client that speaks exactly what a merchant
 * server would (Basic auth, form bodies with dotted keys, or JSON), orders in each state, and a webhook receiver.
 */
import assert from 'node:assert/strict';
import { createServer, type IncomingHttpHeaders, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { serveSandbox, type Sandbox, type SandboxOptions } from '../../src/sandbox/index.js';

export interface Answer {
  readonly status: number;
  readonly headers: Headers;
  readonly text: string;
  /** Parsed JSON, or undefined when the body is not JSON. */
  readonly body: any;
}

export interface CallOptions {
  /** Form fields (sent form-urlencoded). */
  form?: Record<string, string>;
  /** A JSON body instead. */
  json?: unknown;
  headers?: Record<string, string>;
  /** Override the Authorization header; null sends none. */
  auth?: string | null;
  signal?: AbortSignal;
}

export const basic = (user: string, password = ''): string => `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}`;

/** Calls the sandbox over HTTP as a merchant server would, plus its control routes. */
export class SandboxTestClient {
  constructor(
    readonly url: string,
    readonly apiKey: string,
  ) {}

  async call(method: string, path: string, options: CallOptions = {}): Promise<Answer> {
    const headers: Record<string, string> = { ...options.headers };
    const auth = options.auth === undefined ? basic(this.apiKey) : options.auth;
    if (auth !== null) headers.authorization = auth;
    let body: string | undefined;
    if (options.form) {
      headers['content-type'] = 'application/x-www-form-urlencoded';
      body = new URLSearchParams(options.form).toString();
    } else if (options.json !== undefined) {
      headers['content-type'] = 'application/json';
      body = JSON.stringify(options.json);
    }
    const response = await fetch(this.url + path, {
      method,
      headers,
      body,
      redirect: 'manual',
      signal: options.signal,
    });
    const text = await response.text();
    let parsed: unknown;
    try {
      parsed = JSON.parse(text);
    } catch {
      parsed = undefined;
    }
    return { status: response.status, headers: response.headers, text, body: parsed };
  }

  get(path: string, options?: CallOptions): Promise<Answer> {
    return this.call('GET', path, options);
  }

  post(path: string, form: Record<string, string>, options?: CallOptions): Promise<Answer> {
    return this.call('POST', path, { ...options, form });
  }

  /** A `/__sandbox/*` control route (`path` after that prefix, e.g. `/info`): JSON, no API key. */
  control(method: string, path: string, json?: unknown, options: CallOptions = {}): Promise<Answer> {
    return this.call(method, `/__sandbox${path}`, { ...options, auth: null, json });
  }
}

export interface Harness {
  readonly url: string;
  readonly sandbox: Sandbox;
  readonly api: SandboxTestClient;
  /** POST /txns with `debitForm(customer, token, overrides)`. */
  pay(customer: string, token: string, overrides?: Record<string, string>): Promise<Answer>;
  close(): Promise<void>;
}

export async function startSandbox(options: SandboxOptions = {}): Promise<Harness> {
  const served = await serveSandbox({ port: 0, ...options });
  const api = new SandboxTestClient(served.url, served.sandbox.apiKey);
  const pay = (customer: string, token: string, overrides: Record<string, string> = {}) =>
    api.post('/txns', debitForm(served.sandbox, customer, token, overrides));
  return { ...served, api, pay };
}

/** The customer's first wallet with a fresh token, via the list call a kit makes right before a debit. */
export async function freshToken(api: SandboxTestClient, customer: string): Promise<{ walletId: string; token: string }> {
  const answer = await api.get(`/customers/${customer}/wallets`);
  if (answer.status !== 200) throw new Error(`list failed: ${answer.text}`);
  const wallet = answer.body.list[0];
  return { walletId: wallet.id, token: wallet.token };
}

let orderCounter = 0;
/** A unique order id per call (< 21 characters). */
export const newOrderId = (): string => {
  orderCounter += 1;
  return `ord${Date.now().toString(36)}${orderCounter}`;
};

/** A complete inline-order direct debit request, as the kit sends it. */
export function debitForm(
  sandbox: Sandbox,
  customer: string,
  token: string,
  overrides: Record<string, string> = {},
): Record<string, string> {
  return {
    merchant_id: sandbox.merchantId,
    payment_method_type: 'WALLET',
    payment_method: 'GOPAY',
    redirect_after_payment: 'true',
    format: 'json',
    direct_wallet_token: token,
    'order.order_id': newOrderId(),
    'order.amount': '150000',
    'order.currency': 'IDR',
    'order.customer_id': customer,
    'order.return_url': 'https://shop.example/return?from=sandbox',
    ...overrides,
  };
}

/** Creates a wallet through the API and links it with the test OTP; returns its id. */
export async function linkNewWallet(api: SandboxTestClient, sandbox: Sandbox, customer: string, gateway = 'GOPAY') {
  const created = await api.post(`/customers/${customer}/wallets`, { gateway, command: 'authenticate' });
  if (created.status !== 200) throw new Error(`create failed: ${created.text}`);
  const linked = await api.post(`/wallets/${created.body.id}`, { command: 'link', otp: sandbox.testOtp });
  if (linked.body?.linked !== true) throw new Error(`link failed: ${linked.text}`);
  return created.body.id as string;
}

/** Creates an order with POST /orders, 150,000 IDR unless `fields` say otherwise. */
export async function createdOrder(h: Harness, fields: Record<string, string> = {}): Promise<{ orderId: string }> {
  const orderId = newOrderId();
  const answer = await h.api.post('/orders', { order_id: orderId, amount: '150000', currency: 'IDR', ...fields });
  if (answer.status !== 200) throw new Error(`create failed: ${answer.text}`);
  return { orderId };
}

/** Pays a fresh order in full from a fresh `linked` persona; returns the order id and the customer. */
export async function chargedOrder(
  h: Harness,
  overrides: Record<string, string> = {},
): Promise<{ orderId: string; customer: string; walletId: string }> {
  const customer = h.sandbox.persona('linked');
  const { token, walletId } = await freshToken(h.api, customer);
  const form = debitForm(h.sandbox, customer, token, overrides);
  const answer = await h.api.post('/txns', form);
  if (answer.body?.status !== 'CHARGED') throw new Error(`debit failed: ${answer.text}`);
  return { orderId: form['order.order_id']!, customer, walletId };
}

/** A debit from a fresh `low-balance` persona, pending on its top-up page (`topupUrl`). */
export async function pendingOrder(
  h: Harness,
  overrides: Record<string, string> = {},
): Promise<{ orderId: string; customer: string; walletId: string; answer: Answer; topupUrl: string }> {
  const customer = h.sandbox.persona('low-balance');
  const { token, walletId } = await freshToken(h.api, customer);
  const form = debitForm(h.sandbox, customer, token, overrides);
  const answer = await h.api.post('/txns', form);
  if (answer.status !== 200 || !['PENDING_VBV', 'PENDING'].includes(answer.body?.status)) {
    throw new Error(`debit did not go pending: ${answer.text}`);
  }
  const topupUrl: string = answer.body.payment.authentication.url;
  return { orderId: form['order.order_id']!, customer, walletId, answer, topupUrl };
}

/** Posts the top-up page's form as the shopper's browser does (`action=topup&amount=…` or `action=cancel`). */
export const submitTopup = (url: string, body: string): Promise<Response> =>
  fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body,
    redirect: 'manual',
  });

/** Asserts `actual` has `expected`'s value at each of `expected`'s keys (other keys are not looked at). */
export function assertFields(actual: Record<string, unknown>, expected: Record<string, unknown>): void {
  assert.deepEqual(Object.fromEntries(Object.keys(expected).map((key) => [key, actual[key]])), expected);
}

/** One request the receiver got. */
export interface ReceivedWebhook {
  readonly method: string;
  readonly headers: IncomingHttpHeaders;
  readonly raw: string;
  /** Parsed JSON, or undefined. */
  readonly body: any;
  /** performance.now() when it arrived. */
  readonly at: number;
}

/** What the receiver does with a request: answer with this status, or never answer. */
export type ReceiverAction = number | 'hang';

/** A merchant's webhook endpoint on node:http (port 0): records every request and answers as scripted. */
export interface Receiver {
  readonly url: string;
  readonly received: ReceivedWebhook[];
  /** Requests whose `content.order.order_id` is `orderId`, in arrival order. */
  forOrder(orderId: string): ReceivedWebhook[];
  /** The next requests get these answers, in order; after them, 200. */
  script(...actions: ReceiverAction[]): void;
  /** Forget requests and script. */
  reset(): void;
  close(): Promise<void>;
}

export async function startReceiver(): Promise<Receiver> {
  const received: ReceivedWebhook[] = [];
  let actions: ReceiverAction[] = [];
  const hanging = new Set<ServerResponse>();
  const server = createServer((request, response) => {
    let raw = '';
    request.setEncoding('utf8');
    request.on('data', (chunk: string) => (raw += chunk));
    request.on('end', () => {
      let body: unknown;
      try {
        body = JSON.parse(raw);
      } catch {
        body = undefined;
      }
      received.push({ method: request.method ?? '', headers: request.headers, raw, body, at: performance.now() });
      const action = actions.shift() ?? 200;
      if (action === 'hang') {
        hanging.add(response);
        response.on('close', () => hanging.delete(response));
      } else {
        response.writeHead(action, { 'content-type': 'application/json' });
        response.end(action < 300 ? '{"ok":true}' : '{"error":"try again"}');
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/juspay/webhook`,
    received,
    forOrder: (orderId) => received.filter((request) => request.body?.content?.order?.order_id === orderId),
    script: (...next) => void actions.push(...next),
    reset() {
      received.length = 0;
      actions = [];
    },
    close: () =>
      new Promise<void>((resolve) => {
        for (const response of hanging) response.destroy();
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

/** Polls `predicate` every few ms; rejects after `timeoutMs`. */
export async function waitUntil(predicate: () => boolean, timeoutMs = 3000): Promise<void> {
  const deadline = performance.now() + timeoutMs;
  while (!predicate()) {
    if (performance.now() > deadline) throw new Error(`condition not met after ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}
