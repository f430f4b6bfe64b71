/**
 * `<wallet-pay>` inside another component's shadow root (a design system's checkout card, a framework's
 * encapsulated component), against the real kit + sandbox: the whole linked flow runs, and the public events,
 * being composed, reach `document` retargeted to the host, for an open and for a closed host root alike.
 */
import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import '../../src/components/wallet-pay/define.js';
import { WalletChargedEvent, WalletSelectEvent } from '../../src/events.js';
import { pageNavigation } from '../../src/navigation.js';
import { newCheckout } from '../helpers/backend.js';
import { WalletPayHarness } from '../harness/index.js';

interface Heard {
  event: Event;
  /** Read during dispatch: afterwards a retargeted event's target is cleared. */
  target: EventTarget | null;
  path: EventTarget[];
}

const EVENTS = ['wallet-select', 'wallet-charged', 'wallet-redirect', 'wallet-error'];
let heard: Heard[];
let navigations: URL[];
const realGo = pageNavigation.go;
const listen = (event: Event) => void heard.push({ event, target: event.target, path: event.composedPath() });

beforeEach(() => {
  heard = [];
  navigations = [];
  pageNavigation.go = (url: URL) => void navigations.push(url);
  for (const type of EVENTS) document.addEventListener(type, listen);
});

afterEach(() => {
  pageNavigation.go = realGo;
  for (const type of EVENTS) document.removeEventListener(type, listen);
});

for (const mode of ['open', 'closed'] as const) {
  describe(`<wallet-pay> in a host's ${mode} shadow root`, () => {
    it('runs the linked flow, and wallet-select / wallet-charged / wallet-redirect reach document from the host', async () => {
      const session = await newCheckout('linked');
      const host = await fixture<HTMLElement>(html`<section></section>`);
      const root = host.attachShadow({ mode });
      const pay = document.createElement('wallet-pay');
      pay.endpoint = session.endpoint;
      pay.checkoutToken = session.checkoutToken;
      const harness = new WalletPayHarness(pay);
      root.append(pay);

      await waitUntil(() => harness.radio('GOPAY'), 'the wallet list renders inside the host', { timeout: 5000 });
      expect(host.shadowRoot).to.equal(mode === 'open' ? root : null);
      await harness.pick('GOPAY');
      await harness.pay();
      await waitUntil(() => heard.some((h) => h.event.type === 'wallet-redirect'), 'the payment completes', { timeout: 8000 });

      expect(heard.map((h) => h.event.type)).to.deep.equal(['wallet-select', 'wallet-charged', 'wallet-redirect']);
      const [select, charged, redirect] = heard;
      expect(select!.event).to.be.instanceOf(WalletSelectEvent);
      expect(charged!.event).to.be.instanceOf(WalletChargedEvent);
      const detail = (charged!.event as WalletChargedEvent).detail;
      expect(detail.orderId).to.equal(session.orderId);
      for (const h of heard) {
        // document sees the outer host, never the widget's insides.
        expect(h.target).to.equal(host);
        // A closed root hides its inside from the composed path as seen from document; an open one does not.
        expect(h.path.includes(pay)).to.equal(mode === 'open');
        expect(h.path.at(-1)).to.equal(window);
      }
      // The default action still happens from inside the host: one vetted navigation to the payment's URL.
      expect(navigations.map(String)).to.deep.equal([new URL(detail.url).href]);
      expect(redirect!.event.defaultPrevented).to.equal(false);
      expect(pay.state).to.equal('charged');
      // The element itself heard the same three, in order.
      expect(harness.events.map((h) => h.type)).to.deep.equal(['wallet-select', 'wallet-charged', 'wallet-redirect']);
      // axe walks open shadow roots only; through an open host the charged state must be clean.
      if (mode === 'open') await expect(host).to.be.accessible();
    });
  });
}
