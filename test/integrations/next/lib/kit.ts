/** The README's kit block, as a merchant's Next.js app keeps it: one module, one kit. */
import { createWalletKit } from '../../../../dist/server/index.js';
import { readSession } from '../../../cluster/sessions';

export const kit = createWalletKit({
  juspay: { baseUrl: process.env.JUSPAY_BASE_URL!, apiKey: process.env.JUSPAY_API_KEY!, merchantId: process.env.JUSPAY_MERCHANT_ID! },
  basePath: '/api/wallet',
  resolveCheckout: (request) => readSession(request.headers.get('authorization'), process.env.SESSION_SECRET!),
  log: false,
});
