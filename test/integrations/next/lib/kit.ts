/** The README's kit block, as a merchant's Next.js app keeps it: one module, one kit. */
import { createHmac, timingSafeEqual } from 'node:crypto';
import { createWalletKit, type CheckoutSession } from '../../../../dist/server/index.js';

/** The merchant's stateless checkout token: the session, HMAC-signed (test/cluster/sessions.ts mints it). */
function readSession(authorization: string | null): CheckoutSession | null {
  const match = /^Bearer ([\w-]+)\.([\w-]+)$/.exec(authorization ?? '');
  if (!match) return null;
  const expected = Buffer.from(createHmac('sha256', process.env.SESSION_SECRET!).update(match[1]!).digest('base64url'));
  const given = Buffer.from(match[2]!);
  if (expected.length !== given.length || !timingSafeEqual(expected, given)) return null;
  return JSON.parse(Buffer.from(match[1]!, 'base64url').toString()) as CheckoutSession;
}

export const kit = createWalletKit({
  juspay: { baseUrl: process.env.JUSPAY_BASE_URL!, apiKey: process.env.JUSPAY_API_KEY!, merchantId: process.env.JUSPAY_MERCHANT_ID! },
  basePath: '/api/wallet',
  resolveCheckout: (request) => readSession(request.headers.get('authorization')),
  log: false,
});
