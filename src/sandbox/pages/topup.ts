/**
 * The simulated provider add-money page a PENDING debit points to: it shows the wallet, its balance and what is
 * missing, and offers "Top up and pay" (adds money, completes the debit) or "Cancel" (fails the txn).
 */
import { html } from 'hono/html';
import type { TopupSession } from '../debit.js';
import { formatMoney } from '../money.js';
import { isPending } from '../store.js';
import { page } from './html.js';

export function topupPage(session: TopupSession, base: string, actionUrl: string, error?: string): Promise<Response> {
  const { order, txn, wallet, shortfall } = session;
  const money = (amount: number) => formatMoney(amount, order.currency);
  const title = `Top up your ${wallet.gateway} wallet`;

  if (!isPending(txn.status)) {
    // Settled already (paid, cancelled, or timed out): nothing to do here but go back to the shop.
    return page(
      title,
      base,
      html`<h1>${title}</h1>
<p role="status">This payment is no longer waiting for a top-up: ${txn.status}${
        txn.errorMessage === '' ? '' : html` (${txn.errorMessage})`
      }.</p>
<form method="post" action="${actionUrl}">
<button type="submit" name="action" value="cancel">Return to the shop</button>
</form>`,
    );
  }
  return page(
    title,
    base,
    html`<h1>${title}</h1>
<p>Your ${wallet.gateway} balance is not enough for this payment.</p>
<dl>
<dt>Wallet</dt><dd>${wallet.gateway} (${wallet.id})</dd>
<dt>Balance</dt><dd>${money(wallet.provider.balance)}</dd>
<dt>Amount due</dt><dd>${money(txn.amount)}</dd>
<dt>Shortfall</dt><dd>${money(shortfall)}</dd>
<dt>Order</dt><dd>${order.orderId}</dd>
</dl>
${error === undefined ? null : html`<p class="error" role="alert" id="topup-error">${error}</p>`}
<form method="post" action="${actionUrl}">
<label for="topup-amount">Top-up amount (${order.currency})</label>
<input id="topup-amount" name="amount" type="number" inputmode="decimal" required min="${shortfall}" step="0.01"
 value="${shortfall}"${error === undefined ? null : html` aria-invalid="true" aria-describedby="topup-error"`}>
<button type="submit" name="action" value="topup">Top up and pay</button>
</form>
<form method="post" action="${actionUrl}">
<button type="submit" name="action" value="cancel">Cancel</button>
</form>`,
    error === undefined ? 200 : 400,
  );
}
