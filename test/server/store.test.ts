/**
 * The KitStore contract, run against both stores: MemoryStore (one process) and RedisStore on a real
 * redis-server. Expiry, first-come atomic operations under concurrency, owner-checked release and renewal, the
 * limiter, and the owner-tagged lock built on them. MemoryStore's sweep is bounded per call.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { MemoryStore, type KitStore } from '../../src/server/index.js';
import { LockBusy, withLock } from '../../src/server/lock.js';
import { redisStore } from '../helpers/redis.js';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function storeContract(name: string, open: () => Promise<{ store: KitStore; close(): Promise<void> }>) {
  describe(`KitStore contract: ${name}`, () => {
    let store: KitStore;
    let close: () => Promise<void>;
    before(async () => {
      ({ store, close } = await open());
    });
    after(() => close());

    it('get / set / delete, and a set key expires after its TTL', async () => {
      assert.equal(await store.get('absent'), undefined);
      await store.set('k', 'v', 1);
      assert.equal(await store.get('k'), 'v');
      await store.delete('k');
      assert.equal(await store.get('k'), undefined);
      await store.set('short', 'v', 1);
      await sleep(1_100);
      assert.equal(await store.get('short'), undefined);
    });

    it('setIfAbsent admits exactly one of many concurrent callers', async () => {
      const wins = await Promise.all(Array.from({ length: 20 }, (_, index) => store.setIfAbsent('once', String(index), 10)));
      assert.equal(wins.filter(Boolean).length, 1);
      assert.equal(await store.get('once'), String(wins.indexOf(true)));
    });

    it('increment counts every concurrent call once, and the window starts at the first', async () => {
      const counts = await Promise.all(Array.from({ length: 25 }, () => store.increment('count', 1)));
      assert.deepEqual(
        [...counts].sort((a, b) => a - b),
        Array.from({ length: 25 }, (_, index) => index + 1),
      );
      await sleep(1_100);
      assert.equal(await store.increment('count', 1), 1, 'the count restarts after its TTL');
    });

    it('deleteIfEquals and renewIfEquals act only for the value the key holds (the lock owner)', async () => {
      await store.set('lock', 'owner-1', 1);
      assert.equal(await store.deleteIfEquals('lock', 'owner-2'), false);
      assert.equal(await store.renewIfEquals('lock', 'owner-2', 30), false);
      assert.equal(await store.renewIfEquals('lock', 'owner-1', 3), true);
      await sleep(1_100);
      assert.equal(await store.get('lock'), 'owner-1', 'renewed past its first TTL');
      assert.equal(await store.deleteIfEquals('lock', 'owner-1'), true);
      assert.equal(await store.get('lock'), undefined);
      assert.equal(await store.renewIfEquals('lock', 'owner-1', 3), false, 'a released lock is not revived');
    });

    it('a limiter refuses past its points with the seconds left, per key', async () => {
      const limiter = store.limiter({ name: `t${Math.random()}`, points: 3, durationSeconds: 60 });
      const answers = [];
      for (let index = 0; index < 5; index += 1) answers.push(await limiter.consume('phone-1'));
      assert.deepEqual(answers.slice(0, 3), [null, null, null]);
      for (const retryAfter of answers.slice(3)) assert.ok(retryAfter !== null && retryAfter > 0 && retryAfter <= 60, String(retryAfter));
      assert.equal(await limiter.consume('phone-2'), null, 'another key has its own budget');
    });

    it("withLock runs one holder at a time; a waiter gets the holder's stored answer or its turn", async () => {
      let running = 0;
      let most = 0;
      const work = async () => {
        running += 1;
        most = Math.max(most, running);
        await sleep(50);
        running -= 1;
        return 'done';
      };
      const deadline = Date.now() + 5_000;
      const results = await Promise.all(Array.from({ length: 4 }, () => withLock(store, 'job', { ttlSeconds: 3, deadline }, work)));
      assert.deepEqual(results, ['done', 'done', 'done', 'done']);
      assert.equal(most, 1);

      await store.set('job', 'someone-else', 3);
      await assert.rejects(withLock(store, 'job', { ttlSeconds: 3, deadline: Date.now() + 300 }, work), LockBusy);
      const answer = await withLock(store, 'job', { ttlSeconds: 3, deadline: Date.now() + 300, whileWaiting: async () => 'stored' }, work);
      assert.equal(answer, 'stored');
      assert.equal(await store.get('job'), 'someone-else', 'a waiter never releases a lock it does not own');
    });

    it('a lock whose owner died frees within its TTL; a live owner keeps it past the TTL by renewing', async () => {
      await store.set('crashed', 'dead-owner', 1);
      const started = Date.now();
      const result = await withLock(store, 'crashed', { ttlSeconds: 1, deadline: Date.now() + 5_000 }, async () => 'mine');
      assert.equal(result, 'mine');
      assert.ok(Date.now() - started < 2_500, `waited ${Date.now() - started} ms`);

      const holder = withLock(store, 'long', { ttlSeconds: 1, deadline: Date.now() + 5_000 }, () => sleep(2_200).then(() => 'held'));
      await sleep(100);
      await assert.rejects(
        withLock(store, 'long', { ttlSeconds: 1, deadline: Date.now() + 1_800 }, async () => 'stolen'),
        LockBusy,
      );
      assert.equal(await holder, 'held');
    });
  });
}

storeContract('MemoryStore', async () => ({ store: new MemoryStore(), close: async () => {} }));
storeContract('RedisStore', redisStore);

describe('MemoryStore sweep', () => {
  it('drops expired entries as it is written to, a bounded number per write', async () => {
    let now = 0;
    const store = new MemoryStore(() => now);
    for (let index = 0; index < 100_000; index += 1) await store.set(`old${index}`, 'x', 1);
    now = 2_000;
    const before = store.size;
    await store.set('one', 'x', 100);
    // One write looks at a few entries, not at all 100,000 expired ones: no call stalls the event loop.
    assert.ok(before - store.size < 100, `one write removed ${before - store.size} entries`);
    for (let index = 0; index < 5_000; index += 1) await store.set(`new${index}`, 'x', 100);
    assert.equal(store.size, 5_001, 'over enough writes every expired entry is gone and every live one stays');
  });
});
