import { aTimeout, expect, fixture, html, waitUntil } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import '../../src/components/wallet-pay/define.js';
import type { WalletPay } from '../../src/components/wallet-pay/wallet-pay.js';
import type { WalletPicker } from '../../src/components/wallet-picker/wallet-picker.js';
import type { FlowStateName } from '../../src/components/wallet-pay/flow.js';
import { errorMessage, formatMoney } from '../../src/components/shared/i18n.js';
import { messages } from '../../src/components/wallet-pay/messages.js';
import { pageNavigation } from '../../src/navigation.js';
import { ENDPOINT, clearFaults, newCheckout, setFault, type TestCheckout } from '../helpers/backend.js';

type Persona = Parameters<typeof newCheckout>[0];
const EVENTS = ['wallet-charged', 'wallet-pending', 'wallet-error', 'wallet-redirect', 'wallet-select', 'wallet-linked'] as const;

/** Everything a test observes: kit requests, events heard on document, navigations, uncaught errors. */
let requests: string[];
let events: { type: string; detail: any; event: Event }[];
let navigations: URL[];
let uncaught: unknown[];
let cancel: Set<string>;
let fetchStub: ((url: URL, init?: RequestInit) => Response | undefined) | undefined;
const realFetch = window.fetch;
const realGo = pageNavigation.go;

const onEvent = (event: Event) => {
  events.push({ type: event.type, detail: (event as Event & { detail: unknown }).detail, event });
  if (cancel.has(event.type)) event.preventDefault();
};
const onError = (event: ErrorEvent) => uncaught.push(event.error ?? event.message);
const onRejection = (event: PromiseRejectionEvent) => uncaught.push(event.reason);

beforeEach(() => {
  requests = [];
  events = [];
  navigations = [];
  uncaught = [];
  cancel = new Set();
  fetchStub = undefined;
  // Counts every request to the kit and still sends it for real (unless a test injects a fault the kit cannot make).
  window.fetch = (input: RequestInfo | URL, init?: RequestInit) => {
    const url = new URL(input instanceof Request ? input.url : String(input), location.href);
    if (url.pathname.startsWith(ENDPOINT)) {
      requests.push(`${init?.method ?? 'GET'} ${url.pathname.slice(ENDPOINT.length)}`);
      const stubbed = fetchStub?.(url, init);
      if (stubbed) return Promise.resolve(stubbed);
    }
    return realFetch.call(window, input, init);
  };
  pageNavigation.go = (url: URL) => void navigations.push(url);
  for (const type of EVENTS) document.addEventListener(type, onEvent);
  window.addEventListener('error', onError);
  window.addEventListener('unhandledrejection', onRejection);
});

afterEach(async () => {
  window.fetch = realFetch;
  pageNavigation.go = realGo;
  for (const type of EVENTS) document.removeEventListener(type, onEvent);
  window.removeEventListener('error', onError);
  window.removeEventListener('unhandledrejection', onRejection);
  await clearFaults();
  expect(uncaught, 'uncaught errors in the page').to.deep.equal([]);
});

const heard = (type: string) => events.filter((e) => e.type === type);
const pays = () => requests.filter((r) => r === 'POST /pay');

async function mount(persona: Persona, template?: (s: TestCheckout) => ReturnType<typeof html>) {
  const session = await newCheckout(persona);
  // The token is handed over as a property, as a framework would: it never appears in the DOM.
  const el = await fixture<WalletPay>(
    template?.(session) ??
      html`<wallet-pay endpoint=${session.endpoint} .checkoutToken=${session.checkoutToken} poll-interval="100"></wallet-pay>`,
  );
  return { el, session };
}

const root = (el: WalletPay) => el.shadowRoot!;
const part = <T extends HTMLElement = HTMLElement>(el: WalletPay, name: string) => root(el).querySelector<T>(`[part~='${name}']`);
const picker = (el: WalletPay) => root(el).querySelector<WalletPicker>('wallet-picker');
const otpLink = (el: WalletPay) => root(el).querySelector('otp-link');
const radios = (el: WalletPay) => [...(picker(el)?.shadowRoot?.querySelectorAll<HTMLInputElement>('input[type=radio]') ?? [])];

async function reach(el: WalletPay, state: FlowStateName, timeout = 8000) {
  await waitUntil(() => el.state === state, `never reached ${state} (at ${el.state})`, { timeout });
  await el.updateComplete;
}

/** Waits for the interactive list and clicks the provider's radio. */
async function pick(el: WalletPay, provider: string) {
  await reach(el, 'choose');
  await waitUntil(() => radios(el).length > 0, 'no radios');
  const radio = radios(el).find((r) => r.value === provider);
  expect(radio, `radio ${provider}`).to.exist;
  radio!.click();
  await el.updateComplete;
}

async function press(el: WalletPay, name: string) {
  const button = part<HTMLButtonElement>(el, name);
  expect(button, `button ${name}`).to.exist;
  expect(button!.disabled, `${name} disabled`).to.equal(false);
  button!.click();
  await el.updateComplete;
}

/** In the OTP step: waits for the code input, types the code and verifies. */
async function enterOtp(el: WalletPay, otp: string) {
  await reach(el, 'otp');
  const link = otpLink(el)!;
  await waitUntil(() => link.shadowRoot?.querySelector('input'), 'no OTP input', { timeout: 5000 });
  const input = link.shadowRoot!.querySelector('input')!;
  input.value = otp;
  input.dispatchEvent(new Event('input', { bubbles: true }));
  link.shadowRoot!.querySelector<HTMLButtonElement>('[part=verify]')!.click();
}

/** The shopper tops up on the sandbox's page (served through the test server's origin): POST its form. */
async function topUpServerSide(topUpUrl: string) {
  const response = await realFetch(topUpUrl, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: 'action=topup',
    redirect: 'manual',
  });
  if (response.type !== 'opaqueredirect') throw new Error(`top-up: ${response.status}`);
}

/** All markup the page holds, through every open shadow root. */
function allMarkup(): string {
  let text = document.documentElement.outerHTML;
  const walk = (node: ParentNode) => {
    for (const element of node.querySelectorAll('*')) {
      if (element.shadowRoot) {
        text += element.shadowRoot.innerHTML;
        walk(element.shadowRoot);
      }
    }
  };
  walk(document);
  return text;
}

/** A debit really happened once: the wallet's fresh balance is the starting one minus one order amount. */
async function balanceOf(session: TestCheckout, walletId: string): Promise<number> {
  const response = await realFetch(`${session.endpoint}/wallets/${walletId}/refresh`, {
    method: 'POST',
    headers: { authorization: `Bearer ${session.checkoutToken}` },
  });
  return (await response.json()).wallet.balance;
}

describe('<wallet-pay>', () => {
  describe('when mounted', () => {
    it('becomes interactive with exactly one request, and shows the skeleton until then', async () => {
      const session = await newCheckout('linked');
      // Juspay answers slowly, so the loading state is surely drawn.
      await setFault({ kind: 'latency', ms: 300, times: 1 });
      const el = await fixture<WalletPay>(html`<wallet-pay endpoint=${session.endpoint} .checkoutToken=${session.checkoutToken}></wallet-pay>`);
      expect(el.state).to.equal('loading');
      expect(part(el, 'skeleton')).to.exist;
      expect(part(el, 'status')!.textContent).to.equal(messages.en.loading);
      await reach(el, 'choose');
      await waitUntil(() => radios(el).length > 0);
      expect(requests).to.deep.equal(['GET /checkout']);
      expect(part(el, 'skeleton')).to.equal(null);
      expect(radios(el).map((r) => r.value)).to.include('GOPAY');
      // The list is fed by wallet-pay: the picker does not fetch on its own.
      await aTimeout(50);
      expect(requests).to.deep.equal(['GET /checkout']);
    });

    it('offers Pay only once a wallet is picked, labelled with the order amount', async () => {
      const { el } = await mount('linked');
      await reach(el, 'choose');
      expect(part<HTMLButtonElement>(el, 'pay')!.disabled).to.equal(true);
      await pick(el, 'GOPAY');
      expect(part<HTMLButtonElement>(el, 'pay')!.disabled).to.equal(false);
      expect(part(el, 'pay')!.textContent).to.equal(messages.en.pay(formatMoney(150_000, 'IDR', 'en')));
      expect(heard('wallet-select')).to.have.length(1);
      expect(heard('wallet-select')[0]!.detail.provider).to.equal('GOPAY');
    });
  });

  describe('when the wallet is linked', () => {
    it('pays: wallet-charged once with {orderId, url}, then the vetted redirect to the sandbox finish URL', async () => {
      const { el, session } = await mount('linked');
      await pick(el, 'GOPAY');
      const walletId = heard('wallet-select')[0]!.detail.wallet.id;
      await press(el, 'pay');
      await reach(el, 'charged');
      expect(pays()).to.have.length(1);
      expect(heard('wallet-charged')).to.have.length(1);
      const { orderId, url } = heard('wallet-charged')[0]!.detail;
      expect(orderId).to.equal(session.orderId);
      expect(url).to.match(/\/sandbox\/pay\/finish\//);
      expect(heard('wallet-redirect').map((e) => e.detail.url)).to.deep.equal([new URL(url).href]);
      expect(navigations.map(String)).to.deep.equal([new URL(url).href]);
      expect(heard('wallet-error')).to.have.length(0);
      expect(part(el, 'result')!.textContent).to.contain(messages.en.chargedTitle);
      expect(part(el, 'result')!.textContent).to.contain(messages.en.redirecting);
      expect(await balanceOf(session, walletId)).to.equal(1_000_000 - session.amount);
    });

    it('redirect="manual": wallet-charged, no navigation', async () => {
      const { el } = await mount('linked', (s) => html`<wallet-pay endpoint=${s.endpoint} .checkoutToken=${s.checkoutToken} redirect="manual"></wallet-pay>`);
      await pick(el, 'GOPAY');
      await press(el, 'pay');
      await reach(el, 'charged');
      await aTimeout(50);
      expect(heard('wallet-charged')).to.have.length(1);
      expect(heard('wallet-redirect')).to.have.length(0);
      expect(navigations).to.have.length(0);
    });

    it('a cancelled wallet-charged: no navigation', async () => {
      cancel.add('wallet-charged');
      const { el } = await mount('linked');
      await pick(el, 'GOPAY');
      await press(el, 'pay');
      await reach(el, 'charged');
      await aTimeout(50);
      expect(heard('wallet-charged')).to.have.length(1);
      expect(heard('wallet-charged')[0]!.event.defaultPrevented).to.equal(true);
      expect(navigations).to.have.length(0);
    });

    it('a cancelled wallet-redirect: no navigation', async () => {
      cancel.add('wallet-redirect');
      const { el } = await mount('linked');
      await pick(el, 'GOPAY');
      await press(el, 'pay');
      await reach(el, 'charged');
      expect(heard('wallet-redirect')).to.have.length(1);
      expect(navigations).to.have.length(0);
    });

    it('a double click on Pay and a re-render while paying send exactly ONE POST /pay, and debit once', async () => {
      const { el, session } = await mount('linked');
      await pick(el, 'GOPAY');
      const walletId = heard('wallet-select')[0]!.detail.wallet.id;
      // Slow the debit down so the re-render surely happens while paying.
      await setFault({ kind: 'latency', ms: 400, path: '/txns', times: 1 });
      const button = part<HTMLButtonElement>(el, 'pay')!;
      button.click();
      button.click();
      expect(el.state).to.equal('paying');
      el.requestUpdate();
      el.locale = 'id';
      await el.updateComplete;
      expect(part<HTMLButtonElement>(el, 'pay')!.disabled).to.equal(true);
      part<HTMLButtonElement>(el, 'pay')!.click();
      expect(picker(el)!.disabled).to.equal(true);
      await reach(el, 'charged');
      expect(pays()).to.have.length(1);
      expect(heard('wallet-charged')).to.have.length(1);
      expect(await balanceOf(session, walletId)).to.equal(1_000_000 - session.amount);
    });
  });

  describe('when the wallet must be linked first', () => {
    it('unlinked: Link and pay -> OTP -> link -> pay -> charged', async () => {
      const { el, session } = await mount('unlinked');
      await pick(el, 'GOPAY');
      expect(part(el, 'pay')!.textContent).to.contain('Link GoPay and pay');
      // Picking sent nothing: the code goes out only when the shopper asks.
      expect(requests).to.deep.equal(['GET /checkout']);
      await press(el, 'pay');
      await enterOtp(el, session.testOtp);
      await reach(el, 'charged');
      expect(requests).to.deep.equal(['GET /checkout', `POST /wallets/${heard('wallet-select')[0]!.detail.wallet.id}/authenticate`,
        `POST /wallets/${heard('wallet-select')[0]!.detail.wallet.id}/link`, 'POST /pay']);
      expect(heard('wallet-linked')).to.have.length(1);
      expect(heard('wallet-charged')).to.have.length(1);
      expect(navigations).to.have.length(1);
    });

    it('new: create -> OTP -> link -> pay -> charged', async () => {
      const { el, session } = await mount('new');
      await pick(el, 'GOPAY');
      expect(heard('wallet-select')[0]!.detail.wallet).to.equal(null);
      await press(el, 'pay');
      await enterOtp(el, session.testOtp);
      await reach(el, 'charged');
      expect(requests.slice(0, 2)).to.deep.equal(['GET /checkout', 'POST /wallets']);
      expect(pays()).to.have.length(1);
      expect(heard('wallet-linked')[0]!.detail.wallet).to.include({ provider: 'GOPAY', linked: true });
      expect(heard('wallet-charged')).to.have.length(1);
    });

    it('a wrong code: otp-link reports otp_invalid, the flow stays in the OTP step, the right code then pays', async () => {
      const { el, session } = await mount('unlinked');
      await pick(el, 'GOPAY');
      await press(el, 'pay');
      const wrong = session.testOtp === '000000' ? '111111' : '000000';
      await enterOtp(el, wrong);
      await waitUntil(() => heard('wallet-error').length === 1, 'no wallet-error');
      expect(heard('wallet-error')[0]!.detail.code).to.equal('otp_invalid');
      expect(el.state).to.equal('otp');
      expect(pays()).to.have.length(0);
      await enterOtp(el, session.testOtp);
      await reach(el, 'charged');
      expect(heard('wallet-linked')).to.have.length(1);
      expect(heard('wallet-charged')).to.have.length(1);
      expect(heard('wallet-error')).to.have.length(1);
    });

    it('"Choose another wallet" leaves the OTP step without sending anything more', async () => {
      const { el } = await mount('unlinked');
      await pick(el, 'GOPAY');
      await press(el, 'pay');
      await reach(el, 'otp');
      await waitUntil(() => otpLink(el)!.shadowRoot?.querySelector('input'));
      const before = requests.length;
      await press(el, 'back');
      await reach(el, 'choose');
      expect(requests.length).to.equal(before);
      expect(radios(el).find((r) => r.checked)?.value).to.equal('GOPAY');
    });

    it('back, then the same new wallet again within the resend wait: the code already sent is asked for, and it links and pays', async () => {
      const { el, session } = await mount('new');
      await pick(el, 'DANA');
      await press(el, 'pay');
      await reach(el, 'otp');
      await waitUntil(() => otpLink(el)!.shadowRoot?.querySelector('input'), 'no OTP input');
      await press(el, 'back');
      await reach(el, 'choose');
      await pick(el, 'DANA');
      await press(el, 'pay');
      // The kit answers the pending challenge (no second SMS, no rate_limited): the code field is there again.
      await enterOtp(el, session.testOtp);
      await reach(el, 'charged');
      expect(requests.filter((r) => r === 'POST /wallets')).to.have.length(2);
      expect(heard('wallet-error')).to.have.length(0);
      expect(heard('wallet-linked')).to.have.length(1);
      expect(heard('wallet-charged')).to.have.length(1);
    });

    it('a wallet linked meanwhile elsewhere (another tab): choosing it again goes straight on to pay, no code asked', async () => {
      const { el, session } = await mount('unlinked');
      await pick(el, 'GOPAY');
      const walletId = heard('wallet-select')[0]!.detail.wallet!.id;
      await press(el, 'pay');
      await reach(el, 'otp');
      await waitUntil(() => otpLink(el)!.shadowRoot?.querySelector('input'), 'no OTP input');
      await press(el, 'back');
      await reach(el, 'choose');
      // The other tab links the wallet with the code; this page still believes it unlinked.
      const other = await fetch(`${session.endpoint}/wallets/${walletId}/link`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${session.checkoutToken}` },
        body: JSON.stringify({ otp: session.testOtp }),
      });
      expect(other.status).to.equal(200);
      await pick(el, 'GOPAY');
      await press(el, 'pay');
      await reach(el, 'charged');
      expect(heard('wallet-error')).to.have.length(0);
      expect(heard('wallet-linked')).to.have.length(1);
      expect(heard('wallet-charged')).to.have.length(1);
      expect(pays()).to.have.length(1);
    });

    it('the page never holds the API key, a Juspay token or the OTP after a full flow', async () => {
      const { el, session } = await mount('unlinked');
      await pick(el, 'GOPAY');
      await press(el, 'pay');
      await enterOtp(el, session.testOtp);
      await reach(el, 'charged');
      const markup = allMarkup();
      expect(markup).to.contain('wallet-pay'); // the walk really read the page
      expect(markup).to.contain(messages.en.chargedTitle); // ... and wallet-pay's shadow root
      for (const secret of ['sandbox_test_key', 'tkn_', 'tok_', 'tk_', session.testOtp, session.checkoutToken]) {
        expect(markup, `page contains ${secret}`).not.to.contain(secret);
      }
    });
  });

  describe('when the balance is short', () => {
    it('a top-up that is never confirmed: the watch ends after 15 minutes with one timeout and what to do now', async () => {
      const { el } = await mount('low-balance');
      await pick(el, 'GOPAY');
      await press(el, 'pay');
      await reach(el, 'pending');
      const realNow = Date.now;
      // Fifteen minutes pass (the page's clock only; the polls themselves are real).
      Date.now = () => realNow() + 15 * 60_000 + 1000;
      try {
        await reach(el, 'failed');
      } finally {
        Date.now = realNow;
      }
      expect(heard('wallet-error').map((e) => e.detail.code)).to.deep.equal(['timeout']);
      expect(part(el, 'retry')).to.equal(null);
      expect(root(el).querySelector('[role=alert]')!.textContent).to.equal(messages.en.watchEnded);
      await expect(el).to.be.accessible();
    });

    it('wallet-pending once with topUpUrl, the top-up action, then the polling emits wallet-charged once', async () => {
      const { el, session } = await mount('low-balance');
      await pick(el, 'GOPAY');
      await press(el, 'pay');
      await reach(el, 'pending');
      expect(heard('wallet-pending')).to.have.length(1);
      const { orderId, topUpUrl } = heard('wallet-pending')[0]!.detail;
      expect(orderId).to.equal(session.orderId);
      expect(topUpUrl).to.match(/\/sandbox\/wallets\/topup\/start\//);
      expect(part(el, 'top-up')!.textContent).to.contain('Top up GoPay');

      await press(el, 'top-up');
      expect(navigations.map(String)).to.deep.equal([new URL(topUpUrl).href]);
      await waitUntil(() => requests.includes('GET /order'), 'no polling');
      expect(el.state).to.equal('pending');

      await topUpServerSide(topUpUrl);
      await reach(el, 'charged');
      await aTimeout(300);
      expect(heard('wallet-charged')).to.have.length(1);
      expect(heard('wallet-charged')[0]!.detail.orderId).to.equal(session.orderId);
      expect(heard('wallet-pending')).to.have.length(1);
      expect(pays()).to.have.length(1);
      // Then the default redirect, to the merchant's return page for this order (never back to the top-up page).
      const returned = new URL(heard('wallet-charged')[0]!.detail.url);
      expect(returned.pathname).to.equal('/return.html');
      expect(returned.searchParams.get('order_id')).to.equal(session.orderId);
      expect(returned.searchParams.get('status')).to.equal('CHARGED');
      expect(navigations.map(String)).to.deep.equal([new URL(topUpUrl).href, returned.href]);
      // Polling stopped once settled.
      const polls = requests.filter((r) => r === 'GET /order').length;
      await aTimeout(300);
      expect(requests.filter((r) => r === 'GET /order').length).to.equal(polls);
    });

    it('a cancelled wallet-pending: no top-up offer and no polling', async () => {
      cancel.add('wallet-pending');
      const { el } = await mount('low-balance');
      await pick(el, 'GOPAY');
      await press(el, 'pay');
      await reach(el, 'pending');
      await aTimeout(300);
      expect(part(el, 'top-up')).to.equal(null);
      expect(requests).not.to.include('GET /order');
    });

    it('polling stops when the element leaves the page', async () => {
      const { el } = await mount('low-balance');
      await pick(el, 'GOPAY');
      await press(el, 'pay');
      await reach(el, 'pending');
      await waitUntil(() => requests.includes('GET /order'));
      el.remove();
      await aTimeout(150);
      const polls = requests.length;
      await aTimeout(300);
      expect(requests.length).to.equal(polls);
    });
  });

  describe('when something fails', () => {
    it('declined: wallet-error provider_declined once, a visible error, and picking again works', async () => {
      const { el } = await mount('declined');
      await pick(el, 'GOPAY');
      await press(el, 'pay');
      await reach(el, 'failed');
      expect(heard('wallet-error').map((e) => e.detail)).to.deep.equal([
        { code: 'provider_declined', message: errorMessage('provider_declined', 'en'), retryable: false },
      ]);
      expect(part(el, 'error')!.textContent).to.contain('declined');
      expect(part(el, 'retry')).to.equal(null);
      await press(el, 'back');
      await reach(el, 'choose');
      await press(el, 'pay');
      await reach(el, 'failed');
      expect(heard('wallet-error')).to.have.length(2);
      expect(pays()).to.have.length(2);
    });

    it('a 5xx on the debit: wallet-error server_error, "Try again" pays', async () => {
      const { el } = await mount('linked');
      await pick(el, 'GOPAY');
      await setFault({ kind: 'error', path: '/txns', times: 1 });
      await press(el, 'pay');
      await reach(el, 'failed');
      expect(heard('wallet-error').map((e) => e.detail.code)).to.deep.equal(['server_error']);
      expect(heard('wallet-error')[0]!.detail.retryable).to.equal(true);
      await press(el, 'retry');
      await reach(el, 'charged');
      expect(heard('wallet-charged')).to.have.length(1);
      expect(heard('wallet-error')).to.have.length(1);
    });

    const loadFaults = [
      { kind: 'malformed', code: 'invalid_response' },
      { kind: 'error', code: 'server_error' },
      { kind: 'hang', code: 'timeout' },
    ] as const;
    for (const { kind, code } of loadFaults) {
      it(`a ${kind} Juspay answer while loading: wallet-error ${code} once, a visible recoverable error, then retry works`, async () => {
        const session = await newCheckout('linked');
        await setFault({ kind });
        const el = await fixture<WalletPay>(html`<wallet-pay endpoint=${session.endpoint} .checkoutToken=${session.checkoutToken}></wallet-pay>`);
        await reach(el, 'failed', 9000);
        expect(heard('wallet-error').map((e) => e.detail.code)).to.deep.equal([code]);
        const error = part(el, 'error')!;
        expect(error.textContent!.trim()).not.to.equal('');
        expect(error.getBoundingClientRect().height).to.be.greaterThan(0);
        expect(root(el).querySelector('[role=alert]')).to.exist;
        await clearFaults();
        part<HTMLButtonElement>(el, 'retry')!.focus();
        await press(el, 'retry');
        await reach(el, 'choose');
        expect(heard('wallet-error')).to.have.length(1);
        // The button the shopper pressed is gone: focus moved on into the list step, not to <body>.
        await waitUntil(() => root(el).activeElement !== null, 'focus left the widget after Try again');
      });
    }

    it('a hung debit: wallet-error timeout, and "Try again" pays once', async () => {
      const { el, session } = await mount('linked');
      await pick(el, 'GOPAY');
      const walletId = heard('wallet-select')[0]!.detail.wallet.id;
      await setFault({ kind: 'hang', path: '/txns', times: 1 });
      await press(el, 'pay');
      await reach(el, 'failed');
      expect(heard('wallet-error').map((e) => e.detail.code)).to.deep.equal(['timeout']);
      await press(el, 'retry');
      await reach(el, 'charged');
      expect(await balanceOf(session, walletId)).to.equal(1_000_000 - session.amount);
    });

    it('redirect-origins without the sandbox origin: wallet-error redirect_blocked, no navigation', async () => {
      const { el } = await mount('linked', (s) => html`<wallet-pay endpoint=${s.endpoint} .checkoutToken=${s.checkoutToken} redirect-origins="https://shop.example"></wallet-pay>`);
      await pick(el, 'GOPAY');
      await press(el, 'pay');
      await reach(el, 'charged');
      await el.updateComplete;
      expect(heard('wallet-charged')).to.have.length(1);
      expect(heard('wallet-error').map((e) => e.detail.code)).to.deep.equal(['redirect_blocked']);
      expect(heard('wallet-redirect')).to.have.length(0);
      expect(navigations).to.have.length(0);
      expect(part(el, 'notice')!.getAttribute('role')).to.equal('alert');
    });

    it('redirect-origins including the sandbox origin: navigates', async () => {
      const { el } = await mount('linked');
      await pick(el, 'GOPAY');
      // Allow the origin the sandbox really uses, learnt from a first pay (the sandbox runs on its own port).
      cancel.add('wallet-charged');
      await press(el, 'pay');
      await reach(el, 'charged');
      const url = heard('wallet-charged')[0]!.detail.url;
      const again = await mount('linked', (s) => html`<wallet-pay endpoint=${s.endpoint} .checkoutToken=${s.checkoutToken} redirect-origins="https://shop.example ${new URL(url).origin}"></wallet-pay>`);
      cancel.clear();
      await pick(again.el, 'GOPAY');
      await press(again.el, 'pay');
      await reach(again.el, 'charged');
      expect(navigations).to.have.length(1);
      expect(navigations[0]!.origin).to.equal(new URL(url).origin);
    });

    it('a javascript: URL from the kit: wallet-error redirect_blocked, no navigation', async () => {
      // The real kit cannot produce this answer: injected through the fetch stub, as a compromised backend would.
      const { el, session } = await mount('linked');
      fetchStub = (url, init) =>
        url.pathname.endsWith('/pay') && init?.method === 'POST'
          ? Response.json({ orderId: session.orderId, status: 'CHARGED', url: 'javascript:alert(document.domain)' })
          : undefined;
      await pick(el, 'GOPAY');
      await press(el, 'pay');
      await reach(el, 'charged');
      expect(heard('wallet-error').map((e) => e.detail.code)).to.deep.equal(['redirect_blocked']);
      expect(navigations).to.have.length(0);
      expect(heard('wallet-redirect')).to.have.length(0);
    });

    it('an unsafe top-up URL: the top-up action gives redirect_blocked, no navigation', async () => {
      const { el, session } = await mount('low-balance');
      fetchStub = (url, init) =>
        url.pathname.endsWith('/pay') && init?.method === 'POST'
          ? Response.json({ orderId: session.orderId, status: 'PENDING', url: 'data:text/html,<script>alert(1)</script>' })
          : undefined;
      await pick(el, 'GOPAY');
      await press(el, 'pay');
      await reach(el, 'pending');
      // The pending event carries no URL the widget would refuse to follow.
      expect(heard('wallet-pending').map((e) => e.detail.topUpUrl)).to.deep.equal(['']);
      await press(el, 'top-up');
      expect(heard('wallet-error').map((e) => e.detail.code)).to.deep.equal(['redirect_blocked']);
      expect(navigations).to.have.length(0);
      expect(part(el, 'notice')).to.exist;
    });

    it("rate_limited with retryAfter: 'Try again' waits until the kit said, then pays", async () => {
      const { el } = await mount('linked');
      let refused = false;
      fetchStub = (url, init) => {
        if (refused || !(url.pathname.endsWith('/pay') && init?.method === 'POST')) return undefined;
        refused = true;
        return Response.json({ error: { code: 'rate_limited', message: 'Wait', retryAfter: 1 } }, { status: 429, headers: { 'retry-after': '1' } });
      };
      await pick(el, 'GOPAY');
      await press(el, 'pay');
      await reach(el, 'failed');
      const retry = part<HTMLButtonElement>(el, 'retry')!;
      expect(retry.disabled, 'disabled inside retryAfter').to.equal(true);
      await waitUntil(() => !part<HTMLButtonElement>(el, 'retry')?.disabled, 'enabled after retryAfter', { timeout: 3000 });
      cancel.add('wallet-charged');
      await press(el, 'retry');
      await reach(el, 'charged');
    });

    it("a pay answer about another order: wallet-error invalid_response, never wallet-charged, no navigation", async () => {
      const { el } = await mount('linked');
      fetchStub = (url, init) =>
        url.pathname.endsWith('/pay') && init?.method === 'POST'
          ? Response.json({ orderId: 'someoneElses1', status: 'CHARGED', url: 'https://pay.example.com/finish' })
          : undefined;
      await pick(el, 'GOPAY');
      await press(el, 'pay');
      await reach(el, 'failed');
      expect(heard('wallet-error').map((e) => e.detail.code)).to.deep.equal(['invalid_response']);
      expect(heard('wallet-charged')).to.have.length(0);
      expect(navigations).to.have.length(0);
      expect(part(el, 'retry')).to.exist;
    });

    it('a blank URL or the checkout page itself: wallet-charged once with no URL, and no navigation', async () => {
      for (const blank of ['   ', location.href]) {
        events = [];
        const { el, session } = await mount('linked');
        fetchStub = (url, init) =>
          url.pathname.endsWith('/pay') && init?.method === 'POST' ? Response.json({ orderId: session.orderId, status: 'CHARGED', url: blank }) : undefined;
        await pick(el, 'GOPAY');
        await press(el, 'pay');
        await reach(el, 'charged');
        expect(heard('wallet-charged').map((e) => e.detail), JSON.stringify(blank)).to.deep.equal([{ orderId: session.orderId, url: '' }]);
        expect(heard('wallet-error')).to.have.length(0);
      }
      expect(navigations).to.have.length(0);
    });

    it('removed while its pay is in flight: no event and no navigation when the answer comes', async () => {
      const { el, session } = await mount('linked');
      let release: () => void = () => {};
      const answered = new Promise<void>((resolve) => (release = resolve));
      fetchStub = (url, init) => {
        if (!(url.pathname.endsWith('/pay') && init?.method === 'POST')) return undefined;
        const body = JSON.stringify({ orderId: session.orderId, status: 'CHARGED', url: 'https://pay.example.com/finish' });
        // A Response whose body arrives only once the element is gone.
        return new Response(new ReadableStream({ async start(controller) { await answered; controller.enqueue(new TextEncoder().encode(body)); controller.close(); } }), { headers: { 'content-type': 'application/json' } });
      };
      await pick(el, 'GOPAY');
      await press(el, 'pay');
      await reach(el, 'paying');
      el.remove();
      release();
      await aTimeout(200);
      expect(heard('wallet-charged')).to.have.length(0);
      expect(heard('wallet-redirect')).to.have.length(0);
      expect(navigations).to.have.length(0);
    });

    it('a network failure: wallet-error network, a visible error, never an uncaught error', async () => {
      fetchStub = () => {
        throw new TypeError('Failed to fetch');
      };
      const session = await newCheckout('linked');
      const el = await fixture<WalletPay>(html`<wallet-pay endpoint=${session.endpoint} .checkoutToken=${session.checkoutToken}></wallet-pay>`);
      await reach(el, 'failed');
      expect(heard('wallet-error').map((e) => e.detail.code)).to.deep.equal(['network']);
      expect(part(el, 'retry')).to.exist;
    });
  });

  describe('with the checkout rendered into the page (checkout-from)', () => {
    async function prefetched(persona: Persona, text?: (json: string) => string) {
      const session = await newCheckout(persona);
      // What the merchant's server does with kit.checkout(request) + serializeCheckout: here, the kit's own answer.
      const answer = await realFetch.call(window, `${session.endpoint}/checkout`, { headers: { authorization: `Bearer ${session.checkoutToken}` } });
      const json = (await answer.text()).replace(/</g, '\\u003c');
      const block = document.createElement('script');
      block.type = 'application/json';
      block.id = `checkout-${session.orderId}`;
      block.textContent = text ? text(json) : json;
      document.body.append(block);
      const el = await fixture<WalletPay>(html`<wallet-pay endpoint=${session.endpoint} .checkoutToken=${session.checkoutToken} checkout-from=${block.id}></wallet-pay>`);
      return { el, session, block };
    }

    it('is interactive with zero requests, and pays with one', async () => {
      const { el, block } = await prefetched('linked');
      try {
        await reach(el, 'choose');
        expect(requests).to.deep.equal([]);
        await pick(el, 'GOPAY');
        cancel.add('wallet-charged');
        await press(el, 'pay');
        await reach(el, 'charged');
        expect(requests).to.deep.equal(['POST /pay']);
      } finally {
        block.remove();
      }
    });

    it('a block that is missing or off the contract: the usual one GET /checkout', async () => {
      const { el, block } = await prefetched('linked', () => '{"order":{"id":"x"}}');
      try {
        await reach(el, 'choose');
        expect(requests).to.deep.equal(['GET /checkout']);
      } finally {
        block.remove();
      }
    });
  });

  describe('locale', () => {
    it('locale="id" renders Indonesian, and switching at run time re-renders', async () => {
      const { el } = await mount('linked', (s) => html`<wallet-pay endpoint=${s.endpoint} .checkoutToken=${s.checkoutToken} locale="id"></wallet-pay>`);
      await pick(el, 'GOPAY');
      expect(part(el, 'hint')!.textContent).to.equal(messages.id.choose);
      expect(part(el, 'pay')!.textContent).to.equal(`Bayar ${formatMoney(150_000, 'IDR', 'id')}`);
      expect(part(el, 'pay')!.textContent).to.match(/^Bayar Rp\s?150\.000$/);
      expect(picker(el)!.locale).to.equal('id');
      el.locale = 'en';
      await el.updateComplete;
      expect(part(el, 'hint')!.textContent).to.equal(messages.en.choose);
      expect(part(el, 'pay')!.textContent).to.equal(`Pay ${formatMoney(150_000, 'IDR', 'en')}`);
      expect(picker(el)!.locale).to.equal('en');
      // The switch is a re-render, not a reload.
      expect(requests).to.deep.equal(['GET /checkout']);
    });

    it('errors are emitted and shown in the element locale', async () => {
      const { el } = await mount('declined', (s) => html`<wallet-pay endpoint=${s.endpoint} .checkoutToken=${s.checkoutToken} locale="id"></wallet-pay>`);
      await pick(el, 'GOPAY');
      await press(el, 'pay');
      await reach(el, 'failed');
      expect(heard('wallet-error')[0]!.detail.message).to.contain('menolak');
      expect(part(el, 'error')!.textContent).to.contain(messages.id.failedTitle);
    });
  });

  describe('accessibility behaviour', () => {
    it('announces each state change in a polite live region', async () => {
      const session = await newCheckout('linked');
      const el = await fixture<WalletPay>(html`<wallet-pay endpoint=${session.endpoint} .checkoutToken=${session.checkoutToken} redirect="manual"></wallet-pay>`);
      const status = part(el, 'status')!;
      expect(status.getAttribute('role')).to.equal('status');
      const said: string[] = [status.textContent!];
      new MutationObserver(() => said.push(status.textContent!)).observe(status, { childList: true, subtree: true, characterData: true });
      await pick(el, 'GOPAY');
      await setFault({ kind: 'latency', ms: 300, path: '/txns', times: 1 });
      await press(el, 'pay');
      await reach(el, 'charged');
      expect(part(el, 'status')).to.equal(status); // the same region, so screen readers hear the changes
      const distinct = said.filter((text, i) => text && text !== said[i - 1]);
      expect(distinct).to.deep.equal([messages.en.loading, messages.en.choose, messages.en.paying, messages.en.chargedTitle]);
    });

    it('moves focus to the outcome heading after paying, and to the error heading on failure', async () => {
      const { el } = await mount('declined');
      await pick(el, 'GOPAY');
      await press(el, 'pay');
      await reach(el, 'failed');
      expect(root(el).activeElement?.tagName).to.equal('H2');
      expect(root(el).activeElement?.closest('[part=error]')).to.exist;
    });

    it('keyboard only: Tab to the list, arrow/Space to pick, Tab to Pay, Enter, to charged', async () => {
      const session = await newCheckout('linked');
      const wrapper = await fixture<HTMLElement>(html`<div>
        <button id="before">before</button>
        <wallet-pay endpoint=${session.endpoint} .checkoutToken=${session.checkoutToken} redirect="manual"></wallet-pay>
      </div>`);
      const el = wrapper.querySelector('wallet-pay')!;
      await reach(el, 'choose');
      await waitUntil(() => radios(el).length > 0);
      wrapper.querySelector<HTMLButtonElement>('#before')!.focus();

      await sendKeys({ press: 'Tab' });
      const radio = picker(el)!.shadowRoot!.activeElement as HTMLInputElement | null;
      expect(radio?.type, 'Tab lands on a wallet radio').to.equal('radio');
      // Space checks the focused radio (arrows move between radios and check as they go).
      await sendKeys({ press: ' ' }); // Space (' ' is the key name both CDP and WebDriver BiDi know)
      if (radio!.value !== 'GOPAY') {
        for (let i = 0; i < 4 && radios(el).find((r) => r.checked)?.value !== 'GOPAY'; i++) await sendKeys({ press: 'ArrowDown' });
      }
      await el.updateComplete;
      expect(radios(el).find((r) => r.checked)?.value).to.equal('GOPAY');

      for (let i = 0; i < 10 && root(el).activeElement?.getAttribute('part') !== 'pay'; i++) await sendKeys({ press: 'Tab' });
      expect(root(el).activeElement?.getAttribute('part')).to.equal('pay');
      await sendKeys({ press: 'Enter' });
      await reach(el, 'charged');
      expect(pays()).to.have.length(1);
      expect(root(el).activeElement?.textContent).to.equal(messages.en.chargedTitle);
    });

    it('keyboard only through the OTP step: type the code, Enter, to charged', async () => {
      const session = await newCheckout('unlinked');
      const el = await fixture<WalletPay>(html`<wallet-pay endpoint=${session.endpoint} .checkoutToken=${session.checkoutToken} redirect="manual"></wallet-pay>`);
      await pick(el, 'GOPAY');
      part(el, 'pay')!.focus();
      await sendKeys({ press: 'Enter' });
      await reach(el, 'otp');
      const link = otpLink(el)!;
      // otp-link moves focus to its input once the code is sent.
      await waitUntil(() => link.shadowRoot?.activeElement?.tagName === 'INPUT', 'focus never reached the code input', { timeout: 5000 });
      await sendKeys({ type: session.testOtp });
      await sendKeys({ press: 'Enter' });
      await reach(el, 'charged');
      expect(heard('wallet-charged')).to.have.length(1);
    });
  });
});
