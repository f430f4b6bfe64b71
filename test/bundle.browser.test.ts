/**
 * The built artifacts on one page, as happens on real shops: the script-tag bundle included twice (a theme and a
 * plugin both add it) and the package's ESM define modules imported as well. Nothing may throw ("already
 * defined"), the tags stay registered once, and the element still pays against the real kit + sandbox.
 * Needs `npm run build` (dist/): without it every test FAILS, saying so (`npm test` builds first).
 */
import { expect, waitUntil } from '@open-wc/testing';
import { newCheckout } from './helpers/backend.js';
import { WalletPayHarness } from './harness/index.js';

const BUNDLE = '/dist/cdn/wallet-elements.min.js';
// The package's registration modules, as its exports map names them (./wallet-pay, ./wallet-picker, ./otp-link, .).
const ESM = [
  '/dist/components/wallet-pay/define.js',
  '/dist/components/wallet-picker/define.js',
  '/dist/components/otp-link/define.js',
  '/dist/index.js',
];
const TAGS = ['wallet-pay', 'wallet-picker', 'otp-link'];

/** A path the type checker must not try to resolve (it is served by the test server, from the build output). */
const importBuilt = (path: string): Promise<Record<string, unknown>> => import(/* @vite-ignore */ path);

function addScript(src: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const script = document.createElement('script');
    script.src = src;
    script.onload = () => resolve();
    script.onerror = () => reject(new Error(`${src} failed to load`));
    document.head.append(script);
  });
}

describe('the script-tag bundle loaded twice, plus the ESM define modules', () => {
  const thrown: unknown[] = [];
  const onError = (event: ErrorEvent) => void thrown.push(event.error ?? event.message);
  let registered: CustomElementConstructor[] = [];

  before(async () => {
    const missing: string[] = [];
    for (const path of [BUNDLE, ...ESM]) if (!(await fetch(path)).ok) missing.push(path);
    if (missing.length) throw new Error(`dist/ is missing (${missing.join(', ')}): run \`npm run build\``);
    window.addEventListener('error', onError);
    try {
      await addScript(BUNDLE);
      registered = TAGS.map((tag) => customElements.get(tag)!);
      await addScript(BUNDLE);
      for (const path of ESM) await importBuilt(path);
    } finally {
      window.removeEventListener('error', onError);
    }
  });

  it('throws nothing and keeps the first registration of each tag', () => {
    expect(thrown).to.deep.equal([]);
    expect(registered.every((ctor) => typeof ctor === 'function')).to.equal(true);
    expect(TAGS.map((tag) => customElements.get(tag))).to.deep.equal(registered);
  });

  it('exposes the classes on window.WalletElements for pages without a bundler', () => {
    const api = (window as unknown as { WalletElements?: Record<string, unknown> }).WalletElements;
    // typeof, not chai's type checks: a failing chai message would try to print the classes (and hang on lit's).
    expect(typeof api).to.equal('object');
    for (const name of ['WalletPay', 'WalletPicker', 'OtpLink', 'define']) expect(typeof api?.[name], name).to.equal('function');
    // After the second copy ran, the global must still name the registered classes, or `instanceof` lies.
    expect(api?.WalletPay === registered[0], 'WalletElements.WalletPay is the registered <wallet-pay>').to.equal(true);
  });

  it('a <wallet-pay> from the bundle still pays (linked GoPay), and a cancelled wallet-charged stays on the page', async () => {
    const session = await newCheckout('linked');
    const pay = document.createElement('wallet-pay');
    pay.setAttribute('endpoint', session.endpoint);
    pay.setAttribute('checkout-token', session.checkoutToken);
    const heard: string[] = [];
    // The bundle's own navigation cannot be stubbed from here: cancel the default action as a single-page app does.
    const onCharged = (event: Event) => {
      heard.push(`${event.type} ${(event as Event & { detail: { orderId: string } }).detail.orderId}`);
      event.preventDefault();
    };
    const onOther = (event: Event) => void heard.push(event.type);
    document.addEventListener('wallet-charged', onCharged);
    document.addEventListener('wallet-redirect', onOther);
    document.addEventListener('wallet-error', onOther);
    document.body.append(pay);
    try {
      expect(pay).to.be.instanceOf(registered[0]!);
      const harness = new WalletPayHarness(pay);
      await waitUntil(() => harness.radio('GOPAY'), 'the wallet list renders', { timeout: 5000 });
      await harness.pick('GOPAY');
      await harness.pay();
      await waitUntil(() => heard.length > 0, 'the payment settles', { timeout: 8000 });
      // Give a wrongful redirect the chance to show up before asserting it did not.
      await new Promise((resolve) => setTimeout(resolve, 100));
      expect(heard).to.deep.equal([`wallet-charged ${session.orderId}`]);
      expect(harness.state).to.equal('charged');
      expect(harness.heading).to.equal(harness.names.chargedTitle);
    } finally {
      pay.remove();
      document.removeEventListener('wallet-charged', onCharged);
      document.removeEventListener('wallet-redirect', onOther);
      document.removeEventListener('wallet-error', onOther);
    }
  });
});
