#!/usr/bin/env node
/**
 * `npm run sandbox`, or `npx wallet-elements-sandbox` from the package: the Juspay sandbox on its own, for poking
 * at it with curl or pointing a kit at it.
 * PORT (default 4010), JUSPAY_API_KEY and JUSPAY_MERCHANT_ID configure it; it listens on 127.0.0.1 only.
 * JUSPAY_WEBHOOK_URL, with JUSPAY_WEBHOOK_USERNAME and JUSPAY_WEBHOOK_PASSWORD, makes it POST webhooks there.
 */
import { serveSandbox, type WebhookOptions } from './index.js';

const port = Number(process.env.PORT ?? 4010);
if (!Number.isInteger(port) || port < 0 || port > 65535) {
  console.error(`PORT must be an integer between 0 and 65535, got ${process.env.PORT}`);
  process.exit(1);
}

function webhookFromEnv(): WebhookOptions | undefined {
  const url = process.env.JUSPAY_WEBHOOK_URL;
  if (!url) return undefined;
  const username = process.env.JUSPAY_WEBHOOK_USERNAME;
  const password = process.env.JUSPAY_WEBHOOK_PASSWORD;
  // Juspay's dashboard asks for both: every webhook carries Basic credentials.
  if (!username || password === undefined || password === '') {
    console.error('JUSPAY_WEBHOOK_URL needs JUSPAY_WEBHOOK_USERNAME and JUSPAY_WEBHOOK_PASSWORD as well');
    process.exit(1);
  }
  return { url, username, password };
}

let served: Awaited<ReturnType<typeof serveSandbox>>;
try {
  served = await serveSandbox({
    port,
    host: '127.0.0.1',
    apiKey: process.env.JUSPAY_API_KEY || undefined,
    merchantId: process.env.JUSPAY_MERCHANT_ID || undefined,
    webhook: webhookFromEnv(),
  });
} catch (error) {
  console.error(error instanceof Error ? error.message : String(error));
  process.exit(1);
}
const { url, sandbox, close } = served;
// Only the user name is shown; the password stays in the environment.
const webhooks = sandbox.webhooks.url
  ? `  Webhooks (JUSPAY_WEBHOOK_*):                POST ${sandbox.webhooks.url}, Basic user '${process.env.JUSPAY_WEBHOOK_USERNAME}',
                                              retried for about a day until it answers 2xx
  Webhook deliveries and switches:            ${url}/__sandbox/webhooks`
  : `  Webhooks:                                   off (set JUSPAY_WEBHOOK_URL, JUSPAY_WEBHOOK_USERNAME, JUSPAY_WEBHOOK_PASSWORD)`;

const auth = `-u '${sandbox.apiKey}:'`;
console.log(`Juspay sandbox listening on ${url}

  API key (Basic auth user, empty password): ${sandbox.apiKey}
  Merchant id:                                ${sandbox.merchantId}
  Test OTP:                                   ${sandbox.testOtp}
  Personas (object_reference_id):             new, unlinked, linked, low-balance, declined
  Controls:                                   ${url}/__sandbox/info
${webhooks}

Try it: list the 'linked' persona's wallets, then pay 150,000 IDR with the token it returns:

  curl ${auth} ${url}/customers/linked/wallets

  curl ${auth} ${url}/txns \\
    --data-urlencode 'merchant_id=${sandbox.merchantId}' --data-urlencode 'payment_method_type=WALLET' \\
    --data-urlencode 'payment_method=GOPAY' --data-urlencode 'redirect_after_payment=true' \\
    --data-urlencode 'format=json' --data-urlencode 'direct_wallet_token=<token from the list>' \\
    --data-urlencode 'order.order_id=demo1' --data-urlencode 'order.amount=150000' \\
    --data-urlencode 'order.currency=IDR' --data-urlencode 'order.customer_id=linked'

Refund it (no amount = all of it):

  curl ${auth} ${url}/orders/demo1/refunds --data-urlencode 'unique_request_id=refund-demo1'
`);

const shutdown = () => {
  close().then(
    () => process.exit(0),
    () => process.exit(1),
  );
};
process.once('SIGINT', shutdown);
process.once('SIGTERM', shutdown);
