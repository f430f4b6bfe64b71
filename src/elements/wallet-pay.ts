import { html, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { property, state } from 'lit/decorators.js';
import { ifDefined } from 'lit/directives/if-defined.js';
import { CheckoutFlow, isPayable, type FlowOutput, type FlowState, type FlowStateName } from '../flow.js';
import { WalletChargedEvent, WalletPendingEvent, WalletRedirectEvent, type WalletLinkedEvent, type WalletSelectEvent } from '../events.js';
import type { WalletError } from '../errors.js';
import { errorMessage, formatMoney } from '../i18n/index.js';
import { PROVIDER_NAMES } from '../i18n/providers.js';
import { messages } from '../i18n/wallet-pay.js';
import { checkRedirect, pageNavigation, parseOrigins } from '../navigation.js';
import { sharedStyles } from './shared.styles.js';
import { WalletElement } from './wallet-element.js';
import { styles } from './wallet-pay.styles.js';

/**
 * The whole e-wallet checkout: loads the order and the shopper's wallets in one request, lets the shopper pick a
 * wallet, links it with an OTP when needed, pays exactly once, and then redirects, offers a top-up, or explains the
 * failure with a way to recover. Composes `<wallet-picker>` and `<otp-link>`; the flow itself is `src/flow.ts`.
 *
 * Picking a wallet never sends anything: an unlinked wallet shows "Link <wallet> and pay <amount>", and once the code
 * is verified the payment goes ahead without another click (the shopper already asked to pay).
 *
 * @summary E-wallet checkout for one order.
 *
 * @fires wallet-charged - The order is paid ({orderId, url}). Cancelable: cancel to stop the redirect.
 * @fires wallet-pending - The balance was short ({orderId, topUpUrl}). Cancelable: cancel to stop the top-up offer and
 *   the order polling.
 * @fires wallet-error - Something failed ({code, message, retryable}); also bubbled from the inner elements.
 * @fires wallet-redirect - Just before navigating ({url}). Cancelable: cancel to stay on the page.
 * @fires wallet-select - Bubbled from `<wallet-picker>`.
 * @fires wallet-linked - Bubbled from `<otp-link>`.
 *
 * @csspart base - The container of every state.
 * @csspart skeleton - The placeholder while loading.
 * @csspart empty - The message when no wallet is on offer.
 * @csspart hint - The instruction above the wallet list.
 * @csspart picker - The `<wallet-picker>`.
 * @csspart pay - The "Pay" / "Link and pay" button.
 * @csspart otp - The `<otp-link>`.
 * @csspart back - The "Choose another wallet" button.
 * @csspart result - The charged or pending panel.
 * @csspart top-up - The "Top up" button.
 * @csspart error - The failure panel.
 * @csspart notice - An error shown inside the charged or pending panel (e.g. a blocked redirect).
 * @csspart actions - The row of recovery buttons.
 * @csspart retry - The "Try again" button.
 * @csspart status - The visually hidden live region announcing each state.
 *
 * @cssprop --wallet-pay-gap - Space between the pieces of the checkout.
 * @cssprop --wallet-color-primary - Accent and primary buttons (shared by all wallet elements, as are the tokens below).
 * @cssprop --wallet-color-success - Accent of the charged panel.
 * @cssprop --wallet-color-warning - Accent of the pending panel.
 * @cssprop --wallet-color-danger - Accent of errors.
 * @cssprop --wallet-radius - Corner radius.
 * @cssprop --wallet-space - Base spacing unit.
 */
export class WalletPay extends WalletElement {
  static override styles = [sharedStyles, styles];

  /** `auto`: after `wallet-charged` (unless cancelled) navigate to the payment's URL. `manual`: never navigate. */
  @property() redirect: 'auto' | 'manual' = 'auto';

  /** Origins a redirect may go to, space- or comma-separated; empty allows any safe (https) origin. */
  @property({ attribute: 'redirect-origins' }) redirectOrigins = '';

  /** Milliseconds between order-status checks while waiting for a top-up. */
  @property({ type: Number, attribute: 'poll-interval' }) pollInterval = 3000;

  /** Where the checkout is: loading, empty, choose, otp, paying, charged, pending or failed. Read-only. */
  get state(): FlowStateName {
    return this.view.name;
  }

  @state() private view: FlowState = { name: 'loading' };
  @state() private redirecting = false;
  private flow?: CheckoutFlow;

  override connectedCallback(): void {
    super.connectedCallback();
    this.flow?.resume();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.flow?.stop();
  }

  protected override willUpdate(changed: PropertyValues): void {
    // A new endpoint or session is a new checkout: start over with one GET /checkout.
    if ((changed.has('endpoint') || changed.has('checkoutToken')) && this.endpoint) this.start();
  }

  protected override updated(changed: PropertyValues): void {
    const previous = changed.get('view') as FlowState | undefined;
    // Move focus only after the shopper did something: never steal it from the host page on first load.
    if (previous && previous.name !== 'loading' && previous.name !== this.view.name) {
      this.renderRoot.querySelector<HTMLElement>('[data-focus]')?.focus();
    }
  }

  private start(): void {
    this.flow?.stop();
    const flow: CheckoutFlow = new CheckoutFlow({
      client: this.client,
      pollInterval: () => this.pollInterval,
      onChange: (view, output) => {
        if (flow !== this.flow) return;
        this.view = view;
        if (output) this.announce(output);
      },
    });
    this.flow = flow;
    this.redirecting = false;
    flow.dispatch({ type: 'load' });
  }

  /** Turns a flow outcome into its one event, then the default action unless the host cancelled it. */
  private announce(output: FlowOutput): void {
    if (output.type === 'error') {
      this.fail(output.error);
    } else if (output.type === 'pending') {
      const event = new WalletPendingEvent({ orderId: output.orderId, topUpUrl: output.topUpUrl });
      this.dispatchEvent(event);
      if (!event.defaultPrevented) this.flow?.dispatch({ type: 'watch' });
    } else {
      const event = new WalletChargedEvent({ orderId: output.orderId, url: output.url });
      this.dispatchEvent(event);
      if (!event.defaultPrevented && this.redirect !== 'manual') this.navigate(output.url);
    }
  }

  /** The one navigation: a vetted GET, announced by a cancelable `wallet-redirect`. */
  private navigate(url: string): void {
    let target: URL;
    try {
      target = checkRedirect(url, parseOrigins(this.redirectOrigins));
    } catch (error) {
      this.flow?.dispatch({ type: 'notice', error: this.fail(error) });
      return;
    }
    const event = new WalletRedirectEvent({ url: target.href });
    this.dispatchEvent(event);
    if (event.defaultPrevented) return;
    this.redirecting = true;
    pageNavigation.go(target);
  }

  private onSelect(event: WalletSelectEvent): void {
    this.flow?.dispatch({ type: 'select', provider: event.detail.provider, wallet: event.detail.wallet });
  }

  private onLinked(event: WalletLinkedEvent): void {
    this.flow?.dispatch({ type: 'linked', wallet: event.detail.wallet });
  }

  private onProceed(): void {
    const view = this.view;
    if (view.name === 'choose') this.flow?.dispatch(isPayable(view.selection) ? { type: 'pay' } : { type: 'link' });
  }

  protected override render(): TemplateResult {
    const t = messages[this.resolvedLocale];
    const view = this.view;
    return html`<section part="base" aria-label=${t.label}>
      ${this.body(view)}
      <p part="status" class="visually-hidden" role="status">${this.status(view)}</p>
    </section>`;
  }

  /** The live region's text: one short sentence per state, so each change is announced. */
  private status(view: FlowState): string {
    const locale = this.resolvedLocale;
    const t = messages[locale];
    switch (view.name) {
      case 'loading':
        return t.loading;
      case 'empty':
        return t.empty;
      case 'choose':
        return t.choose;
      case 'otp':
        return t.otp(PROVIDER_NAMES[view.selection.provider]);
      case 'paying':
        return t.paying;
      // A notice (blocked redirect) is announced by its own role="alert", not repeated here.
      case 'charged':
        return this.redirecting ? t.redirecting : t.chargedTitle;
      case 'pending':
        return view.watching ? t.waiting : t.pendingTitle;
      case 'failed':
        return view.checkout ? t.failedTitle : t.loadFailedTitle;
    }
  }

  private body(view: FlowState): TemplateResult {
    const locale = this.resolvedLocale;
    const t = messages[locale];
    if (view.name === 'loading') {
      return html`<div part="skeleton" aria-hidden="true"><span></span><span></span><span></span></div>`;
    }
    if (view.name === 'empty') return html`<p part="empty" tabindex="-1" data-focus>${t.empty}</p>`;

    const { order } = view.checkout ?? { order: null };
    const amount = order ? formatMoney(order.amount, order.currency, locale) : '';
    const name = view.selection ? PROVIDER_NAMES[view.selection.provider] : '';
    const notice = (error: WalletError | null) =>
      error ? html`<p part="notice" role="alert">${errorMessage(error.code, locale)}</p>` : nothing;

    switch (view.name) {
      case 'choose':
      case 'paying': {
        const paying = view.name === 'paying';
        const label = paying ? t.paying : isPayable(view.selection) || !view.selection ? t.pay(amount) : t.linkAndPay(name, amount);
        // Focus comes back here on "Choose another wallet"; while paying it stays put (the status says "Paying…").
        return html`<p part="hint" tabindex="-1" ?data-focus=${!paying}>${t.choose}</p>
          <wallet-picker
            part="picker"
            .checkout=${view.checkout}
            .value=${view.selection?.provider ?? null}
            .disabled=${paying}
            .endpoint=${this.endpoint}
            .checkoutToken=${this.checkoutToken}
            .locale=${this.locale}
            @wallet-select=${this.onSelect}
          ></wallet-picker>
          <button part="pay" class="primary" ?disabled=${paying || !view.selection} @click=${this.onProceed}>${label}</button>`;
      }
      case 'otp':
        return html`<otp-link
            part="otp"
            provider=${view.selection.provider}
            wallet-id=${ifDefined(view.selection.wallet?.id)}
            autostart
            .endpoint=${this.endpoint}
            .checkoutToken=${this.checkoutToken}
            .locale=${this.locale}
            @wallet-linked=${this.onLinked}
          ></otp-link>
          <button part="back" @click=${() => this.flow?.dispatch({ type: 'back' })}>${t.back}</button>`;
      case 'charged':
        return html`<div part="result">
          <h2 tabindex="-1" data-focus>${t.chargedTitle}</h2>
          <p>${t.charged(amount, name)}</p>
          ${this.redirecting && !view.notice ? html`<p>${t.redirecting}</p>` : nothing} ${notice(view.notice)}
        </div>`;
      case 'pending':
        return html`<div part="result" data-pending>
          <h2 tabindex="-1" data-focus>${t.pendingTitle}</h2>
          <p>${t.pending(name, amount)}</p>
          ${view.watching
            ? html`<button part="top-up" class="primary" @click=${() => this.navigate(view.topUpUrl)}>${t.topUp(name)}</button>`
            : nothing}
          ${notice(view.notice)}
        </div>`;
      case 'failed':
        return html`<div part="error">
            <h2 tabindex="-1" data-focus>${view.checkout ? t.failedTitle : t.loadFailedTitle}</h2>
            <p role="alert">${errorMessage(view.error.code, locale)}</p>
          </div>
          <div part="actions">
            ${view.retry
              ? html`<button part="retry" class="primary" @click=${() => this.flow?.dispatch({ type: 'retry' })}>${t.retry}</button>`
              : nothing}
            ${view.checkout ? html`<button part="back" @click=${() => this.flow?.dispatch({ type: 'back' })}>${t.back}</button>` : nothing}
          </div>`;
    }
  }
}
