/**
 * wallet-elements in a plain TypeScript app bundled by Vite: the package is imported by its name, the events are
 * typed through `GlobalEventHandlersEventMap` and the exported event classes, with no casts.
 */
import 'wallet-elements';
import type { WalletChargedEvent, WalletErrorEvent } from 'wallet-elements';

const mount = document.getElementById('checkout');
const outcome = document.getElementById('outcome');
if (!mount || !outcome) throw new Error('index.html lacks #checkout or #outcome');

function show(kind: 'paid' | 'top-up' | 'error', text: string): void {
  if (!outcome) return;
  outcome.dataset.outcome = kind;
  outcome.textContent = text;
}

// `createElement('wallet-pay')` is a WalletPay (HTMLElementTagNameMap), so its properties are typed too.
const pay = document.createElement('wallet-pay');
pay.endpoint = '/api/wallet';
pay.checkoutToken = document.querySelector('meta[name="checkout-token"]')?.getAttribute('content') || undefined;

// A single-page app shows its own confirmation instead of the element's redirect: cancel the default action.
function onCharged(event: WalletChargedEvent): void {
  event.preventDefault();
  pay.remove();
  show('paid', `Thank you: order ${event.detail.orderId} is paid.`);
}

function onError(event: WalletErrorEvent): void {
  // The element already shows the message and a way to recover; the page may log or track it.
  show('error', event.detail.retryable ? `${event.detail.message} (you can try again)` : event.detail.message);
}

pay.addEventListener('wallet-charged', onCharged);
// Inferred from GlobalEventHandlersEventMap: `event` is a WalletPendingEvent here.
pay.addEventListener('wallet-pending', (event) => show('top-up', `Top up to finish paying: ${new URL(event.detail.topUpUrl).host}`));
pay.addEventListener('wallet-error', onError);
mount.append(pay);
