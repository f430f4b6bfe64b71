/**
 * Every state of <wallet-pay> (loading, empty, choose, otp, paying, charged, pending, failed), the standalone
 * <wallet-picker> (its list, and with `manage`: Unlink and its question) and <otp-link>, each reached once against
 * the real kit and sandbox, then checked (support/checks.ts) by axe in English and Indonesian and for what axe cannot
 * see: reflow at 320 px and 400 %, text spacing, target size, focus not obscured, text / boundary / focus-ring
 * visibility in light, dark and forced colours, and the accessible tree against its reviewed snapshot
 * (test/a11y/snapshots) in English and Indonesian.
 */
import '../../src/components/wallet-pay/define.js';
import '../../src/components/wallet-picker/define.js';
import '../../src/components/otp-link/define.js';
import { expect, fixture, html } from '@open-wc/testing';
import { pageNavigation } from '../../src/navigation.js';
import { clearFaults, gopayId, setFault } from '../helpers/backend.js';
import { checkState } from './support/checks.js';
import { holdRequests, newCheckout, otpLinkIn, payIn, pickerIn, stubEmptyCheckout } from './support/stage.js';

const realGo = pageNavigation.go;
before(() => {
  pageNavigation.go = () => {};
});
after(() => {
  pageNavigation.go = realGo;
});

it('axe really looks inside shadow roots (negative control for the axe check of every state)', async () => {
  const host = await fixture<HTMLDivElement>(html`<div></div>`);
  host.attachShadow({ mode: 'open' }).innerHTML = '<button></button>';
  await expect(host).not.to.be.accessible();
});

/** A code that is not the sandbox's. */
const wrong = (otp: string) => (otp === '999999' ? '888888' : '999999');

checkState('wallet-pay', 'loading', async (stage) => {
  const held = holdRequests((method, path) => method === 'GET' && path === '/checkout');
  const pay = await payIn(stage, await newCheckout('linked'));
  if (pay.state !== 'loading') throw new Error(`at ${pay.state}`);
  return { host: pay.el, cleanup: held.restore };
});

checkState('wallet-pay', 'empty', async (stage) => {
  const restore = stubEmptyCheckout();
  const pay = await payIn(stage, { endpoint: '/api/wallet', checkoutToken: 't', orderId: '', amount: 0, currency: 'IDR', testOtp: '' });
  await pay.reach('empty');
  return { host: pay.el, cleanup: restore };
});

checkState('wallet-pay', 'choose', async (stage) => {
  const pay = await payIn(stage, await newCheckout('linked'));
  await pay.pick('GOPAY');
  return { host: pay.el };
});

checkState('wallet-pay', 'otp', async (stage) => {
  const pay = await payIn(stage, await newCheckout('unlinked'));
  await pay.pick('GOPAY');
  await pay.pay();
  await pay.reach('otp');
  await pay.otp!.codeSent();
  return { host: pay.el };
});

checkState('wallet-pay', 'otp after a wrong code', async (stage) => {
  const session = await newCheckout('unlinked');
  const pay = await payIn(stage, session);
  await pay.pick('GOPAY');
  await pay.pay();
  await pay.reach('otp');
  const otp = pay.otp!;
  await otp.codeSent();
  await otp.enterCode(wrong(session.testOtp));
  await otp.settled();
  if (!otp.alert) throw new Error('no alert after a wrong code');
  return { host: pay.el };
});

checkState('wallet-pay', 'paying', async (stage) => {
  const pay = await payIn(stage, await newCheckout('linked'));
  await pay.pick('GOPAY');
  const held = holdRequests((method, path) => method === 'POST' && path === '/pay');
  await pay.pay();
  await pay.reach('paying');
  return { host: pay.el, cleanup: held.restore };
});

checkState('wallet-pay', 'charged', async (stage) => {
  const pay = await payIn(stage, await newCheckout('linked'));
  await pay.pick('GOPAY');
  await pay.pay();
  await pay.reach('charged');
  return { host: pay.el };
});

checkState('wallet-pay', 'pending', async (stage) => {
  const pay = await payIn(stage, await newCheckout('low-balance'));
  await pay.pick('GOPAY');
  await pay.pay();
  await pay.reach('pending');
  return { host: pay.el };
});

checkState('wallet-pay', 'failed (declined)', async (stage) => {
  const pay = await payIn(stage, await newCheckout('declined'));
  await pay.pick('GOPAY');
  await pay.pay();
  await pay.reach('failed');
  return { host: pay.el };
});

checkState('wallet-pay', 'failed (loading)', async (stage) => {
  const session = await newCheckout('linked');
  await setFault({ kind: 'error' });
  const pay = await payIn(stage, session);
  await pay.reach('failed');
  await clearFaults();
  return { host: pay.el };
});

checkState('wallet-picker', 'list', async (stage) => {
  const picker = await pickerIn(stage, await newCheckout('linked'));
  await picker.loaded();
  return { host: picker.el };
});

checkState('wallet-picker', 'manage', async (stage) => {
  const picker = await pickerIn(stage, await newCheckout('linked'), { manage: true });
  await picker.loaded();
  await picker.pick('GOPAY');
  return { host: picker.el };
});

checkState('wallet-picker', 'manage, asking before Unlink', async (stage) => {
  const picker = await pickerIn(stage, await newCheckout('linked'), { manage: true });
  await picker.loaded();
  await picker.unlink('GOPAY');
  return { host: picker.el };
});

checkState('otp-link', 'before sending', async (stage) => {
  const link = await otpLinkIn(stage, await newCheckout('new'), { provider: 'DANA' });
  return { host: link.el };
});

checkState('otp-link', 'code sent', async (stage) => {
  const session = await newCheckout('unlinked');
  const link = await otpLinkIn(stage, session, { walletId: await gopayId(session), autostart: true });
  await link.codeSent();
  return { host: link.el };
});
