import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { pendingOrder, startSandbox, submitTopup, type Harness } from './helpers.js';

describe('sandbox browser pages', () => {
  let h: Harness;
  before(async () => {
    h = await startSandbox();
  });
  after(() => h.close());

  const pending = async (overrides: Record<string, string> = {}) => (await pendingOrder(h, overrides)).topupUrl;

  it('escapes merchant-supplied values', async () => {
    const url = await pending({ 'order.order_id': `<i>x"'&` });
    const text = await (await fetch(url)).text();
    assert.ok(text.includes('&lt;i&gt;x&quot;&#39;&amp;'));
    assert.ok(!text.includes('<i>x'));
  });

  it('serves every page whole, one after another', async () => {
    // Regression: a shared headers object once carried the first page's Content-Length into later pages.
    const short = await fetch(`${h.url}/pay/finish/wallet_elements/nope/nope`);
    assert.equal(short.status, 404);
    assert.match(await short.text(), /<\/html>\s*$/);
    for (let index = 0; index < 3; index += 1) {
      const text = await (await fetch(await pending())).text();
      assert.match(text, /<\/html>\s*$/);
    }
  });

  it('answers 404 pages for unknown top-up ids, needing no API key', async () => {
    const answer = await fetch(`${h.url}/wallets/topup/start/wtpup_unknown00000000`);
    assert.equal(answer.status, 404);
    assert.match(answer.headers.get('content-type')!, /^text\/html/);
    const post = await fetch(`${h.url}/wallets/topup/start/wtpup_unknown00000000`, { method: 'POST', body: 'action=topup' });
    assert.equal(post.status, 404);
  });

  it('re-renders the form with an alert for an unknown action', async () => {
    const url = await pending();
    const answer = await submitTopup(url, 'action=steal');
    assert.equal(answer.status, 400);
    const text = await answer.text();
    assert.match(text, /role="alert"/);
    assert.match(text, /aria-invalid="true"/);
  });
});
