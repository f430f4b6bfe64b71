import { html, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { property, state } from 'lit/decorators.js';
import type { OtpChallenge, Provider, Wallet } from '../contract.js';
import { WalletError } from '../errors.js';
import { WalletLinkedEvent } from '../events.js';
import { errorMessage } from '../i18n/index.js';
import { messages } from '../i18n/otp-link.js';
import { PROVIDER_NAMES } from '../i18n/providers.js';
import { styles } from './otp-link.styles.js';
import { sharedStyles } from './shared.styles.js';
import { WalletElement } from './wallet-element.js';

const CODE = /^\d{4,8}$/;

/**
 * @summary Links an e-wallet with a one-time code: sends the code (creating the wallet when the customer has none
 * of that provider), takes the code, verifies it. Used by `<wallet-pay>` and alone on a "linked wallets" page.
 *
 * The code is never kept in the element's state, rendered, or logged: it lives only in the input's value until it
 * is submitted, and the input is emptied on submit.
 *
 * @fires wallet-linked - {WalletLinkedEvent} Once, when the wallet is linked (`detail.wallet`, `linked: true`).
 * @fires wallet-error - {WalletErrorEvent} On every failure (sending, a wrong/expired code, too many attempts…).
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

  /** The provider of a wallet to create (the customer has none of it yet). Ignored when `walletId` is set. */
  @property() provider?: Provider;

  /** An existing wallet that is listed but not linked; a code is sent to it instead of creating one. */
  @property({ attribute: 'wallet-id' }) walletId?: string;

  /** Sends the code as soon as the element is connected, instead of showing a "Send code" button. */
  @property({ type: Boolean }) autostart = false;

  @state() private phase: 'idle' | 'code' | 'linked' = 'idle';
  @state() private busy: 'send' | 'verify' | null = null;
  @state() private error: WalletError | null = null;
  /** The typed code is not 4 to 8 digits (caught here, never sent). */
  @state() private badFormat = false;
  /** Shown after a wrong code. */
  @state() private attemptsLeft: number | null = null;
  @state() private resendsLeft = 0;
  /** Epoch ms when a resend is allowed again. */
  @state() private resendAt = 0;
  @state() private now = Date.now();
  /** Too many wrong codes: the input is disabled for good. */
  @state() private locked = false;
  @state() private wallet: Wallet | null = null;
  @state() private status: 'sending' | 'sent' | 'verifying' | '' = '';

  private started = false;
  private inflight?: Promise<void>;
  private ticker?: ReturnType<typeof setTimeout>;
  /** Bumped when provider/walletId change, so answers to the old wallet are dropped. */
  private generation = 0;

  /**
   * Sends (or resends) a code. While a request is in flight it returns that one instead of sending another;
   * it never rejects: failures are shown and emitted as `wallet-error`.
   */
  start(): Promise<void> {
    this.started = true;
    if (this.inflight) return this.inflight;
    if (this.phase === 'linked') return Promise.resolve();
    return this.track(this.send());
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    clearTimeout(this.ticker);
  }

  override connectedCallback(): void {
    super.connectedCallback();
    this.tick();
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (this.hasUpdated && (changed.has('provider') || changed.has('walletId'))) this.reset();
    if (this.autostart && !this.started) void this.start();
  }

  protected override render(): TemplateResult {
    const locale = this.resolvedLocale;
    const t = messages[locale];
    const provider = this.wallet?.provider ?? this.provider;
    const name = provider ? PROVIDER_NAMES[provider] ?? provider : '';
    const error = this.error
      ? html`<p part="error" id="error" role="alert" tabindex="-1">${errorMessage(this.error.code, locale)}</p>`
      : nothing;
    let body: TemplateResult;
    if (this.phase === 'linked') {
      body = html`<p part="done" tabindex="-1">${t.linked(name)}</p>`;
    } else if (this.phase === 'idle') {
      body = html`<p part="intro">${t.intro}</p>
        ${error}
        <button part="send" class="primary" type="button" ?disabled=${this.busy !== null} @click=${this.start}>
          ${this.busy === 'send' ? t.sending : t.send}
        </button>`;
    } else {
      const wait = Math.max(0, Math.ceil((this.resendAt - this.now) / 1000));
      const described = ['hint', this.attemptsLeft !== null && 'attempts', (this.error || this.badFormat) && 'error'];
      body = html`<form part="form" novalidate @submit=${this.verify}>
          <label part="label" for="code">${t.label}</label>
          <input part="input" id="code" name="one-time-code" type="text" inputmode="numeric" autocomplete="one-time-code"
            pattern="[0-9]*" maxlength="8" spellcheck="false" aria-describedby=${described.filter(Boolean).join(' ')}
            aria-invalid=${this.badFormat || this.error?.code === 'otp_invalid' ? 'true' : 'false'}
            ?disabled=${this.locked || this.busy === 'verify'} @input=${this.onInput} @paste=${this.onPaste} />
          <p part="hint" id="hint">${t.hint}</p>
          ${this.attemptsLeft !== null ? html`<p part="attempts" id="attempts">${t.attemptsLeft(this.attemptsLeft)}</p>` : nothing}
          ${this.badFormat ? html`<p part="error" id="error" role="alert">${t.invalidFormat}</p>` : error}
          <div part="actions">
            <button part="verify" class="primary" type="submit" ?disabled=${this.locked || this.busy !== null}>
              ${this.busy === 'verify' ? t.verifying : t.verify}
            </button>
            <button part="resend" type="button" ?disabled=${this.busy !== null || wait > 0 || this.resendsLeft === 0 || this.locked}
              @click=${this.start}>${wait > 0 ? t.resendIn(wait) : t.resend}</button>
          </div>
          ${this.resendsLeft === 0 ? html`<p part="hint">${t.noResends}</p>` : nothing}
        </form>`;
    }
    const status = this.phase === 'linked' ? t.linked(name) : this.status ? t[this.status] : '';
    return html`<p part="title"><strong>${t.title(name)}</strong></p>
      ${body}
      <p part="status" role="status" aria-live="polite" class="visually-hidden">${status}</p>`;
  }

  private get input(): HTMLInputElement | null {
    return this.renderRoot.querySelector('input');
  }

  private track(task: Promise<void>): Promise<void> {
    const done = task.finally(() => {
      if (this.inflight === done) this.inflight = undefined;
    });
    return (this.inflight = done);
  }

  private async send(): Promise<void> {
    const generation = this.generation;
    const walletId = this.wallet?.id ?? this.walletId;
    this.busy = 'send';
    this.error = null;
    this.badFormat = false;
    this.status = 'sending';
    try {
      let challenge: OtpChallenge;
      if (walletId) challenge = await this.client.authenticate(walletId);
      else if (this.provider) challenge = await this.client.createWallet(this.provider);
      else throw new WalletError('invalid_request', 'otp-link needs provider or wallet-id');
      if (generation !== this.generation) return;
      const { wallet, otp } = challenge;
      this.wallet = wallet;
      this.phase = 'code';
      this.attemptsLeft = null;
      this.locked = otp.attemptsLeft === 0;
      this.resendsLeft = otp.resendsLeft;
      this.resendAt = Date.now() + otp.resendAfter * 1000;
      this.tick();
      this.status = 'sent';
      this.busy = null;
      await this.focusPart('input');
    } catch (error) {
      if (generation !== this.generation) return;
      this.busy = null;
      this.status = '';
      void this.showError(this.fail(error));
    }
  }

  private verify = (event: Event): void => {
    event.preventDefault();
    const input = this.input;
    if (!input || this.busy || this.locked || this.phase !== 'code') return;
    const code = input.value;
    if (!CODE.test(code)) {
      this.badFormat = true;
      this.error = null;
      input.focus();
      return;
    }
    // The code leaves the DOM at once: only this closure holds it until the request is sent.
    input.value = '';
    void this.track(this.link(code));
  };

  private async link(code: string): Promise<void> {
    const generation = this.generation;
    const walletId = this.wallet?.id ?? this.walletId ?? '';
    this.busy = 'verify';
    this.error = null;
    this.badFormat = false;
    this.status = 'verifying';
    try {
      const { wallet } = await this.client.link(walletId, code);
      if (generation !== this.generation) return;
      if (!wallet.linked) throw new WalletError('invalid_response', 'link answered an unlinked wallet');
      clearTimeout(this.ticker);
      this.wallet = wallet;
      this.phase = 'linked';
      this.busy = null;
      this.status = '';
      this.dispatchEvent(new WalletLinkedEvent({ wallet }));
      await this.focusPart('[part=done]');
    } catch (error) {
      if (generation !== this.generation) return;
      this.busy = null;
      this.status = '';
      void this.showError(this.fail(error));
    }
  }

  private async showError(error: WalletError): Promise<void> {
    this.error = error;
    if (error.code === 'otp_invalid') {
      this.attemptsLeft = error.attemptsLeft ?? Math.max(0, (this.attemptsLeft ?? 1) - 1);
      this.locked = this.attemptsLeft === 0;
    } else if (error.code === 'otp_attempts_exceeded') {
      this.locked = true;
      this.attemptsLeft = 0;
    } else if (error.code === 'otp_expired') {
      // The code outlived any resend wait, so the shopper may ask for a new one right away.
      this.resendAt = 0;
      this.now = Date.now();
    }
    if (this.phase === 'code' && !this.locked && error.code === 'otp_invalid') await this.focusPart('input');
    else if (this.phase === 'code' && error.code === 'otp_expired' && this.resendsLeft > 0) await this.focusPart('[part=resend]');
    else await this.focusPart('[part=error]');
  }

  private async focusPart(selector: string): Promise<void> {
    await this.updateComplete;
    this.renderRoot.querySelector<HTMLElement>(selector)?.focus();
  }

  /** Keeps the resend countdown moving, once a second, only while there is something to count. */
  private tick(): void {
    clearTimeout(this.ticker);
    this.now = Date.now();
    if (this.isConnected && this.phase === 'code' && this.resendAt > this.now) {
      this.ticker = setTimeout(() => this.tick(), Math.min(1000, this.resendAt - this.now));
    }
  }

  private onInput = (event: Event): void => {
    const input = event.target as HTMLInputElement;
    const digits = input.value.replace(/\D/g, '').slice(0, 8);
    if (digits !== input.value) input.value = digits;
    this.badFormat = false;
  };

  /** A pasted code ("123 456", "123-456" from an SMS) replaces what was typed, digits only. */
  private onPaste = (event: ClipboardEvent): void => {
    const pasted = event.clipboardData?.getData('text');
    // Nothing readable: let the browser insert it; onInput then keeps the digits.
    if (!pasted) return;
    event.preventDefault();
    const digits = pasted.replace(/\D/g, '').slice(0, 8);
    if (!digits) return;
    (event.target as HTMLInputElement).value = digits;
    this.badFormat = false;
  };

  private reset(): void {
    this.generation++;
    clearTimeout(this.ticker);
    this.inflight = undefined;
    this.started = false;
    this.phase = 'idle';
    this.busy = null;
    this.error = null;
    this.badFormat = false;
    this.attemptsLeft = null;
    this.resendsLeft = 0;
    this.resendAt = 0;
    this.locked = false;
    this.wallet = null;
    this.status = '';
  }
}
