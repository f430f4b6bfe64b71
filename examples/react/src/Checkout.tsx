/**
 * wallet-elements in a React 19 app: the package is imported by its name, `wallet-elements/react` types the tags in
 * JSX, and React 19 attaches `on<event-name>` props of a custom element as event listeners, so
 * `onwallet-charged` receives a WalletChargedEvent with no cast and no ref.
 */
import { useState } from 'react';
import 'wallet-elements';
import type { WalletChargedEvent, WalletErrorEvent, WalletPendingEvent } from 'wallet-elements';
import type {} from 'wallet-elements/react';

type Outcome =
  | { kind: 'paid'; orderId: string }
  | { kind: 'top-up'; topUpUrl: string }
  | { kind: 'error'; message: string; retryable: boolean };

export function Checkout({ endpoint, checkoutToken }: { endpoint: string; checkoutToken?: string }) {
  const [outcome, setOutcome] = useState<Outcome | null>(null);

  // A single-page app routes itself: cancel the element's redirect and show our own confirmation.
  const onCharged = (event: WalletChargedEvent) => {
    event.preventDefault();
    setOutcome({ kind: 'paid', orderId: event.detail.orderId });
  };
  const onPending = (event: WalletPendingEvent) => setOutcome({ kind: 'top-up', topUpUrl: event.detail.topUpUrl });
  // The element already shows the message and a way to recover; the page may log or track it.
  const onError = (event: WalletErrorEvent) =>
    setOutcome({ kind: 'error', message: event.detail.message, retryable: event.detail.retryable });

  return (
    <main>
      <h1>Checkout</h1>
      {outcome?.kind === 'paid' ? null : (
        <wallet-pay
          endpoint={endpoint}
          checkout-token={checkoutToken}
          locale="en"
          onwallet-charged={onCharged}
          onwallet-pending={onPending}
          onwallet-error={onError}
        />
      )}
      <p role="status" id="outcome" data-outcome={outcome?.kind ?? 'none'}>
        {describe(outcome)}
      </p>
    </main>
  );
}

function describe(outcome: Outcome | null): string {
  switch (outcome?.kind) {
    case undefined:
      return '';
    case 'paid':
      return `Thank you: order ${outcome.orderId} is paid.`;
    case 'top-up':
      return `Top up to finish paying: ${new URL(outcome.topUpUrl).host}`;
    case 'error':
      return outcome.retryable ? `${outcome.message} (you can try again)` : outcome.message;
  }
}
