/**
 * The machine behind <otp-link> (src/components/otp-link/flow.ts), in node: the pure reducer's transitions, then the
 * runner with a fake client (one request at a time, the AbortSignal it hands the client, answers dropped on reset).
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { OtpChallenge, Wallet } from '../../src/contract.js';
import { WalletError } from '../../src/errors.js';
import {
  initialLinkState,
  isLocked,
  LinkFlow,
  reduce,
  type LinkAction,
  type LinkFocus,
  type LinkOutput,
  type LinkState,
  type LinkStep,
} from '../../src/components/otp-link/flow.js';

const NOW = 1_700_000_000_000;
const listed: Wallet = { id: 'wlt_gopay01', provider: 'GOPAY', linked: false, balance: null, balanceUpdatedAt: null };
const linkedWallet: Wallet = { ...listed, linked: true, balance: 50_000, balanceUpdatedAt: '2026-01-01T00:00:00Z' };
const challenge = (otp: Partial<OtpChallenge['otp']> = {}, wallet: Wallet = listed): OtpChallenge => ({
  wallet,
  otp: { attemptsLeft: 5, resendsLeft: 3, resendAfter: 30, ...otp },
});

/** Applies actions in turn from `state`; every one must be accepted. Returns the last step. */
function run(state: LinkState, ...actions: LinkAction[]): LinkStep {
  let step: LinkStep = { state };
  for (const action of actions) {
    const next = reduce(step.state, action);
    assert.ok(next, `${action.type} was ignored in ${JSON.stringify(step.state)}`);
    step = next;
  }
  return step;
}

/** A wallet listed but not linked, its code sent: the shopper types it now. */
const codeStep = (otp?: Partial<OtpChallenge['otp']>) =>
  run(initialLinkState, { type: 'send', walletId: listed.id }, { type: 'sent', challenge: challenge(otp), now: NOW }).state;

const wrong = (attemptsLeft?: number) => new WalletError('otp_invalid', 'wrong', 400, attemptsLeft);

describe('otp-link flow: reduce', () => {
  describe('send', () => {
    test('to a listed wallet: authenticate it, busy sending, the last error cleared', () => {
      const failed = { ...initialLinkState, error: new WalletError('network') };
      const step = run(failed, { type: 'send', walletId: listed.id, provider: 'GOPAY' });
      assert.deepEqual(step.effect, { type: 'send', walletId: listed.id, provider: 'GOPAY' });
      assert.equal(step.state.busy, 'sending');
      assert.equal(step.state.error, null);
      assert.equal(step.state.step, 'idle');
    });

    test('for a provider the customer has no wallet of: create it', () => {
      const step = run(initialLinkState, { type: 'send', provider: 'DANA' });
      assert.deepEqual(step.effect, { type: 'send', walletId: undefined, provider: 'DANA' });
    });

    test('the code was sent: the code step, attempts unknown, the resend countdown from the answer, focus on the input', () => {
      const step = run(initialLinkState, { type: 'send', walletId: listed.id }, { type: 'sent', challenge: challenge(), now: NOW });
      assert.equal(step.state.step, 'code');
      assert.equal(step.state.busy, null);
      assert.deepEqual(step.state.wallet, listed);
      assert.equal(step.state.attemptsLeft, null);
      assert.equal(step.state.resendsLeft, 3);
      assert.equal(step.state.resendAt, NOW + 30_000);
      assert.equal(step.focus, 'code');
      assert.equal(step.output, undefined);
    });

    test('a wallet with no attempts left comes locked', () => {
      const state = codeStep({ attemptsLeft: 0 });
      assert.equal(state.attemptsLeft, 0);
      assert.equal(isLocked(state), true);
      assert.equal(reduce(state, { type: 'verify', code: '123456' }), null);
    });

    test('one request at a time: send and verify are ignored while one is in flight', () => {
      const sending = run(initialLinkState, { type: 'send', walletId: listed.id }).state;
      assert.equal(reduce(sending, { type: 'send', walletId: listed.id }), null);
      const verifying = run(codeStep(), { type: 'verify', code: '123456' }).state;
      assert.equal(reduce(verifying, { type: 'send' }), null);
      assert.equal(reduce(verifying, { type: 'verify', code: '123456' }), null);
    });

    test('an answer about another wallet or provider than the one asked for: invalid_response, no code step', () => {
      for (const [send, answer] of [
        [{ type: 'send', walletId: listed.id }, challenge({}, { ...listed, id: 'wlt_other01' })],
        [{ type: 'send', provider: 'DANA' }, challenge({}, { ...listed, provider: 'OVO' })],
      ] as const) {
        const step = run(initialLinkState, send, { type: 'sent', challenge: answer, now: NOW });
        assert.equal(step.state.step, 'idle');
        assert.equal(step.state.busy, null);
        assert.equal((step.output as Extract<LinkOutput, { type: 'error' }>).error.code, 'invalid_response');
        assert.equal(step.focus, 'error');
      }
    });

    test('a wallet linked already (another tab): linked at once, announced once', () => {
      const step = run(
        initialLinkState,
        { type: 'send', walletId: listed.id },
        { type: 'sent', challenge: challenge({}, linkedWallet), now: NOW },
      );
      assert.equal(step.state.step, 'linked');
      assert.deepEqual(step.output, { type: 'linked', wallet: linkedWallet });
      assert.equal(step.focus, 'done');
    });

    test('a failed send: the error, announced; Send can be pressed again', () => {
      const error = new WalletError('server_error');
      const step = run(initialLinkState, { type: 'send', provider: 'OVO' }, { type: 'failed', error, now: NOW });
      assert.deepEqual(step.output, { type: 'error', error });
      assert.equal(step.state.error, error);
      assert.equal(step.state.busy, null);
      assert.equal(step.focus, 'error');
      assert.ok(reduce(step.state, { type: 'send', provider: 'OVO' })?.effect);
    });
  });

  describe('resend', () => {
    test('goes to the wallet the first answer named (a new wallet now has an id), with a fresh countdown', () => {
      const created = { ...listed, provider: 'DANA' as const, id: 'wlt_dana0001' };
      const first = run(
        initialLinkState,
        { type: 'send', provider: 'DANA' },
        { type: 'sent', challenge: challenge({}, created), now: NOW },
      );
      const resend = run(first.state, { type: 'send', provider: 'DANA' });
      assert.deepEqual(resend.effect, { type: 'send', walletId: created.id, provider: 'DANA' });
      assert.equal(resend.state.step, 'code', 'the form stays while the new code is sent');
      const sent = run(resend.state, {
        type: 'sent',
        challenge: challenge({ resendsLeft: 2, resendAfter: 60 }, created),
        now: NOW + 40_000,
      });
      assert.equal(sent.state.resendsLeft, 2);
      assert.equal(sent.state.resendAt, NOW + 100_000);
    });

    test('rate_limited with retryAfter: the countdown ends exactly when the kit will accept a new code', () => {
      const limited = new WalletError('rate_limited', 'wait', 429, undefined, 20);
      const step = run(codeStep({ resendAfter: 0 }), { type: 'send' }, { type: 'failed', error: limited, now: NOW + 5_000 });
      assert.equal(step.state.resendAt, NOW + 25_000);
      assert.equal(step.state.step, 'code');
      assert.equal(step.focus, 'error');
    });

    test('rate_limited without retryAfter leaves the countdown as it was', () => {
      const step = run(codeStep(), { type: 'send' }, { type: 'failed', error: new WalletError('rate_limited'), now: NOW + 5_000 });
      assert.equal(step.state.resendAt, NOW + 30_000);
    });
  });

  describe('verify', () => {
    test('a code of the wrong length is caught here: never sent, focus back on the input, until the shopper edits it', () => {
      const state = { ...codeStep(), error: wrong(3) };
      const step = run(state, { type: 'verify', code: '12' });
      assert.equal(step.effect, undefined);
      assert.equal(step.state.badFormat, true);
      assert.equal(step.state.error, null);
      assert.equal(step.focus, 'code');
      assert.equal(run(step.state, { type: 'edit' }).state.badFormat, false);
      assert.equal(reduce(codeStep(), { type: 'edit' }), null, 'nothing to clear: no change');
    });

    test('a well-formed code: one link request; the code is in the effect only, never in the state', () => {
      const step = run(codeStep(), { type: 'verify', code: '424242' });
      assert.deepEqual(step.effect, { type: 'link', walletId: listed.id, code: '424242' });
      assert.equal(step.state.busy, 'verifying');
      assert.ok(!JSON.stringify(step.state).includes('424242'));
    });

    test('is ignored before a code was sent and after the link', () => {
      assert.equal(reduce(initialLinkState, { type: 'verify', code: '123456' }), null);
      const done = run(codeStep(), { type: 'verify', code: '123456' }, { type: 'linked', wallet: linkedWallet }).state;
      assert.equal(reduce(done, { type: 'verify', code: '123456' }), null);
      assert.equal(reduce(done, { type: 'send' }), null);
    });

    test('linked: announced once with the wallet, focus on the success message', () => {
      const step = run(codeStep(), { type: 'verify', code: '123456' }, { type: 'linked', wallet: linkedWallet });
      assert.equal(step.state.step, 'linked');
      assert.equal(step.state.busy, null);
      assert.deepEqual(step.output, { type: 'linked', wallet: linkedWallet });
      assert.equal(step.focus, 'done');
      assert.equal(reduce(step.state, { type: 'linked', wallet: linkedWallet }), null, 'a second answer is not a second link');
    });

    test('a link answer that is not linked, or about another wallet: invalid_response', () => {
      for (const wallet of [listed, { ...linkedWallet, id: 'wlt_other01' }]) {
        const step = run(codeStep(), { type: 'verify', code: '123456' }, { type: 'linked', wallet });
        assert.equal(step.state.step, 'code');
        assert.equal((step.output as Extract<LinkOutput, { type: 'error' }>).error.code, 'invalid_response');
      }
    });

    test('a wrong code: the attempts left from the kit, focus back on the input; another try is accepted', () => {
      const step = run(codeStep(), { type: 'verify', code: '999999' }, { type: 'failed', error: wrong(4), now: NOW });
      assert.equal(step.state.attemptsLeft, 4);
      assert.equal(step.state.error?.code, 'otp_invalid');
      assert.equal(step.focus, 'code');
      assert.ok(reduce(step.state, { type: 'verify', code: '123456' })?.effect);
    });

    test('a wrong code without a count from the kit: one fewer than last shown, never below 0', () => {
      const once = run(codeStep(), { type: 'verify', code: '999999' }, { type: 'failed', error: wrong(2), now: NOW }).state;
      const twice = run(once, { type: 'verify', code: '999999' }, { type: 'failed', error: wrong(), now: NOW }).state;
      assert.equal(twice.attemptsLeft, 1);
      const last = run(twice, { type: 'verify', code: '999999' }, { type: 'failed', error: wrong(), now: NOW });
      assert.equal(last.state.attemptsLeft, 0);
      assert.equal(last.focus, 'error', 'locked: focus on the message, not a disabled input');
    });

    test('attempts exceeded: locked for good (verify ignored), focus on the message', () => {
      const step = run(
        codeStep(),
        { type: 'verify', code: '999999' },
        { type: 'failed', error: new WalletError('otp_attempts_exceeded'), now: NOW },
      );
      assert.equal(step.state.attemptsLeft, 0);
      assert.equal(isLocked(step.state), true);
      assert.equal(step.focus, 'error');
      assert.equal(reduce(step.state, { type: 'verify', code: '123456' }), null);
    });

    test('expired: the resend wait is over at once, focus on Resend (or on the message when no resend is left)', () => {
      const expired = new WalletError('otp_expired');
      const step = run(codeStep(), { type: 'verify', code: '123456' }, { type: 'failed', error: expired, now: NOW + 6 * 60_000 });
      assert.equal(step.state.resendAt, 0);
      assert.equal(step.focus, 'resend');
      assert.deepEqual(step.output, { type: 'error', error: expired });
      const noResends = run(codeStep({ resendsLeft: 0 }), { type: 'verify', code: '123456' }, { type: 'failed', error: expired, now: NOW });
      assert.equal(noResends.focus, 'error');
    });

    test("a failure with nothing in flight is not this flow's (ignored)", () => {
      assert.equal(reduce(codeStep(), { type: 'failed', error: new WalletError('network'), now: NOW }), null);
      assert.equal(reduce(codeStep(), { type: 'sent', challenge: challenge(), now: NOW }), null);
    });
  });

  test('back (another wallet): everything about the previous one is forgotten', () => {
    const step = run(codeStep(), { type: 'verify', code: '999999' }, { type: 'failed', error: wrong(4), now: NOW }, { type: 'reset' });
    assert.deepEqual(step.state, initialLinkState);
  });
});

/** A fake client: each call is recorded with its signal and answered when the test says. */
function fakeClient() {
  const calls: { method: string; args: unknown[]; signal: AbortSignal; answer(value: unknown): void; fail(error: unknown): void }[] = [];
  const call =
    (method: string) =>
    (...args: unknown[]) => {
      const { signal } = args.pop() as { signal: AbortSignal };
      return new Promise<never>((resolve, reject) => {
        calls.push({ method, args, signal, answer: resolve as (value: unknown) => void, fail: reject });
        signal.addEventListener('abort', () => reject(signal.reason));
      });
    };
  return { calls, client: { createWallet: call('createWallet'), authenticate: call('authenticate'), link: call('link') } };
}

function runner() {
  const { calls, client } = fakeClient();
  const changes: { state: LinkState; output?: LinkOutput; focus?: LinkFocus }[] = [];
  const flow = new LinkFlow({ client: () => client, onChange: (state, output, focus) => changes.push({ state, output, focus }) });
  const outputs = () => changes.flatMap((change) => (change.output ? [change.output] : []));
  return { flow, calls, changes, outputs };
}

describe('otp-link flow: LinkFlow', () => {
  test('sends once, hands the client an AbortSignal, and links with the code typed', async () => {
    const { flow, calls, outputs } = runner();
    assert.equal(flow.dispatch({ type: 'send', walletId: listed.id }), true);
    assert.equal(flow.dispatch({ type: 'send', walletId: listed.id }), false, 'a second send joins the first');
    assert.equal(calls.length, 1);
    assert.deepEqual(calls[0]!.args, [listed.id]);
    assert.equal(calls[0]!.method, 'authenticate');
    assert.ok(calls[0]!.signal instanceof AbortSignal);
    calls[0]!.answer(challenge());
    await flow.settled;
    assert.equal(flow.state.step, 'code');

    flow.dispatch({ type: 'verify', code: '123456' });
    assert.equal(calls[1]!.method, 'link');
    assert.deepEqual(calls[1]!.args, [listed.id, '123456']);
    calls[1]!.answer({ wallet: linkedWallet });
    await flow.settled;
    assert.equal(flow.state.step, 'linked');
    assert.deepEqual(outputs(), [{ type: 'linked', wallet: linkedWallet }]);
  });

  test('a failure of the client becomes a WalletError output (anything thrown: server_error)', async () => {
    const { flow, calls, outputs } = runner();
    flow.dispatch({ type: 'send', provider: 'OVO' });
    assert.equal(calls[0]!.method, 'createWallet');
    calls[0]!.fail(new TypeError('boom'));
    await flow.settled;
    assert.deepEqual(
      outputs().map((output) => output.type === 'error' && output.error.code),
      ['server_error'],
    );
    assert.equal(flow.state.busy, null);
  });

  test('reset aborts the request in flight: its signal fires and its answer is dropped', async () => {
    const { flow, calls, changes } = runner();
    flow.dispatch({ type: 'send', walletId: listed.id });
    const sent = flow.settled;
    flow.reset();
    assert.equal(calls[0]!.signal.aborted, true);
    await sent;
    assert.deepEqual(flow.state, initialLinkState);
    // Nothing after the reset: no error for the abort, no code step.
    assert.deepEqual(changes.at(-1)!.state, initialLinkState);
    assert.equal(changes.filter((change) => change.output).length, 0);
    // A fresh send works.
    flow.dispatch({ type: 'send', provider: 'DANA' });
    assert.equal(calls[1]!.method, 'createWallet');
    assert.equal(calls[1]!.signal.aborted, false);
  });

  test('stamps answers with the time they arrived (the countdown starts then)', async () => {
    const { flow, calls } = runner();
    flow.dispatch({ type: 'send', walletId: listed.id });
    const before = Date.now();
    calls[0]!.answer(challenge({ resendAfter: 30 }));
    await flow.settled;
    assert.ok(flow.state.resendAt >= before + 30_000 && flow.state.resendAt <= Date.now() + 30_000);
  });
});
