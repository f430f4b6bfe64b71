import { html, nothing, type PropertyValues, type TemplateResult, type PropertyDeclarations } from 'lit';
import type { Checkout, Provider, Wallet } from '../../contract.js';
import { WalletError } from '../../errors.js';
import { WalletSelectEvent, WalletUnlinkedEvent } from '../../events.js';
import { formatAge, formatMoney } from '../shared/i18n.js';
import { PROVIDER_NAMES } from '../shared/provider-names.js';
import { messages } from './messages.js';
import { providerIcon } from '../shared/icons.js';
import { sharedStyles } from '../shared/styles.js';
import { styles } from './styles.js';
import { Task } from '../shared/task.js';
import { skeleton, WalletElement } from '../shared/wallet-element.js';

/** Ages ("updated 5 minutes ago") are redrawn this often so they do not go stale on an open page. */
const AGE_REFRESH_MS = 60_000;

/**
 * @summary The shopper's e-wallets as a radio group: linked state, balance and its age, a low-balance flag, and
 * refresh buttons. Inside `<wallet-pay>` it is fed `checkout`; alone (a "linked wallets" page) it loads
 * `GET /checkout` itself, exactly once.
 *
 * @fires {WalletSelectEvent} wallet-select - The shopper picked a provider (`detail.provider`, `detail.wallet` or
 *   null when there is no wallet of it yet). Fired again after a refresh only if the selected wallet's data changed.
 * @fires {WalletUnlinkedEvent} wallet-unlinked - With `manage`: the shopper confirmed and the wallet is unlinked
 *   (`detail.wallet`, `linked: false`).
 * @fires {WalletErrorEvent} wallet-error - Loading, refreshing or unlinking failed; the widget also shows the error.
 *
 * @csspart skeleton - The placeholder while the wallets load.
 * @csspart list - The radio group (a `fieldset`).
 * @csspart option - One wallet row; the selected row also has `option-selected`.
 * @csspart option-selected - The selected row.
 * @csspart radio - The native radio input of a row.
 * @csspart balance - A linked wallet's balance.
 * @csspart low-balance - The flag shown when the balance is below the order amount.
 * @csspart refresh - A row's refresh button.
 * @csspart refresh-all - The "Refresh all" button.
 * @csspart unlink - With `manage`: a row's "Unlink" button.
 * @csspart error - The error message.
 *
 * @cssprop --wallet-picker-gap - Space between rows (default: the `--wallet-space` token).
 * @cssprop --wallet-picker-selected-color - Border of the selected row (default: the primary colour).
 * @cssprop --wallet-picker-icon-size - Size of the provider monogram (default 32px).
 */
export class WalletPicker extends WalletElement {
  static override styles = [sharedStyles, styles];
  /** Reactive properties (see WalletElement); `attribute: false` marks internal state. */
  static override properties: PropertyDeclarations = {
    checkout: { attribute: false },
    value: {},
    disabled: { type: Boolean },
    manage: { type: Boolean },
    refreshed: { attribute: false },
    confirming: { attribute: false },
    unlinkedName: { attribute: false },
  };

  /** The checkout to show. `<wallet-pay>` sets it; when unset and `endpoint` is set, the picker loads it itself. */
  checkout: Checkout | undefined;

  /** The selected provider, or null. Setting it preselects without an event. */
  value: Provider | null = null;

  /** Disables choosing and refreshing (e.g. while a payment runs). */
  disabled = false;

  /** Offers "Unlink" for each linked wallet, with a confirmation step (a "linked wallets" settings page). */
  manage = false;

  /** The wallet whose unlink awaits the shopper's confirmation. */
  private confirming: string | null = null;

  /** The provider just unlinked (the live region says so until the next request). */
  private unlinkedName: string | null = null;

  /** The last refresh succeeded (the live region says so until the next request). */
  private refreshed = false;

  /**
   * Its requests, one at a time, each named after its live-region message. A load in flight is abandoned when the
   * picker leaves the page (its answer is dropped; reconnecting loads again); a refresh or an unlink lands.
   */
  readonly #task = new Task(this, ['loading']);

  /** Every failed request is announced once as `wallet-error` (the Task keeps it for drawing). */
  readonly #failed = (error: WalletError) => void this.fail(error);

  #ageTimer?: ReturnType<typeof setInterval>;

  /** The wallet behind the selected provider (the linked one if the customer has several), or null. */
  get selectedWallet(): Wallet | null {
    return this.value ? this.#walletFor(this.value) : null;
  }

  override connectedCallback(): void {
    super.connectedCallback();
    this.#ageTimer = setInterval(() => this.requestUpdate(), AGE_REFRESH_MS);
    this.#maybeLoad();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    clearInterval(this.#ageTimer);
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('endpoint')) this.#maybeLoad();
  }

  protected override updated(): void {
    // A radio's checked state is the DOM's (the shopper changes it): after every render it is set from `value` again,
    // so what the element says is selected is what the page shows, whoever last changed it.
    for (const radio of this.renderRoot.querySelectorAll('input')) radio.checked = radio.value === this.value;
  }

  protected override render(): TemplateResult {
    const t = messages[this.resolvedLocale];
    // `error`: a failed load (drawn instead of the list) or refresh (drawn above it).
    const { checkout } = this;
    const { error, pending: busy } = this.#task;
    const alert = error
      ? html`<div part="error" role="alert" tabindex="-1">
          ${checkout ? nothing : html`<strong>${t.loadFailed}</strong> `}${this.errorText(error)}
        </div>`
      : nothing;
    let body: unknown = skeleton;
    if (checkout?.providers.length) {
      body = html`${alert}
        <fieldset part="list" role="radiogroup" ?disabled=${this.disabled}>
          <legend>${t.legend}</legend>
          ${checkout.providers.map((provider) => this.#renderOption(checkout, provider))}
        </fieldset>
        ${
          checkout.wallets.some((wallet) => wallet.linked)
            ? html`<button part="refresh-all" ?disabled=${this.disabled || busy} @click=${() => this.#refresh()}>
              ${t.refreshAll}
            </button>`
            : nothing
        }`;
    } else if (checkout) {
      body = html`<p>${t.empty}</p>`;
    } else if (error) {
      body = html`${alert}${error.retryable ? html`<button @click=${() => this.#load(true)}>${t.retry}</button>` : nothing}`;
    }
    // The live region follows the request in flight, then a successful refresh; texts follow a locale switch.
    const status = busy
      ? t[this.#task.name as 'loading' | 'refreshing' | 'unlinking']
      : this.unlinkedName
        ? t.unlinked(this.unlinkedName)
        : this.refreshed
          ? t.refreshed
          : '';
    return html`${body}${this.liveRegion(status)}`;
  }

  #renderOption({ order }: Checkout, provider: Provider): TemplateResult {
    const locale = this.resolvedLocale;
    const t = messages[locale];
    const wallet = this.#walletFor(provider);
    const name = PROVIDER_NAMES[provider];
    const selected = this.value === provider;
    const balance = wallet?.linked ? wallet.balance : null;
    // The refresh button sits outside the label: clicking it must not select the wallet. Inside the fieldset, it
    // is disabled with it.
    return html`<div part="option${selected ? ' option-selected' : ''}" class="option${selected ? ' selected' : ''}">
      <label>
        <input part="radio" type="radio" name="wallet" .value=${provider}
          aria-labelledby="name-${provider}" aria-describedby="details-${provider}" @change=${() => this.#select(provider)} />
        ${providerIcon(provider)}
        <span>
          <span class="name" id="name-${provider}">${name}</span>
          <span class="details" id="details-${provider}">
            ${
              balance === null
                ? html`<span>${wallet?.linked ? t.noBalance : t.notLinked}</span>`
                : html`<span part="balance" class="balance">${t.balance(formatMoney(balance, order.currency, locale))}</span>
                  ${wallet!.balanceUpdatedAt ? html`<span>${t.updated(formatAge(wallet!.balanceUpdatedAt, locale))}</span>` : nothing}
                  ${balance < order.amount ? html`<span part="low-balance" class="low">${t.lowBalance}</span>` : nothing}`
            }
          </span>
        </span>
      </label>
      ${
        balance === null
          ? nothing
          : html`<button part="refresh" aria-label=${t.refreshLabel(name)} ?disabled=${this.#task.pending}
            @click=${() => this.#refresh(wallet!.id)}>${t.refresh}</button>`
      }
      ${this.manage && wallet?.linked ? this.#renderUnlink(wallet, name) : nothing}
    </div>`;
  }

  /** "Unlink", then the question with "Unlink" / "Keep it" in its place until the shopper answers. */
  #renderUnlink(wallet: Wallet, name: string): TemplateResult {
    const t = messages[this.resolvedLocale];
    if (this.confirming !== wallet.id) {
      return html`<button part="unlink" id="unlink-${wallet.id}" aria-label=${t.unlinkLabel(name)} ?disabled=${this.#task.pending}
        @click=${() => this.#ask(wallet.id)}>${t.unlink}</button>`;
    }
    return html`<div role="group" aria-labelledby="confirm-${wallet.id}">
      <p id="confirm-${wallet.id}">${t.confirmUnlink(name)}</p>
      <button ?disabled=${this.#task.pending} @click=${() => this.#unlink(wallet.id)}>${t.unlinkLabel(name)}</button>
      <button id="keep" ?disabled=${this.#task.pending} @click=${() => this.#ask(null)}>${t.keep}</button>
    </div>`;
  }

  /** Opens (or, with null, closes) the confirmation; focus goes to its safe answer, or back to that "Unlink". */
  #ask(walletId: string | null): Promise<void> {
    const back = this.confirming;
    this.confirming = walletId;
    return this.focusOn(walletId ? '#keep' : back ? `#unlink-${back}` : 'fieldset');
  }

  /** Unlinks through the kit; the answer must be the same wallet, now unlinked. */
  #unlink(walletId: string): Promise<void> | void {
    if (this.#task.pending || !this.checkout) return;
    this.refreshed = false;
    this.unlinkedName = null;
    return this.#task.run(
      'unlinking',
      (signal) => this.client.unlink(walletId, { signal }),
      ({ wallet }) => {
        if (wallet.id !== walletId || wallet.linked) throw new WalletError('invalid_response');
        const current = this.checkout;
        if (!current) return;
        this.checkout = { ...current, wallets: this.#replaced(walletId, wallet) };
        this.confirming = null;
        this.unlinkedName = PROVIDER_NAMES[wallet.provider];
        this.dispatchEvent(new WalletUnlinkedEvent({ wallet }));
        return this.focusOn('input');
      },
      this.#failed,
    );
  }

  /** The wallets, with the one `walletId` names replaced by the kit's fresh answer for it. */
  #replaced(walletId: string, wallet: Wallet): Wallet[] {
    return (this.checkout?.wallets ?? []).map((old) => (old.id === walletId ? wallet : old));
  }

  #walletFor(provider: Provider): Wallet | null {
    const wallets = this.checkout?.wallets.filter((wallet) => wallet.provider === provider) ?? [];
    return wallets.find((wallet) => wallet.linked) ?? wallets[0] ?? null;
  }

  #select(provider: Provider): void {
    this.value = provider;
    this.dispatchEvent(new WalletSelectEvent({ provider, wallet: this.#walletFor(provider) }));
  }

  /** Standalone mode: load once when there is an endpoint and nobody handed us a checkout. */
  #maybeLoad(): void {
    if (this.isConnected && this.endpoint && !this.checkout && !this.#task.pending && !this.#task.error) void this.#load();
  }

  /** `refocus`: the shopper pressed "Try again", so focus goes to the list (or the error) once it is drawn. */
  #load(refocus = false): Promise<void> {
    const done = (focus: string) => refocus && this.focusOn(focus);
    return this.#task.run(
      'loading',
      (signal) => this.client.checkout({ signal }),
      (checkout) => {
        // A checkout handed over meanwhile (by <wallet-pay>) wins over our own copy.
        this.checkout ??= checkout;
        return done('input');
      },
      (error) => {
        this.#failed(error);
        return done('[role=alert]');
      },
    );
  }

  /** Refreshes one wallet (by id) or all; keeps a NEW checkout object so whoever holds the old one sees a change. */
  #refresh(walletId?: string): Promise<void> | void {
    if (this.#task.pending || !this.checkout) return;
    this.refreshed = false;
    this.unlinkedName = null;
    const before = JSON.stringify(this.selectedWallet);
    // One wallet replaces its old copy; "Refresh all" answers the customer's whole list, which replaces ours.
    const request = (signal: AbortSignal) =>
      walletId
        ? this.client.refresh(walletId, { signal }).then(({ wallet }) => this.#replaced(walletId, wallet))
        : this.client.refreshAll({ signal }).then(({ wallets }) => wallets);
    return this.#task.run(
      'refreshing',
      request,
      (wallets) => {
        const current = this.checkout;
        if (!current) return;
        this.checkout = { ...current, wallets };
        this.refreshed = true;
        const after = this.selectedWallet;
        if (this.value && JSON.stringify(after) !== before) {
          this.dispatchEvent(new WalletSelectEvent({ provider: this.value, wallet: after }));
        }
      },
      this.#failed,
    );
  }
}
