/**
 * The Juspay client on its own: what goes on the wire (auth, headers, dotted form keys), which documented answer
 * shapes it accepts (docs/juspay.md §4–§6: samples copied from Juspay's docs), and how each failure is classified.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { serveSandbox, type Sandbox } from '../../src/sandbox/index.js';
import { ERROR_HTTP_STATUS } from '../../src/contract.js';
import type { ErrorCode } from '../../src/errors.js';
import { basicAuthorization, basicCredentials } from '../../src/server/basic-auth.js';
import { JuspayClient, JuspayApiError, JUSPAY_API_VERSION, createWalletKit } from '../../src/server/index.js';
import { classifyJuspayFailure } from '../../src/server/juspay-api-error.js';
import { toForm } from '../../src/server/juspay-client.js';
import { errorResponse, toKitError } from '../../src/server/responses.js';
import { foldOrderStatus, foldTxnStatus, offeredWallets, toContractWallet } from '../../src/server/mapping.js';
import { startHarness } from './kit-harness.js';

/** A client whose Juspay answers with `body` and `status`, recording what it was sent. */
function cannedClient(status: number, body: string, sent: Request[] = []) {
  return new JuspayClient({
    baseUrl: 'https://juspay.test/',
    apiKey: 'key_123',
    merchantId: 'shop',
    fetch: (async (input: string | URL | Request, init?: RequestInit) => {
      sent.push(new Request(input, init));
      return new Response(body, { status, headers: { 'content-type': 'application/json' } });
    }) as typeof fetch,
  });
}

async function failure(promise: Promise<unknown>): Promise<JuspayApiError> {
  try {
    await promise;
  } catch (error) {
    assert.ok(error instanceof JuspayApiError, `a JuspayApiError, got ${String(error)}`);
    return error;
  }
  assert.fail('expected a failure');
}

describe('JuspayClient: the wire', () => {
  it('sends Basic auth, version, x-merchantid, x-routing-id and dotted form keys', async () => {
    const sent: Request[] = [];
    const client = cannedClient(
      200,
      JSON.stringify({
        order_id: 'O1',
        status: 'CHARGED',
        payment: { authentication: { method: 'GET', url: 'https://juspay.test/pay/finish/shop/x/O1' } },
      }),
      sent,
    );
    await client.directDebit({
      customerId: 'cust_1',
      paymentMethod: 'GOPAY',
      token: 'tkn_abc',
      order: {
        order_id: 'O1',
        amount: 100.5,
        currency: 'IDR',
        customer_id: 'cust_1',
        return_url: 'https://shop.test/r',
        customer_phone: undefined,
      },
    });
    const request = sent[0]!;
    assert.equal(request.url, 'https://juspay.test/txns');
    assert.equal(request.method, 'POST');
    assert.equal(request.headers.get('authorization'), `Basic ${btoa('key_123:')}`);
    assert.equal(request.headers.get('version'), JUSPAY_API_VERSION);
    assert.equal(request.headers.get('x-merchantid'), 'shop');
    assert.equal(request.headers.get('x-routing-id'), 'cust_1');
    assert.equal(request.headers.get('content-type'), 'application/x-www-form-urlencoded');
    const form = new URLSearchParams(await request.text());
    assert.deepEqual(Object.fromEntries(form), {
      merchant_id: 'shop',
      payment_method_type: 'WALLET',
      payment_method: 'GOPAY',
      direct_wallet_token: 'tkn_abc',
      redirect_after_payment: 'true',
      format: 'json',
      'order.order_id': 'O1',
      'order.amount': '100.5',
      'order.currency': 'IDR',
      'order.customer_id': 'cust_1',
      'order.return_url': 'https://shop.test/r',
    });
  });

  it('encodes ids in paths so they cannot change the path', async () => {
    const sent: Request[] = [];
    await cannedClient(200, '{"object":"list","list":[]}', sent).listWallets('a/../b?c');
    assert.equal(new URL(sent[0]!.url).pathname, '/customers/a%2F..%2Fb%3Fc/wallets');
  });

  it('flattens one level of nesting into dotted keys and drops undefined', () => {
    assert.equal(toForm({ a: 1, b: undefined, order: { x: 'y', z: undefined } }).toString(), 'a=1&order.x=y');
  });
});

describe('JuspayClient: documented answer shapes', () => {
  it('reads Get wallet\'s documented sample (linked as the string "true", +0000 timestamp)', async () => {
    const sample =
      '{"id":"wlt_q23xzki3pazgtezo","object":"wallet_account","wallet":"MOBIKWIK","token":"tok_winysteev9eftrwcv6me","current_balance":250,"linked":"true","last_refreshed":"2016-08-02T08:07:52+0000"}';
    const wallet = await cannedClient(200, sample).getWallet('c', 'wlt_q23xzki3pazgtezo');
    assert.equal(wallet.token, 'tok_winysteev9eftrwcv6me');
    // MOBIKWIK is not a provider of the contract: it is not shown.
    assert.equal(toContractWallet(wallet), null);
    const asGopay = toContractWallet({ ...wallet, wallet: 'GOPAY' });
    assert.deepEqual(asGopay, {
      id: 'wlt_q23xzki3pazgtezo',
      provider: 'GOPAY',
      linked: true,
      balance: 250,
      balanceUpdatedAt: '2016-08-02T08:07:52.000Z',
    });
  });

  it("reads List wallets' newer sample (sub_details, juspay_bank_code, metadata) and never maps the token", async () => {
    const sample = JSON.stringify({
      list: [
        {
          wallet: 'SHOPEE',
          token: 'tk_bkc87beikjcnlblc87asa897sb8anisjkl8b',
          last_refreshed: '2023-09-11T08:29:47Z',
          juspay_bank_code: 'JP_SHOPEE',
          object: 'wallet_account',
          id: 'wlm_Giuln7b8Uy78uyhjI',
          current_balance: 100,
          sub_details: [
            { payment_method: 'SHOPEE', payment_method_type: 'WALLET', last_refreshed: '2023-09-11T08:29:47Z', current_balance: 100 },
          ],
          linked: true,
          metadata: { mobile_number: '9999999999' },
        },
        {
          id: 'wlt_d10hncoc6xldk',
          object: 'wallet_account',
          wallet: 'DANA',
          token: null,
          current_balance: null,
          linked: false,
          last_refreshed: null,
          gateway_reference_id: null,
        },
      ],
      offset: 0,
      count: 2,
      total: 2,
      object: 'list',
    });
    const wallets = await cannedClient(200, sample).listWallets('c');
    const mapped = offeredWallets(wallets, ['GOPAY', 'DANA', 'SHOPEEPAY', 'OVO']);
    assert.deepEqual(mapped, [
      { id: 'wlm_Giuln7b8Uy78uyhjI', provider: 'SHOPEEPAY', linked: true, balance: 100, balanceUpdatedAt: '2023-09-11T08:29:47.000Z' },
      { id: 'wlt_d10hncoc6xldk', provider: 'DANA', linked: false, balance: null, balanceUpdatedAt: null },
    ]);
    assert.doesNotMatch(JSON.stringify(mapped), /tk_|mobile|9999/);
    assert.deepEqual(
      offeredWallets(wallets, ['DANA']).map((w) => w.provider),
      ['DANA'],
    );
  });

  it('reads an unknown order as null, legacy (200 NOT_FOUND) and newer (404 E09) alike', async () => {
    assert.equal(
      await cannedClient(200, '{"status":"NOT_FOUND","status_id":40,"error_message":null,"error_code":null,"order_id":"X"}').orderStatus(
        'c',
        'X',
      ),
      null,
    );
    assert.equal(
      await cannedClient(404, '{"status":"NOT_FOUND","error_code":"E09","error_message":"Order not found"}').orderStatus('c', 'X'),
      null,
    );
  });

  it('refuses a wallet answer without an id as malformed', async () => {
    const error = await failure(cannedClient(200, '{"wallet":"GOPAY","linked":true}').getWallet('c', 'w'));
    assert.equal(error.reason, 'malformed');
    assert.equal(toKitError(error).code, 'invalid_response');
  });
});

describe('JuspayClient: failures', () => {
  const cases: [string, number, string, string, ErrorCode][] = [
    [
      '401 access_denied (the merchant key)',
      401,
      '{"status":"error","error_code":"access_denied","error_message":null,"status_id":null}',
      'unauthenticated',
      'server_error',
    ],
    [
      '403 bad_origin (IP allow-list)',
      403,
      '{"status":"bad_origin","error_code":"bad_origin","error_message":"Bad Origin. Permission denied."}',
      'unauthenticated',
      'server_error',
    ],
    ['500', 500, '{"status":"error","error_code":"internal_error"}', 'unavailable', 'server_error'],
    ['502 HTML from a proxy', 502, '<html>Bad gateway</html>', 'unavailable', 'server_error'],
    ['200 cut-off JSON', 200, '{"status":"CHARGED","order_id":', 'malformed', 'invalid_response'],
    [
      'EXPIRED token',
      400,
      '{"status":"error","error_code":"EXPIRED","error_message":"direct_wallet_token has expired"}',
      'token_expired',
      'server_error',
    ],
    [
      'used token',
      400,
      '{"status":"error","error_code":"INVALID_INPUT","error_message":"Invalid direct_wallet_token: already used"}',
      'token_expired',
      'server_error',
    ],
    [
      'order timed out (the seed)',
      400,
      '{"status":"error","error_message":"Order timed out","error_code":"invalid_request"}',
      'order_timed_out',
      'order_expired',
    ],
    [
      'order already charged',
      400,
      '{"status":"error","error_code":"INVALID_ACTION","error_message":"Order is already charged"}',
      'already_paid',
      'order_already_paid',
    ],
    [
      'customer not found',
      400,
      '{"status":"Invalid Request","error_code":"null_error","error_message":"Customer not found for given customerId."}',
      'customer_not_found',
      'server_error',
    ],
    [
      'newer 404 family',
      404,
      '{"response":{"errorMessage":"x","error":true,"userMessage":"Not Found","errorCode":"E09"},"code":404}',
      'not_found',
      'invalid_request',
    ],
    [
      'other 400',
      400,
      '{"status":"Invalid Request","error_code":"Invalid","error_message":"OTP is required while linking wallet."}',
      'rejected',
      'invalid_request',
    ],
  ];
  for (const [name, status, body, reason, code] of cases) {
    it(`classifies ${name} as ${reason} (${code})`, async () => {
      const error = await failure(cannedClient(status, body).getWallet('c', 'wlt_x'));
      assert.equal(error.reason, reason);
      // What the browser is told, mapped at the HTTP boundary.
      assert.equal(toKitError(error).code, code);
      assert.equal(errorResponse(error).status, ERROR_HTTP_STATUS[code]);
      // Juspay's own words are not kept: they could echo a token.
      assert.doesNotMatch(error.message, /direct_wallet_token|Customer not found|OTP/);
    });
  }

  it('recognises an error envelope answered with HTTP 200, even where a /txns answer was expected', async () => {
    const body = '{"status":"error","error_code":"EXPIRED","error_message":"direct_wallet_token has expired"}';
    const error = await failure(
      cannedClient(200, body).directDebit({ customerId: 'c', paymentMethod: 'GOPAY', token: 't', order: { existingOrderId: 'O1' } }),
    );
    assert.equal(error.reason, 'token_expired');
  });

  it('classifies the raw envelope the same without HTTP', () => {
    assert.equal(
      classifyJuspayFailure(400, { error_code: 'EXPIRED', error_message: 'order id expired: Order has expired' }),
      'order_timed_out',
    );
  });

  it('times out a call that gets no answer', async () => {
    const client = new JuspayClient({
      baseUrl: 'https://juspay.test',
      apiKey: 'k',
      merchantId: 'm',
      timeoutMs: 50,
      fetch: ((_input: unknown, init?: RequestInit) =>
        new Promise((_resolve, reject) => init?.signal?.addEventListener('abort', () => reject(init.signal!.reason)))) as typeof fetch,
    });
    const error = await failure(client.listWallets('c'));
    assert.equal(error.reason, 'timeout');
    assert.equal(toKitError(error).code, 'timeout');
  });

  it('reports an unreachable Juspay as server_error', async () => {
    const client = new JuspayClient({ baseUrl: 'http://127.0.0.1:1', apiKey: 'k', merchantId: 'm' });
    const error = await failure(client.listWallets('c'));
    assert.equal(error.reason, 'unavailable');
    assert.equal(toKitError(error).code, 'server_error');
  });
});

describe('JuspayClient: against the sandbox', () => {
  let served: { url: string; sandbox: Sandbox; close(): Promise<void> };
  before(async () => {
    served = await serveSandbox({ port: 0 });
  });
  after(() => served.close());

  it('creates a customer, a wallet (OTP sent), links it and lists it with a token', async () => {
    const { url, sandbox } = served;
    const client = new JuspayClient({ baseUrl: url, apiKey: sandbox.apiKey, merchantId: sandbox.merchantId });
    const ref = `client${Date.now()}`;
    assert.equal((await client.createCustomer({ objectReferenceId: ref })).object_reference_id, ref);
    const created = await client.createWallet(ref, 'GOPAY');
    assert.equal(created.linked, false);
    assert.equal(created.token, null);
    const linked = await client.linkWallet(ref, created.id, sandbox.testOtp);
    assert.equal(linked.linked, true);
    const [listed] = await client.listWallets(ref);
    assert.match(listed!.token ?? '', /^t/);
    assert.notEqual(listed!.token, linked.token, 'every read mints a new token');
  });
});

describe('Basic credentials beyond Latin-1', () => {
  /** Not Latin-1 (`€`), so `btoa` alone throws on it. */
  const apiKey = 'kéy€';

  it('are the UTF-8 bytes in base64, as curl -u sends them', () => {
    const utf8 = Buffer.from(`${apiKey}:`, 'utf8').toString('base64');
    assert.equal(basicCredentials(apiKey, ''), utf8);
    assert.equal(basicAuthorization(apiKey, ''), `Basic ${utf8}`);
    assert.equal(basicAuthorization('juspay', 'pässwörd-€'), `Basic ${Buffer.from('juspay:pässwörd-€').toString('base64')}`);
    assert.equal(basicAuthorization('key_123', ''), `Basic ${btoa('key_123:')}`, 'Latin-1 keys are encoded as before');
  });

  it('work end to end: a kit with such an API key answers a checkout from a sandbox with the same key', async () => {
    assert.doesNotThrow(() =>
      createWalletKit({ juspay: { baseUrl: 'https://juspay.test', apiKey, merchantId: 'shop' }, resolveCheckout: () => null }),
    );
    const h = await startHarness({ apiKey });
    try {
      assert.equal(h.sandbox.apiKey, apiKey);
      const answer = await (await h.checkout('linked')).call('GET', '/checkout');
      assert.equal(answer.status, 200, answer.text);
      assert.ok(h.juspay.length > 0 && h.juspay.every((exchange) => exchange.status === 200), 'the sandbox accepted the key');
      assert.ok(h.juspay.every((exchange) => exchange.requestHeaders.get('authorization') === basicAuthorization(apiKey, '')));
    } finally {
      await h.close();
    }
  });
});

describe('status folding', () => {
  it('folds txn statuses: paid, moving, failed', () => {
    assert.deepEqual(['CHARGED', 'AUTHORIZED'].map(foldTxnStatus), ['CHARGED', 'CHARGED']);
    assert.deepEqual(['PENDING', 'PENDING_VBV', 'AUTHORIZING', 'STARTED', 'SOMETHING_NEW'].map(foldTxnStatus), Array(5).fill('PENDING'));
    assert.deepEqual(['AUTHORIZATION_FAILED', 'JUSPAY_DECLINED', 'AUTHENTICATION_FAILED'].map(foldTxnStatus), Array(3).fill('FAILED'));
  });
  it('folds order statuses; no order is NEW', () => {
    assert.deepEqual([null, 'NEW', 'CREATED', 'NOT_FOUND'].map(foldOrderStatus), Array(4).fill('NEW'));
    assert.equal(foldOrderStatus('CHARGED'), 'CHARGED');
  });
});
