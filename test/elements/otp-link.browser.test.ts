import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import { ifDefined } from 'lit/directives/if-defined.js';
import { WalletClient } from '../../src/client.js';
import type { Provider } from '../../src/contract.js';
import '../../src/components/otp-link/define.js';
import { errorMessage } from '../../src/components/shared/i18n.js';
import { advanceClock, clearFaults, gopayId, newCheckout, setFault, type TestCheckout, watchKit } from '../helpers/backend.js';
import { OtpLinkHarness, accessibleName, aria, normalize, paste, roleOf } from '../harness/index.js';

const CODE_FIELD = 'textbox "One-time code"';

const wrongCode = (session: TestCheckout) => (session.testOtp === '999999' ? '888888' : '999999');
const HINT = 'Enter the digits from the SMS.';

function mount(session: TestCheckout, options: { walletId?: string; provider?: Provider; autostart?: boolean }) {
  return OtpLinkHarness.mount(html`<otp-link endpoint=${session.endpoint} checkout-token=${session.checkoutToken}
    locale="en" wallet-id=${ifDefined(options.walletId)} provider=${ifDefined(options.provider)} ?autostart=${options.autostart ?? false}></otp-link>`);
}

/** Waits until the element says the wallet is linked, on the line that takes focus (the live region does not repeat it). */
const linkedShown = (otp: OtpLinkHarness, name: string) =>
  waitUntil(() => normalize(otp.focused?.textContent) === `${name} is linked.`, 'linked', { timeout: 5000 });

describe('<otp-link>', () => {
  let kit: ReturnType<typeof watchKit> | undefined;
  afterEach(async () => {
    kit?.restore();
    kit = undefined;
    await clearFaults();
  });

  describe('when autostart is set', () => {
    it('sends exactly one request, then shows the code input with focus', async () => {
      const session = await newCheckout('unlinked');
      const id = await gopayId(session);
      kit = watchKit();
      const otp = await mount(session, { walletId: id, autostart: true });
      const { el } = otp;
      // start() while the send is in flight joins it instead of sending again.
      const again = el.start();
      await otp.codeSent(5000);
      await again;
      el.locale = 'id';
      await el.updateComplete;
      el.locale = 'en';
      await el.updateComplete;
      expect(kit.requests).to.deep.equal([`POST /wallets/${id}/authenticate`]);
      expect(aria(otp.focused)).to.equal(CODE_FIELD);
      expect(otp.status).to.equal('We sent a code to your phone.');
      expect(otp.text).to.match(/^Link GoPay /);
      await expect(el).to.be.accessible();
    });
  });

  describe('the whole flow', () => {
    it('new customer: Send code creates the wallet, the right code links it, wallet-linked once', async () => {
      const session = await newCheckout('new');
      const otp = await mount(session, { provider: 'DANA' });
      const { el } = otp;
      expect(otp.sendButton).to.exist;
      expect(accessibleName(otp.sendButton!)).to.equal('Send code');
      expect(aria(otp.codeInput)).to.equal(null);
      await expect(el).to.be.accessible();
      kit = watchKit();
      await otp.sendCode();
      expect(otp.sendButton!.disabled, 'disabled while sending').to.equal(true);
      expect(accessibleName(otp.sendButton!)).to.equal('Sending the code…');
      await expect(el).to.be.accessible();
      await otp.codeSent(5000);
      expect(kit.requests).to.deep.equal(['POST /wallets']);
      await otp.type(session.testOtp);
      await sendKeys({ press: 'Enter' });
      await linkedShown(otp, 'DANA');
      await el.updateComplete;
      const linked = otp.heard('wallet-linked');
      expect(linked).to.have.length(1);
      expect(linked[0]!.detail.wallet).to.include({ provider: 'DANA', linked: true });
      expect(linked[0]!.event.bubbles && linked[0]!.event.composed).to.equal(true);
      expect(otp.heard('wallet-error')).to.have.length(0);
      expect(kit.requests).to.deep.equal(['POST /wallets', `POST /wallets/${linked[0]!.detail.wallet.id}/link`]);
      expect(otp.text).to.equal('Link DANA DANA is linked.');
      expect(normalize(otp.focused?.textContent)).to.equal('DANA is linked.');
      // The wallet really is linked on the backend.
      const after = await new WalletClient(session).checkout();
      expect(after.wallets.find((w) => w.provider === 'DANA')).to.include({ linked: true });
      await expect(el).to.be.accessible();
    });

    it('listed, unlinked wallet: authenticate, then link; wallet-linked once', async () => {
      const session = await newCheckout('unlinked');
      const id = await gopayId(session);
      const otp = await mount(session, { walletId: id, autostart: true });
      await otp.codeSent(5000);
      await otp.type(session.testOtp);
      await otp.verify();
      await linkedShown(otp, 'GoPay');
      const linked = otp.heard('wallet-linked');
      expect(linked.map((e) => e.detail.wallet)).to.have.length(1);
      expect(linked[0]!.detail.wallet).to.include({ id, provider: 'GOPAY', linked: true });
      // Nothing more happens afterwards: start() is a no-op once linked.
      await otp.el.start();
      expect(otp.heard('wallet-linked')).to.have.length(1);
    });
  });

  describe('when the code is wrong', () => {
    it('shows the otp_invalid message and the attempts left, clears and refocuses the input', async () => {
      const session = await newCheckout('unlinked');
      const otp = await mount(session, { walletId: await gopayId(session), autostart: true });
      const { el } = otp;
      await otp.codeSent(5000);
      await otp.type(wrongCode(session));
      await sendKeys({ press: 'Enter' });
      await waitUntil(() => /attempts left/.test(otp.codeDescription), 'attempts shown', { timeout: 5000 });
      await otp.settled();
      expect(otp.heard('wallet-error').map((e) => e.detail)).to.deep.equal([
        { code: 'otp_invalid', message: errorMessage('otp_invalid', 'en'), retryable: true },
      ]);
      expect(otp.alert).to.equal(errorMessage('otp_invalid', 'en'));
      // What a screen reader says about the field: the hint, the attempts left, the error.
      expect(otp.codeDescription).to.equal(`${HINT} 4 attempts left ${errorMessage('otp_invalid', 'en')}`);
      expect(otp.codeInput!.getAttribute('aria-invalid')).to.equal('true');
      expect(otp.codeInput!.value).to.equal('');
      expect(aria(otp.focused)).to.equal(CODE_FIELD);
      await expect(el).to.be.accessible();

      // Indonesian at run time: the same state, other words.
      el.locale = 'id';
      await el.updateComplete;
      expect(otp.alert).to.equal(errorMessage('otp_invalid', 'id'));
      expect(otp.codeDescription).to.equal(`Masukkan angka dari SMS. Sisa 4 percobaan ${errorMessage('otp_invalid', 'id')}`);
    });

    it('too many wrong codes: the input is disabled with the attempts-exceeded message', async () => {
      const session = await newCheckout('unlinked');
      const otp = await mount(session, { walletId: await gopayId(session), autostart: true });
      const errors = () => otp.heard('wallet-error');
      await otp.codeSent(5000);
      for (let attempt = 0; attempt < 5 && !otp.codeInput!.disabled; attempt += 1) {
        await otp.type(wrongCode(session));
        await otp.verify();
        await waitUntil(() => errors().length === attempt + 1, `answer to attempt ${attempt + 1}`, { timeout: 5000 });
        await otp.settled();
      }
      expect(errors().map((e) => e.detail.code)).to.deep.equal([
        'otp_invalid',
        'otp_invalid',
        'otp_invalid',
        'otp_invalid',
        'otp_attempts_exceeded',
      ]);
      expect(errors()[4]!.detail.retryable).to.equal(false);
      expect(otp.codeInput!.disabled).to.equal(true);
      expect(otp.verifyButton!.disabled).to.equal(true);
      expect(otp.resendButton!.disabled).to.equal(true);
      expect(otp.alert).to.equal(errorMessage('otp_attempts_exceeded', 'en'));
      expect(otp.codeDescription).to.equal(`${HINT} 0 attempts left ${errorMessage('otp_attempts_exceeded', 'en')}`);
      expect(roleOf(otp.focused!), 'focus on the message').to.equal('alert');
      expect(normalize(otp.focused!.textContent)).to.equal(errorMessage('otp_attempts_exceeded', 'en'));
      await expect(otp.el).to.be.accessible();
      // The three OTP messages are distinct texts.
      expect(new Set(['otp_invalid', 'otp_expired', 'otp_attempts_exceeded'].map((c) => errorMessage(c as never, 'en'))).size).to.equal(3);
    });
  });

  describe('when the code has expired', () => {
    it('shows the expired message, and Resend sends a new code that links', async () => {
      const session = await newCheckout('unlinked');
      const id = await gopayId(session);
      const otp = await mount(session, { walletId: id, autostart: true });
      await otp.codeSent(5000);
      await advanceClock(6 * 60_000);
      await otp.type(session.testOtp);
      await sendKeys({ press: 'Enter' });
      await waitUntil(() => otp.heard('wallet-error').length > 0, 'error', { timeout: 5000 });
      await otp.settled();
      expect(otp.heard('wallet-error').map((e) => e.detail.code)).to.deep.equal(['otp_expired']);
      expect(otp.alert).to.equal(errorMessage('otp_expired', 'en'));
      expect(otp.resendButton!.disabled, 'resend offered at once').to.equal(false);
      expect(aria(otp.focused)).to.equal('button "Resend code"');
      await expect(otp.el).to.be.accessible();

      kit = watchKit();
      await sendKeys({ press: 'Enter' });
      await otp.codeSent(5000);
      expect(kit.requests).to.deep.equal([`POST /wallets/${id}/authenticate`]);
      expect(otp.alert).to.equal(null);
      await otp.type(session.testOtp);
      await sendKeys({ press: 'Enter' });
      await waitUntil(() => otp.heard('wallet-linked').length === 1, 'linked', { timeout: 5000 });
    });
  });

  describe('resend', () => {
    it('shows a live countdown and stays disabled during the cooldown', async () => {
      const session = await newCheckout('unlinked');
      const otp = await mount(session, { walletId: await gopayId(session), autostart: true });
      await otp.codeSent(5000);
      const resend = otp.resendButton!;
      const text = () => normalize(resend.textContent);
      expect(resend.disabled).to.equal(true);
      const first = Number(/^Resend code in (\d+) s$/.exec(text())?.[1]);
      expect(first).to.be.within(25, 30);
      await waitUntil(() => text() !== `Resend code in ${first} s`, 'the countdown moves', { timeout: 2500 });
      // It counts down (by one second, or more on a machine too busy to render every tick).
      const next = Number(/(\d+) s$/.exec(text())?.[1]);
      expect(next).to.be.below(first).and.at.least(1);
      expect(resend.disabled).to.equal(true);
      otp.el.locale = 'id';
      await otp.update();
      expect(text()).to.match(/^Kirim ulang kode dalam \d+ detik$/);
      await expect(otp.el).to.be.accessible();
    });

    it('a failed send shows the error and the Send button retries', async () => {
      const session = await newCheckout('new');
      const otp = await mount(session, { provider: 'OVO' });
      await setFault({ kind: 'error' });
      await otp.sendCode();
      await waitUntil(() => otp.heard('wallet-error').length === 1, 'error', { timeout: 5000 });
      await otp.update();
      expect(otp.heard('wallet-error')[0]!.detail).to.deep.equal({
        code: 'server_error',
        message: errorMessage('server_error', 'en'),
        retryable: true,
      });
      expect(otp.alert).to.equal(errorMessage('server_error', 'en'));
      expect(otp.button('Send code')!.disabled).to.equal(false);
      await expect(otp.el).to.be.accessible();
      await clearFaults();
      await otp.sendCode();
      await otp.codeSent(5000);
      expect(otp.alert).to.equal(null);
    });
  });

  describe('the code input', () => {
    it('is a one-time-code, numeric input with a label', async () => {
      const session = await newCheckout('unlinked');
      const otp = await mount(session, { walletId: await gopayId(session), autostart: true });
      const field = await otp.codeSent(5000);
      expect(field.getAttribute('autocomplete')).to.equal('one-time-code');
      expect(field.getAttribute('inputmode')).to.equal('numeric');
      expect(field.type).to.equal('text');
      expect(roleOf(field)).to.equal('textbox');
      expect(field.labels?.[0] && normalize(field.labels[0].textContent)).to.equal('One-time code');
      expect(accessibleName(field)).to.equal('One-time code');
    });

    it('keeps digits only, and a pasted code ("123 456") lands whole', async () => {
      const session = await newCheckout('unlinked');
      const otp = await mount(session, { walletId: await gopayId(session), autostart: true });
      await otp.codeSent(5000);
      await otp.type('1a2-b3');
      expect(otp.codeInput!.value).to.equal('123');
      // The paste replaces what was typed, not appended to it.
      await paste(otp.codeInput!, ' 654-321 ');
      expect(otp.codeInput!.value).to.equal('654321');
    });

    it('a pasted code can be submitted with Enter and links', async () => {
      const session = await newCheckout('unlinked');
      const otp = await mount(session, { walletId: await gopayId(session), autostart: true });
      await otp.codeSent(5000);
      await paste(otp.codeInput!, `${session.testOtp.slice(0, 3)} ${session.testOtp.slice(3)}`);
      expect(otp.codeInput!.value).to.equal(session.testOtp);
      await sendKeys({ press: 'Enter' });
      await waitUntil(() => otp.heard('wallet-linked').length === 1, 'linked', { timeout: 5000 });
      expect(otp.heard('wallet-linked')[0]!.detail.wallet.linked).to.equal(true);
    });

    it('a code of the wrong length is caught here and never sent', async () => {
      const session = await newCheckout('unlinked');
      const otp = await mount(session, { walletId: await gopayId(session), autostart: true });
      await otp.codeSent(5000);
      kit = watchKit();
      await otp.type('12');
      await sendKeys({ press: 'Enter' });
      await otp.update();
      expect(otp.alert).to.equal('Enter the 4 to 8 digits of the code.');
      expect(kit.requests).to.deep.equal([]);
      await expect(otp.el).to.be.accessible();
    });

    it('a double submit (two clicks and Enter) sends one link request', async () => {
      const session = await newCheckout('unlinked');
      const id = await gopayId(session);
      const otp = await mount(session, { walletId: id, autostart: true });
      await otp.codeSent(5000);
      await otp.type(session.testOtp);
      kit = watchKit();
      const verify = otp.verifyButton!;
      verify.click();
      verify.click();
      otp.codeInput!.form!.requestSubmit();
      await otp.update();
      expect(verify.disabled, 'Verify is disabled while checking').to.equal(true);
      await expect(otp.el).to.be.accessible();
      await waitUntil(() => otp.heard('wallet-linked').length === 1, 'linked', { timeout: 5000 });
      expect(kit.requests).to.deep.equal([`POST /wallets/${id}/link`]);
    });

    it('the code never stays in the DOM or in an event after it is submitted', async () => {
      const session = await newCheckout('unlinked');
      const otp = await mount(session, { walletId: await gopayId(session), autostart: true });
      const seen = () => otp.events.filter((e) => e.type === 'wallet-error' || e.type === 'wallet-linked').map((e) => e.detail);
      await otp.codeSent(5000);
      const wrong = wrongCode(session);
      const markup = () => document.documentElement.outerHTML + otp.el.shadowRoot!.innerHTML;

      await otp.type(wrong);
      expect(markup()).to.not.include(wrong);
      await sendKeys({ press: 'Enter' });
      expect(otp.codeInput!.value, 'emptied on submit').to.equal('');
      await otp.settled();
      expect(otp.codeInput!.value).to.equal('');
      expect(markup()).to.not.include(wrong);

      await otp.type(session.testOtp);
      await sendKeys({ press: 'Enter' });
      await linkedShown(otp, 'GoPay');
      expect(markup()).to.not.include(session.testOtp);
      expect(JSON.stringify(seen())).to.not.include(wrong).and.not.include(session.testOtp);
      expect(seen()).to.have.length(2);
    });
  });

  describe('by keyboard alone', () => {
    it('Tab to Send, Enter, type the code, Enter: linked, focus followed along', async () => {
      const session = await newCheckout('new');
      const wrapper = await fixture<HTMLDivElement>(html`<div>
        <button id="before">before</button>
        <otp-link endpoint=${session.endpoint} checkout-token=${session.checkoutToken} locale="en" provider="SHOPEEPAY"></otp-link>
      </div>`);
      const otp = new OtpLinkHarness(wrapper.querySelector('otp-link')!);
      wrapper.querySelector<HTMLButtonElement>('#before')!.focus();
      await sendKeys({ press: 'Tab' });
      expect(aria(otp.focused)).to.equal('button "Send code"');
      await sendKeys({ press: 'Enter' });
      await otp.codeSent(5000);
      expect(aria(otp.focused), 'focus moved to the input').to.equal(CODE_FIELD);
      await sendKeys({ type: wrongCode(session) });
      await sendKeys({ press: 'Enter' });
      await waitUntil(() => /attempts left/.test(otp.codeDescription), 'wrong code answered', { timeout: 5000 });
      await otp.settled();
      expect(aria(otp.focused), 'back in the input after a wrong code').to.equal(CODE_FIELD);
      // Tab order inside: input -> Verify -> (Resend is disabled during the cooldown, so skipped).
      await sendKeys({ press: 'Tab' });
      expect(aria(otp.focused)).to.equal('button "Verify"');
      await sendKeys({ down: 'Shift' });
      await sendKeys({ press: 'Tab' });
      await sendKeys({ up: 'Shift' });
      expect(aria(otp.focused)).to.equal(CODE_FIELD);
      await sendKeys({ type: session.testOtp });
      await sendKeys({ press: 'Enter' });
      await waitUntil(() => otp.heard('wallet-linked').length === 1, 'linked', { timeout: 5000 });
      expect(otp.heard('wallet-linked')[0]!.detail.wallet).to.include({ provider: 'SHOPEEPAY', linked: true });
    });
  });

  describe('when the backend answers for another wallet', () => {
    it('a code sent for another provider than the one asked: wallet-error invalid_response, no code step, no wallet-linked', async () => {
      const session = await newCheckout('new');
      const realFetch = window.fetch;
      window.fetch = async (input: RequestInfo | URL, init?: RequestInit) => {
        const response = await realFetch.call(window, input, init);
        if (!String(input).endsWith('/wallets') || init?.method !== 'POST') return response;
        // The kit's real answer, with another provider in it (a backend mixing up its customers' requests).
        const body = await response.json();
        return Response.json({ ...body, wallet: { ...body.wallet, provider: 'OVO' } });
      };
      try {
        const otp = await mount(session, { provider: 'DANA' });
        await otp.sendCode();
        await waitUntil(() => otp.heard('wallet-error').length === 1, 'error', { timeout: 5000 });
        expect(otp.heard('wallet-error')[0]!.detail.code).to.equal('invalid_response');
        expect(aria(otp.codeInput)).to.equal(null);
        expect(otp.heard('wallet-linked')).to.have.length(0);
      } finally {
        window.fetch = realFetch;
      }
    });
  });

  describe('when the kit asks to wait (rate_limited with retryAfter)', () => {
    it('the Resend button counts down to exactly when the kit will accept a new code', async () => {
      const session = await newCheckout('unlinked');
      const walletId = await gopayId(session);
      const realFetch = window.fetch;
      let sends = 0;
      window.fetch = async (input: RequestInfo | URL, init?: RequestInit) => {
        if (!String(input).endsWith(`/wallets/${walletId}/authenticate`)) return realFetch.call(window, input, init);
        sends += 1;
        // The first code may be resent at once; the resend is refused for 20 s (another tab used the budget).
        if (sends === 1) {
          const body = await (await realFetch.call(window, input, init)).json();
          return Response.json({ ...body, otp: { ...body.otp, resendAfter: 0 } });
        }
        return Response.json(
          { error: { code: 'rate_limited', message: 'Wait', retryAfter: 20 } },
          { status: 429, headers: { 'retry-after': '20' } },
        );
      };
      try {
        const otp = await mount(session, { walletId, autostart: true });
        await otp.codeSent(5000);
        const resend = otp.resendButton!;
        const text = () => normalize(resend.textContent);
        await waitUntil(() => !resend.disabled, 'resend enabled');
        await otp.resend();
        await waitUntil(() => sends === 2 && /^Resend code in \d+ s$/.test(text()), 'counting down', { timeout: 3000 });
        expect(Number(/(\d+) s$/.exec(text())?.[1])).to.be.within(18, 20);
        expect(resend.disabled).to.equal(true);
      } finally {
        window.fetch = realFetch;
      }
    });
  });
});
