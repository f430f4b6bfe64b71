/**
 * The one way the widget waits for the network, in `@lit/task`'s words (its Task costs 1 KB min+gzip of the 22 KB
 * script-tag budget; this is the part we use): `run` starts a request with an AbortSignal that the client hands to
 * fetch, `abort` cancels it, and `status` says where the last run is. One run at a time: a new run aborts the one in
 * flight. An aborted run is forgotten: its answer (if one still comes) is dropped and it reports nothing.
 *
 * `<wallet-picker>` drives its requests with one (its host: each change of status renders it); the flows behind
 * `<wallet-pay>` and `<otp-link>` run their effects through one (no host: the flow's state is what renders).
 */
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { toWalletError } from '../../client.js';
import type { WalletError } from '../../errors.js';

/** initial: nothing run (or the last run was aborted); pending: a run is in flight; complete / error: how it ended. */
export type TaskStatus = 'initial' | 'pending' | 'complete' | 'error';

export class Task implements ReactiveController {
  status: TaskStatus = 'initial';
  /** What the last run does, as its caller named it (`<wallet-picker>` names runs after their live-region message). */
  name = '';
  /** Why the last run failed, while `status` is `error`. */
  error: WalletError | null = null;
  #controller?: AbortController;

  /**
   * `host` renders on each change of status. `abandoned`: the names of the runs to abort when the host leaves the
   * page (reads, which reconnecting asks again); any other run lands (a write may have reached the backend already).
   */
  constructor(
    readonly host?: ReactiveControllerHost,
    readonly abandoned: readonly string[] = [],
  ) {
    host?.addController(this);
  }

  hostDisconnected(): void {
    if (this.pending && this.abandoned.includes(this.name)) this.abort();
  }

  get pending(): boolean {
    return this.status === 'pending';
  }

  /**
   * Runs `request` with a fresh AbortSignal, aborting the run in flight. Its answer goes to `complete`; a failure (of
   * the request or of `complete`) becomes a WalletError in `error` and goes to `failed`. Never rejects.
   */
  async run<T>(
    name: string,
    request: (signal: AbortSignal) => Promise<T>,
    complete: (value: T) => unknown,
    failed?: (error: WalletError) => unknown,
  ): Promise<void> {
    this.abort();
    this.#controller = new AbortController();
    const { signal } = this.#controller;
    this.name = name;
    this.#set('pending');
    try {
      const value = await request(signal);
      if (signal.aborted) return;
      this.#set('complete');
      await complete(value);
    } catch (error) {
      if (signal.aborted) return;
      this.#set('error', toWalletError(error));
      await failed?.(this.error!);
    }
  }

  /** Cancels the run in flight, if any: its request is aborted and its outcome never reported. */
  abort(): void {
    this.#controller?.abort();
    this.#controller = undefined;
    if (this.pending) this.#set('initial');
  }

  #set(status: TaskStatus, error: WalletError | null = null): void {
    this.status = status;
    this.error = error;
    this.host?.requestUpdate();
  }
}
