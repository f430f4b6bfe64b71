/**
 * Linking a wallet, beside paying with it (pay.ts): create one and send an OTP, (re)send a code, link with the
 * code, unlink, and read one linked wallet's balance afresh. Every wallet id comes from the browser, so each call
 * first checks it is the session customer's (CustomerWallets.owned); the OTP bounds (otp-guard.ts) and the SMS and
 * code-check limits (limits.ts) run before Juspay is asked.
 */
import { WalletId, type OtpChallenge, type Provider, type WalletResult } from '../contract.js';
import type { RequestScope } from './customer-wallets.js';
import { isLinked, type JuspayWallet } from './juspay-schemas.js';
import type { AbuseLimits } from './limits.js';
import { LockBusy, withLock } from './lock.js';
import type { Logger } from './log.js';
import { gatewayOf, providerOf, toContractWallet } from './mapping.js';
import type { OtpGuard } from './otp-guard.js';
import { KitError } from './responses.js';
import type { CheckoutSession } from './session.js';
import type { KitStore } from './store.js';

export class LinkingService {
  constructor(
    private readonly store: KitStore,
    private readonly otp: OtpGuard,
    private readonly limits: AbuseLimits,
    /** Offered, in order. */
    private readonly providers: readonly Provider[],
    private readonly log: Logger,
  ) {}

  /**
   * `POST /wallets`: decides from the customer's list whether to answer a linked wallet, re-authenticate an
   * unlinked one or create one. Runs under a lock per customer and provider that covers the list and the create,
   * so racing calls on any instances create one wallet and send one code: the later ones find it in the list.
   */
  async create(session: CheckoutSession, provider: Provider, scope: RequestScope): Promise<OtpChallenge> {
    if (!this.providers.includes(provider)) throw new KitError('invalid_request', 'This provider is not offered.');
    try {
      return await withLock(this.store, `create:${session.customerId}:${provider}`, { ttlSeconds: 3, deadline: scope.deadline }, () =>
        this.createOrReuse(session, provider, scope),
      );
    } catch (error) {
      if (!(error instanceof LockBusy)) throw error;
      throw new KitError('rate_limited', 'A wallet is being created.', { retryAfter: 1 });
    }
  }

  /** `POST /wallets/:id/authenticate`: (re)sends a code for an unlinked wallet. */
  async authenticate(session: CheckoutSession, walletId: string, scope: RequestScope): Promise<OtpChallenge> {
    const wallet = await scope.wallets.owned(session, walletId);
    if (isLinked(wallet)) return this.alreadyLinked(wallet);
    return this.sendCode(session, wallet, scope);
  }

  /** `POST /wallets/:id/link`: checks the code with Juspay, within the wallet's attempts. */
  async link(session: CheckoutSession, walletId: string, code: string, { juspay, wallets, who }: RequestScope): Promise<WalletResult> {
    const wallet = await wallets.owned(session, walletId);
    if (isLinked(wallet)) return { wallet: toWallet(wallet) };
    const attempt = await this.otp.beforeLink(walletId);
    await this.limits.otpCheck(who);
    const answer = await juspay.linkWallet(session.customerId, walletId, code);
    // Juspay answers a wrong code with 200 and linked:false (docs/juspay.md §4.3).
    if (!isLinked(answer)) throw this.otp.wrongCode(attempt);
    await this.otp.linked(walletId);
    this.log('info', 'wallet_linked', { walletId });
    return { wallet: toWallet(answer) };
  }

  /** `POST /wallets/:id/unlink`. */
  async unlink(session: CheckoutSession, walletId: string, { juspay, wallets }: RequestScope): Promise<WalletResult> {
    const wallet = await wallets.owned(session, walletId);
    // Unlinking an unlinked wallet changes nothing: the answer is its state (a double click, a stale page).
    if (!isLinked(wallet)) return { wallet: toWallet(wallet) };
    const answer = await juspay.delinkWallet(session.customerId, walletId);
    this.log('info', 'wallet_unlinked', { walletId });
    return { wallet: toWallet(answer) };
  }

  /** `POST /wallets/:id/refresh`: one linked wallet's balance, read from the provider. */
  async refresh(session: CheckoutSession, walletId: string, { juspay, wallets }: RequestScope): Promise<WalletResult> {
    const wallet = await wallets.owned(session, walletId);
    if (!isLinked(wallet)) throw new KitError('wallet_not_linked');
    return { wallet: toWallet(await juspay.refreshWallet(session.customerId, walletId)) };
  }

  private async createOrReuse(session: CheckoutSession, provider: Provider, scope: RequestScope): Promise<OtpChallenge> {
    const existing = (await scope.wallets.list(session)).filter((wallet) => providerOf(wallet.wallet) === provider);
    const linked = existing.find(isLinked);
    if (linked) return this.alreadyLinked(linked);
    // Juspay keeps every wallet created, duplicates included: re-authenticate the one there is.
    const unlinked = existing.find((wallet) => WalletId.safeParse(wallet.id).success);
    if (unlinked) return this.sendCode(session, unlinked, scope);
    await this.limits.sms(scope.who);
    const created = await scope.juspay.createWallet(session.customerId, gatewayOf(provider), { authenticate: true });
    const wallet = toWallet(created);
    return { wallet, otp: await this.otp.sent(wallet.id) };
  }

  /** Sends (or resends) a code for a wallet the customer has and is not linked yet. */
  private async sendCode(session: CheckoutSession, wallet: JuspayWallet, { juspay, who }: RequestScope): Promise<OtpChallenge> {
    const walletId = wallet.id;
    // A code sent moments ago is still valid: answer its challenge instead of refusing or sending another SMS.
    const pending = await this.otp.pending(walletId);
    if (pending) return { wallet: toWallet(wallet), otp: pending };
    await this.otp.beforeSend(walletId);
    try {
      await this.limits.sms(who);
    } catch (error) {
      await this.otp.sendRefused(walletId);
      throw error;
    }
    let answer: JuspayWallet;
    try {
      answer = await juspay.authenticateWallet(session.customerId, walletId);
    } catch (error) {
      await this.otp.sendFailed(walletId);
      throw error;
    }
    return { wallet: toWallet(answer), otp: await this.otp.sent(walletId) };
  }

  /**
   * The wallet is linked already (the shopper's page is stale: another tab, or a link that finished after they went
   * back): nothing is sent, and the answer says linked so the widget can go straight on to pay.
   */
  private alreadyLinked(wallet: JuspayWallet): OtpChallenge {
    return { wallet: toWallet(wallet), otp: this.otp.fullBudget() };
  }
}

function toWallet(wallet: JuspayWallet) {
  const mapped = toContractWallet(wallet);
  // Juspay answered for a wallet the kit asked about, yet it does not map: the answer is not what was asked.
  if (!mapped) throw new KitError('invalid_response');
  return mapped;
}
