/**
 * Browser test harness for `<wallet-pay>`, `<wallet-picker>` and `<otp-link>`: drives each element as a shopper
 * does, by role and accessible name in the element's locale (never by `part` or class), and records the public
 * events it emits. The same vocabulary as the end-to-end harness (test/harness/e2e.ts); see vocabulary.ts.
 *
 *   import { WalletPayHarness, aria } from '../harness/index.js';
 *
 *   const pay = await WalletPayHarness.mount(html`<wallet-pay endpoint=… .checkoutToken=…></wallet-pay>`);
 *   await pay.pick('GOPAY');          // the radio named "GoPay"
 *   await pay.pay();                  // the button named "Pay IDR 150,000" (or "Bayar …" with locale="id")
 *   await pay.reach('charged');
 *   expect(pay.heard('wallet-charged')).to.have.length(1);
 *   expect(aria(pay.focused)).to.equal('heading "Payment complete"');
 *
 * `new WalletPayHarness(el)` wraps an element made elsewhere (inside a host's shadow root, or by the bundle). It
 * registers no element, so it drives the bundle's elements as well as the sources'. Assert on `aria(el)` strings,
 * never on elements: a failing chai assertion on a DOM node hangs the page instead of failing.
 */
import { fixture } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import { render, type TemplateResult } from 'lit';
import type { Provider } from '../../src/contract.js';
import { resolveLocale, type Locale } from '../../src/components/shared/i18n.js';
import type { OtpLink } from '../../src/components/otp-link/otp-link.js';
import type { FlowStateName } from '../../src/components/wallet-pay/flow.js';
import type { WalletPay } from '../../src/components/wallet-pay/wallet-pay.js';
import type { WalletPicker } from '../../src/components/wallet-picker/wallet-picker.js';
import { accessibleDescription, accessibleName, normalize, queryAllByRole, queryByLabel, queryByRole, waitFor, type Name } from './dom.js';
import { brand, otpLinkNames, walletPayNames, walletPickerNames } from './names.js';
import { WALLET_EVENTS, type OtpLinkActions, type WalletEventType, type WalletPayActions, type WalletPickerActions } from './vocabulary.js';

export * from './dom.js';
export { brand, otpLinkNames, phrase, walletPayNames, walletPickerNames } from './names.js';
export { WALLET_EVENTS, type WalletEventType } from './vocabulary.js';

/** How long an action waits for its control (a real backend on a busy 2-core machine). */
export const WAIT_MS = 8000;

type EventOf<K extends WalletEventType> = GlobalEventHandlersEventMap[K];

/** One event the element emitted (its own, or one composed out of an element inside it). */
export interface Heard<K extends WalletEventType = WalletEventType> {
  type: K;
  detail: EventOf<K>['detail'];
  event: EventOf<K>;
}

/** What the harness needs of an element: a Lit element with a `locale`. */
type Driven = HTMLElement & { locale?: string; updateComplete: Promise<boolean> };

/** The focused element inside `root`, through nested shadow roots. */
export function deepActiveElement(root: Document | ShadowRoot | null): Element | null {
  let active = root?.activeElement ?? null;
  while (active?.shadowRoot?.activeElement) active = active.shadowRoot.activeElement;
  return active;
}

/**
 * Pastes `value` into `target` with a real, trusted clipboard round trip (type it in a field of its own, Ctrl+C,
 * focus `target`, Ctrl+V), as a shopper copying a code from an SMS does: Firefox hands a synthetic ClipboardEvent
 * an empty clipboard, so only this is faithful.
 */
export async function paste(target: HTMLElement, value: string): Promise<void> {
  const source = document.createElement('input');
  document.body.append(source);
  source.focus();
  await sendKeys({ type: value });
  source.select();
  await sendKeys({ down: 'Control' });
  await sendKeys({ press: 'c' });
  await sendKeys({ up: 'Control' });
  source.remove();
  target.focus();
  await sendKeys({ down: 'Control' });
  await sendKeys({ press: 'v' });
  await sendKeys({ up: 'Control' });
}

/** The text under `node`, without live regions (role=status, visually hidden) or aria-hidden parts. */
function drawnText(node: Node): string {
  if (node.nodeType === Node.TEXT_NODE) return node.textContent ?? '';
  if (node instanceof Element && (node.getAttribute('role') === 'status' || node.getAttribute('aria-hidden') === 'true')) return '';
  if (node instanceof HTMLStyleElement) return '';
  let text = '';
  for (const child of node.childNodes) text += drawnText(child);
  return node instanceof HTMLElement && getComputedStyle(node).display !== 'inline' ? ` ${text} ` : text;
}

/**
 * Renders `template` (one element) into the test fixture and wraps it in a harness made by `make` BEFORE it is
 * connected, so not even an event of its first update is missed. Cleaned up after each test like `fixture`.
 */
export async function mount<E extends Driven, H>(template: TemplateResult, make: (el: E) => H): Promise<H> {
  let harness: H | undefined;
  await fixture<E>(template, {
    render: (value: unknown, wrapper: HTMLElement | DocumentFragment) => {
      const staging = document.createElement('div');
      const part = render(value, staging);
      const el = staging.firstElementChild as E | null;
      if (!el) throw new Error('mount: the template renders no element');
      harness = make(el);
      wrapper.append(...staging.childNodes);
      return part;
    },
  });
  return harness!;
}

/** What the three harnesses share: events, the live region, alerts, focus, and pressing a named button. */
abstract class ElementHarness<E extends Driven> {
  /** Every public event the element emitted since the harness was made, in order. */
  readonly events: Heard[] = [];
  readonly #cancelled = new Set<WalletEventType>();

  /** `record: false` for a harness over an element inside another one (the outer harness records). */
  constructor(
    readonly el: E,
    { record = true }: { record?: boolean } = {},
  ) {
    if (!record) return;
    for (const type of WALLET_EVENTS) {
      el.addEventListener(type, (event) => {
        this.events.push({ type, detail: (event as EventOf<typeof type>).detail, event } as Heard);
        if (this.#cancelled.has(type)) event.preventDefault();
      });
    }
  }

  /** The events of one type, in order. */
  heard<K extends WalletEventType>(type: K): Heard<K>[] {
    return this.events.filter((heard): heard is Heard<K> => heard.type === type);
  }

  /** Cancels (preventDefault) every event of `type` from now on, as a single-page app would. */
  cancel(type: WalletEventType): void {
    this.#cancelled.add(type);
  }

  /** Stops cancelling. */
  uncancel(type: WalletEventType): void {
    this.#cancelled.delete(type);
  }

  /** The locale the element renders in (its attribute, else the browser's language). */
  get locale(): Locale {
    return resolveLocale(this.el.locale);
  }

  /** Waits for the pending render. */
  async update(): Promise<void> {
    await this.el.updateComplete;
  }

  /** The element's own shadow root. */
  protected get root(): ShadowRoot {
    const root = this.el.shadowRoot;
    if (!root) throw new Error(`<${this.el.localName}> has no open shadow root (not upgraded?)`);
    return root;
  }

  /** What the element's own live region (role=status) says now. */
  get status(): string {
    const region = queryByRole(this.el, 'status', { deep: false, hidden: true });
    return normalize(region?.textContent);
  }

  /** The texts of the element's own alerts (role=alert), in order. */
  get alerts(): string[] {
    return queryAllByRole(this.el, 'alert', { deep: false }).map((alert) => normalize(alert.textContent));
  }

  /** The element's alert text, or null when none is shown. */
  get alert(): string | null {
    return this.alerts[0] ?? null;
  }

  /** The text the element draws in its own shadow root (not the live region's, nor nested elements' insides). */
  get text(): string {
    return normalize(drawnText(this.root));
  }

  /** The focused element inside this one (through nested shadow roots), or null. */
  get focused(): Element | null {
    return deepActiveElement(this.el.shadowRoot);
  }

  /** The placeholder drawn while loading (a decorative, aria-hidden box with a size and no text; not an icon), or null. */
  get placeholder(): HTMLElement | null {
    const decorative = [...this.root.querySelectorAll('[aria-hidden="true"]')];
    return (
      decorative.find(
        (node): node is HTMLElement =>
          node instanceof HTMLElement && !normalize(node.textContent) && node.getBoundingClientRect().height > 0,
      ) ?? null
    );
  }

  /** The button named `name`, or null. */
  button(name: Name, { deep = true } = {}): HTMLButtonElement | null {
    return queryByRole<HTMLButtonElement>(this.el, 'button', { name, deep });
  }

  /** All buttons' names, visible ones only (for messages). */
  protected buttonNames(): string {
    return queryAllByRole(this.el, 'button')
      .map((b) => `"${accessibleName(b)}"${b.matches(':disabled') ? ' (disabled)' : ''}`)
      .join(', ');
  }

  /** Waits for the enabled button named `name`, clicks it, and waits for the render. */
  async press(name: Name, { deep = true, timeout = WAIT_MS } = {}): Promise<void> {
    const button = await waitFor(
      () => {
        const found = this.button(name, { deep });
        return found && !found.disabled ? found : null;
      },
      () => `<${this.el.localName}>: no enabled button named ${String(name)} (there are: ${this.buttonNames() || 'none'})`,
      timeout,
    );
    button.click();
    await this.update();
  }
}

/** `<otp-link>`: send a code, enter it, verify, resend. */
export class OtpLinkHarness extends ElementHarness<OtpLink> implements OtpLinkActions {
  /** Renders `<otp-link …>` and answers its harness (events recorded from before it is connected). */
  static mount(template: TemplateResult): Promise<OtpLinkHarness> {
    return mount(template, (el: OtpLink) => new OtpLinkHarness(el));
  }

  get names() {
    return otpLinkNames(this.locale);
  }

  /** The one-time code field (a textbox labelled "One-time code"), or null before the code is sent. */
  get codeInput(): HTMLInputElement | null {
    return queryByLabel<HTMLInputElement>(this.el, this.names.code);
  }

  /** What the code field's description says (hint, attempts left, error). */
  get codeDescription(): string {
    const input = this.codeInput;
    return input ? accessibleDescription(input) : '';
  }

  /** "Send code" (or "Sending the code…"). */
  get sendButton(): HTMLButtonElement | null {
    return this.button(this.names.sendOrSending);
  }

  /** "Verify" (or "Checking…"). */
  get verifyButton(): HTMLButtonElement | null {
    return this.button(this.names.verifyOrVerifying);
  }

  /** "Resend code" (or its countdown). */
  get resendButton(): HTMLButtonElement | null {
    return this.button(this.names.resend);
  }

  sendCode(): Promise<void> {
    return this.press(this.names.send);
  }

  /** Waits until the code was sent: the code field is there and Verify can be pressed. */
  async codeSent(timeout = WAIT_MS): Promise<HTMLInputElement> {
    const input = await waitFor(
      () => (this.codeInput && this.button(this.names.verify)?.disabled === false ? this.codeInput : null),
      () => `<otp-link>: the code field never appeared (status "${this.status}", alert "${this.alert ?? ''}")`,
      timeout,
    );
    await this.update();
    return input;
  }

  /** Waits until no request is in flight (Verify is named Verify again, or there is no form any more). */
  async settled(timeout = WAIT_MS): Promise<void> {
    await waitFor(() => !this.codeInput || this.button(this.names.verify) !== null, '<otp-link>: still checking', timeout);
    await this.update();
  }

  /** Sets the code field's value as the browser does on input (no keyboard), when it is enabled. */
  async fill(code: string): Promise<HTMLInputElement> {
    const input = await waitFor(
      () => (this.codeInput?.disabled === false ? this.codeInput : null),
      '<otp-link>: no enabled code field',
      WAIT_MS,
    );
    input.value = code;
    input.dispatchEvent(new Event('input', { bubbles: true, composed: true }));
    return input;
  }

  /** Focuses the code field (once enabled) and types `code` key by key, after what is there (real key presses). */
  async type(code: string): Promise<void> {
    const input = await waitFor(
      () => (this.codeInput?.disabled === false ? this.codeInput : null),
      '<otp-link>: no enabled code field',
      WAIT_MS,
    );
    input.focus();
    await sendKeys({ type: code });
  }

  async enterCode(code: string): Promise<void> {
    await this.fill(code);
    await this.verify();
  }

  verify(): Promise<void> {
    return this.press(this.names.verify);
  }

  resend(): Promise<void> {
    return this.press(this.names.resend);
  }
}

/** `<wallet-picker>`: the list of wallets, their balances, refresh and (with `manage`) unlink. */
export class WalletPickerHarness extends ElementHarness<WalletPicker> implements WalletPickerActions {
  /** Renders `<wallet-picker …>` and answers its harness (events recorded from before it is connected). */
  static mount(template: TemplateResult): Promise<WalletPickerHarness> {
    return mount(template, (el: WalletPicker) => new WalletPickerHarness(el));
  }

  get names() {
    return walletPickerNames(this.locale);
  }

  /** The radio group of wallets, or null while loading, empty or failed. */
  get list(): HTMLElement | null {
    return queryByRole(this.el, 'radiogroup', { deep: false });
  }

  /** The wallets' radios, in order. */
  radios(): HTMLInputElement[] {
    return queryAllByRole<HTMLInputElement>(this.el, 'radio', { deep: false });
  }

  /** The providers on offer, in order (each radio's value). */
  get providers(): Provider[] {
    return this.radios().map((radio) => radio.value as Provider);
  }

  /** The radio named after `provider`'s brand, or null. */
  radio(provider: Provider): HTMLInputElement | null {
    return queryByRole<HTMLInputElement>(this.el, 'radio', { name: brand(provider), deep: false });
  }

  /** What a screen reader says about `provider` after its name: balance, age, low balance or the link hint. */
  description(provider: Provider): string {
    const radio = this.radio(provider);
    if (!radio) throw new Error(`<wallet-picker>: no radio named ${brand(provider)}`);
    return accessibleDescription(radio);
  }

  /** The provider whose radio is checked, or null. */
  get selected(): Provider | null {
    return (this.radios().find((radio) => radio.checked)?.value as Provider | undefined) ?? null;
  }

  /** Waits until the element shows its list, its empty message or an error. */
  async loaded(timeout = WAIT_MS): Promise<void> {
    await waitFor(() => this.el.checkout || this.alert !== null, '<wallet-picker>: never loaded', timeout);
    await this.update();
  }

  async pick(provider: Provider): Promise<void> {
    const radio = await waitFor(
      () => {
        const found = this.radio(provider);
        return found && !found.disabled ? found : null;
      },
      () => `<wallet-picker>: no enabled radio named ${brand(provider)} (there are: ${this.providers.join(', ') || 'none'})`,
      WAIT_MS,
    );
    radio.click();
    await this.update();
  }

  refresh(provider: Provider): Promise<void> {
    return this.press(this.names.refresh(provider));
  }

  refreshAll(): Promise<void> {
    return this.press(this.names.refreshAll);
  }

  tryAgain(): Promise<void> {
    return this.press(this.names.tryAgain);
  }

  unlink(provider: Provider): Promise<void> {
    return this.press(this.names.unlink(provider));
  }

  /** The question asked before unlinking `provider` (a group named by it), or null. */
  question(provider: Provider): HTMLElement | null {
    return queryByRole(this.el, 'group', { name: this.names.confirmUnlink(provider) });
  }

  async confirmUnlink(provider: Provider): Promise<void> {
    const question = await waitFor(
      () => this.question(provider),
      `<wallet-picker>: no question about unlinking ${brand(provider)}`,
      WAIT_MS,
    );
    const button = queryByRole<HTMLButtonElement>(question, 'button', { name: this.names.unlink(provider) });
    if (!button || button.disabled) throw new Error(`<wallet-picker>: no enabled "${this.names.unlink(provider)}" in the question`);
    button.click();
    await this.update();
  }

  keep(): Promise<void> {
    return this.press(this.names.keep);
  }
}

/** `<wallet-pay>`: the whole checkout, with the picker and the OTP step inside it. */
export class WalletPayHarness extends ElementHarness<WalletPay> implements WalletPayActions {
  /** Renders `<wallet-pay …>` and answers its harness (events recorded from before it is connected). */
  static mount(template: TemplateResult): Promise<WalletPayHarness> {
    return mount(template, (el: WalletPay) => new WalletPayHarness(el));
  }

  get names() {
    return walletPayNames(this.locale);
  }

  /** Where the checkout is (the element's public `state`). */
  get state(): FlowStateName {
    return this.el.state;
  }

  /** Waits until the checkout is in `state`, then for its render. */
  async reach(state: FlowStateName, timeout = WAIT_MS): Promise<void> {
    await waitFor(
      () => this.el.state === state,
      () => `<wallet-pay> never reached ${state} (at ${this.el.state})`,
      timeout,
    );
    await this.update();
  }

  /** The wallet list inside (events are recorded here, on `<wallet-pay>`), or null outside the choose step. */
  get picker(): WalletPickerHarness | null {
    const picker = this.root.querySelector<WalletPicker>('wallet-picker');
    return picker ? new WalletPickerHarness(picker, { record: false }) : null;
  }

  /** The OTP step inside, or null outside it. */
  get otp(): OtpLinkHarness | null {
    const otp = this.root.querySelector<OtpLink>('otp-link');
    return otp ? new OtpLinkHarness(otp, { record: false }) : null;
  }

  /** The wallets' radios, in order (empty outside the choose step). */
  radios(): HTMLInputElement[] {
    return this.picker?.radios() ?? [];
  }

  /** The radio of `provider`, or null. */
  radio(provider: Provider): HTMLInputElement | null {
    return this.picker?.radio(provider) ?? null;
  }

  /** The provider whose radio is checked, or null. */
  get selected(): Provider | null {
    return this.picker?.selected ?? null;
  }

  /** The Pay button ("Pay <amount>", "Link <wallet> and pay <amount>", or "Paying…"), or null. */
  get payButton(): HTMLButtonElement | null {
    return this.button(this.names.payOrPaying, { deep: false });
  }

  /** The heading of the step shown (an outcome or a failure), or null. */
  get heading(): string | null {
    const heading = queryByRole(this.el, 'heading', { deep: false });
    return heading ? normalize(heading.textContent) : null;
  }

  async pick(provider: Provider): Promise<void> {
    const picker = await waitFor(
      () => this.picker,
      () => `<wallet-pay>: no wallet list (at ${this.el.state})`,
      WAIT_MS,
    );
    await picker.pick(provider);
    await this.update();
  }

  pay(): Promise<void> {
    return this.press(this.names.pay, { deep: false });
  }

  async enterCode(code: string): Promise<void> {
    const otp = await waitFor(
      () => this.otp,
      () => `<wallet-pay>: no OTP step (at ${this.el.state})`,
      WAIT_MS,
    );
    await otp.enterCode(code);
  }

  back(): Promise<void> {
    return this.press(this.names.back, { deep: false });
  }

  tryAgain(): Promise<void> {
    return this.press(this.names.tryAgain, { deep: false });
  }

  topUp(): Promise<void> {
    return this.press(this.names.topUp, { deep: false });
  }
}
