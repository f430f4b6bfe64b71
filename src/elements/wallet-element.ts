/**
 * What the three elements share: the backend endpoint, the merchant's checkout token, the locale, one client, the
 * single way an error leaves an element (a localized `wallet-error` event), and the pieces each of them draws the
 * same way (the live region, an error message, the loading skeleton, moving focus after a render).
 */
import { html, LitElement, type TemplateResult } from 'lit';
import { property } from './decorators.js';
import { toWalletError, WalletClient } from '../client.js';
import type { WalletError } from '../errors.js';
import { WalletErrorEvent } from '../events.js';
import { errorMessage, resolveLocale, type Locale } from '../i18n/index.js';

/** The placeholder drawn while the wallets load (decorative: the live region says "Loading"). */
export const skeleton = html`<div part="skeleton" aria-hidden="true"><span></span><span></span><span></span></div>`;

export abstract class WalletElement extends LitElement {
  /** Base URL of the merchant backend that mounts the kit, e.g. `/api/wallet`. Required. */
  @property() endpoint = '';

  /** A short-lived token the merchant minted for this checkout; sent as `Authorization: Bearer`. Never an API key. */
  @property({ attribute: 'checkout-token' }) checkoutToken?: string;

  /** `en` or `id`; defaults to the browser's language. Changes apply at once. */
  @property() locale?: string;

  /** The client and the endpoint + token it was built for. */
  private cachedClient?: [key: string, client: WalletClient];

  /** The locale in force: the attribute, else the browser's language, else English. */
  protected get resolvedLocale(): Locale {
    return resolveLocale(this.locale);
  }

  /** The backend client for the current endpoint and token (rebuilt when either changes). */
  protected get client(): WalletClient {
    const { endpoint, checkoutToken } = this;
    const key = `${endpoint} ${checkoutToken}`;
    if (this.cachedClient?.[0] !== key) this.cachedClient = [key, new WalletClient({ endpoint, checkoutToken })];
    return this.cachedClient[1];
  }

  /** Turns anything thrown into a WalletError, emits it once as `wallet-error`, and returns it for rendering. */
  protected fail(error: unknown): WalletError {
    const walletError = toWalletError(error);
    const { code, retryable } = walletError;
    this.dispatchEvent(new WalletErrorEvent({ code, message: this.errorText(walletError), retryable }));
    return walletError;
  }

  /** The shopper-facing text of an error, in the element's locale. */
  protected errorText(error: WalletError): string {
    return errorMessage(error.code, this.resolvedLocale);
  }

  /** The visually hidden polite live region: each element keeps one, and changing its text announces it. */
  protected liveRegion(text: string): TemplateResult {
    return html`<p part="status" role="status" aria-live="polite" class="visually-hidden">${text}</p>`;
  }

  /** Focuses the first match of `selector` once the pending render is on screen. */
  protected async focusOn(selector: string): Promise<void> {
    await this.updateComplete;
    this.renderRoot.querySelector<HTMLElement>(selector)?.focus();
  }
}

export { toWalletError };
