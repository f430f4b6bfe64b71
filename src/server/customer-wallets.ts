/**
 * The session customer's wallets on Juspay, and the ownership rule: a wallet id from the browser is only acted on
 * when it is among the wallets Juspay lists for the session's customer (and of a provider on offer). Anything else
 * answers `invalid_request` "Unknown wallet", the same answer as for an id that does not exist, so the kit never
 * reveals whether another customer's wallet id is real, and never touches it.
 *
 * A customer unknown to Juspay is created on first sight (object_reference_id = the session's customerId) and has
 * no wallets: the merchant's own user id is enough to start, with no separate provisioning step.
 */
import type { Provider } from '../contract.js';
import { JuspayApiError } from './juspay-api-error.js';
import type { JuspayClient } from './juspay-client.js';
import type { JuspayWallet } from './juspay-schemas.js';
import type { Requester } from './limits.js';
import type { Logger } from './log.js';
import { providerOf } from './mapping.js';
import { KitError } from './responses.js';
import type { CheckoutSession } from './session.js';

/** What one request may use: Juspay bound to its deadline, the customer's wallets through it, and who asks. */
export interface RequestScope {
  juspay: JuspayClient;
  wallets: CustomerWallets;
  /** `Date.now()` time by which the request answers. */
  deadline: number;
  /** For the abuse limits (limits.ts). */
  who: Requester;
}

export class CustomerWallets {
  constructor(
    private readonly juspay: JuspayClient,
    private readonly providers: readonly Provider[],
    private readonly log: Logger,
  ) {}

  /** List wallets (linked ones come with a fresh token, which stays in the kit). */
  list(session: CheckoutSession): Promise<JuspayWallet[]> {
    return this.orCreateCustomer(session, () => this.juspay.listWallets(session.customerId));
  }

  /** Refresh all balances from the providers. */
  refreshAll(session: CheckoutSession): Promise<JuspayWallet[]> {
    return this.orCreateCustomer(session, () => this.juspay.refreshAllWallets(session.customerId));
  }

  /** The wallet with this id, if the session's customer owns it and its provider is on offer. */
  async owned(session: CheckoutSession, walletId: string): Promise<JuspayWallet & { provider: Provider }> {
    const wallets = await this.list(session);
    const wallet = wallets.find((candidate) => candidate.id === walletId);
    const provider = wallet && providerOf(wallet.wallet);
    if (!wallet || !provider || !this.providers.includes(provider)) {
      throw new KitError('invalid_request', 'Unknown wallet.');
    }
    return { ...wallet, provider };
  }

  private async orCreateCustomer(session: CheckoutSession, read: () => Promise<JuspayWallet[]>): Promise<JuspayWallet[]> {
    try {
      return await read();
    } catch (error) {
      if (!(error instanceof JuspayApiError && error.reason === 'customer_not_found')) throw error;
    }
    try {
      await this.juspay.createCustomer({ objectReferenceId: session.customerId, mobileNumber: session.customerPhone });
      this.log('info', 'customer_created', { customerId: session.customerId });
    } catch (error) {
      // Another request created it in the meantime (Juspay: 400 "unique"); anything else is a real failure.
      if (!(error instanceof JuspayApiError && error.reason === 'rejected' && error.juspayErrorCode === 'unique')) throw error;
    }
    return [];
  }
}
