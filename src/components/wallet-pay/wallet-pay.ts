import { html, nothing, type PropertyValues, type TemplateResult, type PropertyDeclarations } from 'lit';
import { CheckoutFlow, initialState, isPayable, type FlowAction, type FlowOutput, type FlowState, type FlowStateName } from './flow.js';
import {
  WalletChargedEvent,
  WalletPendingEvent,
  WalletRedirectEvent,
  type WalletLinkedEvent,
  type WalletSelectEvent,
} from '../../events.js';
import { formatMoney } from '../shared/i18n.js';
import { PROVIDER_NAMES } from '../shared/provider-names.js';
import { messages } from './messages.js';
import { Checkout } from '../../contract.js';
import { checkRedirect, pageNavigation, parseOrigins } from '../../navigation.js';
import { sharedStyles } from '../shared/styles.js';
import { skeleton, WalletElement } from '../shared/wallet-element.js';
import { styles } from './styles.js';

/**
 * The whole e-wallet checkout: loads the order and the shopper's wallets in one request, lets the shopper pick a
 * wallet, links it with an OTP when needed, pays exactly once, and then redirects, offers a top-up, or explains the
 * failure with a way to recover. Composes `<wallet-picker>` and `<otp-link>`; the flow itself is `flow.ts` beside it.
 *
 * Picking a wallet never sends anything: an unlinked wallet shows "Link <wallet> and pay <amount>", and once the code
 * is verified the payment goes ahead without another click (the shopper already asked to pay).
 *
 * @summary E-wallet checkout for one order.
 *
 * @fires {WalletChargedEvent} wallet-charged - The order is paid ({orderId, url}). Cancelable: cancel to stop the
 *   redirect.
 * @fires {WalletPendingEvent} wallet-pending - The balance was short ({orderId, topUpUrl}). Cancelable: cancel to stop
 *   the top-up offer and the order polling.
 * @fires {WalletErrorEvent} wallet-error - Something failed ({code, message, retryable}); also bubbled from the inner
 *   elements.
 * @fires {WalletRedirectEvent} wallet-redirect - Just before navigating ({url}). Cancelable: cancel to stay on the page.
 * @fires {WalletSelectEvent} wallet-select - Bubbled from `<wallet-picker>`.
 * @fires {WalletLinkedEvent} wallet-linked - Bubbled from `<otp-link>`.
 *
 * @csspart base - The container of every state.
 * @csspart skeleton - The placeholder while loading.
 * @csspart picker - The `<wallet-picker>`.
 * @csspart pay - The "Pay" / "Link and pay" button.
 * @csspart otp - The `<otp-link>`.
 * @csspart back - The "Choose another wallet" button.
 * @csspart result - The charged or pending panel.
 * @csspart top-up - The "Top up" button.
 * @csspart error - The failure panel.
 * @csspart retry - The "Try again" button.
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
  /** Reactive properties (see WalletElement); `attribute: false` marks internal state. */
  static override properties: PropertyDeclarations = {
    redirect: {},
    redirectOrigins: { attribute: 'redirect-origins' },
    pollInterval: { type: Number, attribute: 'poll-interval' },
    checkoutFrom: { attribute: 'checkout-from' },
    view: { attribute: false },
    redirecting: { attribute: false },
  };

  /** `auto`: after `wallet-charged` (unless cancelled) navigate to the payment's URL. `manual`: never navigate. */
  redirect: 'auto' | 'manual' = 'auto';

  /** Origins a redirect may go to, space- or comma-separated; empty allows any safe (https) origin. */
  redirectOrigins = '';

  /** Milliseconds before the first order-status check while waiting for a top-up (later ones back off). */
  pollInterval = 3000;

  /**
   * The id of a `<script type="application/json">` block the merchant's server rendered the checkout into (the
   * kit's `kit.checkout(request)` + `serializeCheckout`): parsed with the contract's schema, it makes the widget
   * interactive with no request. Missing or malformed, the widget loads `GET /checkout` as usual.
   */
  checkoutFrom = '';

  /** Where the checkout is: loading, empty, choose, otp, paying, charged, pending or failed. Read-only. */
  get state(): FlowStateName {
    return this.view.name;
  }

  private view: FlowState = initialState;
  private redirecting = false;
  #flow?: CheckoutFlow;
  /** The shopper has acted on this checkout: from then on focus follows the steps. */
  #acted = false;

  /** When "Try again" may be pressed (the kit's `retryAfter` on the last error). */
  #retryAt = 0;

  /** A hidden page sends no polls; coming back picks the watch up again at once. */
  readonly #onVisibility = () => {
    if (!document.hidden) this.#flow?.resume();
  };

  override connectedCallback(): void {
    super.connectedCallback();
    document.addEventListener('visibilitychange', this.#onVisibility);
    this.#flow?.resume();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    document.removeEventListener('visibilitychange', this.#onVisibility);
    this.#flow?.stop();
  }

  protected override willUpdate(changed: PropertyValues): void {
    // A new endpoint or session is a new checkout: start over with one GET /checkout.
    if ((changed.has('endpoint') || changed.has('checkoutToken')) && this.endpoint) this.#start();
  }

  protected override updated(changed: PropertyValues): void {
    const previous = changed.get('view') as FlowState | undefined;
    // Move focus only after the shopper did something (never steal it from the host page on first load), and on
    // to the next step even through a reload ("Try again": failed -> loading -> choose).
    if (previous && this.#acted && previous.name !== this.view.name) void this.focusOn('[data-focus]');
  }

  #start(): void {
    this.#flow?.stop();
    const flow: CheckoutFlow = new CheckoutFlow({
      client: this.client,
      pollInterval: () => this.pollInterval,
      hidden: () => document.hidden,
      onChange: (view, output) => {
        if (flow !== this.#flow) return;
        this.view = view;
        if (output) this.#announce(output);
      },
    });
    this.#flow = flow;
    this.#acted = false;
    this.redirecting = false;
    const prefetched = this.#prefetched();
    flow.dispatch(prefetched ? { type: 'loaded', checkout: prefetched } : { type: 'load' });
    // While GET /checkout is in flight: the first Intl.NumberFormat of a page starts ICU (tens of ms on a cold page).
    formatMoney(0, 'IDR', this.resolvedLocale);
  }

  /** The checkout the page carries (`checkout-from`), if it is there and keeps the contract. */
  #prefetched(): Checkout | null {
    if (!this.checkoutFrom) return null;
    const root = this.getRootNode() as Document | ShadowRoot;
    const block = root.getElementById?.(this.checkoutFrom) ?? document.getElementById(this.checkoutFrom);
    if (!(block instanceof HTMLScriptElement) || block.type !== 'application/json') return null;
    try {
      const parsed = Checkout.safeParse(JSON.parse(block.textContent ?? ''));
      return parsed.success ? parsed.data : null;
    } catch {
      return null;
    }
  }

  #act(action: FlowAction): void {
    this.#acted = true;
    this.#flow?.dispatch(action);
  }

  /**
   * Turns a flow outcome into its one event, then the default action unless the host cancelled it. An element
   * removed from the page meanwhile says and does nothing: its page has moved on. URLs in event details are only
   * ever ones the navigation itself would accept ('' when there is none), so a host that routes on them is safe.
   */
  #announce(output: FlowOutput): void {
    if (!this.isConnected) return;
    if (output.type === 'error') {
      this.fail(output.error);
      // The kit said when trying again can succeed: "Try again" waits until then.
      const wait = (output.error.retryAfter ?? 0) * 1000;
      const retryAt = Date.now() + wait;
      this.#retryAt = retryAt;
      // Cleared by the timer, not re-read from the clock: a timer may fire a hair before Date.now() reaches
      // `retryAt` (Firefox rounds Date.now()), which left the button disabled with nothing to render it again.
      if (wait) {
        setTimeout(() => {
          if (this.#retryAt !== retryAt) return;
          this.#retryAt = 0;
          this.requestUpdate();
        }, wait);
      }
    } else if (output.type === 'pending') {
      // Vetted quietly: a refused top-up URL is reported when the shopper asks to top up, not before.
      const target = this.#vet(output.topUpUrl, false);
      const event = new WalletPendingEvent({ orderId: output.orderId, topUpUrl: target?.href ?? '' });
      this.dispatchEvent(event);
      if (!event.defaultPrevented) this.#act({ type: 'watch' });
    } else {
      const target = this.#vet(output.url);
      const event = new WalletChargedEvent({ orderId: output.orderId, url: target?.href ?? '' });
      this.dispatchEvent(event);
      if (!event.defaultPrevented && this.redirect !== 'manual' && target) this.#navigate(target);
    }
  }

  /** The target a URL from the backend may lead to, or null; a refused one is announced as `redirect_blocked`. */
  #vet(url: string, report = true): URL | null {
    try {
      return checkRedirect(url, parseOrigins(this.redirectOrigins));
    } catch (error) {
      if (report) this.#act({ type: 'notice', error: this.fail(error) });
      return null;
    }
  }

  #topUp(url: string): void {
    const target = this.#vet(url);
    if (target) this.#navigate(target);
  }

  /** The one navigation: a vetted GET, announced by a cancelable `wallet-redirect`. */
  #navigate(target: URL): void {
    if (!this.isConnected) return;
    const event = new WalletRedirectEvent({ url: target.href });
    this.dispatchEvent(event);
    if (event.defaultPrevented) return;
    this.redirecting = true;
    pageNavigation.go(target);
  }

  protected override render(): TemplateResult {
    const t = messages[this.resolvedLocale];
    const [status, body] = this.#draw(this.view);
    return html`<section part="base" aria-label=${t.label}>${body}${this.liveRegion(status)}</section>`;
  }

  /** Each state as [what the live region says, what is drawn]. */
  #draw(view: FlowState): [string, unknown] {
    const locale = this.resolvedLocale;
    const t = messages[locale];
    if (view.name === 'loading') return [t.loading, skeleton];
    if (view.name === 'empty') return [t.empty, html`<p tabindex="-1" data-focus>${t.empty}</p>`];
    const order = view.checkout?.order;
    const amount = order ? formatMoney(order.amount, order.currency, locale) : '';
    const name = view.selection ? PROVIDER_NAMES[view.selection.provider] : '';
    const back = html`<button part="back" @click=${() => this.#act({ type: 'back' })}>${t.back}</button>`;
    /** An outcome panel: a heading that takes focus, then what it means and what can be done. */
    const panel = (part: string, title: string, content: unknown) =>
      html`<div part=${part} class="panel ${view.name}"><h2 tabindex="-1" data-focus>${title}</h2>${content}</div>`;
    // Once the shopper has acted, focus lands on the step's heading (or hint) and a screen reader reads it there:
    // the live region does not say it a second time (test/a11y/flows.browser.test.ts).
    const untold = (title: string) => (this.#acted ? '' : title);
    // A notice (blocked redirect) is announced by its own role="alert", not repeated in the live region.
    const notice = 'notice' in view && view.notice ? html`<p class="notice" role="alert">${this.errorText(view.notice)}</p>` : nothing;

    switch (view.name) {
      case 'choose':
      case 'paying': {
        const paying = view.name === 'paying';
        const { selection } = view;
        const label = paying ? t.paying : !selection || isPayable(selection) ? t.pay(amount) : t.linkAndPay(name, amount);
        // Focus comes back here on "Choose another wallet"; while paying it stays put (the status says "Paying…").
        return [
          paying ? t.paying : untold(t.choose),
          html`<p tabindex="-1" ?data-focus=${!paying}>${t.choose}</p>
            <wallet-picker part="picker" .checkout=${view.checkout} .value=${selection?.provider ?? null} .disabled=${paying}
              .endpoint=${this.endpoint} .checkoutToken=${this.checkoutToken} .locale=${this.locale}
              @wallet-select=${(event: WalletSelectEvent) => this.#act({ type: 'select', ...event.detail })}></wallet-picker>
            <button part="pay" class="primary" ?disabled=${paying || !selection}
              @click=${() => this.#act(isPayable(selection) ? { type: 'pay' } : { type: 'link' })}>${label}</button>`,
        ];
      }
      case 'otp':
        return [
          t.otp(name),
          html`<otp-link part="otp" provider=${view.selection.provider} wallet-id=${view.selection.wallet?.id ?? nothing} autostart
              .endpoint=${this.endpoint} .checkoutToken=${this.checkoutToken} .locale=${this.locale}
              @wallet-linked=${(event: WalletLinkedEvent) => this.#act({ type: 'linked', wallet: event.detail.wallet })}></otp-link>
            ${back}`,
        ];
      case 'charged':
        return [
          this.redirecting ? t.redirecting : untold(t.chargedTitle),
          panel(
            'result',
            t.chargedTitle,
            html`<p>${t.charged(amount, name)}</p>${this.redirecting && !view.notice ? html`<p>${t.redirecting}</p>` : notice}`,
          ),
        ];
      case 'pending':
        return [
          view.watching ? t.waiting : untold(t.pendingTitle),
          panel(
            'result',
            t.pendingTitle,
            html`<p>${t.pending(name, amount)}</p>
              ${
                view.watching
                  ? html`<button part="top-up" class="primary" @click=${() => this.#topUp(view.topUpUrl)}>${t.topUp(name)}</button>`
                  : nothing
              }
              ${notice}`,
          ),
        ];
      case 'failed': {
        const title = view.checkout ? t.failedTitle : t.loadFailedTitle;
        // A timeout with nothing to retry is the end of a top-up watch (pay and load timeouts can be retried).
        const text = view.error.code === 'timeout' && !view.retry ? t.watchEnded : this.errorText(view.error);
        return [
          untold(title),
          html`${panel('error', title, html`<p role="alert">${text}</p>`)}
            <div class="actions">
              ${
                view.retry
                  ? html`<button part="retry" class="primary" ?disabled=${Date.now() < this.#retryAt}
                    @click=${() => this.#act({ type: 'retry' })}>${t.retry}</button>`
                  : nothing
              }
              ${view.checkout ? back : nothing}
            </div>`,
        ];
      }
    }
  }
}
