/**
 * What the three elements share: the backend endpoint, the merchant's checkout token, the locale, one client, and
 * the single way an error leaves an element (a localized `wallet-error` event).
 */
import { LitElement } from 'lit';
import { property } from 'lit/decorators.js';
import { WalletClient } from '../client.js';
import { WalletError } from '../errors.js';
import { WalletErrorEvent } from '../events.js';
import { errorMessage, resolveLocale, type Locale } from '../i18n/index.js';

export abstract class WalletElement extends LitElement {
  /** Base URL of the merchant backend that mounts the kit, e.g. `/api/wallet`. Required. */
  @property() endpoint = '';

  /** A short-lived token the merchant minted for this checkout; sent as `Authorization: Bearer`. Never an API key. */
  @property({ attribute: 'checkout-token' }) checkoutToken?: string;

  /** `en` or `id`; defaults to the browser's language. Changes apply at once. */
  @property() locale?: string;

  private cachedClient?: { key: string; client: WalletClient };

  /** The locale in force: the attribute, else the browser's language, else English. */
  protected get resolvedLocale(): Locale {
    return resolveLocale(this.locale);
  }

  /** The backend client for the current endpoint and token (rebuilt when either changes). */
  protected get client(): WalletClient {
    const key = `${this.endpoint}\n${this.checkoutToken ?? ''}`;
    if (this.cachedClient?.key !== key) {
      this.cachedClient = { key, client: new WalletClient({ endpoint: this.endpoint, checkoutToken: this.checkoutToken }) };
    }
    return this.cachedClient.client;
  }

  /** Turns anything thrown into a WalletError, emits it once as `wallet-error`, and returns it for rendering. */
  protected fail(error: unknown): WalletError {
    const walletError = toWalletError(error);
    this.dispatchEvent(
      new WalletErrorEvent({
        code: walletError.code,
        message: errorMessage(walletError.code, this.resolvedLocale),
        retryable: walletError.retryable,
      }),
    );
    return walletError;
  }
}

/** Unknown failures are reported as `server_error`, never as an exception in the host page. */
export function toWalletError(error: unknown): WalletError {
  return error instanceof WalletError ? error : new WalletError('server_error', String(error));
}
