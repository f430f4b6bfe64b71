import { expect, fixture, html, oneEvent, waitUntil } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import { ifDefined } from 'lit/directives/if-defined.js';
import { WalletClient } from '../../src/client.js';
import type { Provider } from '../../src/contract.js';
import '../../src/components/otp-link/define.js';
import type { OtpLink } from '../../src/components/otp-link/otp-link.js';
import type { WalletErrorEvent, WalletLinkedEvent } from '../../src/events.js';
import { errorMessage } from '../../src/components/shared/i18n.js';
import { advanceClock, clearFaults, newCheckout, setFault, type TestCheckout, watchKit } from '../helpers/backend.js';

const part = <T extends HTMLElement = HTMLElement>(el: OtpLink, name: string) =>
  el.shadowRoot!.querySelector<T>(`[part~="${name}"]`);
const input = (el: OtpLink) => part<HTMLInputElement>(el, 'input')!;
const button = (el: OtpLink, name: string) => part<HTMLButtonElement>(el, name)!;
const text = (node: Element | null) => (node?.textContent ?? '').replace(/\s+/g, ' ').trim();
const wrongCode = (session: TestCheckout) => (session.testOtp === '999999' ? '888888' : '999999');

function collect<K extends 'wallet-linked' | 'wallet-error'>(el: HTMLElement, type: K) {
  const events: (K extends 'wallet-linked' ? WalletLinkedEvent : WalletErrorEvent)[] = [];
  el.addEventListener(type, (event) => events.push(event as never));
  return events;
}

/** The id of the persona's listed GOPAY wallet. */
async function gopayId(session: TestCheckout): Promise<string> {
  return (await new WalletClient(session).checkout()).wallets.find((w) => w.provider === 'GOPAY')!.id;
}

async function mount(session: TestCheckout, options: { walletId?: string; provider?: Provider; autostart?: boolean }) {
  const el = await fixture<OtpLink>(html`<otp-link endpoint=${session.endpoint} checkout-token=${session.checkoutToken}
    locale="en" wallet-id=${ifDefined(options.walletId)} provider=${ifDefined(options.provider)} ?autostart=${options.autostart ?? false}></otp-link>`);
  return el;
}

/** Waits for the code input (the code was sent). */
async function codeSent(el: OtpLink): Promise<void> {
  await waitUntil(() => part(el, 'input') && !button(el, 'verify').disabled, 'the code input did not appear', { timeout: 5000 });
  await el.updateComplete;
}

/** Waits until no request is in flight (Verify is enabled again, or the element moved on). */
async function settled(el: OtpLink): Promise<void> {
  await waitUntil(() => !part(el, 'verify') || text(part(el, 'verify')) === 'Verify', 'still busy', { timeout: 5000 });
  await el.updateComplete;
}

/**
 * Pastes `value` into the code input with a real, trusted clipboard round trip (type it elsewhere, Ctrl+C, focus
 * the input, Ctrl+V): Firefox hands a synthetic ClipboardEvent an empty clipboard, so only this is faithful.
 */
async function paste(el: OtpLink, value: string): Promise<void> {
  const source = document.createElement('input');
  document.body.append(source);
  source.focus();
  await sendKeys({ type: value });
  source.select();
  await sendKeys({ down: 'Control' });
  await sendKeys({ press: 'c' });
  await sendKeys({ up: 'Control' });
  source.remove();
  input(el).focus();
  await sendKeys({ down: 'Control' });
  await sendKeys({ press: 'v' });
  await sendKeys({ up: 'Control' });
}

/** Types a code into the input as a shopper would (key by key). */
async function typeCode(el: OtpLink, code: string): Promise<void> {
  input(el).focus();
  await sendKeys({ type: code });
}

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
      const el = await mount(session, { walletId: id, autostart: true });
      // start() while the send is in flight joins it instead of sending again.
      const again = el.start();
      await codeSent(el);
      await again;
      el.locale = 'id';
      await el.updateComplete;
      el.locale = 'en';
      await el.updateComplete;
      expect(kit.requests).to.deep.equal([`POST /wallets/${id}/authenticate`]);
      expect(el.shadowRoot!.activeElement).to.equal(input(el));
      expect(text(part(el, 'status'))).to.equal('We sent a code to your phone.');
      expect(text(part(el, 'title'))).to.equal('Link GoPay');
      await expect(el).to.be.accessible();
    });
  });

  describe('the whole flow', () => {
    it('new customer: Send code creates the wallet, the right code links it, wallet-linked once', async () => {
      const session = await newCheckout('new');
      const el = await mount(session, { provider: 'DANA' });
      expect(text(button(el, 'send'))).to.equal('Send code');
      expect(part(el, 'input')).to.equal(null);
      await expect(el).to.be.accessible();
      const linked = collect(el, 'wallet-linked');
      const errors = collect(el, 'wallet-error');
      kit = watchKit();
      button(el, 'send').click();
      await el.updateComplete;
      expect(button(el, 'send').disabled, 'disabled while sending').to.equal(true);
      expect(text(button(el, 'send'))).to.equal('Sending the code…');
      await expect(el).to.be.accessible();
      await codeSent(el);
      expect(kit.requests).to.deep.equal(['POST /wallets']);
      await typeCode(el, session.testOtp);
      await sendKeys({ press: 'Enter' });
      await waitUntil(() => part(el, 'done'), 'linked', { timeout: 5000 });
      await el.updateComplete;
      expect(linked).to.have.length(1);
      expect(linked[0]!.detail.wallet).to.include({ provider: 'DANA', linked: true });
      expect(linked[0]!.bubbles && linked[0]!.composed).to.equal(true);
      expect(errors).to.have.length(0);
      expect(kit.requests).to.deep.equal(['POST /wallets', `POST /wallets/${linked[0]!.detail.wallet.id}/link`]);
      expect(text(part(el, 'done'))).to.equal('DANA is linked.');
      expect(el.shadowRoot!.activeElement).to.equal(part(el, 'done'));
      // The wallet really is linked on the backend.
      const after = await new WalletClient(session).checkout();
      expect(after.wallets.find((w) => w.provider === 'DANA')).to.include({ linked: true });
      await expect(el).to.be.accessible();
    });

    it('listed, unlinked wallet: authenticate, then link; wallet-linked once', async () => {
      const session = await newCheckout('unlinked');
      const id = await gopayId(session);
      const el = await mount(session, { walletId: id, autostart: true });
      const linked = collect(el, 'wallet-linked');
      await codeSent(el);
      await typeCode(el, session.testOtp);
      button(el, 'verify').click();
      await waitUntil(() => part(el, 'done'), 'linked', { timeout: 5000 });
      expect(linked.map((e) => e.detail.wallet)).to.have.length(1);
      expect(linked[0]!.detail.wallet).to.include({ id, provider: 'GOPAY', linked: true });
      // Nothing more happens afterwards: start() is a no-op once linked.
      await el.start();
      expect(linked).to.have.length(1);
    });
  });

  describe('when the code is wrong', () => {
    it('shows the otp_invalid message and the attempts left, clears and refocuses the input', async () => {
      const session = await newCheckout('unlinked');
      const el = await mount(session, { walletId: await gopayId(session), autostart: true });
      const errors = collect(el, 'wallet-error');
      await codeSent(el);
      await typeCode(el, wrongCode(session));
      await sendKeys({ press: 'Enter' });
      await waitUntil(() => part(el, 'attempts'), 'attempts shown', { timeout: 5000 });
      await settled(el);
      expect(errors.map((e) => e.detail)).to.deep.equal([
        { code: 'otp_invalid', message: errorMessage('otp_invalid', 'en'), retryable: true },
      ]);
      expect(text(part(el, 'error'))).to.equal(errorMessage('otp_invalid', 'en'));
      expect(part(el, 'error')!.getAttribute('role')).to.equal('alert');
      expect(text(part(el, 'attempts'))).to.equal('4 attempts left');
      expect(input(el).getAttribute('aria-invalid')).to.equal('true');
      expect(input(el).getAttribute('aria-describedby')).to.include('attempts').and.include('error');
      expect(input(el).value).to.equal('');
      expect(el.shadowRoot!.activeElement).to.equal(input(el));
      await expect(el).to.be.accessible();

      // Indonesian at run time: the same state, other words.
      el.locale = 'id';
      await el.updateComplete;
      expect(text(part(el, 'error'))).to.equal(errorMessage('otp_invalid', 'id'));
      expect(text(part(el, 'attempts'))).to.equal('Sisa 4 percobaan');
    });

    it('too many wrong codes: the input is disabled with the attempts-exceeded message', async () => {
      const session = await newCheckout('unlinked');
      const el = await mount(session, { walletId: await gopayId(session), autostart: true });
      const errors = collect(el, 'wallet-error');
      await codeSent(el);
      for (let attempt = 0; attempt < 5 && !input(el).disabled; attempt += 1) {
        await typeCode(el, wrongCode(session));
        button(el, 'verify').click();
        await waitUntil(() => errors.length === attempt + 1, `answer to attempt ${attempt + 1}`, { timeout: 5000 });
        await settled(el);
      }
      expect(errors.map((e) => e.detail.code)).to.deep.equal([
        'otp_invalid',
        'otp_invalid',
        'otp_invalid',
        'otp_invalid',
        'otp_attempts_exceeded',
      ]);
      expect(errors[4]!.detail.retryable).to.equal(false);
      expect(input(el).disabled).to.equal(true);
      expect(button(el, 'verify').disabled).to.equal(true);
      expect(button(el, 'resend').disabled).to.equal(true);
      expect(text(part(el, 'error'))).to.equal(errorMessage('otp_attempts_exceeded', 'en'));
      expect(text(part(el, 'attempts'))).to.equal('0 attempts left');
      expect(el.shadowRoot!.activeElement, 'focus on the message').to.equal(part(el, 'error'));
      await expect(el).to.be.accessible();
      // The three OTP messages are distinct texts.
      expect(new Set(['otp_invalid', 'otp_expired', 'otp_attempts_exceeded'].map((c) => errorMessage(c as never, 'en'))).size).to.equal(3);
    });
  });

  describe('when the code has expired', () => {
    it('shows the expired message, and Resend sends a new code that links', async () => {
      const session = await newCheckout('unlinked');
      const id = await gopayId(session);
      const el = await mount(session, { walletId: id, autostart: true });
      const errors = collect(el, 'wallet-error');
      const linked = collect(el, 'wallet-linked');
      await codeSent(el);
      await advanceClock(6 * 60_000);
      await typeCode(el, session.testOtp);
      await sendKeys({ press: 'Enter' });
      await waitUntil(() => errors.length > 0, 'error', { timeout: 5000 });
      await settled(el);
      expect(errors.map((e) => e.detail.code)).to.deep.equal(['otp_expired']);
      expect(text(part(el, 'error'))).to.equal(errorMessage('otp_expired', 'en'));
      expect(button(el, 'resend').disabled, 'resend offered at once').to.equal(false);
      expect(el.shadowRoot!.activeElement).to.equal(button(el, 'resend'));
      await expect(el).to.be.accessible();

      kit = watchKit();
      await sendKeys({ press: 'Enter' });
      await codeSent(el);
      expect(kit.requests).to.deep.equal([`POST /wallets/${id}/authenticate`]);
      expect(part(el, 'error')).to.equal(null);
      await typeCode(el, session.testOtp);
      await sendKeys({ press: 'Enter' });
      await waitUntil(() => linked.length === 1, 'linked', { timeout: 5000 });
    });
  });

  describe('resend', () => {
    it('shows a live countdown and stays disabled during the cooldown', async () => {
      const session = await newCheckout('unlinked');
      const el = await mount(session, { walletId: await gopayId(session), autostart: true });
      await codeSent(el);
      const resend = button(el, 'resend');
      expect(resend.disabled).to.equal(true);
      const first = Number(/^Resend code in (\d+) s$/.exec(text(resend))?.[1]);
      expect(first).to.be.within(25, 30);
      await waitUntil(() => text(resend) !== `Resend code in ${first} s`, 'the countdown moves', { timeout: 2500 });
      // It counts down (by one second, or more on a machine too busy to render every tick).
      const next = Number(/(\d+) s$/.exec(text(resend))?.[1]);
      expect(next).to.be.below(first).and.at.least(1);
      expect(resend.disabled).to.equal(true);
      el.locale = 'id';
      await el.updateComplete;
      expect(text(resend)).to.match(/^Kirim ulang kode dalam \d+ detik$/);
      await expect(el).to.be.accessible();
    });

    it('a failed send shows the error and the Send button retries', async () => {
      const session = await newCheckout('new');
      const el = await mount(session, { provider: 'OVO' });
      const errors = collect(el, 'wallet-error');
      await setFault({ kind: 'error' });
      button(el, 'send').click();
      await waitUntil(() => errors.length === 1, 'error', { timeout: 5000 });
      await el.updateComplete;
      expect(errors[0]!.detail).to.deep.equal({ code: 'server_error', message: errorMessage('server_error', 'en'), retryable: true });
      expect(text(part(el, 'error'))).to.equal(errorMessage('server_error', 'en'));
      expect(button(el, 'send').disabled).to.equal(false);
      await expect(el).to.be.accessible();
      await clearFaults();
      button(el, 'send').click();
      await codeSent(el);
      expect(part(el, 'error')).to.equal(null);
    });
  });

  describe('the code input', () => {
    it('is a one-time-code, numeric input with a label', async () => {
      const session = await newCheckout('unlinked');
      const el = await mount(session, { walletId: await gopayId(session), autostart: true });
      await codeSent(el);
      const field = input(el);
      expect(field.getAttribute('autocomplete')).to.equal('one-time-code');
      expect(field.getAttribute('inputmode')).to.equal('numeric');
      expect(field.type).to.equal('text');
      expect(field.labels?.[0] && text(field.labels[0])).to.equal('One-time code');
    });

    it('keeps digits only, and a pasted code ("123 456") lands whole', async () => {
      const session = await newCheckout('unlinked');
      const el = await mount(session, { walletId: await gopayId(session), autostart: true });
      await codeSent(el);
      await typeCode(el, '1a2-b3');
      expect(input(el).value).to.equal('123');
      // The paste replaces what was typed, not appended to it.
      await paste(el, ' 654-321 ');
      expect(input(el).value).to.equal('654321');
    });

    it('a pasted code can be submitted with Enter and links', async () => {
      const session = await newCheckout('unlinked');
      const el = await mount(session, { walletId: await gopayId(session), autostart: true });
      await codeSent(el);
      await paste(el, `${session.testOtp.slice(0, 3)} ${session.testOtp.slice(3)}`);
      expect(input(el).value).to.equal(session.testOtp);
      const linked = oneEvent(el, 'wallet-linked');
      await sendKeys({ press: 'Enter' });
      expect((await linked).detail.wallet.linked).to.equal(true);
    });

    it('a code of the wrong length is caught here and never sent', async () => {
      const session = await newCheckout('unlinked');
      const el = await mount(session, { walletId: await gopayId(session), autostart: true });
      await codeSent(el);
      kit = watchKit();
      await typeCode(el, '12');
      await sendKeys({ press: 'Enter' });
      await el.updateComplete;
      expect(text(part(el, 'error'))).to.equal('Enter the 4 to 8 digits of the code.');
      expect(kit.requests).to.deep.equal([]);
      await expect(el).to.be.accessible();
    });

    it('a double submit (two clicks and Enter) sends one link request', async () => {
      const session = await newCheckout('unlinked');
      const id = await gopayId(session);
      const el = await mount(session, { walletId: id, autostart: true });
      await codeSent(el);
      const linked = collect(el, 'wallet-linked');
      await typeCode(el, session.testOtp);
      kit = watchKit();
      const verify = button(el, 'verify');
      verify.click();
      verify.click();
      part<HTMLFormElement>(el, 'form')!.requestSubmit();
      await el.updateComplete;
      expect(verify.disabled, 'Verify is disabled while checking').to.equal(true);
      await expect(el).to.be.accessible();
      await waitUntil(() => linked.length === 1, 'linked', { timeout: 5000 });
      expect(kit.requests).to.deep.equal([`POST /wallets/${id}/link`]);
    });

    it('the code never stays in the DOM or in an event after it is submitted', async () => {
      const session = await newCheckout('unlinked');
      const el = await mount(session, { walletId: await gopayId(session), autostart: true });
      const seen: unknown[] = [];
      for (const type of ['wallet-error', 'wallet-linked'] as const) el.addEventListener(type, (e) => seen.push(e.detail));
      await codeSent(el);
      const wrong = wrongCode(session);
      const markup = () => document.documentElement.outerHTML + el.shadowRoot!.innerHTML;

      await typeCode(el, wrong);
      expect(markup()).to.not.include(wrong);
      await sendKeys({ press: 'Enter' });
      expect(input(el).value, 'emptied on submit').to.equal('');
      await settled(el);
      expect(input(el).value).to.equal('');
      expect(markup()).to.not.include(wrong);

      await typeCode(el, session.testOtp);
      await sendKeys({ press: 'Enter' });
      await waitUntil(() => part(el, 'done'), 'linked', { timeout: 5000 });
      expect(markup()).to.not.include(session.testOtp);
      expect(JSON.stringify(seen)).to.not.include(wrong).and.not.include(session.testOtp);
      expect(seen).to.have.length(2);
    });
  });

  describe('by keyboard alone', () => {
    it('Tab to Send, Enter, type the code, Enter: linked, focus followed along', async () => {
      const session = await newCheckout('new');
      const wrapper = await fixture<HTMLDivElement>(html`<div>
        <button id="before">before</button>
        <otp-link endpoint=${session.endpoint} checkout-token=${session.checkoutToken} locale="en" provider="SHOPEEPAY"></otp-link>
      </div>`);
      const el = wrapper.querySelector('otp-link')!;
      const linked = collect(el, 'wallet-linked');
      wrapper.querySelector<HTMLButtonElement>('#before')!.focus();
      await sendKeys({ press: 'Tab' });
      expect(el.shadowRoot!.activeElement).to.equal(button(el, 'send'));
      await sendKeys({ press: 'Enter' });
      await codeSent(el);
      expect(el.shadowRoot!.activeElement, 'focus moved to the input').to.equal(input(el));
      await sendKeys({ type: wrongCode(session) });
      await sendKeys({ press: 'Enter' });
      await waitUntil(() => part(el, 'attempts'), 'wrong code answered', { timeout: 5000 });
      await settled(el);
      expect(el.shadowRoot!.activeElement, 'back in the input after a wrong code').to.equal(input(el));
      // Tab order inside: input -> Verify -> (Resend is disabled during the cooldown, so skipped).
      await sendKeys({ press: 'Tab' });
      expect(el.shadowRoot!.activeElement).to.equal(button(el, 'verify'));
      await sendKeys({ down: 'Shift' });
      await sendKeys({ press: 'Tab' });
      await sendKeys({ up: 'Shift' });
      expect(el.shadowRoot!.activeElement).to.equal(input(el));
      await sendKeys({ type: session.testOtp });
      await sendKeys({ press: 'Enter' });
      await waitUntil(() => linked.length === 1, 'linked', { timeout: 5000 });
      expect(linked[0]!.detail.wallet).to.include({ provider: 'SHOPEEPAY', linked: true });
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
        const el = await mount(session, { provider: 'DANA' });
        const errors = collect(el, 'wallet-error');
        const linked = collect(el, 'wallet-linked');
        button(el, 'send').click();
        await waitUntil(() => errors.length === 1, 'error', { timeout: 5000 });
        expect(errors[0]!.detail.code).to.equal('invalid_response');
        expect(part(el, 'input')).to.equal(null);
        expect(linked).to.have.length(0);
      } finally {
        window.fetch = realFetch;
      }
    });
  });

  describe("when the kit asks to wait (rate_limited with retryAfter)", () => {
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
        return Response.json({ error: { code: 'rate_limited', message: 'Wait', retryAfter: 20 } }, { status: 429, headers: { 'retry-after': '20' } });
      };
      try {
        const el = await mount(session, { walletId, autostart: true });
        await codeSent(el);
        const resend = button(el, 'resend');
        await waitUntil(() => !resend.disabled, 'resend enabled');
        resend.click();
        await waitUntil(() => sends === 2 && /^Resend code in \d+ s$/.test(text(resend)), 'counting down', { timeout: 3000 });
        expect(Number(/(\d+) s$/.exec(text(resend))?.[1])).to.be.within(18, 20);
        expect(resend.disabled).to.equal(true);
      } finally {
        window.fetch = realFetch;
      }
    });
  });
});
