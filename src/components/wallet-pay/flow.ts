/**
 * The checkout state machine behind `<wallet-pay>`: plain TypeScript, no DOM.
 *
 * `reduce(state, action)` is pure: it says which state comes next, which request (effect) to make and which outcome
 * (output) to announce, or returns null when the action does not apply in that state. Ignoring out-of-place actions
 * is what makes paying exactly-once: `pay` is accepted only in a ready-to-pay `choose`, and `paying` accepts nothing
 * from the shopper, so a double click or a re-render cannot produce a second `POST /pay`.
 *
 * `CheckoutFlow` runs the effects with a WalletClient, as runs of one Task, and feeds their results back as actions.
 * Each request has exactly one waiting state (loading, paying, pending+watching), so a result arriving in any other
 * state is dropped.
 */
import type { WalletClient } from '../../client.js';
import type { Checkout, OrderStatus, PayResult, Provider, Wallet } from '../../contract.js';
import { WalletError } from '../../errors.js';
import { Task } from '../shared/task.js';

/** What the shopper picked in the list. `wallet` is null when they have none of that provider yet. */
export interface Selection {
  provider: Provider;
  wallet: Wallet | null;
}
/** A selection that can be paid with: its wallet exists and is linked. */
export type PayableSelection = Selection & { wallet: Wallet };

export type FlowState =
  | { name: 'loading' }
  | { name: 'empty'; checkout: Checkout }
  | { name: 'choose'; checkout: Checkout; selection: Selection | null }
  | { name: 'otp'; checkout: Checkout; selection: Selection }
  | { name: 'paying'; checkout: Checkout; selection: PayableSelection }
  | { name: 'charged'; checkout: Checkout; selection: PayableSelection; orderId: string; url: string; notice: WalletError | null }
  | {
      name: 'pending';
      checkout: Checkout;
      selection: PayableSelection;
      orderId: string;
      topUpUrl: string;
      /** True once the host let the default happen: the top-up action is offered and the order is polled. */
      watching: boolean;
      notice: WalletError | null;
    }
  | {
      name: 'failed';
      checkout: Checkout | null;
      selection: Selection | null;
      error: WalletError;
      /** What "Try again" repeats; null when trying again cannot help. */
      retry: 'load' | 'pay' | null;
    };

export type FlowStateName = FlowState['name'];

export type FlowAction =
  // from the shopper or the host
  | { type: 'load' }
  | { type: 'select'; provider: Provider; wallet: Wallet | null }
  | { type: 'pay' }
  | { type: 'link' }
  | { type: 'linked'; wallet: Wallet }
  | { type: 'back' }
  | { type: 'retry' }
  | { type: 'watch' }
  | { type: 'notice'; error: WalletError }
  // results of the flow's own requests
  | { type: 'loaded'; checkout: Checkout }
  | { type: 'loadFailed'; error: WalletError }
  | { type: 'paid'; result: PayResult }
  | { type: 'payFailed'; error: WalletError }
  | { type: 'polled'; status: OrderStatus }
  | { type: 'pollFailed'; error: WalletError; final?: boolean };

/** The request to make: `GET /checkout`, `POST /pay`, or a delayed `GET /order`. */
export type FlowEffect = { type: 'load' } | { type: 'pay'; walletId: string } | { type: 'poll' };

/** An outcome the host must hear about, exactly once (wallet-pay turns each into its event). */
export type FlowOutput =
  | { type: 'charged'; orderId: string; url: string }
  | { type: 'pending'; orderId: string; topUpUrl: string }
  | { type: 'error'; error: WalletError };

export interface FlowStep {
  state: FlowState;
  effect?: FlowEffect;
  output?: FlowOutput;
}

export const initialState: FlowState = { name: 'loading' };

/** The selection is a linked wallet: the state in which `pay` is accepted. */
export function isPayable(selection: Selection | null): selection is PayableSelection {
  return !!selection?.wallet?.linked;
}

const fail = (
  state: { checkout: Checkout | null; selection: Selection | null },
  error: WalletError,
  retry: 'load' | 'pay' | null,
): FlowStep => ({
  state: { name: 'failed', checkout: state.checkout, selection: state.selection, error, retry: error.retryable ? retry : null },
  output: { type: 'error', error },
});

/** The one way into `paying`: from Pay, from a fresh link, or from "Try again". */
const pay = (checkout: Checkout, selection: PayableSelection): FlowStep => ({
  state: { name: 'paying', checkout, selection },
  effect: { type: 'pay', walletId: selection.wallet.id },
});

/** The order is paid: say so once. */
const charged = ({ checkout, selection }: { checkout: Checkout; selection: PayableSelection }, orderId: string, url: string): FlowStep => ({
  state: { name: 'charged', checkout, selection, orderId, url, notice: null },
  output: { type: 'charged', orderId, url },
});

/** The next step for `action` in `state`, or null when the action does not apply there (it is ignored). */
export function reduce(state: FlowState, action: FlowAction): FlowStep | null {
  switch (action.type) {
    case 'load':
      return state.name === 'loading' ? { state, effect: { type: 'load' } } : null;

    case 'loaded': {
      if (state.name !== 'loading') return null;
      const { checkout } = action;
      return { state: checkout.providers.length ? { name: 'choose', checkout, selection: null } : { name: 'empty', checkout } };
    }

    case 'loadFailed':
      return state.name === 'loading' ? fail({ checkout: null, selection: null }, action.error, 'load') : null;

    case 'select':
      return state.name === 'choose' ? { state: { ...state, selection: { provider: action.provider, wallet: action.wallet } } } : null;

    case 'pay':
      return state.name === 'choose' && isPayable(state.selection) ? pay(state.checkout, state.selection) : null;

    case 'link':
      if (state.name !== 'choose' || !state.selection || isPayable(state.selection)) return null;
      return { state: { name: 'otp', checkout: state.checkout, selection: state.selection } };

    case 'linked': {
      // Linking is the shopper's "Link and pay": once linked, the payment goes ahead without another click.
      const { wallet } = action;
      if (state.name !== 'otp' || !wallet.linked || wallet.provider !== state.selection.provider) return null;
      const wallets = [...state.checkout.wallets.filter((w) => w.id !== wallet.id), wallet];
      return pay({ ...state.checkout, wallets }, { provider: wallet.provider, wallet });
    }

    case 'paid': {
      if (state.name !== 'paying') return null;
      const { orderId, status, url } = action.result;
      const { checkout, selection } = state;
      // An answer about another order is not this payment's: never an event, never a navigation.
      if (orderId !== checkout.order.id) return fail(state, new WalletError('invalid_response'), 'pay');
      return status === 'CHARGED'
        ? charged(state, orderId, url)
        : {
            state: { name: 'pending', checkout, selection, orderId, topUpUrl: url, watching: false, notice: null },
            output: { type: 'pending', orderId, topUpUrl: url },
          };
    }

    case 'payFailed':
      return state.name === 'paying' ? fail(state, action.error, 'pay') : null;

    case 'watch':
      return state.name === 'pending' && !state.watching ? { state: { ...state, watching: true }, effect: { type: 'poll' } } : null;

    case 'polled': {
      if (state.name !== 'pending' || !state.watching) return null;
      const { orderId, status, url } = action.status;
      if (orderId !== state.orderId) return fail(state, new WalletError('invalid_response'), null);
      // The order's return URL from the kit; never the top-up page the pay answer carried. None: no navigation.
      if (status === 'CHARGED') return charged(state, state.orderId, url ?? '');
      if (status === 'FAILED') return fail(state, new WalletError('provider_declined'), null);
      return { state, effect: { type: 'poll' } };
    }

    case 'pollFailed':
      if (state.name !== 'pending' || !state.watching) return null;
      // A blip while waiting for the shopper's top-up is not the payment failing: keep watching, until the runner
      // says the watch is over (too long, or too many failures in a row).
      return action.error.retryable && !action.final ? { state, effect: { type: 'poll' } } : fail(state, action.error, null);

    case 'retry':
      if (state.name !== 'failed' || !state.retry) return null;
      if (state.retry === 'load') return { state: initialState, effect: { type: 'load' } };
      return state.checkout && isPayable(state.selection) ? pay(state.checkout, state.selection) : null;

    case 'back':
      if ((state.name !== 'otp' && state.name !== 'failed') || !state.checkout) return null;
      return { state: { name: 'choose', checkout: state.checkout, selection: state.selection } };

    case 'notice':
      return state.name === 'charged' || state.name === 'pending' ? { state: { ...state, notice: action.error } } : null;
  }
}

export interface FlowOptions {
  client: Pick<WalletClient, 'checkout' | 'pay' | 'order'>;
  /** Called after every accepted action, with the outcome to announce when there is one. */
  onChange(state: FlowState, output?: FlowOutput): void;
  /** Milliseconds before the first order poll; read at each poll so a change applies at once. */
  pollInterval?: () => number;
  /** Whether the page is hidden: no poll is sent then, and `resume()` picks the watch up again. */
  hidden?: () => boolean;
}

/**
 * How long the widget watches a pending order (the shopper tops up on the provider's page, then comes back): polls
 * back off from `pollInterval` by half again each time, with ±20 % jitter, up to POLL_MAX_MS apart, honour the kit's
 * `retryAfter`, pause while the page is hidden, and end after POLL_LIMIT_MS (Juspay's orders time out after 15
 * minutes) or POLL_MAX_MISSES failures in a row, with one `wallet-error` that says what to do.
 */
export const POLL_MAX_MS = 30_000;
export const POLL_LIMIT_MS = 15 * 60_000;
export const POLL_MAX_MISSES = 5;

const newWatch = () => ({ since: 0, polls: 0, misses: 0, retryAfterMs: 0 });

/** The wait before poll number `n` (0-based), before jitter. */
export const pollDelay = (base: number, n: number): number => Math.min(POLL_MAX_MS, base * 1.5 ** n);

/** Runs the machine: holds the state, makes the requests (one at a time, as Task runs), feeds the answers back. */
export class CheckoutFlow {
  state: FlowState = initialState;
  /** The request in flight: the load, the payment, or a poll of the order. */
  readonly #task = new Task();
  /** The next poll, while it waits for its time. */
  #poll: ReturnType<typeof setTimeout> | undefined;
  #stopped = false;
  /** This watch: when it started, polls sent, failures in a row, and the wait the kit last asked for. */
  #watch = newWatch();

  readonly #options: FlowOptions;

  constructor(options: FlowOptions) {
    this.#options = options;
  }

  /** Applies `action`; returns false when it was ignored in the current state. */
  dispatch(action: FlowAction): boolean {
    const step = reduce(this.state, action);
    if (!step) return false;
    this.state = step.state;
    // A watch that ended (settled, failed, or never started) is forgotten: the next one starts afresh.
    if (this.state.name !== 'pending' || !this.state.watching) this.#watch = newWatch();
    // Effects start before listeners run, so an action a listener dispatches in turn sees the request under way.
    if (step.effect) this.#run(step.effect);
    this.#options.onChange(this.state, step.output);
    return true;
  }

  /**
   * Stops polling (the element left the page): the next poll is not sent and one in flight is aborted, so it never
   * starts a second chain. A pay or load already sent still lands.
   */
  stop(): void {
    this.#stopped = true;
    clearTimeout(this.#poll);
    this.#poll = undefined;
    if (this.#task.name === 'poll') this.#task.abort();
  }

  /** Resumes polling after `stop()` if the flow is still waiting for a top-up. */
  resume(): void {
    this.#stopped = false;
    if (this.state.name === 'pending' && this.state.watching) this.#run({ type: 'poll' });
  }

  #run(effect: FlowEffect): void {
    const { client } = this.#options;
    const task = this.#task;
    const dispatch = (action: FlowAction) => this.dispatch(action);
    if (effect.type === 'load') {
      void task.run(
        'load',
        (signal) => client.checkout({ signal }),
        (checkout) => dispatch({ type: 'loaded', checkout }),
        (error) => dispatch({ type: 'loadFailed', error }),
      );
    } else if (effect.type === 'pay') {
      void task.run(
        'pay',
        (signal) => client.pay(effect.walletId, { signal }),
        (result) => dispatch({ type: 'paid', result }),
        (error) => dispatch({ type: 'payFailed', error }),
      );
    } else if (!this.#stopped && !this.#poll && !task.pending && !this.#options.hidden?.()) {
      const watch = this.#watch;
      if (!watch.since) watch.since = Date.now();
      if (Date.now() - watch.since > POLL_LIMIT_MS) {
        dispatch({ type: 'pollFailed', error: new WalletError('timeout'), final: true });
        return;
      }
      const wait = Math.max(
        pollDelay(this.#options.pollInterval?.() ?? 3000, watch.polls) * (0.8 + Math.random() * 0.4),
        watch.retryAfterMs,
      );
      watch.polls += 1;
      this.#poll = setTimeout(() => {
        this.#poll = undefined;
        void task.run(
          'poll',
          (signal) => client.order({ signal }),
          (status) => {
            watch.misses = 0;
            watch.retryAfterMs = 0;
            dispatch({ type: 'polled', status });
          },
          (error) => {
            watch.misses += 1;
            watch.retryAfterMs = (error.retryAfter ?? 0) * 1000;
            // Failures in a row (a backend answering garbage, or nothing) end the watch after a bound.
            dispatch({ type: 'pollFailed', error, final: watch.misses >= POLL_MAX_MISSES });
          },
        );
      }, wait);
    }
  }
}
