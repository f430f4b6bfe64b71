/**
 * The kit's bounds on OTPs, per wallet: how many wrong codes (counted before Juspay is asked, so a flood of guesses
 * never reaches the provider), how many resends, how long between resends, and how old a code may be. Juspay
 * answers a wrong code with `linked: false` and keeps no visible count, so without this the link endpoint would be
 * an unlimited guessing oracle and the send endpoint an SMS cannon.
 *
 * State lives in the KitStore (so several instances share it) under keys `otp:<field>:<walletId>`; each counter
 * expires `windowSeconds` after it starts, and a successful link clears them all. The OTP itself is never stored.
 */
import { KitError } from './responses.js';
import type { KitStore } from './store.js';

export interface OtpPolicy {
  /** Wrong codes allowed per wallet before it is locked for the window. */
  maxAttempts: number;
  /** Codes that may be sent after the first one. */
  maxResends: number;
  /** Seconds between two sends. */
  resendCooldownSeconds: number;
  /** Age after which a code is refused without asking Juspay (providers: 5 minutes). */
  ttlSeconds: number;
  /** Seconds the counters live: the lock-out after too many attempts or sends. */
  windowSeconds: number;
}

export const DEFAULT_OTP_POLICY: OtpPolicy = {
  maxAttempts: 5,
  maxResends: 3,
  resendCooldownSeconds: 30,
  ttlSeconds: 300,
  windowSeconds: 3600,
};

/** What the contract's OtpChallenge carries. */
export interface OtpBudget {
  attemptsLeft: number;
  resendsLeft: number;
  resendAfter: number;
}

const key = (field: 'attempts' | 'sends' | 'window' | 'cooldown' | 'sentAt', walletId: string) => `otp:${field}:${walletId}`;

export class OtpGuard {
  constructor(
    private readonly store: KitStore,
    private readonly policy: OtpPolicy,
    private readonly now: () => number,
  ) {}

  /**
   * Before (re)sending a code for an existing wallet: refuses a locked wallet, an exhausted resend budget and a
   * send inside the cooldown. Reserves the cooldown atomically, so two concurrent resends send one code.
   */
  async beforeSend(walletId: string): Promise<void> {
    await this.refuseLocked(walletId);
    const sends = await this.count('sends', walletId);
    if (sends >= 1 + this.policy.maxResends) {
      const windowEnd = Number(await this.store.get(key('window', walletId))) || this.now();
      throw new KitError('rate_limited', 'No more codes can be sent for this wallet for now.', {
        retryAfter: this.secondsUntil(windowEnd),
      });
    }
    if (this.policy.resendCooldownSeconds > 0) {
      const until = this.now() + this.policy.resendCooldownSeconds * 1000;
      const reserved = await this.store.setIfAbsent(key('cooldown', walletId), String(until), this.policy.resendCooldownSeconds);
      if (!reserved) {
        // The stored time decides, not the key's presence: a store's TTL runs on its own clock (Redis's), which
        // may drop the key a moment after the kit's clock says the cooldown is over.
        const stored = Number(await this.store.get(key('cooldown', walletId))) || until;
        if (stored > this.now()) {
          throw new KitError('rate_limited', 'Wait before asking for another code.', { retryAfter: this.secondsUntil(stored) });
        }
        await this.store.set(key('cooldown', walletId), String(until), this.policy.resendCooldownSeconds);
      }
    }
  }

  /**
   * Inside the cooldown the code already sent is still the one to type (e.g. the shopper went back and chose the
   * same wallet again): its budget, without sending another. null when a new code may be sent.
   */
  async pending(walletId: string): Promise<OtpBudget | null> {
    await this.refuseLocked(walletId);
    const until = Number(await this.store.get(key('cooldown', walletId)));
    if (!until || until <= this.now()) return null;
    return this.budget(walletId, this.secondsUntil(until));
  }

  /** Another limit refused the send before Juspay was asked: free the cooldown, count nothing. */
  async sendRefused(walletId: string): Promise<void> {
    await this.store.delete(key('cooldown', walletId));
  }

  /** Juspay did not send: free the cooldown so the shopper may try again at once (the attempt still counts). */
  async sendFailed(walletId: string): Promise<void> {
    await this.store.increment(key('sends', walletId), this.policy.windowSeconds);
    await this.store.delete(key('cooldown', walletId));
  }

  /** The budget of a wallet that needs no code (it is linked already): all of it, nothing to wait for. */
  fullBudget(): OtpBudget {
    return { attemptsLeft: this.policy.maxAttempts, resendsLeft: this.policy.maxResends, resendAfter: 0 };
  }

  /** A code was sent (by create or authenticate): starts its age and the cooldown, counts the send. */
  async sent(walletId: string): Promise<OtpBudget> {
    const now = this.now();
    const sends = await this.store.increment(key('sends', walletId), this.policy.windowSeconds);
    await this.store.setIfAbsent(key('window', walletId), String(now + this.policy.windowSeconds * 1000), this.policy.windowSeconds);
    await this.store.set(key('sentAt', walletId), String(now), this.policy.windowSeconds);
    if (this.policy.resendCooldownSeconds > 0) {
      await this.store.set(
        key('cooldown', walletId),
        String(now + this.policy.resendCooldownSeconds * 1000),
        this.policy.resendCooldownSeconds,
      );
    }
    return this.budget(walletId, this.policy.resendCooldownSeconds, sends);
  }

  private async budget(walletId: string, resendAfter: number, sends?: number): Promise<OtpBudget> {
    const attempts = await this.count('attempts', walletId);
    return {
      attemptsLeft: Math.max(0, this.policy.maxAttempts - attempts),
      resendsLeft: Math.max(0, 1 + this.policy.maxResends - (sends ?? (await this.count('sends', walletId)))),
      resendAfter,
    };
  }

  /**
   * Before asking Juspay to check a code: refuses a locked wallet and a code older than `ttlSeconds` (or one the
   * kit never sent), then counts the attempt. Answers the attempt's number.
   */
  async beforeLink(walletId: string): Promise<number> {
    await this.refuseLocked(walletId);
    const sentAt = await this.store.get(key('sentAt', walletId));
    if (sentAt === undefined || this.now() - Number(sentAt) > this.policy.ttlSeconds * 1000) throw new KitError('otp_expired');
    const attempt = await this.store.increment(key('attempts', walletId), this.policy.windowSeconds);
    // Two concurrent guesses may both have passed refuseLocked; the atomic count decides.
    if (attempt > this.policy.maxAttempts) throw new KitError('otp_attempts_exceeded', undefined, { attemptsLeft: 0 });
    return attempt;
  }

  /** Juspay said the code was wrong: the error to answer with. */
  wrongCode(attempt: number): KitError {
    const attemptsLeft = Math.max(0, this.policy.maxAttempts - attempt);
    return attemptsLeft === 0
      ? new KitError('otp_attempts_exceeded', undefined, { attemptsLeft: 0 })
      : new KitError('otp_invalid', undefined, { attemptsLeft });
  }

  /** Linked: the counters start afresh should the wallet ever need linking again. */
  async linked(walletId: string): Promise<void> {
    for (const field of ['attempts', 'sends', 'window', 'cooldown', 'sentAt'] as const) await this.store.delete(key(field, walletId));
  }

  private async refuseLocked(walletId: string) {
    if ((await this.count('attempts', walletId)) >= this.policy.maxAttempts) {
      throw new KitError('otp_attempts_exceeded', undefined, { attemptsLeft: 0 });
    }
  }

  private async count(field: 'attempts' | 'sends', walletId: string): Promise<number> {
    return Number.parseInt((await this.store.get(key(field, walletId))) ?? '0', 10) || 0;
  }

  private secondsUntil(time: number): number {
    return Math.max(1, Math.ceil((time - this.now()) / 1000));
  }
}
