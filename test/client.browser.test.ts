/**
 * WalletClient against the real kit and sandbox. A counting pass-through `fetch` (it calls the real one) shows how
 * many requests left the browser and with which headers; a stub `fetch` is used only for faults the real backend
 * cannot produce (a network failure, a kit that answers off-contract).
 */
import { expect } from '@open-wc/testing';
import { WalletClient } from '../src/client.js';
import { WalletError } from '../src/errors.js';
import { advanceClock, clearFaults, newCheckout, setFault, type TestCheckout } from './helpers/backend.js';

interface Sent {
  method: string;
  url: string;
  headers: Headers;
  body: string | null;
}

/** A client whose every request is recorded, then sent for real. */
function spiedClient(
  checkout: Pick<TestCheckout, 'endpoint' | 'checkoutToken'> | { endpoint: string; checkoutToken?: string },
  timeoutMs?: number,
) {
  const sent: Sent[] = [];
  const client = new WalletClient({
    ...checkout,
    timeoutMs,
    fetch: (input, init) => {
      sent.push({
        method: init?.method ?? 'GET',
        url: String(input),
        headers: new Headers(init?.headers),
        body: typeof init?.body === 'string' ? init.body : null,
      });
      return fetch(input, init);
    },
  });
  return { client, sent };
}

/** A client whose `fetch` is a stub (for faults the backend cannot produce). */
function stubbedClient(answer: () => Promise<Response>) {
  let calls = 0;
  const client = new WalletClient({
    endpoint: '/api/wallet',
    checkoutToken: 'tok',
    fetch: () => {
      calls += 1;
      return answer();
    },
  });
  return { client, calls: () => calls };
}

async function failure(promise: Promise<unknown>): Promise<WalletError> {
  try {
    await promise;
  } catch (error) {
    expect(error).to.be.instanceOf(WalletError);
    return error as WalletError;
  }
  throw new Error('expected a WalletError, the call succeeded');
}

describe('WalletClient', () => {
  afterEach(() => clearFaults());

  describe('against the real kit, every method parses its answer', () => {
    it("checkout(): the order and the customer's wallets", async () => {
      const session = await newCheckout('linked');
      const { client, sent } = spiedClient(session);
      const checkout = await client.checkout();
      expect(checkout.order).to.deep.equal({ id: session.orderId, amount: 150_000, currency: 'IDR' });
      expect(checkout.providers).to.deep.equal(['GOPAY', 'DANA', 'SHOPEEPAY', 'OVO']);
      const gopay = checkout.wallets.find((wallet) => wallet.provider === 'GOPAY')!;
      expect(gopay.linked).to.equal(true);
      expect(gopay.balance).to.equal(1_000_000);
      expect(Date.parse(gopay.balanceUpdatedAt!)).to.be.a('number').and.not.NaN;
      expect(sent.map((r) => `${r.method} ${r.url}`)).to.deep.equal(['GET /api/wallet/checkout']);
    });

    it('refreshAll() and refresh(id): fresh balances', async () => {
      const session = await newCheckout('low-balance');
      const { client, sent } = spiedClient(session);
      const { wallets } = await client.refreshAll();
      const wallet = wallets.find((w) => w.provider === 'GOPAY')!;
      expect(wallet.balance).to.equal(20_000);
      const { wallet: one } = await client.refresh(wallet.id);
      expect(one.id).to.equal(wallet.id);
      expect(one.balance).to.equal(20_000);
      expect(sent.map((r) => `${r.method} ${r.url}`)).to.deep.equal([
        'POST /api/wallet/wallets/refresh',
        `POST /api/wallet/wallets/${wallet.id}/refresh`,
      ]);
    });

    it('createWallet(provider) then link(id, otp): a new linked wallet', async () => {
      const session = await newCheckout('new');
      const { client, sent } = spiedClient(session);
      const challenge = await client.createWallet('DANA');
      expect(challenge.wallet.provider).to.equal('DANA');
      expect(challenge.wallet.linked).to.equal(false);
      expect(challenge.otp.attemptsLeft).to.be.greaterThan(0);
      expect(challenge.otp.resendAfter).to.be.greaterThan(0);
      expect(JSON.parse(sent[0]!.body!)).to.deep.equal({ provider: 'DANA' });
      const { wallet } = await client.link(challenge.wallet.id, session.testOtp);
      expect(wallet).to.include({ id: challenge.wallet.id, provider: 'DANA', linked: true });
      expect(JSON.parse(sent[1]!.body!)).to.deep.equal({ otp: session.testOtp });
    });

    it('authenticate(id): an OTP challenge for a listed, unlinked wallet', async () => {
      const session = await newCheckout('unlinked');
      const { client } = spiedClient(session);
      const listed = (await client.checkout()).wallets.find((w) => w.provider === 'GOPAY')!;
      expect(listed.linked).to.equal(false);
      const challenge = await client.authenticate(listed.id);
      expect(challenge.wallet.id).to.equal(listed.id);
      expect(challenge.otp.resendsLeft).to.be.a('number');
    });

    it('pay(walletId) then order(): CHARGED with a URL', async () => {
      const session = await newCheckout('linked');
      const { client } = spiedClient(session);
      const before = await client.order();
      expect(before).to.include({ orderId: session.orderId, amount: 150_000, currency: 'IDR' });
      const wallet = (await client.checkout()).wallets[0]!;
      const paid = await client.pay(wallet.id);
      expect(paid.orderId).to.equal(session.orderId);
      expect(paid.status).to.equal('CHARGED');
      expect(() => new URL(paid.url, location.href)).to.not.throw();
      expect((await client.order()).status).to.equal('CHARGED');
    });
  });

  describe('the checkout token', () => {
    it('is sent as Authorization: Bearer on every call', async () => {
      const session = await newCheckout('linked');
      const { client, sent } = spiedClient(session);
      await client.checkout();
      await client.refreshAll();
      expect(sent).to.have.length(2);
      for (const request of sent) expect(request.headers.get('authorization')).to.equal(`Bearer ${session.checkoutToken}`);
    });

    it('without it the kit refuses: unauthorized (401), not retried', async () => {
      // No cookie either: a fresh session cookie would otherwise identify the shopper (the demo's return page).
      const { client, sent } = spiedClient({ endpoint: '/api/wallet', checkoutToken: 'not-a-real-token' });
      const error = await failure(client.checkout());
      expect(error.code).to.equal('unauthorized');
      expect(error.status).to.equal(401);
      expect(error.retryable).to.equal(false);
      expect(sent).to.have.length(1);
    });
  });

  describe('typed errors from the real backend', () => {
    it('4xx: a wrong OTP is otp_invalid with attempts left', async () => {
      const session = await newCheckout('unlinked');
      const { client } = spiedClient(session);
      const id = (await client.checkout()).wallets[0]!.id;
      const challenge = await client.authenticate(id);
      const wrong = session.testOtp === '000000' ? '111111' : '000000';
      const error = await failure(client.link(id, wrong));
      expect(error.code).to.equal('otp_invalid');
      expect(error.status).to.equal(422);
      expect(error.attemptsLeft).to.equal(challenge.otp.attemptsLeft - 1);
    });

    it('4xx: refreshing an unlinked wallet is wallet_not_linked', async () => {
      const session = await newCheckout('unlinked');
      const { client } = spiedClient(session);
      const id = (await client.checkout()).wallets[0]!.id;
      expect((await failure(client.refresh(id))).code).to.equal('wallet_not_linked');
    });

    it('an id that could escape the path is encoded, and refused', async () => {
      const session = await newCheckout('linked');
      const { client, sent } = spiedClient(session);
      const error = await failure(client.refresh('../../pay'));
      expect(error.code).to.equal('invalid_request');
      expect(sent[0]!.url).to.equal('/api/wallet/wallets/..%2F..%2Fpay/refresh');
    });

    it('5xx: Juspay down is server_error; a GET is retried exactly once', async () => {
      const session = await newCheckout('linked');
      const { client, sent } = spiedClient(session);
      await setFault({ kind: 'error' });
      const error = await failure(client.checkout());
      expect(error.code).to.equal('server_error');
      expect(error.status).to.equal(500);
      expect(error.retryable).to.equal(true);
      expect(sent.map((r) => r.method)).to.deep.equal(['GET', 'GET']);
    });

    it('5xx once: the GET retry recovers', async () => {
      const session = await newCheckout('linked');
      const { client, sent } = spiedClient(session);
      await setFault({ kind: 'error', times: 1 });
      const checkout = await client.checkout();
      expect(checkout.order.id).to.equal(session.orderId);
      expect(sent).to.have.length(2);
    });

    it('5xx on a POST: never retried (it may have reached the backend)', async () => {
      const session = await newCheckout('linked');
      const { client, sent } = spiedClient(session);
      await setFault({ kind: 'error', times: 1 });
      const error = await failure(client.refreshAll());
      expect(error.code).to.equal('server_error');
      expect(sent).to.have.length(1);
      // The fault is used up: the same call now works, so only the retry policy kept it to one request.
      expect((await client.refreshAll()).wallets).to.have.length(1);
    });

    it('Juspay answers garbage: invalid_response', async () => {
      const session = await newCheckout('linked');
      const { client } = spiedClient(session);
      await setFault({ kind: 'malformed' });
      const error = await failure(client.refreshAll());
      expect(error.code).to.equal('invalid_response');
      expect(error.status).to.equal(502);
    });

    it('Juspay hangs: the kit answers timeout (504), a POST is not retried', async () => {
      const session = await newCheckout('linked');
      const { client, sent } = spiedClient(session);
      await setFault({ kind: 'hang' });
      const error = await failure(client.refreshAll());
      expect(error.code).to.equal('timeout');
      expect(error.status).to.equal(504);
      expect(sent).to.have.length(1);
    });

    it('the kit itself too slow: the client gives up after timeoutMs with timeout', async () => {
      const session = await newCheckout('linked');
      const { client, sent } = spiedClient(session, 300);
      await setFault({ kind: 'hang' });
      const started = performance.now();
      const error = await failure(client.refreshAll());
      expect(error.code).to.equal('timeout');
      expect(error.status).to.equal(undefined);
      expect(performance.now() - started).to.be.lessThan(1400);
      expect(sent).to.have.length(1);
    });

    it('an expired OTP is otp_expired', async () => {
      const session = await newCheckout('unlinked');
      const { client } = spiedClient(session);
      const id = (await client.checkout()).wallets[0]!.id;
      await client.authenticate(id);
      await advanceClock(6 * 60_000);
      expect((await failure(client.link(id, session.testOtp))).code).to.equal('otp_expired');
    });
  });

  describe('faults only a stub can produce', () => {
    it('network failure: network; a GET is retried once, a POST never', async () => {
      const get = stubbedClient(() => Promise.reject(new TypeError('Failed to fetch')));
      expect((await failure(get.client.checkout())).code).to.equal('network');
      expect(get.calls()).to.equal(2);
      const post = stubbedClient(() => Promise.reject(new TypeError('Failed to fetch')));
      const error = await failure(post.client.pay('wlt_abcd1234'));
      expect(error.code).to.equal('network');
      expect(error.retryable).to.equal(true);
      expect(post.calls()).to.equal(1);
    });

    it('a 200 off the contract: invalid_response, never the raw data', async () => {
      const { client } = stubbedClient(async () =>
        Response.json({ order: { id: 'o1', amount: -5, currency: 'IDR' }, wallets: [], providers: [] }),
      );
      const error = await failure(client.checkout());
      expect(error.code).to.equal('invalid_response');
      const wallet = stubbedClient(async () =>
        Response.json({
          wallet: { id: 'wlt_1234', provider: 'GOPAY', linked: true, balance: 1, balanceUpdatedAt: null, token: 'x' },
          extra: 1,
        }),
      );
      // Unknown keys are stripped, not passed on (a token must never reach the page through the client).
      const { wallet: parsed } = await wallet.client.refresh('wlt_1234');
      expect(parsed).to.not.have.property('token');
    });

    it('a 200 that is not JSON: invalid_response', async () => {
      const { client } = stubbedClient(async () => new Response('<html>proxy login</html>', { status: 200 }));
      expect((await failure(client.refreshAll())).code).to.equal('invalid_response');
    });

    it('a 5xx that is not JSON (a proxy page): server_error with the status', async () => {
      const { client } = stubbedClient(async () => new Response('Bad gateway', { status: 503 }));
      const error = await failure(client.pay('wlt_abcd1234'));
      expect(error.code).to.equal('server_error');
      expect(error.status).to.equal(503);
    });

    it('a 4xx whose body is not the error contract: invalid_response', async () => {
      const { client } = stubbedClient(async () => Response.json({ error: { code: 'teapot', message: 'x' } }, { status: 418 }));
      const error = await failure(client.link('wlt_abcd1234', '123456'));
      expect(error.code).to.equal('invalid_response');
      expect(error.status).to.equal(418);
    });

    it('numbers and dates off their meaning: invalid_response (never "-5 attempts left" or "in Infinity s")', async () => {
      const challenge = (otp: object) => ({
        wallet: { id: 'wlt_1234', provider: 'DANA', linked: false, balance: null, balanceUpdatedAt: null },
        otp,
      });
      const bad = [
        challenge({ attemptsLeft: -5, resendsLeft: 3, resendAfter: 30 }),
        challenge({ attemptsLeft: 2.5, resendsLeft: 3, resendAfter: 30 }),
        challenge({ attemptsLeft: 5, resendsLeft: 3, resendAfter: 90_000 }),
      ];
      for (const body of bad) {
        const { client } = stubbedClient(async () => Response.json(body));
        expect((await failure(client.authenticate('wlt_1234'))).code, JSON.stringify(body)).to.equal('invalid_response');
      }
      // JSON's 1e999 parses to Infinity.
      const infinite = stubbedClient(
        async () =>
          new Response(
            '{"wallet":{"id":"wlt_1234","provider":"DANA","linked":false,"balance":null,"balanceUpdatedAt":null},"otp":{"attemptsLeft":5,"resendsLeft":3,"resendAfter":1e999}}',
          ),
      );
      expect((await failure(infinite.client.authenticate('wlt_1234'))).code).to.equal('invalid_response');
      for (const balanceUpdatedAt of ['yesterday', '2026-13-45T99:00:00Z', '1700000000']) {
        const { client } = stubbedClient(async () =>
          Response.json({ wallets: [{ id: 'wlt_1234', provider: 'GOPAY', linked: true, balance: 5, balanceUpdatedAt }] }),
        );
        expect((await failure(client.refreshAll())).code, balanceUpdatedAt).to.equal('invalid_response');
      }
      const ok = stubbedClient(async () =>
        Response.json({
          wallets: [{ id: 'wlt_1234', provider: 'GOPAY', linked: true, balance: 5, balanceUpdatedAt: '2026-12-01T10:00:00.123+07:00' }],
        }),
      );
      expect((await ok.client.refreshAll()).wallets).to.have.length(1);
    });

    it('an answer that comes from another origin than the endpoint: invalid_response', async () => {
      const { client } = stubbedClient(async () => {
        const response = Response.json({ wallets: [] });
        Object.defineProperty(response, 'url', { value: 'https://elsewhere.example/api/wallet/wallets/refresh' });
        return response;
      });
      expect((await failure(client.refreshAll())).code).to.equal('invalid_response');
    });
  });

  describe('redirects from the backend', () => {
    it('are not followed: the request is not re-sent elsewhere, the call fails as network', async () => {
      // The test server answers /api/redirecting/* with a 307 to the same path under the real kit, which would answer.
      const checkout = await newCheckout('linked');
      const { client } = spiedClient({ endpoint: '/api/redirecting', checkoutToken: checkout.checkoutToken });
      const error = await failure(client.pay('wlt_abcd1234'));
      expect(error.code).to.equal('network');
      const direct = await fetch('/api/redirecting/checkout', {
        headers: { authorization: `Bearer ${checkout.checkoutToken}` },
        redirect: 'manual',
      });
      expect(direct.type, 'the server does redirect').to.equal('opaqueredirect');
    });
  });
});
