import { html, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { property, state } from 'lit/decorators.js';
import { live } from 'lit/directives/live.js';
import type { Checkout, Provider, Wallet } from '../contract.js';
import type { WalletError } from '../errors.js';
import { WalletSelectEvent } from '../events.js';
import { errorMessage, formatAge, formatMoney } from '../i18n/index.js';
import { PROVIDER_NAMES } from '../i18n/providers.js';
import { messages } from '../i18n/wallet-picker.js';
import { providerIcon } from './icons.js';
import { sharedStyles } from './shared.styles.js';
import { styles } from './wallet-picker.styles.js';
import { WalletElement } from './wallet-element.js';

/** Ages ("updated 5 minutes ago") are redrawn this often so they do not go stale on an open page. */
const AGE_REFRESH_MS = 60_000;

/**
 * @summary The shopper's e-wallets as a radio group: linked state, balance and its age, a low-balance flag, and
 * refresh buttons. Inside `<wallet-pay>` it is fed `checkout`; alone (a "linked wallets" page) it loads
 * `GET /checkout` itself, exactly once.
 *
 * @fires wallet-select - {WalletSelectEvent} The shopper picked a provider (`detail.provider`, `detail.wallet` or
 *   null when there is no wallet of it yet). Fired again after a refresh only if the selected wallet's data changed.
 * @fires wallet-error - {WalletErrorEvent} Loading or refreshing failed; the widget also shows the error.
 *
 * @csspart skeleton - Placeholder shown while the wallets load.
 * @csspart list - The radio group (a `fieldset`).
 * @csspart legend - The group's caption.
 * @csspart option - One provider row; the selected row also has `option-selected`.
 * @csspart label - The clickable label around radio, icon, name and details.
 * @csspart radio - The native radio input.
 * @csspart icon - The provider monogram.
 * @csspart text - Name and details, stacked.
 * @csspart name - The provider's name.
 * @csspart details - Balance, age, hints.
 * @csspart balance - A linked wallet's balance.
 * @csspart age - How old the balance is.
 * @csspart hint - "Not linked · Link with OTP".
 * @csspart low-balance - The flag shown when the balance is below the order amount.
 * @csspart refresh - The per-wallet refresh button.
 * @csspart refresh-all - The "Refresh all" button.
 * @csspart empty - Shown when no provider is on offer.
 * @csspart error - The error box (role alert).
 * @csspart retry - The "Try again" button after a failed load.
 * @csspart status - The visually hidden live region.
 *
 * @cssprop --wallet-picker-gap - Space between rows (default: the `--wallet-space` token).
 * @cssprop --wallet-picker-selected-color - Border of the selected row (default: the primary colour).
 * @cssprop --wallet-picker-icon-size - Size of the provider monogram (default 32px).
 */
export class WalletPicker extends WalletElement {
  static override styles = [sharedStyles, styles];

  /** The checkout to show. `<wallet-pay>` sets it; when unset and `endpoint` is set, the picker loads it itself. */
  @property({ attribute: false }) checkout: Checkout | undefined;

  /** The selected provider, or null. Setting it preselects without an event. */
  @property() value: Provider | null = null;

  /** Disables choosing and refreshing (e.g. while a payment runs). */
  @property({ type: Boolean }) disabled = false;

  /** The failed load, drawn instead of the list. */
  @state() private loadError: WalletError | null = null;
  /** The failed refresh, drawn above the list. */
  @state() private actionError: WalletError | null = null;
  /** The wallet id being refreshed, `*` for all; one refresh at a time. */
  @state() private refreshing: string | null = null;
  /** What the live region says, as a message key so it follows a locale switch. */
  @state() private status: 'loading' | 'refreshing' | 'refreshed' | '' = '';

  private loader?: AbortController;
  private ageTimer?: ReturnType<typeof setInterval>;
  /** The shopper pressed "Try again": give focus back to the list once it is there. */
  private refocus = false;

  /** The wallet behind the selected provider (the linked one if the customer has several), or null. */
  get selectedWallet(): Wallet | null {
    return this.value ? this.walletFor(this.value) : null;
  }

  override connectedCallback(): void {
    super.connectedCallback();
    this.ageTimer = setInterval(() => this.requestUpdate(), AGE_REFRESH_MS);
    this.maybeLoad();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    clearInterval(this.ageTimer);
    // An abandoned load is dropped; reconnecting loads again.
    this.loader?.abort();
    this.loader = undefined;
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('endpoint')) this.maybeLoad();
  }

  protected override render(): TemplateResult {
    const t = messages[this.resolvedLocale];
    const checkout = this.checkout;
    let body: TemplateResult;
    if (checkout) body = this.renderList(checkout);
    else if (this.loadError) {
      body = html`${this.renderError(this.loadError, t.loadFailed)}${this.loadError.retryable
        ? html`<button part="retry" type="button" @click=${this.retry}>${t.retry}</button>`
        : nothing}`;
    } else {
      body = html`<div part="skeleton" aria-hidden="true"><span></span><span></span><span></span></div>`;
    }
    const status = this.status;
    return html`${body}<p part="status" role="status" aria-live="polite" class="visually-hidden">${status ? t[status] : ''}</p>`;
  }

  private renderList(checkout: Checkout): TemplateResult {
    const t = messages[this.resolvedLocale];
    if (checkout.providers.length === 0) return html`<p part="empty">${t.empty}</p>`;
    const anyLinked = checkout.wallets.some((wallet) => wallet.linked);
    return html`
      ${this.actionError ? this.renderError(this.actionError) : nothing}
      <fieldset part="list" role="radiogroup" ?disabled=${this.disabled}>
        <legend part="legend">${t.legend}</legend>
        ${checkout.providers.map((provider) => this.renderOption(checkout, provider))}
      </fieldset>
      ${anyLinked
        ? html`<button part="refresh-all" type="button" ?disabled=${this.disabled || this.refreshing !== null}
            @click=${() => this.refresh()}>${t.refreshAll}</button>`
        : nothing}`;
  }

  private renderOption({ order }: Checkout, provider: Provider): TemplateResult {
    const locale = this.resolvedLocale;
    const t = messages[locale];
    const wallet = this.walletFor(provider);
    const name = PROVIDER_NAMES[provider];
    const selected = this.value === provider;
    const shown = wallet?.linked && wallet.balance !== null ? wallet : null;
    const balance = shown?.balance ?? 0;
    return html`<div part=${selected ? 'option option-selected' : 'option'}>
      <label part="label">
        <input part="radio" type="radio" name="wallet" .value=${provider} .checked=${live(selected)}
          aria-labelledby="name-${provider}" aria-describedby="details-${provider}"
          @change=${() => this.select(provider)} />
        ${providerIcon(provider)}
        <span part="text">
          <span part="name" id="name-${provider}">${name}</span>
          <span part="details" id="details-${provider}">${shown
            ? html`<span part="balance">${t.balance(formatMoney(balance, order.currency, locale))}</span>
                ${shown.balanceUpdatedAt
                  ? html`<span part="age">${t.updated(formatAge(shown.balanceUpdatedAt, locale))}</span>`
                  : nothing}
                ${balance < order.amount ? html`<span part="low-balance">${t.lowBalance}</span>` : nothing}`
            : html`<span part="hint">${t.notLinked}</span>`}</span>
        </span>
      </label>
      ${shown
        ? html`<button part="refresh" type="button" aria-label=${t.refreshLabel(name)}
            ?disabled=${this.disabled || this.refreshing !== null} @click=${() => this.refresh(shown.id)}>${t.refresh}</button>`
        : nothing}
    </div>`;
  }

  private renderError(error: WalletError, title?: string): TemplateResult {
    return html`<div part="error" role="alert" tabindex="-1">
      ${title ? html`<strong>${title}</strong> ` : nothing}${errorMessage(error.code, this.resolvedLocale)}
    </div>`;
  }

  private walletFor(provider: Provider): Wallet | null {
    const wallets = this.checkout?.wallets.filter((wallet) => wallet.provider === provider) ?? [];
    return wallets.find((wallet) => wallet.linked) ?? wallets[0] ?? null;
  }

  private select(provider: Provider): void {
    this.value = provider;
    this.dispatchEvent(new WalletSelectEvent({ provider, wallet: this.walletFor(provider) }));
  }

  /** Standalone mode: load once when there is an endpoint and nobody handed us a checkout. */
  private maybeLoad(): void {
    if (this.isConnected && this.endpoint && !this.checkout && !this.loader && !this.loadError) void this.load();
  }

  private retry = (): void => {
    this.refocus = true;
    void this.load();
  };

  private async load(): Promise<void> {
    const loader = (this.loader = new AbortController());
    this.loadError = null;
    this.status = 'loading';
    try {
      const checkout = await this.client.checkout(loader.signal);
      if (loader.signal.aborted) return;
      // A checkout handed over meanwhile (by <wallet-pay>) wins over our own copy.
      this.checkout ??= checkout;
      this.status = '';
      if (this.refocus) {
        await this.updateComplete;
        this.renderRoot.querySelector<HTMLInputElement>('input:checked, input')?.focus();
      }
    } catch (error) {
      if (loader.signal.aborted) return;
      this.loadError = this.fail(error);
      this.status = '';
      if (this.refocus) {
        await this.updateComplete;
        this.renderRoot.querySelector<HTMLElement>('[part=error]')?.focus();
      }
    } finally {
      if (this.loader === loader) this.loader = undefined;
      this.refocus = false;
    }
  }

  /** Refreshes one wallet (by id) or all; keeps a NEW checkout object so whoever holds the old one sees a change. */
  private async refresh(walletId?: string): Promise<void> {
    if (this.refreshing !== null || !this.checkout) return;
    this.refreshing = walletId ?? '*';
    this.actionError = null;
    this.status = 'refreshing';
    const before = this.selectedWallet;
    try {
      const fresh = walletId ? [(await this.client.refresh(walletId)).wallet] : (await this.client.refreshAll()).wallets;
      const current = this.checkout;
      if (!current) return;
      const byId = new Map(fresh.map((wallet) => [wallet.id, wallet]));
      const wallets = current.wallets.map((wallet) => byId.get(wallet.id) ?? wallet);
      for (const wallet of fresh) if (!current.wallets.some((old) => old.id === wallet.id)) wallets.push(wallet);
      this.checkout = { ...current, wallets };
      this.status = 'refreshed';
      const after = this.selectedWallet;
      if (this.value && JSON.stringify(before) !== JSON.stringify(after)) {
        this.dispatchEvent(new WalletSelectEvent({ provider: this.value, wallet: after }));
      }
    } catch (error) {
      this.actionError = this.fail(error);
      this.status = '';
    } finally {
      this.refreshing = null;
    }
  }
}
