import { html, nothing, type PropertyValues, type TemplateResult, type PropertyDeclarations } from 'lit';
import type { Provider } from '../../contract.js';
import { WalletLinkedEvent } from '../../events.js';
import { initialLinkState, isLocked, LinkFlow, type LinkFocus, type LinkOutput, type LinkState } from './flow.js';
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
 * The steps are the machine in `flow.ts` beside it; this class draws its state and hands it the shopper's actions.
 *
 * The code is never kept in the element's state, rendered, or logged: it lives only in the input's value until it
 * is submitted, and the input is emptied on submit.
 *
 * @fires {WalletLinkedEvent} wallet-linked - Once, when the wallet is linked (`detail.wallet`, `linked: true`).
 * @fires {WalletErrorEvent} wallet-error - On every failure (sending, a wrong/expired code, too many attempts…).
 *
 * @attr provider - The provider of a wallet to create (the customer has none of it yet).
 * @attr wallet-id - An existing wallet that is listed but not linked.
 * @attr {boolean} autostart - Sends the code as soon as the element is connected.
 *
 * @csspart title - The heading line ("Link GoPay").
 * @csspart send - The "Send code" button.
 * @csspart input - The code input.
 * @csspart verify - The "Verify" button.
 * @csspart resend - The "Resend code" button (shows the countdown while it waits).
 * @csspart error - The error message.
 * @csspart done - The success message.
 *
 * @cssprop --otp-link-input-width - Width of the code input (default: room for 8 digits with their letter spacing).
 * @cssprop --otp-link-letter-spacing - Spacing of the code's digits (default 0.3em).
 */
export class OtpLink extends WalletElement {
  static override styles = [sharedStyles, styles];
  /** Reactive properties (see WalletElement); `attribute: false` marks internal state. */
  static override properties: PropertyDeclarations = {
    provider: {},
    walletId: { attribute: 'wallet-id' },
    autostart: { type: Boolean },
    view: { attribute: false },
    wait: { attribute: false },
  };

  /** The provider of a wallet to create (the customer has none of it yet). Ignored when `walletId` is set. */
  provider?: Provider;

  /** An existing wallet that is listed but not linked; a code is sent to it instead of creating one. */
  walletId?: string;

  /** Sends the code as soon as the element is connected, instead of showing a "Send code" button. */
  autostart = false;

  /** The machine's state, as drawn. */
  private view: LinkState = initialLinkState;
  /** Seconds until a resend is allowed, counted down by `tick`. */
  private wait = 0;

  readonly #flow = new LinkFlow({
    client: () => this.client,
    onChange: (state, output, focus) => this.#changed(state, output, focus),
  });
  #started = false;
  #ticker?: ReturnType<typeof setTimeout>;
  /** The latest news for the live region since the last request: a wrong code's attempts left, or the resend wait ended. */
  #notice: 'attempts' | 'resend' | null = null;

  /**
   * Sends (or resends) a code. While a request is in flight it returns that one instead of sending another;
   * it never rejects: failures are shown and emitted as `wallet-error`.
   */
  start(): Promise<void> {
    this.#started = true;
    this.#flow.dispatch({ type: 'send', walletId: this.walletId, provider: this.provider });
    return this.#flow.settled;
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
    // Another wallet: forget everything about the previous one.
    if (this.hasUpdated && (changed.has('provider') || changed.has('walletId'))) {
      this.#started = false;
      this.#flow.reset();
    }
    if (this.autostart && !this.#started) void this.start();
  }

  protected override render(): TemplateResult {
    const t = messages[this.resolvedLocale];
    const { wait, view } = this;
    const { step, busy, error, attemptsLeft, badFormat, resendsLeft } = view;
    const locked = isLocked(view);
    const provider = view.wallet?.provider ?? this.provider;
    const name = provider ? (PROVIDER_NAMES[provider] ?? provider) : '';
    const alert = badFormat ? t.invalidFormat : error && this.errorText(error);
    const errorLine = alert ? html`<p part="error" id="error" role="alert" tabindex="-1">${alert}</p>` : nothing;
    let body: TemplateResult;
    if (step === 'linked') {
      body = html`<p part="done" id="done" tabindex="-1">${t.linked(name)}</p>`;
    } else if (step === 'idle') {
      body = html`<p>${t.intro}</p>
        ${errorLine}
        <button part="send" class="primary" ?disabled=${!!busy} @click=${this.start}>${busy ? t.sending : t.send}</button>`;
    } else {
      // Ids that are not rendered at the moment (attempts, error) are skipped by the accessible description.
      // `.autocomplete` is set as a property (it reflects to the attribute): lit-analyzer's HTML data predates the
      // one-time-code token that the DOM's own type, checked here, has.
      body = html`<form @submit=${this.#verify}>
        <label for="code">${t.label}</label>
        <input part="input" id="code" inputmode="numeric" .autocomplete=${'one-time-code'}
          aria-describedby="hint attempts error" aria-invalid=${badFormat || error?.code === 'otp_invalid'}
          ?disabled=${locked} ?readonly=${busy === 'verifying'} @input=${this.#onInput} @paste=${this.#onPaste} />
        <p class="hint" id="hint">${t.hint}</p>
        ${attemptsLeft === null ? nothing : html`<p class="hint" id="attempts">${t.attemptsLeft(attemptsLeft)}</p>`}
        ${errorLine}
        <div class="actions">
          <button part="verify" class="primary" ?disabled=${locked || !!busy}>${busy === 'verifying' ? t.verifying : t.verify}</button>
          <button part="resend" id="resend" type="button" ?disabled=${locked || !!busy || wait > 0 || !resendsLeft}
            @click=${this.start}>${wait ? t.resendIn(wait) : t.resend}</button>
        </div>
        ${resendsLeft ? nothing : html`<p class="hint">${t.noResends}</p>`}
      </form>`;
    }
    // Besides each request's progress, said once each: a wrong code's attempts left (after its alert), and the
    // end of the resend wait. "Linked" is not: focus lands on that line, and a screen reader reads it there.
    const notice = this.#notice;
    const status = busy
      ? t[busy as 'sending' | 'verifying']
      : step !== 'code'
        ? ''
        : notice === 'resend' && resendsLeft
          ? t.canResend
          : notice === 'attempts' && attemptsLeft !== null
            ? t.attemptsLeft(attemptsLeft)
            : error
              ? ''
              : t.sent;
    // The step's title is a heading, as the outcome steps' are (WCAG 1.3.1: it looks like one).
    return html`<h2 part="title">${t.title(name)}</h2>${body}${this.liveRegion(status)}`;
  }

  /** Draws the machine's new state, announces its outcome, and puts focus where the shopper acts next. */
  #changed(state: LinkState, output?: LinkOutput, focus?: LinkFocus): void {
    const counting = state.resendAt !== this.view.resendAt;
    this.view = state;
    if (output?.type === 'linked') this.dispatchEvent(new WalletLinkedEvent({ wallet: output.wallet }));
    if (output?.type === 'error') this.fail(output.error);
    if (state.busy) this.#notice = null;
    if (output?.type === 'error' && output.error.code === 'otp_invalid') this.#notice = 'attempts';
    if (counting) this.#tick();
    // The machine names each place by its id: the code input, Resend, the error line, the success line.
    if (focus) void this.focusOn(`#${focus}`);
  }

  #verify(event: Event): void {
    event.preventDefault();
    const input = this.renderRoot.querySelector('input')!;
    // The code leaves the DOM as soon as it is sent: only the request holds it.
    if (this.#flow.dispatch({ type: 'verify', code: input.value }) && this.view.busy) input.value = '';
  }

  /** Keeps the resend countdown moving, once a second, only while there is something to count. */
  #tick(): void {
    clearTimeout(this.#ticker);
    const was = this.wait;
    this.wait = Math.max(0, Math.ceil((this.view.resendAt - Date.now()) / 1000));
    if (was && !this.wait) this.#notice = 'resend';
    if (this.isConnected && this.wait) this.#ticker = setTimeout(() => this.#tick(), 1000);
  }

  #onInput(event: Event): void {
    const input = event.target as HTMLInputElement;
    const kept = digits(input.value);
    if (kept !== input.value) input.value = kept;
    this.#flow.dispatch({ type: 'edit' });
  }

  /** A pasted code ("123 456", "123-456" from an SMS) replaces what was typed, digits only. */
  #onPaste(event: ClipboardEvent): void {
    const pasted = digits(event.clipboardData?.getData('text') ?? '');
    // Nothing readable: let the browser insert it; onInput then keeps the digits.
    if (!pasted) return;
    event.preventDefault();
    (event.target as HTMLInputElement).value = pasted;
    this.#flow.dispatch({ type: 'edit' });
  }
}
