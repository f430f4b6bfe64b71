/**
 * The linking state machine behind `<otp-link>`: plain TypeScript, no DOM.
 *
 * `reduce(state, action)` is pure: it says which state comes next, which request (effect) to make, which outcome
 * (output) to announce and where the shopper acts next (focus), or returns null when the action does not apply in
 * that state. One request at a time: `busy` names the one in flight, and while it is set no send or verify is
 * accepted, so a double submit cannot send a second code or a second `POST /link`.
 *
 * `LinkFlow` runs the effects with a WalletClient, as runs of one Task, and feeds their answers back as actions.
 *
 * The code itself is never part of the state: it travels from the `verify` action to the `link` effect and on into
 * the request, and nothing keeps it.
 */
import type { WalletClient } from '../../client.js';
import { Otp, type OtpChallenge, type Provider, type Wallet } from '../../contract.js';
import { WalletError } from '../../errors.js';
import { Task } from '../shared/task.js';

export interface LinkState {
  /** idle: no code sent yet; code: a code was sent and the shopper types it; linked: done. */
  step: 'idle' | 'code' | 'linked';
  /** The request in flight, named after what the live region says meanwhile, or null. */
  busy: 'sending' | 'verifying' | null;
  /** What the code is for: a listed wallet's id, or the provider of a wallet to create (from the last send). */
  walletId?: string | undefined;
  provider?: Provider | undefined;
  /** The wallet as the kit last answered it: after the first code, and linked at the end. */
  wallet: Wallet | null;
  /** The last failure, shown until the next request. */
  error: WalletError | null;
  /** The typed code is not 4 to 8 digits (caught here, never sent), until the shopper edits it. */
  badFormat: boolean;
  /** Shown after a wrong code; 0 locks the code step for good. */
  attemptsLeft: number | null;
  resendsLeft: number;
  /** Epoch ms from which a new code may be asked for (the Resend button counts down to it). */
  resendAt: number;
}

export type LinkAction =
  // from the shopper or the host
  | { type: 'send'; walletId?: string | undefined; provider?: Provider | undefined }
  | { type: 'verify'; code: string }
  | { type: 'edit' }
  | { type: 'reset' }
  // answers to the flow's own requests (`now`: when it arrived, for the resend countdown)
  | { type: 'sent'; challenge: OtpChallenge; now: number }
  | { type: 'linked'; wallet: Wallet }
  | { type: 'failed'; error: WalletError; now: number };

/** The request to make: send a code (`POST /wallets/:id/authenticate`, or `POST /wallets` to create), or link. */
export type LinkEffect =
  | { type: 'send'; walletId?: string | undefined; provider?: Provider | undefined }
  | { type: 'link'; walletId: string; code: string };

/** An outcome the host must hear about, once (`<otp-link>` turns each into its event). */
export type LinkOutput = { type: 'linked'; wallet: Wallet } | { type: 'error'; error: WalletError };

/** Where the shopper acts next: the code input, the Resend button, the error message, or the success message. */
export type LinkFocus = 'code' | 'resend' | 'error' | 'done';

export interface LinkStep {
  state: LinkState;
  effect?: LinkEffect;
  output?: LinkOutput;
  focus?: LinkFocus;
}

export const initialLinkState: LinkState = {
  step: 'idle',
  busy: null,
  wallet: null,
  error: null,
  badFormat: false,
  attemptsLeft: null,
  resendsLeft: 0,
  resendAt: 0,
};

/** Too many wrong codes: nothing more can be tried. */
export const isLocked = (state: LinkState): boolean => state.attemptsLeft === 0;

const linked = (state: LinkState, wallet: Wallet): LinkStep => ({
  state: { ...state, step: 'linked', busy: null, wallet },
  output: { type: 'linked', wallet },
  focus: 'done',
});

/** A failure: what it says about attempts and resends, and where the shopper acts next. */
function fail(state: LinkState, error: WalletError, now: number): LinkStep {
  const { code, retryAfter } = error;
  let { attemptsLeft, resendAt } = state;
  if (code === 'otp_invalid') attemptsLeft = error.attemptsLeft ?? Math.max(0, (attemptsLeft ?? 1) - 1);
  if (code === 'otp_attempts_exceeded') attemptsLeft = 0;
  // The code outlived any resend wait, so the shopper may ask for a new one right away.
  if (code === 'otp_expired') resendAt = 0;
  // The kit said when a new code may be asked for: the Resend button counts down to exactly then.
  if (code === 'rate_limited' && retryAfter) resendAt = now + retryAfter * 1000;
  const inCode = state.step === 'code';
  return {
    state: { ...state, busy: null, error, attemptsLeft, resendAt },
    output: { type: 'error', error },
    focus:
      inCode && attemptsLeft !== 0 && code === 'otp_invalid'
        ? 'code'
        : inCode && code === 'otp_expired' && state.resendsLeft
          ? 'resend'
          : 'error',
  };
}

/** The next step for `action` in `state`, or null when the action does not apply there (it is ignored). */
export function reduce(state: LinkState, action: LinkAction): LinkStep | null {
  switch (action.type) {
    case 'send': {
      if (state.busy || state.step === 'linked') return null;
      // After the first code, a resend goes to the wallet the kit answered with (created, if it was new).
      const { wallet } = state;
      const target = wallet ? { walletId: wallet.id, provider: wallet.provider } : { walletId: action.walletId, provider: action.provider };
      return {
        state: { ...state, ...target, busy: 'sending', error: null, badFormat: false },
        effect: { type: 'send', ...target },
      };
    }

    case 'sent': {
      if (state.busy !== 'sending') return null;
      const { wallet, otp } = action.challenge;
      // An answer about another wallet or provider than the one asked for is not an answer to this request.
      if (state.walletId ? wallet.id !== state.walletId : wallet.provider !== state.provider) {
        return fail(state, new WalletError('invalid_response'), action.now);
      }
      // Linked already (a stale page: another tab, or a link that finished after the shopper went back): done.
      if (wallet.linked) return linked(state, wallet);
      return {
        state: {
          ...state,
          step: 'code',
          busy: null,
          wallet,
          attemptsLeft: otp.attemptsLeft ? null : 0,
          resendsLeft: otp.resendsLeft,
          resendAt: action.now + otp.resendAfter * 1000,
        },
        focus: 'code',
      };
    }

    case 'verify':
      if (state.step !== 'code' || state.busy || isLocked(state)) return null;
      // A code that cannot be one is caught here and never sent.
      if (!Otp.safeParse(action.code).success) return { state: { ...state, badFormat: true, error: null }, focus: 'code' };
      return {
        state: { ...state, busy: 'verifying', badFormat: false, error: null },
        effect: { type: 'link', walletId: state.wallet!.id, code: action.code },
      };

    case 'linked': {
      if (state.busy !== 'verifying') return null;
      const { wallet } = action;
      // A link that answers an unlinked wallet, or another wallet, is not a link.
      if (!wallet.linked || wallet.id !== state.wallet!.id) return fail(state, new WalletError('invalid_response'), 0);
      return linked(state, wallet);
    }

    case 'failed':
      return state.busy ? fail(state, action.error, action.now) : null;

    case 'edit':
      return state.badFormat ? { state: { ...state, badFormat: false } } : null;

    case 'reset':
      return { state: initialLinkState };
  }
}

export interface LinkFlowOptions {
  /** The client for the next request (read at each one, so a new endpoint or token applies at once). */
  client(): Pick<WalletClient, 'createWallet' | 'authenticate' | 'link'>;
  /** Called after every accepted action, with the outcome to announce and where focus goes, when there are. */
  onChange(state: LinkState, output?: LinkOutput, focus?: LinkFocus): void;
}

/** Runs the machine: holds the state, makes the requests, feeds the answers back. */
export class LinkFlow {
  state: LinkState = initialLinkState;
  /** Settles when the request in flight (or the last one) has: a caller that joins a send awaits it. */
  settled: Promise<void> = Promise.resolve();
  readonly #task = new Task();
  readonly #options: LinkFlowOptions;

  constructor(options: LinkFlowOptions) {
    this.#options = options;
  }

  /** Applies `action`; returns false when it was ignored in the current state. */
  dispatch(action: LinkAction): boolean {
    const step = reduce(this.state, action);
    if (!step) return false;
    this.state = step.state;
    // The request starts before listeners run, so an action a listener dispatches in turn sees it under way.
    if (step.effect) this.#run(step.effect);
    this.#options.onChange(this.state, step.output, step.focus);
    return true;
  }

  /** Another wallet (or the shopper went back): forget everything; the answer of a request in flight is dropped. */
  reset(): void {
    this.#task.abort();
    this.dispatch({ type: 'reset' });
  }

  #run(effect: LinkEffect): void {
    const client = this.#options.client();
    const failed = (error: WalletError) => this.dispatch({ type: 'failed', error, now: Date.now() });
    this.settled =
      effect.type === 'link'
        ? this.#task.run(
            'link',
            (signal) => client.link(effect.walletId, effect.code, { signal }),
            ({ wallet }) => this.dispatch({ type: 'linked', wallet }),
            failed,
          )
        : this.#task.run(
            'send',
            // Neither a wallet nor a provider: the kit answers invalid_request, shown and emitted like any failure.
            (signal) =>
              effect.walletId ? client.authenticate(effect.walletId, { signal }) : client.createWallet(effect.provider!, { signal }),
            (challenge) => this.dispatch({ type: 'sent', challenge, now: Date.now() }),
            failed,
          );
  }
}
