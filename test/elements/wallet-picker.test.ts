import { expect, fixture, html, oneEvent, waitUntil } from '@open-wc/testing';
import { sendKeys, sendMouse, resetMouse } from '@web/test-runner-commands';
import { WalletClient } from '../../src/client.js';
import type { Checkout, Provider } from '../../src/contract.js';
import '../../src/components/wallet-picker/define.js';
import type { WalletPicker } from '../../src/components/wallet-picker/wallet-picker.js';
import type { WalletErrorEvent, WalletSelectEvent } from '../../src/events.js';
import { errorMessage, formatAge } from '../../src/components/shared/i18n.js';
import { clearFaults, newCheckout, setFault, advanceClock, type TestCheckout, watchKit } from '../helpers/backend.js';

const part = (el: WalletPicker, name: string) => el.shadowRoot!.querySelector<HTMLElement>(`[part~="${name}"]`);
const radio = (el: WalletPicker, provider: Provider) =>
  el.shadowRoot!.querySelector<HTMLInputElement>(`input[type=radio][value="${provider}"]`)!;
const row = (el: WalletPicker, provider: Provider) => radio(el, provider).closest<HTMLElement>('[part~="option"]')!;
const inRow = (el: WalletPicker, provider: Provider, name: string) => row(el, provider).querySelector<HTMLElement>(`[part~="${name}"]`);
const text = (node: Element | null) => (node?.textContent ?? '').replace(/\s+/g, ' ').trim();

/** A standalone picker for a fresh customer of `persona`, once its list is drawn. */
async function standalone(session: TestCheckout, locale = 'en'): Promise<WalletPicker> {
  const el = await fixture<WalletPicker>(
    html`<wallet-picker endpoint=${session.endpoint} checkout-token=${session.checkoutToken} locale=${locale}></wallet-picker>`,
  );
  await waitUntil(() => el.checkout || part(el, 'error'), 'the picker did not load', { timeout: 5000 });
  await el.updateComplete;
  return el;
}

/** Clicks in the middle of an element with the real mouse. */
async function click(element: HTMLElement): Promise<void> {
  const box = element.getBoundingClientRect();
  await sendMouse({ type: 'click', position: [Math.round(box.x + box.width / 2), Math.round(box.y + box.height / 2)] });
}

function collect<K extends 'wallet-select' | 'wallet-error'>(el: HTMLElement, type: K) {
  const events: (K extends 'wallet-select' ? WalletSelectEvent : WalletErrorEvent)[] = [];
  el.addEventListener(type, (event) => events.push(event as never));
  return events;
}

describe('<wallet-picker>', () => {
  let kit: ReturnType<typeof watchKit> | undefined;
  afterEach(async () => {
    kit?.restore();
    kit = undefined;
    await clearFaults();
    await resetMouse();
  });

  describe('when standalone', () => {
    it('loads GET /checkout exactly once, with a skeleton meanwhile, and never again on re-render', async () => {
      const session = await newCheckout('linked');
      kit = watchKit();
      const el = await fixture<WalletPicker>(
        html`<wallet-picker endpoint=${session.endpoint} checkout-token=${session.checkoutToken} locale="en"></wallet-picker>`,
      );
      expect(part(el, 'skeleton'), 'skeleton while loading').to.exist;
      await expect(el).to.be.accessible();
      await waitUntil(() => el.checkout, 'loaded');
      await el.updateComplete;
      expect(part(el, 'skeleton')).to.equal(null);
      el.locale = 'id';
      el.disabled = true;
      await el.updateComplete;
      const parent = el.parentElement!;
      el.remove();
      parent.append(el);
      await el.updateComplete;
      expect(kit.requests).to.deep.equal(['GET /checkout']);
    });

    it('"linked": balance, age, a refresh button; the other providers show the link hint', async () => {
      const el = await standalone(await newCheckout('linked'));
      expect(text(inRow(el, 'GOPAY', 'name'))).to.equal('GoPay');
      expect(text(inRow(el, 'GOPAY', 'balance'))).to.match(/^Balance IDR\s1,000,000$/);
      const wallet = el.checkout!.wallets[0]!;
      expect(text(inRow(el, 'GOPAY', 'age'))).to.equal(`updated ${formatAge(wallet.balanceUpdatedAt!, 'en')}`);
      expect(inRow(el, 'GOPAY', 'low-balance')).to.equal(null);
      expect(inRow(el, 'GOPAY', 'hint')).to.equal(null);
      expect(inRow(el, 'GOPAY', 'refresh')!.getAttribute('aria-label')).to.equal('Refresh GoPay balance');
      // The refresh button is not inside the radio's label (a click on it must not select).
      expect(inRow(el, 'GOPAY', 'refresh')!.closest('label')).to.equal(null);
      for (const provider of ['DANA', 'SHOPEEPAY', 'OVO'] as const) {
        expect(text(inRow(el, provider, 'hint')), provider).to.equal('Not linked · Link with OTP');
        expect(inRow(el, provider, 'balance'), provider).to.equal(null);
        expect(inRow(el, provider, 'refresh'), provider).to.equal(null);
      }
      expect(part(el, 'refresh-all')).to.exist;
      expect(el.shadowRoot!.querySelector('[role=radiogroup]')).to.exist;
      await expect(el).to.be.accessible();
    });

    it('"unlinked": GoPay is listed with the hint and no balance or refresh', async () => {
      const el = await standalone(await newCheckout('unlinked'));
      expect(el.checkout!.wallets.map((w) => [w.provider, w.linked])).to.deep.equal([['GOPAY', false]]);
      expect(text(inRow(el, 'GOPAY', 'hint'))).to.equal('Not linked · Link with OTP');
      expect(inRow(el, 'GOPAY', 'balance')).to.equal(null);
      expect(inRow(el, 'GOPAY', 'refresh')).to.equal(null);
      expect(part(el, 'refresh-all'), 'nothing to refresh').to.equal(null);
      await expect(el).to.be.accessible();
    });

    it('"new": every provider offered, none with a wallet', async () => {
      const el = await standalone(await newCheckout('new'));
      const radios = [...el.shadowRoot!.querySelectorAll<HTMLInputElement>('input[type=radio]')];
      expect(radios.map((r) => r.value)).to.deep.equal(['GOPAY', 'DANA', 'SHOPEEPAY', 'OVO']);
      for (const provider of ['GOPAY', 'DANA', 'SHOPEEPAY', 'OVO'] as const) {
        expect(text(inRow(el, provider, 'hint'))).to.equal('Not linked · Link with OTP');
      }
      expect(el.shadowRoot!.querySelector('[part~=balance]')).to.equal(null);
      await expect(el).to.be.accessible();
    });

    it('"low-balance": the balance is flagged as below the order amount', async () => {
      const el = await standalone(await newCheckout('low-balance'));
      expect(text(inRow(el, 'GOPAY', 'balance'))).to.match(/^Balance IDR\s20,000$/);
      expect(text(inRow(el, 'GOPAY', 'low-balance'))).to.equal('Balance below the order amount, you can top up after paying');
      // The flag is part of the radio's description, so a screen reader hears it with the choice.
      expect(radio(el, 'GOPAY').getAttribute('aria-describedby')).to.equal('details-GOPAY');
      expect(el.shadowRoot!.getElementById('details-GOPAY')!.contains(inRow(el, 'GOPAY', 'low-balance'))).to.equal(true);
      await expect(el).to.be.accessible();
    });

    it('never fetches when handed a checkout', async () => {
      const session = await newCheckout('linked');
      const checkout = await new WalletClient(session).checkout();
      kit = watchKit();
      const el = await fixture<WalletPicker>(
        html`<wallet-picker endpoint=${session.endpoint} checkout-token=${session.checkoutToken} locale="en" .checkout=${checkout}></wallet-picker>`,
      );
      await el.updateComplete;
      expect(text(inRow(el, 'GOPAY', 'balance'))).to.match(/1,000,000/);
      expect(kit.requests).to.deep.equal([]);
    });

    it('shows the empty state when no provider is on offer', async () => {
      const checkout: Checkout = { order: { id: 'o1', amount: 1, currency: 'IDR' }, wallets: [], providers: [] };
      const el = await fixture<WalletPicker>(html`<wallet-picker locale="en" .checkout=${checkout}></wallet-picker>`);
      expect(text(part(el, 'empty'))).to.equal('No e-wallet is available for this order.');
      await expect(el).to.be.accessible();
    });
  });

  describe('when the shopper chooses', () => {
    it('by mouse: one wallet-select with the wallet (or null when there is none)', async () => {
      const el = await standalone(await newCheckout('linked'));
      const events = collect(el, 'wallet-select');
      await click(inRow(el, 'GOPAY', 'name')!);
      await el.updateComplete;
      expect(events).to.have.length(1);
      expect(events[0]!.detail.provider).to.equal('GOPAY');
      expect(events[0]!.detail.wallet).to.deep.equal(el.checkout!.wallets[0]);
      expect(el.value).to.equal('GOPAY');
      expect(el.selectedWallet).to.deep.equal(el.checkout!.wallets[0]);
      expect(row(el, 'GOPAY').getAttribute('part')).to.include('option-selected');

      // Clicking the chosen one again is not a new choice.
      await click(inRow(el, 'GOPAY', 'name')!);
      expect(events).to.have.length(1);

      await click(inRow(el, 'OVO', 'hint')!);
      await el.updateComplete;
      expect(events.map((e) => e.detail)).to.deep.equal([
        { provider: 'GOPAY', wallet: el.checkout!.wallets[0] },
        { provider: 'OVO', wallet: null },
      ]);
      expect(el.selectedWallet).to.equal(null);
      // The event crosses the shadow root and bubbles to the page.
      expect(events[1]!.composed && events[1]!.bubbles).to.equal(true);
      await expect(el).to.be.accessible();
    });

    it('clicking a refresh button does not select its wallet', async () => {
      const el = await standalone(await newCheckout('linked'));
      const events = collect(el, 'wallet-select');
      await click(inRow(el, 'GOPAY', 'refresh')!);
      await waitUntil(() => !inRow(el, 'GOPAY', 'refresh')!.hasAttribute('disabled'));
      expect(events).to.have.length(0);
      expect(el.value).to.equal(null);
    });

    it('by keyboard: Space, then arrow keys move the choice within the radio group', async () => {
      const el = await standalone(await newCheckout('unlinked'));
      const events = collect(el, 'wallet-select');
      radio(el, 'GOPAY').focus();
      await sendKeys({ press: ' ' });
      await el.updateComplete;
      expect(events.map((e) => e.detail.provider)).to.deep.equal(['GOPAY']);
      expect(events[0]!.detail.wallet).to.include({ provider: 'GOPAY', linked: false });
      await sendKeys({ press: 'ArrowDown' });
      await el.updateComplete;
      await sendKeys({ press: 'ArrowDown' });
      await el.updateComplete;
      await sendKeys({ press: 'ArrowUp' });
      await el.updateComplete;
      expect(events.map((e) => e.detail.provider)).to.deep.equal(['GOPAY', 'DANA', 'SHOPEEPAY', 'DANA']);
      expect(el.value).to.equal('DANA');
      expect(el.shadowRoot!.activeElement).to.equal(radio(el, 'DANA'));
      expect(radio(el, 'DANA').checked).to.equal(true);
      expect(radio(el, 'GOPAY').checked).to.equal(false);
    });

    it('a preset value checks its radio without an event; disabled blocks choosing', async () => {
      const checkout = await new WalletClient(await newCheckout('linked')).checkout();
      const el = await fixture<WalletPicker>(html`<wallet-picker locale="en" value="DANA" disabled .checkout=${checkout}></wallet-picker>`);
      const events = collect(el, 'wallet-select');
      expect(radio(el, 'DANA').checked).to.equal(true);
      expect(radio(el, 'GOPAY').matches(':disabled')).to.equal(true);
      await click(inRow(el, 'GOPAY', 'name')!);
      expect(events).to.have.length(0);
      expect(el.value).to.equal('DANA');
      expect((part(el, 'refresh-all') as HTMLButtonElement).disabled).to.equal(true);
    });
  });

  describe('when balances are refreshed', () => {
    it('refresh one: the new balance and age, a NEW checkout object, wallet-select again for the selected wallet', async () => {
      const session = await newCheckout('linked');
      const el = await standalone(session);
      await click(inRow(el, 'GOPAY', 'name')!);
      const before = el.checkout!;
      const selects = collect(el, 'wallet-select');
      // Spend 150,000 behind the picker's back: the provider's balance drops, Juspay's stored copy does not (yet).
      const client = new WalletClient(session);
      expect((await client.pay(before.wallets[0]!.id)).status).to.equal('CHARGED');
      await advanceClock(2 * 60_000);
      kit = watchKit();
      await click(inRow(el, 'GOPAY', 'refresh')!);
      await waitUntil(() => el.checkout !== before, 'refreshed');
      await el.updateComplete;
      expect(kit.requests).to.deep.equal([`POST /wallets/${before.wallets[0]!.id}/refresh`]);
      const fresh = el.checkout!.wallets[0]!;
      expect(fresh.balance).to.equal(850_000);
      expect(Date.parse(fresh.balanceUpdatedAt!)).to.be.greaterThan(Date.parse(before.wallets[0]!.balanceUpdatedAt!));
      expect(text(inRow(el, 'GOPAY', 'balance'))).to.match(/^Balance IDR\s850,000$/);
      expect(text(inRow(el, 'GOPAY', 'age'))).to.equal(`updated ${formatAge(fresh.balanceUpdatedAt!, 'en')}`);
      expect(before.wallets[0]!.balance, 'the old object is left alone').to.equal(1_000_000);
      expect(selects.map((e) => e.detail)).to.deep.equal([{ provider: 'GOPAY', wallet: fresh }]);
      expect(text(part(el, 'status'))).to.equal('Balances updated.');
    });

    it('refresh all: an old age becomes fresh; no wallet-select when nothing is selected', async () => {
      const session = await newCheckout('low-balance');
      const real = await new WalletClient(session).checkout();
      const hourAgo = new Date(Date.now() - 3_600_000).toISOString();
      const stale: Checkout = { ...real, wallets: real.wallets.map((w) => ({ ...w, balance: 5, balanceUpdatedAt: hourAgo })) };
      const el = await fixture<WalletPicker>(
        html`<wallet-picker endpoint=${session.endpoint} checkout-token=${session.checkoutToken} locale="en" .checkout=${stale}></wallet-picker>`,
      );
      const selects = collect(el, 'wallet-select');
      expect(text(inRow(el, 'GOPAY', 'age'))).to.equal('updated 1 hour ago');
      kit = watchKit();
      const button = part(el, 'refresh-all') as HTMLButtonElement;
      button.click();
      button.click();
      await el.updateComplete;
      expect(button.disabled, 'disabled while in flight').to.equal(true);
      await waitUntil(() => el.checkout !== stale, 'refreshed');
      await el.updateComplete;
      expect(kit.requests, 'a double click sends one request').to.deep.equal(['POST /wallets/refresh']);
      expect(text(inRow(el, 'GOPAY', 'balance'))).to.match(/20,000$/);
      expect(text(inRow(el, 'GOPAY', 'age'))).to.not.equal('updated 1 hour ago');
      expect(text(inRow(el, 'GOPAY', 'age'))).to.equal(`updated ${formatAge(el.checkout!.wallets[0]!.balanceUpdatedAt!, 'en')}`);
      expect(selects).to.have.length(0);
    });

    it('a failed refresh keeps the list, shows the error and emits wallet-error', async () => {
      const el = await standalone(await newCheckout('linked'));
      const errors = collect(el, 'wallet-error');
      await setFault({ kind: 'error' });
      await click(part(el, 'refresh-all')!);
      await waitUntil(() => part(el, 'error'), 'error shown');
      expect(errors.map((e) => e.detail)).to.deep.equal([{ code: 'server_error', message: errorMessage('server_error', 'en'), retryable: true }]);
      expect(part(el, 'error')!.getAttribute('role')).to.equal('alert');
      expect(radio(el, 'GOPAY')).to.exist;
      expect(text(inRow(el, 'GOPAY', 'balance'))).to.match(/1,000,000$/);
      await expect(el).to.be.accessible();
      await clearFaults();
      await click(part(el, 'refresh-all')!);
      await waitUntil(() => !part(el, 'error'), 'error cleared after a good refresh');
    });
  });

  describe('when the locale changes at run time', () => {
    it('re-renders every text in Indonesian, money included', async () => {
      const el = await standalone(await newCheckout('low-balance'));
      expect(text(part(el, 'legend'))).to.equal('Choose a wallet');
      el.locale = 'id';
      await el.updateComplete;
      expect(text(part(el, 'legend'))).to.equal('Pilih dompet');
      expect(text(inRow(el, 'GOPAY', 'balance'))).to.match(/^Saldo Rp\s?20\.000$/);
      expect(text(inRow(el, 'GOPAY', 'age'))).to.match(/^diperbarui /);
      expect(text(inRow(el, 'GOPAY', 'low-balance'))).to.equal('Saldo di bawah jumlah pesanan, Anda dapat isi saldo setelah membayar');
      expect(text(inRow(el, 'DANA', 'hint'))).to.equal('Belum terhubung · Hubungkan dengan OTP');
      expect(text(part(el, 'refresh-all'))).to.equal('Perbarui semua');
      expect(inRow(el, 'GOPAY', 'refresh')!.getAttribute('aria-label')).to.equal('Perbarui saldo GoPay');
      await expect(el).to.be.accessible();
    });
  });

  describe('when the backend fails', () => {
    it('shows a visible, retryable error (not a blank widget) and emits one wallet-error', async () => {
      const session = await newCheckout('linked');
      await setFault({ kind: 'error' });
      kit = watchKit();
      const el = await fixture<WalletPicker>(
        html`<wallet-picker endpoint=${session.endpoint} checkout-token=${session.checkoutToken} locale="en"></wallet-picker>`,
      );
      const event = await oneEvent(el, 'wallet-error');
      const errors = collect(el, 'wallet-error');
      await el.updateComplete;
      expect(event.detail).to.deep.equal({ code: 'server_error', message: errorMessage('server_error', 'en'), retryable: true });
      const box = part(el, 'error')!;
      expect(box.getAttribute('role')).to.equal('alert');
      expect(text(box)).to.equal(`Your wallets could not be loaded. ${errorMessage('server_error', 'en')}`);
      expect(box.getBoundingClientRect().height, 'visible').to.be.greaterThan(0);
      await expect(el).to.be.accessible();

      el.locale = 'id';
      await el.updateComplete;
      expect(text(part(el, 'error'))).to.include(errorMessage('server_error', 'id'));
      el.locale = 'en';

      await clearFaults();
      const retry = part(el, 'retry') as HTMLButtonElement;
      retry.focus();
      await sendKeys({ press: 'Enter' });
      await waitUntil(() => el.checkout, 'loaded after retry');
      await el.updateComplete;
      expect(part(el, 'error')).to.equal(null);
      expect(radio(el, 'GOPAY')).to.exist;
      // Focus is not lost to the page: it lands on the list.
      expect(el.shadowRoot!.activeElement).to.equal(radio(el, 'GOPAY'));
      expect(errors).to.have.length(0);
      // The failed GET, its one automatic retry, then the shopper's retry.
      expect(kit.requests).to.deep.equal(['GET /checkout', 'GET /checkout', 'GET /checkout']);
    });

    it('an answer off the contract is invalid_response, shown the same way', async () => {
      const session = await newCheckout('linked');
      await setFault({ kind: 'malformed' });
      const el = await fixture<WalletPicker>(
        html`<wallet-picker endpoint=${session.endpoint} checkout-token=${session.checkoutToken} locale="en"></wallet-picker>`,
      );
      const event = await oneEvent(el, 'wallet-error');
      expect(event.detail.code).to.equal('invalid_response');
      await el.updateComplete;
      expect(text(part(el, 'error'))).to.include(errorMessage('invalid_response', 'en'));
      expect(part(el, 'retry')).to.exist;
    });

    it('an expired session is not retryable: the message, no retry button', async () => {
      const el = await fixture<WalletPicker>(
        html`<wallet-picker endpoint="/api/wallet" checkout-token="no-such-session" locale="en"></wallet-picker>`,
      );
      const event = await oneEvent(el, 'wallet-error');
      expect(event.detail).to.include({ code: 'unauthorized', retryable: false });
      await el.updateComplete;
      expect(text(part(el, 'error'))).to.include(errorMessage('unauthorized', 'en'));
      expect(part(el, 'retry')).to.equal(null);
      await expect(el).to.be.accessible();
    });
  });

  describe('with manage (a linked-wallets settings page): unlink', () => {
    async function managed(persona: 'linked' | 'unlinked', locale = 'en') {
      const session = await newCheckout(persona);
      const el = await fixture<WalletPicker>(
        html`<wallet-picker manage endpoint=${session.endpoint} checkout-token=${session.checkoutToken} locale=${locale}></wallet-picker>`,
      );
      await waitUntil(() => el.checkout, 'loaded', { timeout: 5000 });
      await el.updateComplete;
      return el;
    }

    it('asks first, then unlinks through the kit: wallet-unlinked once, the row says not linked, announced', async () => {
      const el = await managed('linked');
      kit = watchKit();
      const unlinked: Event[] = [];
      el.addEventListener('wallet-unlinked', (event) => unlinked.push(event));
      await expect(el).to.be.accessible();
      inRow(el, 'GOPAY', 'unlink')!.click();
      await el.updateComplete;
      const confirm = inRow(el, 'GOPAY', 'confirm')!;
      expect(confirm.getAttribute('role')).to.equal('group');
      expect(text(confirm.querySelector('p'))).to.equal('Unlink GoPay? Paying with it again will need a new code.');
      // Focus lands on the safe answer, and nothing was sent yet.
      await waitUntil(() => el.shadowRoot!.activeElement === inRow(el, 'GOPAY', 'keep'), 'focus on Keep it');
      expect(kit.requests).to.deep.equal([]);
      await expect(el).to.be.accessible();
      inRow(el, 'GOPAY', 'confirm-unlink')!.click();
      await waitUntil(() => unlinked.length === 1, 'unlinked');
      await el.updateComplete;
      expect(kit.requests.filter((request) => request.includes('/unlink'))).to.have.length(1);
      expect((unlinked[0] as CustomEvent).detail.wallet).to.include({ provider: 'GOPAY', linked: false, balance: null });
      expect(text(inRow(el, 'GOPAY', 'hint'))).to.equal('Not linked · Link with OTP');
      expect(inRow(el, 'GOPAY', 'unlink')).to.equal(null);
      expect(text(part(el, 'status'))).to.equal('GoPay unlinked.');
      await expect(el).to.be.accessible();
    });

    it('"Keep it" unlinks nothing and puts focus back on "Unlink"; by keyboard, in Indonesian', async () => {
      const el = await managed('linked', 'id');
      kit = watchKit();
      inRow(el, 'GOPAY', 'unlink')!.focus();
      await sendKeys({ press: 'Enter' });
      await waitUntil(() => el.shadowRoot!.activeElement === inRow(el, 'GOPAY', 'keep'), 'focus on Tetap hubungkan');
      expect(text(inRow(el, 'GOPAY', 'keep'))).to.equal('Tetap hubungkan');
      await sendKeys({ press: 'Enter' });
      await waitUntil(() => el.shadowRoot!.activeElement === inRow(el, 'GOPAY', 'unlink'), 'focus back on Putuskan');
      expect(inRow(el, 'GOPAY', 'confirm')).to.equal(null);
      expect(kit.requests).to.deep.equal([]);
      expect(el.checkout!.wallets.find((wallet) => wallet.provider === 'GOPAY')!.linked).to.equal(true);
    });

    it('offers no Unlink without manage, and none for a wallet that is not linked', async () => {
      const plain = await standalone(await newCheckout('linked'));
      expect(inRow(plain, 'GOPAY', 'unlink')).to.equal(null);
      const el = await managed('unlinked');
      expect(inRow(el, 'GOPAY', 'unlink')).to.equal(null);
    });
  });
});
