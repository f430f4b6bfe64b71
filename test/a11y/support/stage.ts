/**
 * Where the accessibility suite puts an element: a page with no margin, a button before and after it (so focus can
 * come in and leave by Tab), the element in a centred column as wide as a checkout (30rem, the whole width on a
 * phone).
 * Unlike @open-wc's `fixture` the element stays between tests, so one state is reached once and checked many ways.
 * Elements are driven through the shared harness (test/harness), by role and accessible name.
 */
import { html, render, type TemplateResult } from 'lit';
import { setViewport } from '@web/test-runner-commands';
import { OtpLinkHarness, WalletPayHarness, WalletPickerHarness } from '../../harness/index.js';
import { ENDPOINT, newCheckout, type TestCheckout } from '../../helpers/backend.js';
import type { WalletPay } from '../../../src/components/wallet-pay/wallet-pay.js';
import type { WalletPicker } from '../../../src/components/wallet-picker/wallet-picker.js';
import type { OtpLink } from '../../../src/components/otp-link/otp-link.js';

export type Persona = Parameters<typeof newCheckout>[0];

/** The desktop viewport the suite returns to after each narrow one. */
export const DESKTOP = { width: 1280, height: 900 };

export class Stage {
  readonly before: HTMLButtonElement;
  readonly after: HTMLButtonElement;
  readonly column: HTMLDivElement;
  readonly #root: HTMLDivElement;

  constructor() {
    document.body.style.margin = '0';
    // The shop's page is in English; an element shown in Indonesian must say so itself (3.1.2).
    document.documentElement.lang = 'en';
    this.#root = document.createElement('div');
    this.#root.innerHTML = `<button type="button" style="margin: 40px">before</button><div style="max-width: 30rem; margin: 0 auto"></div><button type="button" style="margin: 40px">after</button>`;
    document.body.append(this.#root);
    [this.before, this.column, this.after] = [...this.#root.children] as [HTMLButtonElement, HTMLDivElement, HTMLButtonElement];
  }

  /** Renders `template` into the column and answers its one element. */
  put<E extends HTMLElement>(template: TemplateResult): E {
    render(template, this.column);
    return this.column.firstElementChild as E;
  }

  remove(): void {
    render(null, this.column);
    this.#root.remove();
  }
}

/**
 * Holds the kit requests that `match` (method and path under the endpoint) until `release()`, then sends them to
 * the real backend: a state that lasts as long as a request (loading, paying) stays on screen while it is checked.
 */
export function holdRequests(match: (method: string, path: string) => boolean) {
  const original = window.fetch;
  let release!: () => void;
  const gate = new Promise<void>((resolve) => (release = resolve));
  window.fetch = async (input: RequestInfo | URL, init?: RequestInit) => {
    const url = new URL(input instanceof Request ? input.url : String(input), location.href);
    if (url.pathname.startsWith(ENDPOINT) && match(init?.method ?? 'GET', url.pathname.slice(ENDPOINT.length))) await gate;
    return original.call(window, input, init);
  };
  return {
    release,
    restore: () => {
      release();
      window.fetch = original;
    },
  };
}

/** Checkout answers no kit can give (it refuses to start with no provider): the empty state. */
export function stubEmptyCheckout() {
  const original = window.fetch;
  window.fetch = async () => Response.json({ order: { id: 'ord1', amount: 150000, currency: 'IDR' }, wallets: [], providers: [] });
  return () => {
    window.fetch = original;
  };
}

export async function payIn(stage: Stage, session: TestCheckout, locale = 'en'): Promise<WalletPayHarness> {
  const el = document.createElement('wallet-pay') as WalletPay;
  const harness = new WalletPayHarness(el);
  stage.put(html`${el}`);
  el.setAttribute('locale', locale);
  el.setAttribute('redirect', 'manual');
  el.setAttribute('poll-interval', '600000');
  el.checkoutToken = session.checkoutToken;
  el.endpoint = session.endpoint;
  await el.updateComplete;
  return harness;
}

export async function pickerIn(stage: Stage, session: TestCheckout, { manage = false, locale = 'en' } = {}): Promise<WalletPickerHarness> {
  const el = document.createElement('wallet-picker') as WalletPicker;
  const harness = new WalletPickerHarness(el);
  el.manage = manage;
  el.setAttribute('locale', locale);
  el.checkoutToken = session.checkoutToken;
  el.endpoint = session.endpoint;
  stage.put(html`${el}`);
  await el.updateComplete;
  return harness;
}

export async function otpLinkIn(
  stage: Stage,
  session: TestCheckout,
  attributes: { provider?: string; walletId?: string; autostart?: boolean; locale?: string },
): Promise<OtpLinkHarness> {
  const el = document.createElement('otp-link') as OtpLink;
  const harness = new OtpLinkHarness(el);
  el.setAttribute('locale', attributes.locale ?? 'en');
  if (attributes.provider) el.setAttribute('provider', attributes.provider);
  if (attributes.walletId) el.setAttribute('wallet-id', attributes.walletId);
  if (attributes.autostart) el.setAttribute('autostart', '');
  el.checkoutToken = session.checkoutToken;
  el.endpoint = session.endpoint;
  stage.put(html`${el}`);
  await el.updateComplete;
  return harness;
}

/** Runs `check` at a viewport, then puts the desktop one back (also when the check throws). */
export async function atViewport<T>(
  viewport: { width: number; height: number; deviceScaleFactor?: number },
  check: () => Promise<T> | T,
): Promise<T> {
  await setViewport(viewport as { width: number; height: number });
  // Let the layout settle (a resize is applied on the next frame).
  await new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve)));
  try {
    return await check();
  } finally {
    await setViewport(DESKTOP);
  }
}

export { newCheckout };
