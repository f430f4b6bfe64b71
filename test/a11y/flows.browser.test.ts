/**
 * The whole checkout by keyboard alone (Tab, Shift+Tab, Enter, Space, Escape through real key presses), in Chromium
 * and Firefox, against the real kit and sandbox, while a recorder (support/live.ts) writes down every live-region
 * announcement and every focus move: each status change must be announced exactly once, in the element's language.
 */
import { expect } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import '../../src/components/wallet-pay/define.js';
import '../../src/components/wallet-picker/define.js';
import { pageNavigation } from '../../src/navigation.js';
import { waitFor } from '../harness/index.js';
import { advanceClock, clearFaults, setFault } from '../helpers/backend.js';
import { focused, tabTo } from './support/focus.js';
import { LiveRecorder } from './support/live.js';
import { newCheckout, payIn, pickerIn, Stage } from './support/stage.js';
import { settle } from './support/checks.js';

const realGo = pageNavigation.go;
const realNow = Date.now;
const realListen = EventTarget.prototype.addEventListener;

/** Listeners the elements add for a pointer going down: activating there would break 2.5.2 (pointer cancellation). */
const downListeners: string[] = [];

/** Moves the page's clock and the sandbox's (the kit's OTP timers follow it) forward together. */
async function later(ms: number, offset: { ms: number }): Promise<void> {
  offset.ms += ms;
  await advanceClock(ms);
}

describe('by keyboard alone, each status announced once', function () {
  this.timeout(60_000);
  let stage: Stage;
  let recorder: LiveRecorder;
  const offset = { ms: 0 };

  beforeEach(() => {
    pageNavigation.go = () => {};
    offset.ms = 0;
    Date.now = () => realNow() + offset.ms;
    downListeners.length = 0;
    EventTarget.prototype.addEventListener = function (this: EventTarget, type: string, ...rest: [never, never?]) {
      if (/^(pointerdown|mousedown|touchstart)$/.test(type) && this instanceof Element) {
        downListeners.push(`${type} on ${(this as Element).localName}`);
      }
      return realListen.call(this, type, ...rest);
    } as typeof EventTarget.prototype.addEventListener;
    stage = new Stage();
    recorder = new LiveRecorder(stage.column);
  });

  afterEach(async () => {
    EventTarget.prototype.addEventListener = realListen;
    recorder.stop();
    stage.remove();
    pageNavigation.go = realGo;
    Date.now = realNow;
    await clearFaults();
  });

  it('<wallet-pay>: links a wallet by OTP (a wrong code, Resend once the wait is over) and pays (2.1.1, 2.2.1, 2.5.2, 3.2.2, 3.3.1, 4.1.3)', async () => {
    const session = await newCheckout('unlinked');
    const pay = await payIn(stage, session);
    await pay.reach('choose');
    stage.before.focus();
    await tabTo('radio "GoPay"');
    await sendKeys({ press: ' ' }); // Space (' ' is the key name CDP and WebDriver BiDi both know)
    await waitFor(() => pay.selected === 'GOPAY', 'Space did not check GoPay');
    // Choosing changes nothing else (3.2.2): the checkout waits for the Pay button.
    expect(pay.state).to.equal('choose');
    await tabTo(/^button "Link GoPay and pay/);
    await sendKeys({ press: 'Enter' });
    await pay.reach('otp');
    const otp = pay.otp!;
    await otp.codeSent();
    expect(focused(), 'focus on the code field once the code is sent').to.equal('textbox "One-time code"');

    await sendKeys({ type: session.testOtp === '999999' ? '888888' : '999999' });
    await sendKeys({ press: 'Enter' });
    await waitFor(() => otp.alert, 'no alert after a wrong code');
    await otp.settled();
    expect(focused(), 'focus back on the code field after a wrong code').to.equal('textbox "One-time code"');

    // The resend wait ends (30 s on the kit's clock): the shopper is told, and Resend takes a new code.
    await later(31_000, offset);
    await waitFor(() => otp.resendButton && !otp.resendButton.disabled, 'Resend never became available');
    await settle(pay.el);
    await tabTo('button "Resend code"');
    await sendKeys({ press: 'Enter' });
    await otp.codeSent();
    expect(focused(), 'focus on the code field once the new code is sent').to.equal('textbox "One-time code"');
    await sendKeys({ type: session.testOtp });
    await sendKeys({ press: 'Enter' });
    await pay.reach('charged');
    await settle(pay.el);
    expect(focused(), 'focus on the outcome').to.equal('heading "Payment complete"');

    expect(recorder.texts).to.deep.equal([
      'Loading your wallets…',
      'Choose an e-wallet.',
      'Enter the code to link GoPay.',
      'Sending the code…',
      'We sent a code to your phone.',
      'Checking…',
      'Wrong code. Try again.',
      '4 attempts left',
      'You can ask for a new code now.',
      'Sending the code…',
      'We sent a code to your phone.',
      'Checking…',
      'Paying…',
    ]);
    expect(recorder.repeats, 'said twice for one key press').to.deep.equal([]);
    expect(downListeners, 'nothing acts when a pointer goes down').to.deep.equal([]);
  });

  it('<wallet-pay> in Indonesian: a failed payment, Back (the wallet kept), Try again, paid (2.1.1, 3.1.2, 3.3.1, 3.3.7, 4.1.3)', async () => {
    const pay = await payIn(stage, await newCheckout('linked'), 'id');
    await pay.reach('choose');
    stage.before.focus();
    await tabTo('radio "GoPay"');
    await sendKeys({ press: ' ' }); // Space (' ' is the key name CDP and WebDriver BiDi both know)
    await tabTo(/^button "Bayar /);
    await setFault({ kind: 'error', path: '/txns', times: 1 });
    await sendKeys({ press: 'Enter' });
    await pay.reach('failed');
    await settle(pay.el);
    expect(focused()).to.equal('heading "Pembayaran gagal"');

    await tabTo('button "Pilih dompet lain"');
    await sendKeys({ press: 'Enter' });
    await pay.reach('choose');
    await settle(pay.el);
    // Redundant entry (3.3.7): the wallet picked before is still picked.
    expect(pay.selected).to.equal('GOPAY');
    await tabTo(/^button "Bayar /);
    await setFault({ kind: 'error', path: '/txns', times: 1 });
    await sendKeys({ press: 'Enter' });
    await pay.reach('failed');
    await settle(pay.el);
    // "Coba lagi" waits for the kit's retryAfter before it can be pressed.
    await waitFor(() => pay.button('Coba lagi') && !pay.button('Coba lagi')!.disabled, '"Coba lagi" never enabled', 10_000);
    await tabTo('button "Coba lagi"');
    await sendKeys({ press: 'Enter' });
    await pay.reach('charged');
    await settle(pay.el);

    expect(recorder.texts).to.deep.equal([
      'Memuat dompet Anda…',
      'Pilih dompet digital.',
      'Membayar…',
      'Layanan pembayaran gagal. Coba lagi.',
      'Membayar…',
      'Layanan pembayaran gagal. Coba lagi.',
      'Membayar…',
    ]);
    expect(recorder.repeats, 'said twice for one key press').to.deep.equal([]);
  });

  it('<wallet-pay>: wallets that failed to load, Try again, then a balance too low: top up offered (2.1.1, 4.1.3)', async () => {
    const session = await newCheckout('low-balance');
    await setFault({ kind: 'error' });
    const pay = await payIn(stage, session);
    await pay.reach('failed');
    await clearFaults();
    await waitFor(() => pay.button('Try again') && !pay.button('Try again')!.disabled, '"Try again" never enabled', 10_000);
    stage.before.focus();
    await tabTo('button "Try again"');
    await sendKeys({ press: 'Enter' });
    await pay.reach('choose');
    await settle(pay.el);
    expect(focused(), 'focus follows to the wallet list').to.equal('paragraph "Choose an e-wallet."');
    await tabTo('radio "GoPay"');
    await sendKeys({ press: ' ' }); // Space (' ' is the key name CDP and WebDriver BiDi both know)
    // Shift+Tab from Pay comes back to the wallet's Refresh button: the order runs both ways.
    await tabTo(/^button "Pay /);
    await tabTo('button "Refresh all"', { back: true });
    await tabTo(/^button "Pay /);
    await sendKeys({ press: 'Enter' });
    await pay.reach('pending');
    await settle(pay.el);
    expect(focused()).to.equal('heading "Top up to finish"');
    await tabTo('button "Top up GoPay"');

    expect(recorder.texts).to.deep.equal([
      'Loading your wallets…',
      'The payment service failed. Try again.',
      'Your wallets could not be loaded.',
      'Loading your wallets…',
      'Paying…',
      'Waiting for your top-up…',
    ]);
    expect(recorder.repeats, 'said twice for one key press').to.deep.equal([]);
  });

  it('<wallet-picker manage>: Unlink asks first, Keep it, Escape changes nothing, Unlink confirmed (2.1.1, 3.3.4, 4.1.3)', async () => {
    const picker = await pickerIn(stage, await newCheckout('linked'), { manage: true });
    await picker.loaded();
    stage.before.focus();
    await tabTo('button "Unlink GoPay"');
    await sendKeys({ press: 'Enter' });
    await waitFor(
      () => focused() === 'button "Keep it"',
      () => `focus is on ${focused()}, not on Keep it`,
    );
    await sendKeys({ press: 'Enter' });
    await waitFor(
      () => focused() === 'button "Unlink GoPay"',
      () => `focus is on ${focused()}, not back on Unlink`,
    );
    expect(picker.el.checkout!.wallets.find((w) => w.provider === 'GOPAY')!.linked).to.equal(true);
    await sendKeys({ press: 'Enter' });
    await waitFor(() => focused() === 'button "Keep it"', 'asked again');
    await sendKeys({ press: 'Escape' });
    expect(focused(), 'Escape moves nothing').to.equal('button "Keep it"');
    await tabTo('button "Unlink GoPay"', { back: true });
    expect(picker.question('GOPAY'), 'the confirming Unlink is inside the question').to.exist;
    await sendKeys({ press: 'Enter' });
    await waitFor(() => picker.heard('wallet-unlinked').length === 1, 'never unlinked');
    await settle(picker.el);
    expect(focused(), 'focus back on the list').to.equal('radio "GoPay"');
    expect(recorder.texts).to.deep.equal(['Loading your wallets…', 'Unlinking…', 'GoPay unlinked.']);
    expect(recorder.repeats, 'said twice for one key press').to.deep.equal([]);
  });
});
