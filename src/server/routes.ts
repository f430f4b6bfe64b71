/**
 * Which service answers each route of the contract's ROUTES, once the transport (http.ts) has matched the route,
 * checked the origin, the session and the limits, and parsed the body. One handler per route key, so a route
 * without a handler is a type error.
 */
import * as z from 'zod/mini';
import {
  CreateWalletRequest,
  LinkRequest,
  PayRequest,
  type ROUTES,
  type Checkout,
  type OrderStatus,
  type Provider,
  type WalletList,
} from '../contract.js';
import type { RequestScope } from './customer-wallets.js';
import type { LinkingService } from './linking.js';
import { foldOrderStatus, offeredWallets } from './mapping.js';
import type { OrderBook } from './order-book.js';
import type { Outcomes } from './outcomes.js';
import type { PayService } from './pay.js';
import { returnUrlWith, type CheckoutSession } from './session.js';

export type Route = (typeof ROUTES)[number];
/** 'GET /checkout' | 'POST /wallets' | …: one key per route. */
type KeyOf<R> = R extends { method: infer M extends string; path: infer P extends string } ? `${M} ${P}` : never;
export type RouteKey = KeyOf<Route>;

export const routeKey = (route: Route) => `${route.method} ${route.path}` as RouteKey;

/** Strict versions of the contract's request schemas: an unknown key is garbage, not something to ignore. */
export const REQUEST_BODIES = {
  CreateWalletRequest: z.strictObject(CreateWalletRequest.shape),
  LinkRequest: z.strictObject(LinkRequest.shape),
  PayRequest: z.strictObject(PayRequest.shape),
} as const;
type BodyOf<K extends keyof typeof REQUEST_BODIES> = z.infer<(typeof REQUEST_BODIES)[K]>;

/** A request as a handler sees it: checked and parsed. */
interface RouteCall {
  session: CheckoutSession;
  /** The `:id` of the path, a valid WalletId; '' on routes without one. */
  walletId: string;
  /** The parsed body of a route with a request schema. */
  body: unknown;
  scope: RequestScope;
}

export type RouteHandlers = Record<RouteKey, (call: RouteCall) => Promise<unknown>>;

export function routeHandlers(deps: {
  providers: readonly Provider[];
  linking: LinkingService;
  pay: PayService;
  orders: OrderBook;
  outcomes: Outcomes;
}): RouteHandlers {
  const { providers, linking, pay, orders, outcomes } = deps;
  return {
    'GET /checkout': async ({ session, scope }): Promise<Checkout> => ({
      order: { id: session.orderId, amount: session.amount, currency: session.currency },
      wallets: offeredWallets(await scope.wallets.list(session), providers),
      providers: [...providers],
    }),

    'POST /wallets/refresh': async ({ session, scope }): Promise<WalletList> => ({
      wallets: offeredWallets(await scope.wallets.refreshAll(session), providers),
    }),

    'POST /wallets/:id/refresh': ({ session, walletId, scope }) => linking.refresh(session, walletId, scope),

    'POST /wallets': ({ session, body, scope }) => linking.create(session, (body as BodyOf<'CreateWalletRequest'>).provider, scope),

    'POST /wallets/:id/authenticate': ({ session, walletId, scope }) => linking.authenticate(session, walletId, scope),

    'POST /wallets/:id/link': ({ session, walletId, body, scope }) =>
      linking.link(session, walletId, (body as BodyOf<'LinkRequest'>).otp, scope),

    'POST /wallets/:id/unlink': ({ session, walletId, scope }) => linking.unlink(session, walletId, scope),

    'POST /pay': async ({ session, body, scope }) => {
      // The record outcomes are checked against, written before anything can be debited.
      await orders.remember(session);
      return pay.pay(session, (body as BodyOf<'PayRequest'>).walletId, scope);
    },

    'GET /order': async ({ session, scope }): Promise<OrderStatus> => {
      const order = await scope.juspay.orderStatus(session.customerId, session.orderId);
      const status = foldOrderStatus(order ? order.status : null);
      // Juspay's own answer, just read: it confirms the outcome for the merchant's hooks.
      if (status === 'CHARGED' || status === 'FAILED') outcomes.settleLater(session.orderId, 'poll', order);
      return {
        orderId: session.orderId,
        status,
        amount: session.amount,
        currency: session.currency,
        // Where the shopper goes once the order has settled (e.g. after a top-up): the merchant's return page.
        url: returnUrlWith(session, status),
      };
    },
  };
}
