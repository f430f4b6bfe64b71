/**
 * Checkout sessions every kit instance can read without shared memory: the Bearer token is the session itself,
 * signed with HMAC-SHA256 (what a merchant's stateless checkout token would be).
 */
import { createHmac, timingSafeEqual } from 'node:crypto';
import type { CheckoutSession } from '../../src/server/index.js';

const sign = (payload: string, secret: string) => createHmac('sha256', secret).update(payload).digest('base64url');

export function mintSession(session: CheckoutSession, secret: string): string {
  const payload = Buffer.from(JSON.stringify(session)).toString('base64url');
  return `${payload}.${sign(payload, secret)}`;
}

export function readSession(authorization: string | null, secret: string): CheckoutSession | null {
  const match = /^Bearer ([\w-]+)\.([\w-]+)$/.exec(authorization ?? '');
  if (!match) return null;
  const [, payload, signature] = match as unknown as [string, string, string];
  const expected = Buffer.from(sign(payload, secret));
  const given = Buffer.from(signature);
  if (expected.length !== given.length || !timingSafeEqual(expected, given)) return null;
  return JSON.parse(Buffer.from(payload, 'base64url').toString()) as CheckoutSession;
}
