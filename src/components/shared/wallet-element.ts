/**
 * What the three elements share: the backend endpoint, the merchant's checkout token, the locale, one client, the
 * single way an error leaves an element (a localized `wallet-error` event), and the pieces each of them draws the
 * same way (the live region, an error message, the loading skeleton, moving focus after a render). Requests and
 * their state are not here: each element waits through a Task (`task.ts`), directly or in its flow's runner.
 */
import { html, LitElement, type TemplateResult, type PropertyDeclarations, type PropertyValues } from 'lit';
import { toWalletError, WalletClient } from '../../client.js';
import type { WalletError } from '../../errors.js';
import { WalletErrorEvent } from '../../events.js';
import { errorMessage, resolveLocale, type Locale } from './i18n.js';

/** The placeholder drawn while the wallets load (decorative: the live region says "Loading"). */
export const skeleton = html`<div part="skeleton" class="skeleton" aria-hidden="true"></div>`;

export abstract class WalletElement extends LitElement {
  /**
   * Reactive properties, with their attribute where its name differs; `attribute: false` marks internal state (what
   * lit's `@state()` does). Declared here rather than with decorators in all three elements: TypeScript's legacy
   * decorator helper and one call per property cost ~0.2 KB min+gzip of the 22 KB script-tag budget.
   */
  static override properties: PropertyDeclarations = {
    endpoint: {},
    checkoutToken: { attribute: 'checkout-token' },
    locale: {},
  };

  /** Base URL of the merchant backend that mounts the kit, e.g. `/api/wallet`. Required. */
  endpoint = '';

  /** A short-lived token the merchant minted for this checkout; sent as `Authorization: Bearer`. Never an API key. */
  checkoutToken?: string;

  /** `en` or `id`; defaults to the browser's language. Changes apply at once. */
  locale?: string;

  /** The locale in force: the attribute, else the browser's language, else English. */
  protected get resolvedLocale(): Locale {
    return resolveLocale(this.locale);
  }

  /** The host says the language it renders in, so a screen reader reads Indonesian on an English page as such (WCAG 3.1.2). */
  protected override update(changed: PropertyValues): void {
    this.lang = this.resolvedLocale;
    super.update(changed);
  }

  /** A backend client for the current endpoint and token (it holds nothing else, so one per request is fine). */
  protected get client(): WalletClient {
    return new WalletClient({ endpoint: this.endpoint, checkoutToken: this.checkoutToken });
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

  /** The visually hidden live region (role=status is polite): each element keeps one; a new text is announced. */
  protected liveRegion(text: string): TemplateResult {
    return html`<p role="status" class="visually-hidden">${text}</p>`;
  }

  /** Focuses the first match of `selector` once the pending render is on screen. */
  protected async focusOn(selector: string): Promise<void> {
    await this.updateComplete;
    this.renderRoot.querySelector<HTMLElement>(selector)?.focus();
  }
}
