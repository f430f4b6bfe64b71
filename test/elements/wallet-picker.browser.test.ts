import { expect, html, waitUntil } from '@open-wc/testing';
import { sendKeys, sendMouse, resetMouse } from '@web/test-runner-commands';
import { WalletClient } from '../../src/client.js';
import type { Checkout } from '../../src/contract.js';
import '../../src/components/wallet-picker/define.js';
import { errorMessage, formatAge } from '../../src/components/shared/i18n.js';
import { clearFaults, newCheckout, setFault, advanceClock, type TestCheckout, watchKit } from '../helpers/backend.js';
import { WalletPickerHarness, accessibleName, aria, normalize, queryAllByRole } from '../harness/index.js';

const NOT_LINKED = 'Not linked · Link with OTP';
/** What a screen reader says after a linked wallet's name (its radio's description): balance, then its age. */
const linkedDescription = (balance: RegExp | string, updatedAt: string, locale: 'en' = 'en') =>
  new RegExp(`^Balance ${typeof balance === 'string' ? balance : balance.source} updated ${formatAge(updatedAt, locale)}$`);

/** A standalone picker for a fresh customer of `persona`, once its list (or its error) is drawn. */
async function standalone(session: TestCheckout, locale = 'en'): Promise<WalletPickerHarness> {
  const picker = await WalletPickerHarness.mount(
    html`<wallet-picker endpoint=${session.endpoint} checkout-token=${session.checkoutToken} locale=${locale}></wallet-picker>`,
  );
  await picker.loaded(5000);
  return picker;
}

/** Clicks in the middle of an element with the real mouse. */
async function click(element: Element | null): Promise<void> {
  if (!element) throw new Error('nothing to click');
  const box = element.getBoundingClientRect();
  await sendMouse({ type: 'click', position: [Math.round(box.x + box.width / 2), Math.round(box.y + box.height / 2)] });
}

/** The label of `provider`'s radio: where a shopper clicks (name, balance, hint). */
const labelOf = (picker: WalletPickerHarness, provider: 'GOPAY' | 'OVO') => picker.radio(provider)!.labels![0]!;

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
      const picker = await WalletPickerHarness.mount(
        html`<wallet-picker endpoint=${session.endpoint} checkout-token=${session.checkoutToken} locale="en"></wallet-picker>`,
      );
      const { el } = picker;
      expect(picker.placeholder, 'skeleton while loading').to.exist;
      expect(picker.status).to.equal('Loading your wallets…');
      await expect(el).to.be.accessible();
      await waitUntil(() => el.checkout, 'loaded');
      await el.updateComplete;
      expect(aria(picker.placeholder)).to.equal(null);
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
      const picker = await standalone(await newCheckout('linked'));
      expect(picker.radio('GOPAY'), 'a radio named GoPay').to.exist;
      const wallet = picker.el.checkout!.wallets[0]!;
      // No low-balance flag, no link hint: exactly the balance and its age.
      expect(picker.description('GOPAY')).to.match(linkedDescription(/IDR\s1,000,000/, wallet.balanceUpdatedAt!));
      const refresh = picker.button('Refresh GoPay balance');
      expect(refresh).to.exist;
      // The refresh button is not inside the radio's label (a click on it must not select).
      expect(refresh!.closest('label') === null, 'outside the label').to.equal(true);
      for (const provider of ['DANA', 'SHOPEEPAY', 'OVO'] as const) {
        expect(picker.description(provider), provider).to.equal(NOT_LINKED);
        expect(aria(picker.button(picker.names.refresh(provider))), provider).to.equal(null);
      }
      expect(picker.button('Refresh all')).to.exist;
      expect(picker.list).to.exist;
      expect(accessibleName(picker.list!)).to.equal('Choose a wallet');
      await expect(picker.el).to.be.accessible();
    });

    it('"unlinked": GoPay is listed with the hint and no balance or refresh', async () => {
      const picker = await standalone(await newCheckout('unlinked'));
      expect(picker.el.checkout!.wallets.map((w) => [w.provider, w.linked])).to.deep.equal([['GOPAY', false]]);
      expect(picker.description('GOPAY')).to.equal(NOT_LINKED);
      expect(aria(picker.button(picker.names.refresh('GOPAY')))).to.equal(null);
      expect(aria(picker.button(picker.names.refreshAll)), 'nothing to refresh').to.equal(null);
      await expect(picker.el).to.be.accessible();
    });

    it('"new": every provider offered, none with a wallet', async () => {
      const picker = await standalone(await newCheckout('new'));
      expect(picker.providers).to.deep.equal(['GOPAY', 'DANA', 'SHOPEEPAY', 'OVO']);
      for (const provider of ['GOPAY', 'DANA', 'SHOPEEPAY', 'OVO'] as const) {
        expect(picker.description(provider)).to.equal(NOT_LINKED);
      }
      expect(picker.text).not.to.contain('Balance');
      await expect(picker.el).to.be.accessible();
    });

    it('"low-balance": the balance is flagged as below the order amount', async () => {
      const picker = await standalone(await newCheckout('low-balance'));
      // The flag is part of the radio's description, so a screen reader hears it with the choice.
      expect(picker.description('GOPAY')).to.match(
        /^Balance IDR\s20,000 updated .+ Balance below the order amount, you can top up after paying$/,
      );
      await expect(picker.el).to.be.accessible();
    });

    it('never fetches when handed a checkout', async () => {
      const session = await newCheckout('linked');
      const checkout = await new WalletClient(session).checkout();
      kit = watchKit();
      const picker = await WalletPickerHarness.mount(
        html`<wallet-picker endpoint=${session.endpoint} checkout-token=${session.checkoutToken} locale="en" .checkout=${checkout}></wallet-picker>`,
      );
      await picker.update();
      expect(picker.description('GOPAY')).to.match(/1,000,000/);
      expect(kit.requests).to.deep.equal([]);
    });

    it('shows the empty state when no provider is on offer', async () => {
      const checkout: Checkout = { order: { id: 'o1', amount: 1, currency: 'IDR' }, wallets: [], providers: [] };
      const picker = await WalletPickerHarness.mount(html`<wallet-picker locale="en" .checkout=${checkout}></wallet-picker>`);
      expect(picker.text).to.equal('No e-wallet is available for this order.');
      expect(picker.radios()).to.have.length(0);
      await expect(picker.el).to.be.accessible();
    });
  });

  describe('when the shopper chooses', () => {
    it('by mouse: one wallet-select with the wallet (or null when there is none)', async () => {
      const picker = await standalone(await newCheckout('linked'));
      const { el } = picker;
      await click(labelOf(picker, 'GOPAY'));
      await el.updateComplete;
      const events = () => picker.heard('wallet-select');
      expect(events()).to.have.length(1);
      expect(events()[0]!.detail.provider).to.equal('GOPAY');
      expect(events()[0]!.detail.wallet).to.deep.equal(el.checkout!.wallets[0]);
      expect(el.value).to.equal('GOPAY');
      expect(el.selectedWallet).to.deep.equal(el.checkout!.wallets[0]);
      expect(picker.selected).to.equal('GOPAY');

      // Clicking the chosen one again is not a new choice.
      await click(labelOf(picker, 'GOPAY'));
      expect(events()).to.have.length(1);

      await click(labelOf(picker, 'OVO'));
      await el.updateComplete;
      expect(events().map((e) => e.detail)).to.deep.equal([
        { provider: 'GOPAY', wallet: el.checkout!.wallets[0] },
        { provider: 'OVO', wallet: null },
      ]);
      expect(el.selectedWallet).to.equal(null);
      expect(picker.selected).to.equal('OVO');
      // The event crosses the shadow root and bubbles to the page.
      expect(events()[1]!.event.composed && events()[1]!.event.bubbles).to.equal(true);
      await expect(el).to.be.accessible();
    });

    it('clicking a refresh button does not select its wallet', async () => {
      const picker = await standalone(await newCheckout('linked'));
      const refresh = () => picker.button(picker.names.refresh('GOPAY'))!;
      await click(refresh());
      await waitUntil(() => !refresh().hasAttribute('disabled'));
      expect(picker.heard('wallet-select')).to.have.length(0);
      expect(picker.el.value).to.equal(null);
      expect(picker.selected).to.equal(null);
    });

    it('by keyboard: Space, then arrow keys move the choice within the radio group', async () => {
      const picker = await standalone(await newCheckout('unlinked'));
      const { el } = picker;
      const chosen = () => picker.heard('wallet-select').map((e) => e.detail.provider);
      picker.radio('GOPAY')!.focus();
      await sendKeys({ press: ' ' });
      await el.updateComplete;
      expect(chosen()).to.deep.equal(['GOPAY']);
      expect(picker.heard('wallet-select')[0]!.detail.wallet).to.include({ provider: 'GOPAY', linked: false });
      await sendKeys({ press: 'ArrowDown' });
      await el.updateComplete;
      await sendKeys({ press: 'ArrowDown' });
      await el.updateComplete;
      await sendKeys({ press: 'ArrowUp' });
      await el.updateComplete;
      expect(chosen()).to.deep.equal(['GOPAY', 'DANA', 'SHOPEEPAY', 'DANA']);
      expect(el.value).to.equal('DANA');
      expect(aria(picker.focused)).to.equal('radio "DANA"');
      expect(picker.radio('DANA')!.checked).to.equal(true);
      expect(picker.radio('GOPAY')!.checked).to.equal(false);
    });

    it('a preset value checks its radio without an event; disabled blocks choosing', async () => {
      const checkout = await new WalletClient(await newCheckout('linked')).checkout();
      const picker = await WalletPickerHarness.mount(
        html`<wallet-picker locale="en" value="DANA" disabled .checkout=${checkout}></wallet-picker>`,
      );
      expect(picker.radio('DANA')!.checked).to.equal(true);
      expect(picker.radio('GOPAY')!.matches(':disabled')).to.equal(true);
      await click(labelOf(picker, 'GOPAY'));
      expect(picker.heard('wallet-select')).to.have.length(0);
      expect(picker.el.value).to.equal('DANA');
      expect(picker.button(picker.names.refreshAll)!.disabled).to.equal(true);
    });
  });

  describe('when balances are refreshed', () => {
    it('refresh one: the new balance and age, a NEW checkout object, wallet-select again for the selected wallet', async () => {
      const session = await newCheckout('linked');
      const picker = await standalone(session);
      const { el } = picker;
      await click(labelOf(picker, 'GOPAY'));
      const before = el.checkout!;
      const selectsBefore = picker.heard('wallet-select').length;
      // Spend 150,000 behind the picker's back: the provider's balance drops, Juspay's stored copy does not (yet).
      const client = new WalletClient(session);
      expect((await client.pay(before.wallets[0]!.id)).status).to.equal('CHARGED');
      await advanceClock(2 * 60_000);
      kit = watchKit();
      await click(picker.button(picker.names.refresh('GOPAY')));
      await waitUntil(() => el.checkout !== before, 'refreshed');
      await el.updateComplete;
      expect(kit.requests).to.deep.equal([`POST /wallets/${before.wallets[0]!.id}/refresh`]);
      const fresh = el.checkout!.wallets[0]!;
      expect(fresh.balance).to.equal(850_000);
      expect(Date.parse(fresh.balanceUpdatedAt!)).to.be.greaterThan(Date.parse(before.wallets[0]!.balanceUpdatedAt!));
      expect(picker.description('GOPAY')).to.match(linkedDescription(/IDR\s850,000/, fresh.balanceUpdatedAt!));
      expect(before.wallets[0]!.balance, 'the old object is left alone').to.equal(1_000_000);
      expect(
        picker
          .heard('wallet-select')
          .slice(selectsBefore)
          .map((e) => e.detail),
      ).to.deep.equal([{ provider: 'GOPAY', wallet: fresh }]);
      expect(picker.status).to.equal('Balances updated.');
    });

    it('refresh all: an old age becomes fresh; no wallet-select when nothing is selected', async () => {
      const session = await newCheckout('low-balance');
      const real = await new WalletClient(session).checkout();
      const hourAgo = new Date(Date.now() - 3_600_000).toISOString();
      const stale: Checkout = { ...real, wallets: real.wallets.map((w) => ({ ...w, balance: 5, balanceUpdatedAt: hourAgo })) };
      const picker = await WalletPickerHarness.mount(
        html`<wallet-picker endpoint=${session.endpoint} checkout-token=${session.checkoutToken} locale="en" .checkout=${stale}></wallet-picker>`,
      );
      const { el } = picker;
      expect(picker.description('GOPAY')).to.match(/ updated 1 hour ago /);
      kit = watchKit();
      const button = picker.button(picker.names.refreshAll)!;
      button.click();
      button.click();
      await el.updateComplete;
      expect(button.disabled, 'disabled while in flight').to.equal(true);
      await waitUntil(() => el.checkout !== stale, 'refreshed');
      await el.updateComplete;
      expect(kit.requests, 'a double click sends one request').to.deep.equal(['POST /wallets/refresh']);
      expect(picker.description('GOPAY')).to.match(/^Balance IDR\s20,000 /);
      expect(picker.description('GOPAY')).to.not.include('updated 1 hour ago');
      expect(picker.description('GOPAY')).to.include(`updated ${formatAge(el.checkout!.wallets[0]!.balanceUpdatedAt!, 'en')}`);
      expect(picker.heard('wallet-select')).to.have.length(0);
    });

    it('a failed refresh keeps the list, shows the error and emits wallet-error', async () => {
      const picker = await standalone(await newCheckout('linked'));
      await setFault({ kind: 'error' });
      await click(picker.button(picker.names.refreshAll));
      await waitUntil(() => picker.alert, 'error shown');
      expect(picker.heard('wallet-error').map((e) => e.detail)).to.deep.equal([
        { code: 'server_error', message: errorMessage('server_error', 'en'), retryable: true },
      ]);
      expect(picker.alert).to.equal(errorMessage('server_error', 'en'));
      expect(picker.radio('GOPAY')).to.exist;
      expect(picker.description('GOPAY')).to.match(/^Balance IDR\s1,000,000 /);
      await expect(picker.el).to.be.accessible();
      await clearFaults();
      await click(picker.button(picker.names.refreshAll));
      await waitUntil(() => picker.alert === null, 'error cleared after a good refresh');
    });
  });

  describe('when the locale changes at run time', () => {
    it('re-renders every text in Indonesian, money included', async () => {
      const picker = await standalone(await newCheckout('low-balance'));
      const { el } = picker;
      expect(accessibleName(picker.list!)).to.equal('Choose a wallet');
      el.locale = 'id';
      await el.updateComplete;
      expect(accessibleName(picker.list!)).to.equal('Pilih dompet');
      expect(picker.description('GOPAY')).to.match(
        /^Saldo Rp\s?20\.000 diperbarui .+ Saldo di bawah jumlah pesanan, Anda dapat isi saldo setelah membayar$/,
      );
      expect(picker.description('DANA')).to.equal('Belum terhubung · Hubungkan dengan OTP');
      expect(picker.button('Perbarui semua')).to.exist;
      expect(picker.button('Perbarui saldo GoPay')).to.exist;
      await expect(el).to.be.accessible();
    });
  });

  describe('when the backend fails', () => {
    it('shows a visible, retryable error (not a blank widget) and emits one wallet-error', async () => {
      const session = await newCheckout('linked');
      await setFault({ kind: 'error' });
      kit = watchKit();
      const picker = await WalletPickerHarness.mount(
        html`<wallet-picker endpoint=${session.endpoint} checkout-token=${session.checkoutToken} locale="en"></wallet-picker>`,
      );
      const { el } = picker;
      await waitUntil(() => picker.heard('wallet-error').length > 0, 'wallet-error', { timeout: 5000 });
      await el.updateComplete;
      expect(picker.heard('wallet-error').map((e) => e.detail)).to.deep.equal([
        { code: 'server_error', message: errorMessage('server_error', 'en'), retryable: true },
      ]);
      expect(picker.alert).to.equal(`Your wallets could not be loaded. ${errorMessage('server_error', 'en')}`);
      const [box] = queryAllByRole(el, 'alert', { deep: false });
      expect(box!.getBoundingClientRect().height, 'visible').to.be.greaterThan(0);
      await expect(el).to.be.accessible();

      el.locale = 'id';
      await el.updateComplete;
      expect(picker.alert).to.include(errorMessage('server_error', 'id'));
      el.locale = 'en';

      await clearFaults();
      await el.updateComplete;
      picker.button(picker.names.tryAgain)!.focus();
      await sendKeys({ press: 'Enter' });
      await waitUntil(() => el.checkout, 'loaded after retry');
      await el.updateComplete;
      expect(picker.alert).to.equal(null);
      expect(picker.radio('GOPAY')).to.exist;
      // Focus is not lost to the page: it lands on the list.
      expect(aria(picker.focused)).to.equal('radio "GoPay"');
      expect(picker.heard('wallet-error')).to.have.length(1);
      // The failed GET, its one automatic retry, then the shopper's retry.
      expect(kit.requests).to.deep.equal(['GET /checkout', 'GET /checkout', 'GET /checkout']);
    });

    it('an answer off the contract is invalid_response, shown the same way', async () => {
      const session = await newCheckout('linked');
      await setFault({ kind: 'malformed' });
      const picker = await WalletPickerHarness.mount(
        html`<wallet-picker endpoint=${session.endpoint} checkout-token=${session.checkoutToken} locale="en"></wallet-picker>`,
      );
      await waitUntil(() => picker.heard('wallet-error').length > 0, 'wallet-error', { timeout: 5000 });
      expect(picker.heard('wallet-error')[0]!.detail.code).to.equal('invalid_response');
      await picker.update();
      expect(picker.alert).to.include(errorMessage('invalid_response', 'en'));
      expect(picker.button(picker.names.tryAgain)).to.exist;
    });

    it('an expired session is not retryable: the message, no retry button', async () => {
      const picker = await WalletPickerHarness.mount(
        html`<wallet-picker endpoint="/api/wallet" checkout-token="no-such-session" locale="en"></wallet-picker>`,
      );
      await waitUntil(() => picker.heard('wallet-error').length > 0, 'wallet-error', { timeout: 5000 });
      expect(picker.heard('wallet-error')[0]!.detail).to.include({ code: 'unauthorized', retryable: false });
      await picker.update();
      expect(picker.alert).to.include(errorMessage('unauthorized', 'en'));
      expect(aria(picker.button(picker.names.tryAgain))).to.equal(null);
      await expect(picker.el).to.be.accessible();
    });
  });

  describe('with manage (a linked-wallets settings page): unlink', () => {
    async function managed(persona: 'linked' | 'unlinked', locale = 'en') {
      const session = await newCheckout(persona);
      const picker = await WalletPickerHarness.mount(
        html`<wallet-picker manage endpoint=${session.endpoint} checkout-token=${session.checkoutToken} locale=${locale}></wallet-picker>`,
      );
      await waitUntil(() => picker.el.checkout, 'loaded', { timeout: 5000 });
      await picker.update();
      return picker;
    }

    it('asks first, then unlinks through the kit: wallet-unlinked once, the row says not linked, announced', async () => {
      const picker = await managed('linked');
      kit = watchKit();
      await expect(picker.el).to.be.accessible();
      await picker.unlink('GOPAY');
      // The question is a group named by it.
      expect(picker.question('GOPAY'), 'the question').to.exist;
      expect(normalize(picker.question('GOPAY')!.textContent)).to.match(/^Unlink GoPay\? Paying with it again will need a new code\. /);
      // Focus lands on the safe answer, and nothing was sent yet.
      await waitUntil(() => aria(picker.focused) === 'button "Keep it"', 'focus on Keep it');
      expect(kit.requests).to.deep.equal([]);
      await expect(picker.el).to.be.accessible();
      await picker.confirmUnlink('GOPAY');
      await waitUntil(() => picker.heard('wallet-unlinked').length === 1, 'unlinked');
      await picker.update();
      expect(kit.requests.filter((request) => request.includes('/unlink'))).to.have.length(1);
      expect(picker.heard('wallet-unlinked')[0]!.detail.wallet).to.include({ provider: 'GOPAY', linked: false, balance: null });
      expect(picker.description('GOPAY')).to.equal(NOT_LINKED);
      expect(aria(picker.button(picker.names.unlink('GOPAY')))).to.equal(null);
      expect(aria(picker.question('GOPAY'))).to.equal(null);
      expect(picker.status).to.equal('GoPay unlinked.');
      await expect(picker.el).to.be.accessible();
    });

    it('"Keep it" unlinks nothing and puts focus back on "Unlink"; by keyboard, in Indonesian', async () => {
      const picker = await managed('linked', 'id');
      kit = watchKit();
      picker.button('Putuskan GoPay')!.focus();
      await sendKeys({ press: 'Enter' });
      await waitUntil(() => aria(picker.focused) === 'button "Tetap hubungkan"', 'focus on Tetap hubungkan');
      await sendKeys({ press: 'Enter' });
      await waitUntil(() => aria(picker.focused) === 'button "Putuskan GoPay"', 'focus back on Putuskan');
      expect(aria(picker.question('GOPAY'))).to.equal(null);
      expect(aria(picker.button('Tetap hubungkan'))).to.equal(null);
      expect(kit.requests).to.deep.equal([]);
      expect(picker.el.checkout!.wallets.find((wallet) => wallet.provider === 'GOPAY')!.linked).to.equal(true);
      expect(picker.heard('wallet-unlinked')).to.have.length(0);
    });

    it('offers no Unlink without manage, and none for a wallet that is not linked', async () => {
      const plain = await standalone(await newCheckout('linked'));
      expect(aria(plain.button(plain.names.unlink('GOPAY')))).to.equal(null);
      const picker = await managed('unlinked');
      expect(aria(picker.button(picker.names.unlink('GOPAY')))).to.equal(null);
    });
  });
});
