/**
 * The widget's only door to the network: calls the merchant backend (never Juspay), with a timeout, abort,
 * one retry of safe (GET) calls, a zod parse of every answer, and typed errors from the closed list.
 */
import * as z from 'zod/mini';
import {
  Checkout,
  ErrorBody,
  OrderStatus,
  OtpChallenge,
  PayResult,
  WalletList,
  WalletResult,
  type Provider,
} from './contract.js';
import { WalletError } from './errors.js';

export interface ClientOptions {
  /** Base URL of the merchant backend (the element's `endpoint` attribute). */
  endpoint: string;
  /** Short-lived checkout token minted by the merchant, sent as `Authorization: Bearer`. */
  checkoutToken?: string | undefined;
  /** Per-request timeout. */
  timeoutMs?: number;
  /** Injected for tests that need a fault the real backend cannot produce. */
  fetch?: typeof fetch;
}

const SAFE_RETRY_DELAY_MS = 300;

export class WalletClient {
  constructor(private readonly options: ClientOptions) {}

  checkout(signal?: AbortSignal) {
    return this.call(Checkout, 'GET', '/checkout', undefined, signal);
  }
  refreshAll() {
    return this.call(WalletList, 'POST', '/wallets/refresh');
  }
  refresh(walletId: string) {
    return this.call(WalletResult, 'POST', `/wallets/${encodeURIComponent(walletId)}/refresh`);
  }
  createWallet(provider: Provider) {
    return this.call(OtpChallenge, 'POST', '/wallets', { provider });
  }
  authenticate(walletId: string) {
    return this.call(OtpChallenge, 'POST', `/wallets/${encodeURIComponent(walletId)}/authenticate`);
  }
  link(walletId: string, otp: string) {
    return this.call(WalletResult, 'POST', `/wallets/${encodeURIComponent(walletId)}/link`, { otp });
  }
  pay(walletId: string) {
    return this.call(PayResult, 'POST', '/pay', { walletId });
  }
  order(signal?: AbortSignal) {
    return this.call(OrderStatus, 'GET', '/order', undefined, signal);
  }

  private async call<T>(
    schema: z.ZodMiniType<T>,
    method: 'GET' | 'POST',
    path: string,
    body?: object,
    signal?: AbortSignal,
  ): Promise<T> {
    try {
      return await this.once(schema, method, path, body, signal);
    } catch (error) {
      // Only reads are retried: a POST could have reached the backend, and paying must stay exactly-once.
      const transient = error instanceof WalletError && (error.code === 'network' || error.code === 'timeout' || (error.status ?? 0) >= 500);
      if (method !== 'GET' || !transient || signal?.aborted) throw error;
      await new Promise((resolve) => setTimeout(resolve, SAFE_RETRY_DELAY_MS));
      return this.once(schema, method, path, body, signal);
    }
  }

  private async once<T>(
    schema: z.ZodMiniType<T>,
    method: string,
    path: string,
    body: object | undefined,
    signal: AbortSignal | undefined,
  ): Promise<T> {
    const { endpoint, checkoutToken, timeoutMs = 15_000 } = this.options;
    const timeout = new AbortController();
    const timer = setTimeout(() => timeout.abort(), timeoutMs);
    const onAbort = () => timeout.abort();
    signal?.addEventListener('abort', onAbort);
    const headers: Record<string, string> = { accept: 'application/json' };
    if (body) headers['content-type'] = 'application/json';
    if (checkoutToken) headers.authorization = `Bearer ${checkoutToken}`;
    let response: Response;
    let text: string;
    try {
      response = await (this.options.fetch ?? fetch)(endpoint.replace(/\/+$/, '') + path, {
        method,
        headers,
        body: body && JSON.stringify(body),
        credentials: 'same-origin',
        signal: timeout.signal,
      });
      text = await response.text();
    } catch {
      if (signal?.aborted) throw new WalletError('network', 'aborted');
      throw timeout.signal.aborted ? new WalletError('timeout') : new WalletError('network');
    } finally {
      clearTimeout(timer);
      signal?.removeEventListener('abort', onAbort);
    }
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch {
      throw new WalletError(response.ok ? 'invalid_response' : response.status >= 500 ? 'server_error' : 'invalid_response', 'not JSON', response.status);
    }
    if (!response.ok) {
      const parsed = ErrorBody.safeParse(json);
      if (!parsed.success) throw new WalletError(response.status >= 500 ? 'server_error' : 'invalid_response', 'unexpected error body', response.status);
      const { code, message, attemptsLeft } = parsed.data.error;
      throw new WalletError(code, message, response.status, attemptsLeft);
    }
    const parsed = schema.safeParse(json);
    if (!parsed.success) throw new WalletError('invalid_response', 'response did not match the contract', response.status);
    return parsed.data;
  }
}
