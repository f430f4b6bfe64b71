import { aTimeout, expect, fixture, html, waitUntil } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import '../../src/components/wallet-pay/define.js';
import { errorMessage, formatMoney } from '../../src/components/shared/i18n.js';
import { messages } from '../../src/components/wallet-pay/messages.js';
import { pageNavigation } from '../../src/navigation.js';
import { ENDPOINT, clearFaults, newCheckout, setFault, type TestCheckout } from '../helpers/backend.js';
import { WalletPayHarness, accessibleName, aria, queryAllByRole, queryByRole, roleOf } from '../harness/index.js';

type Persona = Parameters<typeof newCheckout>[0];

/** Everything a test observes beyond the element's own events: kit requests, navigations, uncaught errors. */
let requests: string[];
let navigations: URL[];
let uncaught: unknown[];
let fetchStub: ((url: URL, init?: RequestInit) => Response | undefined) | undefined;
const realFetch = window.fetch;
const realGo = pageNavigation.go;

const onError = (event: ErrorEvent) => uncaught.push(event.error ?? event.message);
const onRejection = (event: PromiseRejectionEvent) => uncaught.push(event.reason);

beforeEach(() => {
  requests = [];
  navigations = [];
  uncaught = [];
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
  window.addEventListener('error', onError);
  window.addEventListener('unhandledrejection', onRejection);
});

afterEach(async () => {
  window.fetch = realFetch;
  pageNavigation.go = realGo;
  window.removeEventListener('error', onError);
  window.removeEventListener('unhandledrejection', onRejection);
  await clearFaults();
  expect(uncaught, 'uncaught errors in the page').to.deep.equal([]);
});

const pays = () => requests.filter((r) => r === 'POST /pay');

/** A `<wallet-pay>` for a fresh customer of `persona` (default: polling every 100 ms), driven by its harness. */
async function mount(persona: Persona, template?: (s: TestCheckout) => ReturnType<typeof html>) {
  const session = await newCheckout(persona);
  // The token is handed over as a property, as a framework would: it never appears in the DOM.
  const pay = await WalletPayHarness.mount(
    template?.(session) ??
      html`<wallet-pay endpoint=${session.endpoint} .checkoutToken=${session.checkoutToken} poll-interval="100"></wallet-pay>`,
  );
  return { pay, el: pay.el, session };
}

/** The element's own live region. */
const liveRegion = (pay: WalletPayHarness) => queryByRole(pay.el, 'status', { deep: false, hidden: true });

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
      const pay = await WalletPayHarness.mount(
        html`<wallet-pay endpoint=${session.endpoint} .checkoutToken=${session.checkoutToken}></wallet-pay>`,
      );
      expect(pay.state).to.equal('loading');
      expect(pay.placeholder, 'the loading placeholder is drawn').to.exist;
      expect(pay.status).to.equal(messages.en.loading);
      await pay.reach('choose');
      await waitUntil(() => pay.radios().length > 0);
      expect(requests).to.deep.equal(['GET /checkout']);
      expect(aria(pay.placeholder)).to.equal(null);
      expect(pay.picker!.providers).to.include('GOPAY');
      // The list is fed by wallet-pay: the picker does not fetch on its own.
      await aTimeout(50);
      expect(requests).to.deep.equal(['GET /checkout']);
    });

    it('offers Pay only once a wallet is picked, labelled with the order amount', async () => {
      const { pay } = await mount('linked');
      await pay.reach('choose');
      expect(pay.payButton!.disabled).to.equal(true);
      await pay.pick('GOPAY');
      expect(pay.payButton!.disabled).to.equal(false);
      expect(pay.payButton!.textContent).to.equal(messages.en.pay(formatMoney(150_000, 'IDR', 'en')));
      expect(pay.heard('wallet-select')).to.have.length(1);
      expect(pay.heard('wallet-select')[0]!.detail.provider).to.equal('GOPAY');
    });
  });

  describe('when the wallet is linked', () => {
    it('pays: wallet-charged once with {orderId, url}, then the vetted redirect to the sandbox finish URL', async () => {
      const { pay, session } = await mount('linked');
      await pay.pick('GOPAY');
      const walletId = pay.heard('wallet-select')[0]!.detail.wallet!.id;
      await pay.pay();
      await pay.reach('charged');
      expect(pays()).to.have.length(1);
      expect(pay.heard('wallet-charged')).to.have.length(1);
      const { orderId, url } = pay.heard('wallet-charged')[0]!.detail;
      expect(orderId).to.equal(session.orderId);
      expect(url).to.match(/\/sandbox\/pay\/finish\//);
      expect(pay.heard('wallet-redirect').map((e) => e.detail.url)).to.deep.equal([new URL(url).href]);
      expect(navigations.map(String)).to.deep.equal([new URL(url).href]);
      expect(pay.heard('wallet-error')).to.have.length(0);
      expect(pay.heading).to.equal(messages.en.chargedTitle);
      expect(pay.text).to.contain(messages.en.redirecting);
      expect(await balanceOf(session, walletId)).to.equal(1_000_000 - session.amount);
    });

    it('redirect="manual": wallet-charged, no navigation', async () => {
      const { pay } = await mount(
        'linked',
        (s) => html`<wallet-pay endpoint=${s.endpoint} .checkoutToken=${s.checkoutToken} redirect="manual"></wallet-pay>`,
      );
      await pay.pick('GOPAY');
      await pay.pay();
      await pay.reach('charged');
      await aTimeout(50);
      expect(pay.heard('wallet-charged')).to.have.length(1);
      expect(pay.heard('wallet-redirect')).to.have.length(0);
      expect(navigations).to.have.length(0);
    });

    it('a cancelled wallet-charged: no navigation', async () => {
      const { pay } = await mount('linked');
      pay.cancel('wallet-charged');
      await pay.pick('GOPAY');
      await pay.pay();
      await pay.reach('charged');
      await aTimeout(50);
      expect(pay.heard('wallet-charged')).to.have.length(1);
      expect(pay.heard('wallet-charged')[0]!.event.defaultPrevented).to.equal(true);
      expect(navigations).to.have.length(0);
    });

    it('a cancelled wallet-redirect: no navigation', async () => {
      const { pay } = await mount('linked');
      pay.cancel('wallet-redirect');
      await pay.pick('GOPAY');
      await pay.pay();
      await pay.reach('charged');
      expect(pay.heard('wallet-redirect')).to.have.length(1);
      expect(navigations).to.have.length(0);
    });

    it('a double click on Pay and a re-render while paying send exactly ONE POST /pay, and debit once', async () => {
      const { pay, el, session } = await mount('linked');
      await pay.pick('GOPAY');
      const walletId = pay.heard('wallet-select')[0]!.detail.wallet!.id;
      // Slow the debit down so the re-render surely happens while paying.
      await setFault({ kind: 'latency', ms: 400, path: '/txns', times: 1 });
      const button = pay.payButton!;
      button.click();
      button.click();
      expect(pay.state).to.equal('paying');
      el.requestUpdate();
      el.locale = 'id';
      await el.updateComplete;
      expect(pay.payButton!.disabled).to.equal(true);
      pay.payButton!.click();
      expect(pay.picker!.el.disabled).to.equal(true);
      await pay.reach('charged');
      expect(pays()).to.have.length(1);
      expect(pay.heard('wallet-charged')).to.have.length(1);
      expect(await balanceOf(session, walletId)).to.equal(1_000_000 - session.amount);
    });
  });

  describe('when the wallet must be linked first', () => {
    it('unlinked: Link and pay -> OTP -> link -> pay -> charged', async () => {
      const { pay, session } = await mount('unlinked');
      await pay.pick('GOPAY');
      expect(pay.payButton!.textContent).to.contain('Link GoPay and pay');
      // Picking sent nothing: the code goes out only when the shopper asks.
      expect(requests).to.deep.equal(['GET /checkout']);
      await pay.pay();
      await pay.enterCode(session.testOtp);
      await pay.reach('charged');
      expect(requests).to.deep.equal([
        'GET /checkout',
        `POST /wallets/${pay.heard('wallet-select')[0]!.detail.wallet!.id}/authenticate`,
        `POST /wallets/${pay.heard('wallet-select')[0]!.detail.wallet!.id}/link`,
        'POST /pay',
      ]);
      expect(pay.heard('wallet-linked')).to.have.length(1);
      expect(pay.heard('wallet-charged')).to.have.length(1);
      expect(navigations).to.have.length(1);
    });

    it('new: create -> OTP -> link -> pay -> charged', async () => {
      const { pay, session } = await mount('new');
      await pay.pick('GOPAY');
      expect(pay.heard('wallet-select')[0]!.detail.wallet).to.equal(null);
      await pay.pay();
      await pay.enterCode(session.testOtp);
      await pay.reach('charged');
      expect(requests.slice(0, 2)).to.deep.equal(['GET /checkout', 'POST /wallets']);
      expect(pays()).to.have.length(1);
      expect(pay.heard('wallet-linked')[0]!.detail.wallet).to.include({ provider: 'GOPAY', linked: true });
      expect(pay.heard('wallet-charged')).to.have.length(1);
    });

    it('a wrong code: otp-link reports otp_invalid, the flow stays in the OTP step, the right code then pays', async () => {
      const { pay, session } = await mount('unlinked');
      await pay.pick('GOPAY');
      await pay.pay();
      const wrong = session.testOtp === '000000' ? '111111' : '000000';
      await pay.enterCode(wrong);
      await waitUntil(() => pay.heard('wallet-error').length === 1, 'no wallet-error');
      expect(pay.heard('wallet-error')[0]!.detail.code).to.equal('otp_invalid');
      expect(pay.state).to.equal('otp');
      expect(pays()).to.have.length(0);
      await pay.enterCode(session.testOtp);
      await pay.reach('charged');
      expect(pay.heard('wallet-linked')).to.have.length(1);
      expect(pay.heard('wallet-charged')).to.have.length(1);
      expect(pay.heard('wallet-error')).to.have.length(1);
    });

    it('"Choose another wallet" leaves the OTP step without sending anything more', async () => {
      const { pay } = await mount('unlinked');
      await pay.pick('GOPAY');
      await pay.pay();
      await pay.reach('otp');
      await waitUntil(() => pay.otp?.codeInput);
      const before = requests.length;
      await pay.back();
      await pay.reach('choose');
      expect(requests.length).to.equal(before);
      expect(pay.selected).to.equal('GOPAY');
    });

    it('back, then the same new wallet again within the resend wait: the code already sent is asked for, and it links and pays', async () => {
      const { pay, session } = await mount('new');
      await pay.pick('DANA');
      await pay.pay();
      await pay.reach('otp');
      await waitUntil(() => pay.otp?.codeInput, 'no OTP input');
      await pay.back();
      await pay.reach('choose');
      await pay.pick('DANA');
      await pay.pay();
      // The kit answers the pending challenge (no second SMS, no rate_limited): the code field is there again.
      await pay.enterCode(session.testOtp);
      await pay.reach('charged');
      expect(requests.filter((r) => r === 'POST /wallets')).to.have.length(2);
      expect(pay.heard('wallet-error')).to.have.length(0);
      expect(pay.heard('wallet-linked')).to.have.length(1);
      expect(pay.heard('wallet-charged')).to.have.length(1);
    });

    it('a wallet linked meanwhile elsewhere (another tab): choosing it again goes straight on to pay, no code asked', async () => {
      const { pay, session } = await mount('unlinked');
      await pay.pick('GOPAY');
      const walletId = pay.heard('wallet-select')[0]!.detail.wallet!.id;
      await pay.pay();
      await pay.reach('otp');
      await waitUntil(() => pay.otp?.codeInput, 'no OTP input');
      await pay.back();
      await pay.reach('choose');
      // The other tab links the wallet with the code; this page still believes it unlinked.
      const other = await fetch(`${session.endpoint}/wallets/${walletId}/link`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${session.checkoutToken}` },
        body: JSON.stringify({ otp: session.testOtp }),
      });
      expect(other.status).to.equal(200);
      await pay.pick('GOPAY');
      await pay.pay();
      await pay.reach('charged');
      expect(pay.heard('wallet-error')).to.have.length(0);
      expect(pay.heard('wallet-linked')).to.have.length(1);
      expect(pay.heard('wallet-charged')).to.have.length(1);
      expect(pays()).to.have.length(1);
    });

    it('the page never holds the API key, a Juspay token or the OTP after a full flow', async () => {
      const { pay, session } = await mount('unlinked');
      await pay.pick('GOPAY');
      await pay.pay();
      await pay.enterCode(session.testOtp);
      await pay.reach('charged');
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
      const { pay } = await mount('low-balance');
      await pay.pick('GOPAY');
      await pay.pay();
      await pay.reach('pending');
      const realNow = Date.now;
      // Fifteen minutes pass (the page's clock only; the polls themselves are real).
      Date.now = () => realNow() + 15 * 60_000 + 1000;
      try {
        await pay.reach('failed');
      } finally {
        Date.now = realNow;
      }
      expect(pay.heard('wallet-error').map((e) => e.detail.code)).to.deep.equal(['timeout']);
      expect(aria(pay.button(pay.names.tryAgain))).to.equal(null);
      expect(pay.alert).to.equal(messages.en.watchEnded);
      await expect(pay.el).to.be.accessible();
    });

    it('wallet-pending once with topUpUrl, the top-up action, then the polling emits wallet-charged once', async () => {
      const { pay, session } = await mount('low-balance');
      await pay.pick('GOPAY');
      await pay.pay();
      await pay.reach('pending');
      expect(pay.heard('wallet-pending')).to.have.length(1);
      const { orderId, topUpUrl } = pay.heard('wallet-pending')[0]!.detail;
      expect(orderId).to.equal(session.orderId);
      expect(topUpUrl).to.match(/\/sandbox\/wallets\/topup\/start\//);
      expect(pay.button(pay.names.topUp)!.textContent).to.contain('Top up GoPay');

      await pay.topUp();
      expect(navigations.map(String)).to.deep.equal([new URL(topUpUrl).href]);
      await waitUntil(() => requests.includes('GET /order'), 'no polling');
      expect(pay.state).to.equal('pending');

      await topUpServerSide(topUpUrl);
      await pay.reach('charged');
      await aTimeout(300);
      expect(pay.heard('wallet-charged')).to.have.length(1);
      expect(pay.heard('wallet-charged')[0]!.detail.orderId).to.equal(session.orderId);
      expect(pay.heard('wallet-pending')).to.have.length(1);
      expect(pays()).to.have.length(1);
      // Then the default redirect, to the merchant's return page for this order (never back to the top-up page).
      const returned = new URL(pay.heard('wallet-charged')[0]!.detail.url);
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
      const { pay } = await mount('low-balance');
      pay.cancel('wallet-pending');
      await pay.pick('GOPAY');
      await pay.pay();
      await pay.reach('pending');
      await aTimeout(300);
      expect(aria(pay.button(pay.names.topUp))).to.equal(null);
      expect(requests).not.to.include('GET /order');
    });

    it('polling stops when the element leaves the page', async () => {
      const { pay, el } = await mount('low-balance');
      await pay.pick('GOPAY');
      await pay.pay();
      await pay.reach('pending');
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
      const { pay } = await mount('declined');
      await pay.pick('GOPAY');
      await pay.pay();
      await pay.reach('failed');
      expect(pay.heard('wallet-error').map((e) => e.detail)).to.deep.equal([
        { code: 'provider_declined', message: errorMessage('provider_declined', 'en'), retryable: false },
      ]);
      expect(pay.heading).to.equal(messages.en.failedTitle);
      expect(pay.alert).to.contain('declined');
      expect(aria(pay.button(pay.names.tryAgain))).to.equal(null);
      await pay.back();
      await pay.reach('choose');
      await pay.pay();
      await pay.reach('failed');
      expect(pay.heard('wallet-error')).to.have.length(2);
      expect(pays()).to.have.length(2);
    });

    it('a 5xx on the debit: wallet-error server_error, "Try again" pays', async () => {
      const { pay } = await mount('linked');
      await pay.pick('GOPAY');
      await setFault({ kind: 'error', path: '/txns', times: 1 });
      await pay.pay();
      await pay.reach('failed');
      expect(pay.heard('wallet-error').map((e) => e.detail.code)).to.deep.equal(['server_error']);
      expect(pay.heard('wallet-error')[0]!.detail.retryable).to.equal(true);
      await pay.tryAgain();
      await pay.reach('charged');
      expect(pay.heard('wallet-charged')).to.have.length(1);
      expect(pay.heard('wallet-error')).to.have.length(1);
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
        const pay = await WalletPayHarness.mount(
          html`<wallet-pay endpoint=${session.endpoint} .checkoutToken=${session.checkoutToken}></wallet-pay>`,
        );
        await pay.reach('failed', 9000);
        expect(pay.heard('wallet-error').map((e) => e.detail.code)).to.deep.equal([code]);
        expect(pay.heading).to.equal(messages.en.loadFailedTitle);
        const [alert] = queryAllByRole(pay.el, 'alert', { deep: false });
        expect(alert, 'an alert').to.exist;
        expect(pay.alert).not.to.equal('');
        expect(alert!.getBoundingClientRect().height).to.be.greaterThan(0);
        await clearFaults();
        pay.button(pay.names.tryAgain)!.focus();
        await pay.tryAgain();
        await pay.reach('choose');
        expect(pay.heard('wallet-error')).to.have.length(1);
        // The button the shopper pressed is gone: focus moved on into the list step, not to <body>.
        await waitUntil(() => pay.focused !== null, 'focus left the widget after Try again');
      });
    }

    it('a hung debit: wallet-error timeout, and "Try again" pays once', async () => {
      const { pay, session } = await mount('linked');
      await pay.pick('GOPAY');
      const walletId = pay.heard('wallet-select')[0]!.detail.wallet!.id;
      await setFault({ kind: 'hang', path: '/txns', times: 1 });
      await pay.pay();
      await pay.reach('failed');
      expect(pay.heard('wallet-error').map((e) => e.detail.code)).to.deep.equal(['timeout']);
      await pay.tryAgain();
      await pay.reach('charged');
      expect(await balanceOf(session, walletId)).to.equal(1_000_000 - session.amount);
    });

    it('redirect-origins without the sandbox origin: wallet-error redirect_blocked, no navigation', async () => {
      const { pay, el } = await mount(
        'linked',
        (s) =>
          html`<wallet-pay endpoint=${s.endpoint} .checkoutToken=${s.checkoutToken} redirect-origins="https://shop.example"></wallet-pay>`,
      );
      await pay.pick('GOPAY');
      await pay.pay();
      await pay.reach('charged');
      await el.updateComplete;
      expect(pay.heard('wallet-charged')).to.have.length(1);
      expect(pay.heard('wallet-error').map((e) => e.detail.code)).to.deep.equal(['redirect_blocked']);
      expect(pay.heard('wallet-redirect')).to.have.length(0);
      expect(navigations).to.have.length(0);
      expect(pay.alerts).to.deep.equal([errorMessage('redirect_blocked', 'en')]);
      // The notice is a state the accessibility suite (test/a11y) does not reach: axe checks it here.
      await expect(el).to.be.accessible();
    });

    it('redirect-origins including the sandbox origin: navigates', async () => {
      const { pay } = await mount('linked');
      await pay.pick('GOPAY');
      // Allow the origin the sandbox really uses, learnt from a first pay (the sandbox runs on its own port).
      pay.cancel('wallet-charged');
      await pay.pay();
      await pay.reach('charged');
      const url = pay.heard('wallet-charged')[0]!.detail.url;
      const again = await mount(
        'linked',
        (s) =>
          html`<wallet-pay endpoint=${s.endpoint} .checkoutToken=${s.checkoutToken} redirect-origins="https://shop.example ${new URL(url).origin}"></wallet-pay>`,
      );
      await again.pay.pick('GOPAY');
      await again.pay.pay();
      await again.pay.reach('charged');
      expect(navigations).to.have.length(1);
      expect(navigations[0]!.origin).to.equal(new URL(url).origin);
    });

    it('a javascript: URL from the kit: wallet-error redirect_blocked, no navigation', async () => {
      // The real kit cannot produce this answer: injected through the fetch stub, as a compromised backend would.
      const { pay, session } = await mount('linked');
      fetchStub = (url, init) =>
        url.pathname.endsWith('/pay') && init?.method === 'POST'
          ? Response.json({ orderId: session.orderId, status: 'CHARGED', url: 'javascript:alert(document.domain)' })
          : undefined;
      await pay.pick('GOPAY');
      await pay.pay();
      await pay.reach('charged');
      expect(pay.heard('wallet-error').map((e) => e.detail.code)).to.deep.equal(['redirect_blocked']);
      expect(navigations).to.have.length(0);
      expect(pay.heard('wallet-redirect')).to.have.length(0);
    });

    it('an unsafe top-up URL: the top-up action gives redirect_blocked, no navigation', async () => {
      const { pay, session } = await mount('low-balance');
      fetchStub = (url, init) =>
        url.pathname.endsWith('/pay') && init?.method === 'POST'
          ? Response.json({ orderId: session.orderId, status: 'PENDING', url: 'data:text/html,<script>alert(1)</script>' })
          : undefined;
      await pay.pick('GOPAY');
      await pay.pay();
      await pay.reach('pending');
      // The pending event carries no URL the widget would refuse to follow.
      expect(pay.heard('wallet-pending').map((e) => e.detail.topUpUrl)).to.deep.equal(['']);
      await pay.topUp();
      expect(pay.heard('wallet-error').map((e) => e.detail.code)).to.deep.equal(['redirect_blocked']);
      expect(navigations).to.have.length(0);
      expect(pay.alerts).to.deep.equal([errorMessage('redirect_blocked', 'en')]);
    });

    it("rate_limited with retryAfter: 'Try again' waits until the kit said, then pays", async () => {
      const { pay } = await mount('linked');
      let refused = false;
      fetchStub = (url, init) => {
        if (refused || !(url.pathname.endsWith('/pay') && init?.method === 'POST')) return undefined;
        refused = true;
        return Response.json(
          { error: { code: 'rate_limited', message: 'Wait', retryAfter: 1 } },
          { status: 429, headers: { 'retry-after': '1' } },
        );
      };
      await pay.pick('GOPAY');
      await pay.pay();
      await pay.reach('failed');
      const retry = pay.button(pay.names.tryAgain)!;
      expect(retry.disabled, 'disabled inside retryAfter').to.equal(true);
      await waitUntil(() => !pay.button(pay.names.tryAgain)?.disabled, 'enabled after retryAfter', { timeout: 3000 });
      pay.cancel('wallet-charged');
      await pay.tryAgain();
      await pay.reach('charged');
    });

    it('a pay answer about another order: wallet-error invalid_response, never wallet-charged, no navigation', async () => {
      const { pay } = await mount('linked');
      fetchStub = (url, init) =>
        url.pathname.endsWith('/pay') && init?.method === 'POST'
          ? Response.json({ orderId: 'someoneElses1', status: 'CHARGED', url: 'https://pay.example.com/finish' })
          : undefined;
      await pay.pick('GOPAY');
      await pay.pay();
      await pay.reach('failed');
      expect(pay.heard('wallet-error').map((e) => e.detail.code)).to.deep.equal(['invalid_response']);
      expect(pay.heard('wallet-charged')).to.have.length(0);
      expect(navigations).to.have.length(0);
      expect(pay.button(pay.names.tryAgain)).to.exist;
    });

    it('a blank URL or the checkout page itself: wallet-charged once with no URL, and no navigation', async () => {
      for (const blank of ['   ', location.href]) {
        const { pay, session } = await mount('linked');
        fetchStub = (url, init) =>
          url.pathname.endsWith('/pay') && init?.method === 'POST'
            ? Response.json({ orderId: session.orderId, status: 'CHARGED', url: blank })
            : undefined;
        await pay.pick('GOPAY');
        await pay.pay();
        await pay.reach('charged');
        expect(
          pay.heard('wallet-charged').map((e) => e.detail),
          JSON.stringify(blank),
        ).to.deep.equal([{ orderId: session.orderId, url: '' }]);
        expect(pay.heard('wallet-error')).to.have.length(0);
      }
      expect(navigations).to.have.length(0);
    });

    it('removed while its pay is in flight: no event and no navigation when the answer comes', async () => {
      const { pay, el, session } = await mount('linked');
      let release: () => void = () => {};
      const answered = new Promise<void>((resolve) => (release = resolve));
      fetchStub = (url, init) => {
        if (!(url.pathname.endsWith('/pay') && init?.method === 'POST')) return undefined;
        const body = JSON.stringify({ orderId: session.orderId, status: 'CHARGED', url: 'https://pay.example.com/finish' });
        // A Response whose body arrives only once the element is gone.
        return new Response(
          new ReadableStream({
            async start(controller) {
              await answered;
              controller.enqueue(new TextEncoder().encode(body));
              controller.close();
            },
          }),
          { headers: { 'content-type': 'application/json' } },
        );
      };
      await pay.pick('GOPAY');
      await pay.pay();
      await pay.reach('paying');
      el.remove();
      release();
      await aTimeout(200);
      expect(pay.heard('wallet-charged')).to.have.length(0);
      expect(pay.heard('wallet-redirect')).to.have.length(0);
      expect(navigations).to.have.length(0);
    });

    it('a network failure: wallet-error network, a visible error, never an uncaught error', async () => {
      fetchStub = () => {
        throw new TypeError('Failed to fetch');
      };
      const session = await newCheckout('linked');
      const pay = await WalletPayHarness.mount(
        html`<wallet-pay endpoint=${session.endpoint} .checkoutToken=${session.checkoutToken}></wallet-pay>`,
      );
      await pay.reach('failed');
      expect(pay.heard('wallet-error').map((e) => e.detail.code)).to.deep.equal(['network']);
      expect(pay.alert).to.equal(errorMessage('network', 'en'));
      expect(pay.button(pay.names.tryAgain)).to.exist;
    });
  });

  describe('with the checkout rendered into the page (checkout-from)', () => {
    async function prefetched(persona: Persona, text?: (json: string) => string) {
      const session = await newCheckout(persona);
      // What the merchant's server does with kit.checkout(request) + serializeCheckout: here, the kit's own answer.
      const answer = await realFetch.call(window, `${session.endpoint}/checkout`, {
        headers: { authorization: `Bearer ${session.checkoutToken}` },
      });
      const json = (await answer.text()).replace(/</g, '\\u003c');
      const block = document.createElement('script');
      block.type = 'application/json';
      block.id = `checkout-${session.orderId}`;
      block.textContent = text ? text(json) : json;
      document.body.append(block);
      const pay = await WalletPayHarness.mount(
        html`<wallet-pay endpoint=${session.endpoint} .checkoutToken=${session.checkoutToken} checkout-from=${block.id}></wallet-pay>`,
      );
      return { pay, session, block };
    }

    it('is interactive with zero requests, and pays with one', async () => {
      const { pay, block } = await prefetched('linked');
      try {
        await pay.reach('choose');
        expect(requests).to.deep.equal([]);
        await pay.pick('GOPAY');
        pay.cancel('wallet-charged');
        await pay.pay();
        await pay.reach('charged');
        expect(requests).to.deep.equal(['POST /pay']);
      } finally {
        block.remove();
      }
    });

    it('a block that is missing or off the contract: the usual one GET /checkout', async () => {
      const { pay, block } = await prefetched('linked', () => '{"order":{"id":"x"}}');
      try {
        await pay.reach('choose');
        expect(requests).to.deep.equal(['GET /checkout']);
      } finally {
        block.remove();
      }
    });
  });

  describe('locale', () => {
    it('locale="id" renders Indonesian, and switching at run time re-renders', async () => {
      const { pay, el } = await mount(
        'linked',
        (s) => html`<wallet-pay endpoint=${s.endpoint} .checkoutToken=${s.checkoutToken} locale="id"></wallet-pay>`,
      );
      await pay.pick('GOPAY');
      expect(pay.text).to.contain(messages.id.choose);
      expect(pay.payButton!.textContent).to.equal(`Bayar ${formatMoney(150_000, 'IDR', 'id')}`);
      expect(pay.payButton!.textContent).to.match(/^Bayar Rp\s?150\.000$/);
      expect(pay.picker!.el.locale).to.equal('id');
      expect(accessibleName(pay.picker!.list!)).to.equal('Pilih dompet');
      el.locale = 'en';
      await el.updateComplete;
      expect(pay.text).to.contain(messages.en.choose).and.not.contain(messages.id.choose);
      expect(pay.payButton!.textContent).to.equal(`Pay ${formatMoney(150_000, 'IDR', 'en')}`);
      expect(pay.picker!.el.locale).to.equal('en');
      // The switch is a re-render, not a reload.
      expect(requests).to.deep.equal(['GET /checkout']);
    });

    it('errors are emitted and shown in the element locale', async () => {
      const { pay } = await mount(
        'declined',
        (s) => html`<wallet-pay endpoint=${s.endpoint} .checkoutToken=${s.checkoutToken} locale="id"></wallet-pay>`,
      );
      await pay.pick('GOPAY');
      await pay.pay();
      await pay.reach('failed');
      expect(pay.heard('wallet-error')[0]!.detail.message).to.contain('menolak');
      expect(pay.heading).to.equal(messages.id.failedTitle);
      expect(pay.alert).to.equal(pay.heard('wallet-error')[0]!.detail.message);
    });
  });

  describe('accessibility behaviour', () => {
    it('announces each state change in a polite live region', async () => {
      const session = await newCheckout('linked');
      const pay = await WalletPayHarness.mount(
        html`<wallet-pay endpoint=${session.endpoint} .checkoutToken=${session.checkoutToken} redirect="manual"></wallet-pay>`,
      );
      const status = liveRegion(pay)!;
      expect(status, 'a role=status region').to.exist;
      const said: string[] = [status.textContent!];
      new MutationObserver(() => said.push(status.textContent!)).observe(status, { childList: true, subtree: true, characterData: true });
      await pay.pick('GOPAY');
      await setFault({ kind: 'latency', ms: 300, path: '/txns', times: 1 });
      await pay.pay();
      await pay.reach('charged');
      expect(liveRegion(pay) === status, 'the same region, so screen readers hear the changes').to.equal(true);
      const distinct = said.filter((text, i) => text && text !== said[i - 1]);
      // The outcome is read where focus lands (its heading), so the live region does not say it again.
      expect(distinct).to.deep.equal([messages.en.loading, messages.en.choose, messages.en.paying]);
    });

    it('moves focus to the outcome heading after paying, and to the error heading on failure', async () => {
      const { pay } = await mount('declined');
      await pay.pick('GOPAY');
      await pay.pay();
      await pay.reach('failed');
      expect(roleOf(pay.focused!)).to.equal('heading');
      expect(accessibleName(pay.focused!)).to.equal(messages.en.failedTitle);
    });

    it('keyboard only: Tab to the list, arrow/Space to pick, Tab to Pay, Enter, to charged', async () => {
      const session = await newCheckout('linked');
      const wrapper = await fixture<HTMLElement>(html`<div>
        <button id="before">before</button>
        <wallet-pay endpoint=${session.endpoint} .checkoutToken=${session.checkoutToken} redirect="manual"></wallet-pay>
      </div>`);
      const pay = new WalletPayHarness(wrapper.querySelector('wallet-pay')!);
      await pay.reach('choose');
      await waitUntil(() => pay.radios().length > 0);
      wrapper.querySelector<HTMLButtonElement>('#before')!.focus();

      await sendKeys({ press: 'Tab' });
      const radio = pay.focused as HTMLInputElement | null;
      expect(radio && roleOf(radio), 'Tab lands on a wallet radio').to.equal('radio');
      // Space checks the focused radio (arrows move between radios and check as they go).
      await sendKeys({ press: ' ' }); // Space (' ' is the key name both CDP and WebDriver BiDi know)
      if (radio !== pay.radio('GOPAY')) {
        for (let i = 0; i < 4 && pay.selected !== 'GOPAY'; i++) await sendKeys({ press: 'ArrowDown' });
      }
      await pay.update();
      expect(pay.selected).to.equal('GOPAY');

      for (let i = 0; i < 10 && pay.focused !== pay.payButton; i++) await sendKeys({ press: 'Tab' });
      expect(aria(pay.focused)).to.match(/^button "Pay /);
      await sendKeys({ press: 'Enter' });
      await pay.reach('charged');
      expect(pays()).to.have.length(1);
      expect(roleOf(pay.focused!)).to.equal('heading');
      expect(pay.focused?.textContent).to.equal(messages.en.chargedTitle);
    });

    it('keyboard only through the OTP step: type the code, Enter, to charged', async () => {
      const session = await newCheckout('unlinked');
      const pay = await WalletPayHarness.mount(
        html`<wallet-pay endpoint=${session.endpoint} .checkoutToken=${session.checkoutToken} redirect="manual"></wallet-pay>`,
      );
      await pay.pick('GOPAY');
      pay.payButton!.focus();
      await sendKeys({ press: 'Enter' });
      await pay.reach('otp');
      // otp-link moves focus to its input once the code is sent.
      await waitUntil(() => pay.otp?.codeInput && pay.focused === pay.otp.codeInput, 'focus never reached the code input', {
        timeout: 5000,
      });
      await sendKeys({ type: session.testOtp });
      await sendKeys({ press: 'Enter' });
      await pay.reach('charged');
      expect(pay.heard('wallet-charged')).to.have.length(1);
    });
  });
});
