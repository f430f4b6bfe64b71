/**
 * `npm run sandbox`: the Juspay sandbox on its own, for poking at it with curl or pointing a kit at it.
 * PORT (default 4010), JUSPAY_API_KEY and JUSPAY_MERCHANT_ID configure it; it listens on 127.0.0.1 only.
 */
import { serveSandbox } from './index.js';

const port = Number(process.env.PORT ?? 4010);
if (!Number.isInteger(port) || port < 0 || port > 65535) {
  console.error(`PORT must be an integer between 0 and 65535, got ${process.env.PORT}`);
  process.exit(1);
}

const { url, sandbox, close } = await serveSandbox({
  port,
  host: '127.0.0.1',
  apiKey: process.env.JUSPAY_API_KEY || undefined,
  merchantId: process.env.JUSPAY_MERCHANT_ID || undefined,
});

const auth = `-u '${sandbox.apiKey}:'`;
console.log(`Juspay sandbox listening on ${url}

  API key (Basic auth user, empty password): ${sandbox.apiKey}
  Merchant id:                                ${sandbox.merchantId}
  Test OTP:                                   ${sandbox.testOtp}
  Personas (object_reference_id):             new, unlinked, linked, low-balance, declined
  Controls:                                   ${url}/__sandbox/info

Try it: list the 'linked' persona's wallets, then pay 150,000 IDR with the token it returns:

  curl ${auth} ${url}/customers/linked/wallets

  curl ${auth} ${url}/txns \\
    --data-urlencode 'merchant_id=${sandbox.merchantId}' --data-urlencode 'payment_method_type=WALLET' \\
    --data-urlencode 'payment_method=GOPAY' --data-urlencode 'redirect_after_payment=true' \\
    --data-urlencode 'format=json' --data-urlencode 'direct_wallet_token=<token from the list>' \\
    --data-urlencode 'order.order_id=demo1' --data-urlencode 'order.amount=150000' \\
    --data-urlencode 'order.currency=IDR' --data-urlencode 'order.customer_id=linked'
`);

const shutdown = () => {
  close().then(
    () => process.exit(0),
    () => process.exit(1),
  );
};
process.once('SIGINT', shutdown);
process.once('SIGTERM', shutdown);
