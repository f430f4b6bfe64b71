/**
 * The one-time code step as WCAG 2.2 asks of an authentication step and of a time limit, in Chromium and Firefox,
 * against the real kit and sandbox: the field is a labelled one-time-code field that the browser can fill and the
 * shopper can paste into (no transcription needed, 3.3.8), a wrong format is said in words (3.3.1), the resend
 * wait is shown and ends with an announcement, and a code that outlives the provider's limit is said to have
 * expired with the way to a new one, nothing else lost (2.2.1).
 */
import { expect } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import '../../src/components/otp-link/define.js';
import { normalize, paste, waitFor } from '../harness/index.js';
import { advanceClock, clearFaults, gopayId, newCheckout } from '../helpers/backend.js';
import { focused } from './support/focus.js';
import { LiveRecorder } from './support/live.js';
import { otpLinkIn, Stage } from './support/stage.js';
import { settle } from './support/checks.js';

const realNow = Date.now;

describe('<otp-link>: the one-time code', function () {
  this.timeout(60_000);
  let stage: Stage;
  const offset = { ms: 0 };

  beforeEach(() => {
    offset.ms = 0;
    Date.now = () => realNow() + offset.ms;
    stage = new Stage();
  });

  afterEach(async () => {
    stage.remove();
    Date.now = realNow;
    await clearFaults();
  });

  it('is a labelled one-time-code field the browser can fill; a code pasted as an SMS shows it ("123 456") lands whole and links (1.3.5, 3.3.2, 3.3.8)', async () => {
    const session = await newCheckout('unlinked');
    const otp = await otpLinkIn(stage, session, { walletId: await gopayId(session), autostart: true });
    const field = await otp.codeSent();
    // The attribute: Firefox reflects only the tokens it implements in the `autocomplete` property.
    expect(field.getAttribute('autocomplete'), 'autocomplete').to.equal('one-time-code');
    expect(field.inputMode, 'inputmode').to.equal('numeric');
    // A text field, not type=number: a code may start with 0 and is never a quantity.
    expect(field.type).to.equal('text');
    expect(normalize(field.labels?.[0]?.textContent), 'a visible label').to.equal('One-time code');
    expect(otp.codeDescription, 'instructions tied to the field').to.equal('Enter the digits from the SMS.');

    const spaced = `${session.testOtp.slice(0, 3)} ${session.testOtp.slice(3)}`;
    await paste(field, spaced);
    expect(field.value, 'pasted, digits only').to.equal(session.testOtp);
    await sendKeys({ press: 'Enter' });
    await waitFor(() => otp.heard('wallet-linked').length === 1, 'the pasted code did not link');
  });

  it('says a code of the wrong length in words, marks the field invalid and keeps focus on it (3.3.1, 3.3.3)', async () => {
    const session = await newCheckout('unlinked');
    const otp = await otpLinkIn(stage, session, { walletId: await gopayId(session), autostart: true });
    const field = await otp.codeSent();
    field.focus();
    await sendKeys({ type: '12' });
    await sendKeys({ press: 'Enter' });
    await waitFor(() => otp.alert, 'no alert for a short code');
    expect(otp.alert).to.equal('Enter the 4 to 8 digits of the code.');
    expect(field.getAttribute('aria-invalid')).to.equal('true');
    expect(otp.codeDescription).to.contain('Enter the 4 to 8 digits of the code.');
    expect(focused()).to.equal('textbox "One-time code"');
  });

  it('shows the resend wait, says when it is over, and an expired code leads to a new one with nothing lost (2.2.1)', async () => {
    const session = await newCheckout('unlinked');
    const recorder = new LiveRecorder(stage.column);
    try {
      const otp = await otpLinkIn(stage, session, { walletId: await gopayId(session), autostart: true });
      const field = await otp.codeSent();
      // The wait is not a limit on the shopper: it is shown on the button, and the field and Verify work meanwhile.
      expect(normalize(otp.resendButton!.textContent)).to.match(/^Resend code in \d+ s$/);
      expect(otp.resendButton!.disabled).to.equal(true);
      expect(field.disabled || field.readOnly).to.equal(false);
      expect(otp.verifyButton!.disabled).to.equal(false);

      // The provider's code lives 5 minutes (its limit, not ours): 6 minutes later the shopper types it anyway.
      offset.ms += 6 * 60_000;
      await advanceClock(6 * 60_000);
      await waitFor(() => otp.resendButton && !otp.resendButton.disabled, 'Resend never became available');
      await settle(otp.el);
      field.focus();
      await sendKeys({ type: session.testOtp });
      await sendKeys({ press: 'Enter' });
      await waitFor(() => otp.alert, 'no alert for an expired code');
      expect(otp.alert).to.equal('Code expired. Send a new one.');
      // Focus goes to the way out, which works at once.
      await waitFor(
        () => focused() === 'button "Resend code"',
        () => `focus is on ${focused()}`,
      );
      await sendKeys({ press: 'Enter' });
      await otp.codeSent();
      expect(focused()).to.equal('textbox "One-time code"');
      await sendKeys({ type: session.testOtp });
      await sendKeys({ press: 'Enter' });
      await waitFor(() => otp.heard('wallet-linked').length === 1, 'the new code did not link');
      await settle(otp.el);
      expect(recorder.texts).to.deep.equal([
        'Sending the code…',
        'We sent a code to your phone.',
        'You can ask for a new code now.',
        'Checking…',
        'Code expired. Send a new one.',
        'Sending the code…',
        'We sent a code to your phone.',
        'Checking…',
      ]);
      expect(focused(), 'focus on the outcome, which says it').to.equal('paragraph "GoPay is linked."');
      expect(recorder.repeats).to.deep.equal([]);
    } finally {
      recorder.stop();
    }
  });
});
