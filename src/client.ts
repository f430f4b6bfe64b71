/**
 * The widget's only door to the network: calls the merchant backend (never Juspay), with a timeout, abort,
 * one retry of safe (GET) calls, a zod parse of every answer, and typed errors from the closed list.
 */
import type * as z from 'zod/mini';
import { Checkout, ErrorBody, OrderStatus, OtpChallenge, PayResult, WalletList, WalletResult, type Provider } from './contract.js';
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

/** Per call: `signal` aborts the request (and a read's retry); the call then rejects with the signal's reason. */
export interface CallOptions {
  signal?: AbortSignal | undefined;
}

const SAFE_RETRY_DELAY_MS = 300;

/** Unknown failures are reported as `server_error`, never as an exception in the host page. */
export function toWalletError(error: unknown): WalletError {
  return error instanceof WalletError ? error : new WalletError('server_error', String(error));
}

const wallet = (walletId: string, action: string) => `/wallets/${encodeURIComponent(walletId)}/${action}`;

export class WalletClient {
  readonly #options: ClientOptions;

  constructor(options: ClientOptions) {
    this.#options = options;
  }

  checkout(options?: CallOptions) {
    return this.#call(Checkout, 'GET', '/checkout', undefined, options);
  }
  refreshAll(options?: CallOptions) {
    return this.#call(WalletList, 'POST', '/wallets/refresh', undefined, options);
  }
  refresh(walletId: string, options?: CallOptions) {
    return this.#call(WalletResult, 'POST', wallet(walletId, 'refresh'), undefined, options);
  }
  unlink(walletId: string, options?: CallOptions) {
    return this.#call(WalletResult, 'POST', wallet(walletId, 'unlink'), undefined, options);
  }
  createWallet(provider: Provider, options?: CallOptions) {
    return this.#call(OtpChallenge, 'POST', '/wallets', { provider }, options);
  }
  authenticate(walletId: string, options?: CallOptions) {
    return this.#call(OtpChallenge, 'POST', wallet(walletId, 'authenticate'), undefined, options);
  }
  link(walletId: string, otp: string, options?: CallOptions) {
    return this.#call(WalletResult, 'POST', wallet(walletId, 'link'), { otp }, options);
  }
  pay(walletId: string, options?: CallOptions) {
    return this.#call(PayResult, 'POST', '/pay', { walletId }, options);
  }
  order(options?: CallOptions) {
    return this.#call(OrderStatus, 'GET', '/order', undefined, options);
  }

  async #call<T>(schema: z.ZodMiniType<T>, method: 'GET' | 'POST', path: string, body?: object, { signal }: CallOptions = {}): Promise<T> {
    for (let retried = false; ; retried = true) {
      try {
        return await this.#once(schema, method, path, body, signal);
      } catch (error) {
        // Only reads are retried, once: a POST could have reached the backend, and paying must stay exactly-once.
        // A call its caller aborted is not retried either: nobody waits for it.
        const { code, status } = error as WalletError;
        const transient = code === 'network' || code === 'timeout' || status! >= 500;
        if (retried || method !== 'GET' || !transient || signal?.aborted) throw error;
        await new Promise((resolve) => setTimeout(resolve, SAFE_RETRY_DELAY_MS));
      }
    }
  }

  /** One request. Everything it throws is a WalletError, except the caller's abort (its `signal.reason`). */
  async #once<T>(
    schema: z.ZodMiniType<T>,
    method: string,
    path: string,
    body: object | undefined,
    signal: AbortSignal | undefined,
  ): Promise<T> {
    const { endpoint, checkoutToken, timeoutMs = 15_000, fetch: send = fetch } = this.#options;
    const headers: Record<string, string> = {};
    if (body) headers['content-type'] = 'application/json';
    if (checkoutToken) headers.authorization = `Bearer ${checkoutToken}`;
    const timeout = AbortSignal.timeout(timeoutMs);
    const url = endpoint.replace(/\/+$/, '') + path;
    let response: Response;
    let text: string;
    try {
      response = await send(url, {
        method,
        headers,
        body: body && JSON.stringify(body),
        // credentials: fetch's default, same-origin (the merchant's session cookie goes along; never cross-site).
        signal: signal ? AbortSignal.any([signal, timeout]) : timeout,
        // The backend's redirects are not followed: fetch would re-send the request (with the checkout token) to
        // wherever they point, and the widget would believe that answer.
        redirect: 'error',
      });
      text = await response.text();
    } catch {
      // The caller gave up (an element reset or left the page): the fetch's own AbortError, as fetch would throw it.
      signal?.throwIfAborted();
      // Our own deadline is `timeout`; anything else (a dropped connection, an offline device) is `network`.
      throw new WalletError(timeout.aborted ? 'timeout' : 'network');
    }
    // Only the endpoint's own origin answers (the host page's fetch may have been swapped or wrapped).
    if (response.url && new URL(response.url).origin !== new URL(url, location.href).origin) throw new WalletError('invalid_response');
    const { ok, status } = response;
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch {
      // Not JSON (a proxy's page): left undefined, so it fails the parse below like any answer off the contract.
    }
    if (ok) {
      const parsed = schema.safeParse(json);
      if (parsed.success) return parsed.data;
    } else {
      const parsed = ErrorBody.safeParse(json);
      if (parsed.success) {
        const { code, message, attemptsLeft, retryAfter } = parsed.data.error;
        throw new WalletError(code, message, status, attemptsLeft, retryAfter);
      }
    }
    // Off the contract: a broken 5xx is the server's failure, anything else an answer we cannot trust.
    throw new WalletError(status >= 500 ? 'server_error' : 'invalid_response', undefined, status);
  }
}
