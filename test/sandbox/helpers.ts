/**
 * Shared by the sandbox tests: a served sandbox on 127.0.0.1 and a tiny Juspay client that speaks exactly what a
 * merchant server would (Basic auth, form bodies with dotted keys, or JSON).
 */
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

export const basic = (user: string, password = ''): string =>
  `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}`;

export class JuspayClient {
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
}

export interface Harness {
  readonly url: string;
  readonly sandbox: Sandbox;
  readonly api: JuspayClient;
  close(): Promise<void>;
}

export async function startSandbox(options: SandboxOptions = {}): Promise<Harness> {
  const served = await serveSandbox({ port: 0, ...options });
  return { ...served, api: new JuspayClient(served.url, served.sandbox.apiKey) };
}

/** The customer's first wallet with a fresh token, via the list call a kit makes right before a debit. */
export async function freshToken(api: JuspayClient, customer: string): Promise<{ walletId: string; token: string }> {
  const answer = await api.get(`/customers/${customer}/wallets`);
  if (answer.status !== 200) throw new Error(`list failed: ${answer.text}`);
  const wallet = answer.body.list[0];
  return { walletId: wallet.id, token: wallet.token };
}

let orderCounter = 0;
/** A unique order id per call (< 21 characters). */
export const newOrderId = (): string => `ord${Date.now().toString(36)}${(orderCounter += 1)}`;

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
export async function linkNewWallet(api: JuspayClient, sandbox: Sandbox, customer: string, gateway = 'GOPAY') {
  const created = await api.post(`/customers/${customer}/wallets`, { gateway, command: 'authenticate' });
  if (created.status !== 200) throw new Error(`create failed: ${created.text}`);
  const linked = await api.post(`/wallets/${created.body.id}`, { command: 'link', otp: sandbox.testOtp });
  if (linked.body?.linked !== true) throw new Error(`link failed: ${linked.text}`);
  return created.body.id as string;
}
