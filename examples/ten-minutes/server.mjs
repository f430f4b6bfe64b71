// A whole merchant backend on the sandbox: the README's "Integrate in 10 minutes", run as is by the test suite.
import express from 'express';
import { randomUUID } from 'node:crypto';
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createWalletKit } from 'wallet-elements/server';
import { nodeHandler } from 'wallet-elements/server/node';

const port = Number(process.env.PORT ?? 3000);
const sessions = new Map(); // your session store: checkout token -> who pays for what

const kit = createWalletKit({
  juspay: {
    baseUrl: process.env.JUSPAY_BASE_URL ?? 'http://127.0.0.1:4010', // the sandbox; https://api.juspay.in when live
    apiKey: process.env.JUSPAY_API_KEY ?? 'sandbox_test_key',
    merchantId: process.env.JUSPAY_MERCHANT_ID ?? 'wallet_elements',
  },
  basePath: '/api/wallet',
  resolveCheckout: (request) => sessions.get(request.headers.get('authorization')?.replace(/^Bearer /, '')) ?? null,
  onOrderPaid: ({ orderId, path }) => console.log(`fulfil ${orderId} (learnt from ${path})`),
});

const app = express();
app.use(nodeHandler(kit));
app.use('/cdn', express.static(dirname(fileURLToPath(import.meta.resolve('wallet-elements/cdn')))));
app.get('/', (_req, res) => {
  const token = randomUUID();
  const orderId = `ord${Date.now()}`;
  // The sandbox's customer 'linked' has a linked GoPay wallet; 'new' links one by OTP (code 123456).
  sessions.set(token, {
    customerId: 'linked',
    orderId,
    amount: 150000,
    currency: 'IDR',
    returnUrl: `http://localhost:${port}/thanks?order=${orderId}`,
  });
  res.send(`<!doctype html><meta charset="utf-8"><title>Checkout</title>
<script src="/cdn/wallet-elements.min.js" defer></script>
<wallet-pay endpoint="/api/wallet" checkout-token="${token}"></wallet-pay>`);
});
app.get('/thanks', async (req, res) => res.send(`Order ${req.query.order}: ${await kit.reconcile(String(req.query.order))}`));
app.listen(port, () => console.log(`http://localhost:${port}`));
