import { html, nothing, type PropertyValues, type TemplateResult, type PropertyDeclarations } from 'lit';
import { Otp, type Provider, type Wallet } from '../../contract.js';
import { WalletError } from '../../errors.js';
import { WalletLinkedEvent } from '../../events.js';
import { messages } from './messages.js';
import { PROVIDER_NAMES } from '../shared/provider-names.js';
import { styles } from './styles.js';
import { sharedStyles } from '../shared/styles.js';
import { WalletElement } from '../shared/wallet-element.js';

/** What the shopper typed or pasted, digits only, at most a code's length. */
const digits = (text: string) => text.replace(/\D/g, '').slice(0, 8);

/**
 * @summary Links an e-wallet with a one-time code: sends the code (creating the wallet when the customer has none
 * of that provider), takes the code, verifies it. Used by `<wallet-pay>` and alone on a "linked wallets" page.
 *
 * The code is never kept in the element's state, rendered, or logged: it lives only in the input's value until it
 * is submitted, and the input is emptied on submit.
 *
 * @fires {WalletLinkedEvent} wallet-linked - Once, when the wallet is linked (`detail.wallet`, `linked: true`).
 * @fires {WalletErrorEvent} wallet-error - On every failure (sending, a wrong/expired code, too many attempts…).
 *
 * @csspart title - The heading line ("Link GoPay").
 * @csspart intro - What will happen, before the code is sent.
 * @csspart send - The "Send code" button.
 * @csspart form - The code form.
 * @csspart label - The input's label.
 * @csspart input - The code input.
 * @csspart hint - Help text under the input.
 * @csspart attempts - "2 attempts left", after a wrong code.
 * @csspart actions - The row of Verify and Resend.
 * @csspart verify - The "Verify" button.
 * @csspart resend - The "Resend code" button (shows the countdown while it waits).
 * @csspart error - The error message (role alert).
 * @csspart done - The success message.
 * @csspart status - The visually hidden live region.
 *
 * @cssprop --otp-link-input-width - Width of the code input (default 12ch).
 * @cssprop --otp-link-letter-spacing - Spacing of the code's digits (default 0.3em).
 */
export class OtpLink extends WalletElement {
  static override styles = [sharedStyles, styles];
  /** Reactive properties (see WalletElement); `attribute: false` marks internal state. */
  static override properties: PropertyDeclarations = {
    provider: {},
    walletId: { attribute: 'wallet-id' },
    autostart: { type: Boolean },
    phase: { attribute: false },
    badFormat: { attribute: false },
    attemptsLeft: { attribute: false },
    resendsLeft: { attribute: false },
    wait: { attribute: false },
    wallet: { attribute: false },
  };

  /** The provider of a wallet to create (the customer has none of it yet). Ignored when `walletId` is set. */
  provider?: Provider;

  /** An existing wallet that is listed but not linked; a code is sent to it instead of creating one. */
  walletId?: string;

  /** Sends the code as soon as the element is connected, instead of showing a "Send code" button. */
  autostart = false;

  private phase: 'idle' | 'code' | 'linked' = 'idle';
  /** The typed code is not 4 to 8 digits (caught here, never sent). */
  private badFormat = false;
  /** Shown after a wrong code; 0 locks the input for good. */
  private attemptsLeft: number | null = null;
  private resendsLeft = 0;
  /** Seconds until a resend is allowed, counted down by `tick`. */
  private wait = 0;
  private wallet: Wallet | null = null;

  #started = false;
  #inflight?: Promise<void>;
  #ticker?: ReturnType<typeof setTimeout>;
  /** Epoch ms when a resend is allowed again. */
  #resendAt = 0;

  /**
   * Sends (or resends) a code. While a request is in flight it returns that one instead of sending another;
   * it never rejects: failures are shown and emitted as `wallet-error`.
   */
  start(): Promise<void> {
    this.#started = true;
    return this.#inflight ?? (this.phase === 'linked' ? Promise.resolve() : this.#send());
  }

  /** Too many wrong codes: nothing more can be tried. */
  get #locked(): boolean {
    return this.attemptsLeft === 0;
  }

  override connectedCallback(): void {
    super.connectedCallback();
    this.#tick();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    clearTimeout(this.#ticker);
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (this.hasUpdated && (changed.has('provider') || changed.has('walletId'))) this.#reset();
    if (this.autostart && !this.#started) void this.start();
  }

  protected override render(): TemplateResult {
    const t = messages[this.resolvedLocale];
    const { phase, busy, error, attemptsLeft, wait } = this;
    const locked = this.#locked;
    const provider = this.wallet?.provider ?? this.provider;
    const name = provider ? PROVIDER_NAMES[provider] ?? provider : '';
    const alert = this.badFormat ? t.invalidFormat : error && this.errorText(error);
    const errorLine = alert ? html`<p part="error" id="error" role="alert" tabindex="-1">${alert}</p>` : nothing;
    let body: TemplateResult;
    if (phase === 'linked') {
      body = html`<p part="done" tabindex="-1">${t.linked(name)}</p>`;
    } else if (phase === 'idle') {
      body = html`<p part="intro">${t.intro}</p>
        ${errorLine}
        <button part="send" class="primary" ?disabled=${!!busy} @click=${this.start}>${busy ? t.sending : t.send}</button>`;
    } else {
      // Ids that are not rendered at the moment (attempts, error) are skipped by the accessible description.
      body = html`<form part="form" @submit=${this.#verify}>
        <label part="label" for="code">${t.label}</label>
        <input part="input" id="code" inputmode="numeric" autocomplete="one-time-code"
          aria-describedby="hint attempts error" aria-invalid=${this.badFormat || error?.code === 'otp_invalid'}
          ?disabled=${locked || busy === 'verifying'} @input=${this.#onInput} @paste=${this.#onPaste} />
        <p part="hint" id="hint">${t.hint}</p>
        ${attemptsLeft === null ? nothing : html`<p part="attempts" id="attempts">${t.attemptsLeft(attemptsLeft)}</p>`}
        ${errorLine}
        <div part="actions">
          <button part="verify" class="primary" ?disabled=${locked || !!busy}>${busy === 'verifying' ? t.verifying : t.verify}</button>
          <button part="resend" type="button" ?disabled=${locked || !!busy || wait > 0 || !this.resendsLeft}
            @click=${this.start}>${wait ? t.resendIn(wait) : t.resend}</button>
        </div>
        ${this.resendsLeft ? nothing : html`<p part="hint">${t.noResends}</p>`}
      </form>`;
    }
    const status = busy
      ? t[busy as 'sending' | 'verifying']
      : phase === 'linked'
        ? t.linked(name)
        : phase === 'code' && !error
          ? t.sent
          : '';
    return html`<strong part="title">${t.title(name)}</strong>${body}${this.liveRegion(status)}`;
  }

  /**
   * One request at a time (`busy` is named after its status message), kept as `inflight` until it settles so that
   * start() joins it; a failure is shown.
   */
  #request<T>(busy: 'sending' | 'verifying', request: Promise<T>, then: (answer: T) => Promise<void>): Promise<void> {
    this.badFormat = false;
    const done: Promise<void> = (this.#inflight = this.run(busy, request, then, (error) => this.#showError(error)).finally(() => {
      if (this.#inflight === done) this.#inflight = undefined;
    }));
    return done;
  }

  #send(): Promise<void> {
    const walletId = this.wallet?.id ?? this.walletId;
    // Neither attribute set: the kit answers invalid_request, which is shown and emitted like any failure.
    const request = walletId ? this.client.authenticate(walletId) : this.client.createWallet(this.provider!);
    return this.#request('sending', request, async ({ wallet, otp }) => {
      // An answer about another wallet or provider than the one asked for is not an answer to this request.
      if (walletId ? wallet.id !== walletId : wallet.provider !== this.provider) throw new WalletError('invalid_response');
      // Linked already (a stale page: another tab, or a link that finished after the shopper went back): done.
      if (wallet.linked) return this.#linked(wallet);
      this.wallet = wallet;
      this.phase = 'code';
      this.attemptsLeft = otp.attemptsLeft ? null : 0;
      this.resendsLeft = otp.resendsLeft;
      this.#resendAt = Date.now() + otp.resendAfter * 1000;
      this.#tick();
      await this.focusOn('input');
    });
  }

  #verify(event: Event): void {
    event.preventDefault();
    const input = this.renderRoot.querySelector('input')!;
    if (this.busy || this.#locked) return;
    const code = input.value;
    if (!Otp.safeParse(code).success) {
      this.badFormat = true;
      this.error = null;
      input.focus();
      return;
    }
    // The code leaves the DOM at once: only this closure holds it until the request is sent.
    input.value = '';
    void this.#request('verifying', this.client.link(this.wallet!.id, code), async ({ wallet }) => {
      // A link that answers an unlinked wallet, or another wallet, is not a link.
      if (!wallet.linked || wallet.id !== this.wallet!.id) throw new WalletError('invalid_response');
      return this.#linked(wallet);
    });
  }

  #linked(wallet: Wallet): Promise<void> {
    this.wallet = wallet;
    this.phase = 'linked';
    this.dispatchEvent(new WalletLinkedEvent({ wallet }));
    return this.focusOn('[part=done]');
  }

  /** Shows a failure, updates what it says about attempts and resends, and puts focus where the shopper acts next. */
  #showError(error: WalletError): Promise<void> {
    const { code } = error;
    if (code === 'otp_invalid') this.attemptsLeft = error.attemptsLeft ?? Math.max(0, (this.attemptsLeft ?? 1) - 1);
    if (code === 'otp_attempts_exceeded') this.attemptsLeft = 0;
    // The code outlived any resend wait, so the shopper may ask for a new one right away.
    if (code === 'otp_expired') {
      this.#resendAt = 0;
      this.#tick();
    }
    // The kit said when a new code may be asked for: the Resend button counts down to exactly then.
    if (code === 'rate_limited' && error.retryAfter) {
      this.#resendAt = Date.now() + error.retryAfter * 1000;
      this.#tick();
    }
    const inCode = this.phase === 'code';
    return this.focusOn(
      inCode && !this.#locked && code === 'otp_invalid'
        ? 'input'
        : inCode && code === 'otp_expired' && this.resendsLeft
          ? '[part=resend]'
          : '[part=error]',
    );
  }

  /** Keeps the resend countdown moving, once a second, only while there is something to count. */
  #tick(): void {
    clearTimeout(this.#ticker);
    this.wait = Math.max(0, Math.ceil((this.#resendAt - Date.now()) / 1000));
    if (this.isConnected && this.wait) this.#ticker = setTimeout(() => this.#tick(), 1000);
  }

  #onInput(event: Event): void {
    const input = event.target as HTMLInputElement;
    const kept = digits(input.value);
    if (kept !== input.value) input.value = kept;
    this.badFormat = false;
  }

  /** A pasted code ("123 456", "123-456" from an SMS) replaces what was typed, digits only. */
  #onPaste(event: ClipboardEvent): void {
    const pasted = digits(event.clipboardData?.getData('text') ?? '');
    // Nothing readable: let the browser insert it; onInput then keeps the digits.
    if (!pasted) return;
    event.preventDefault();
    (event.target as HTMLInputElement).value = pasted;
    this.badFormat = false;
  }

  /** Another wallet: forget everything about the previous one. */
  #reset(): void {
    this.generation++;
    clearTimeout(this.#ticker);
    this.#inflight = undefined;
    this.#started = false;
    this.phase = 'idle';
    this.busy = this.error = this.attemptsLeft = this.wallet = null;
    this.badFormat = false;
    this.resendsLeft = this.#resendAt = this.wait = 0;
  }
}
