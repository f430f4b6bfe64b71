/**
 * The kit's small parts on their own: the log sanitiser (second line of the secrets invariant) and the OTP guard's
 * arithmetic. The stores have their own suite (store.test.ts).
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createLogger, type LogEntry } from '../../src/server/log.js';
import { MemoryStore } from '../../src/server/store.js';
import { DEFAULT_OTP_POLICY, OtpGuard } from '../../src/server/otp-guard.js';
import type { KitError } from '../../src/server/responses.js';

describe('log sanitiser', () => {
  it('redacts secret-named keys, token-shaped strings, the API key and the Basic credentials', () => {
    const entries: LogEntry[] = [];
    const log = createLogger((entry) => entries.push(entry), ['live_key_9f8e7d', btoa('live_key_9f8e7d:')]);
    log('warn', 'x', {
      otp: '123456',
      directWalletToken: 'abc',
      Authorization: 'Basic whatever',
      note: `upstream said tkn_3b4498297abc612a0b1e8cee084b395c and tk_abc and tok_def for live_key_9f8e7d / ${btoa('live_key_9f8e7d:')}`,
      nested: { deeper: ['tkn_1234'] },
      count: 3,
    });
    const line = JSON.stringify(entries[0]);
    for (const secret of [
      '123456',
      'abc',
      'Basic whatever',
      'tkn_3b44',
      'tk_abc',
      'tok_def',
      'live_key_9f8e7d',
      btoa('live_key_9f8e7d:'),
      'tkn_1234',
    ]) {
      assert.ok(!line.includes(secret), `${secret} leaked: ${line}`);
    }
    assert.equal(entries[0]!.count, 3);
    assert.equal(entries[0]!.event, 'x');
    assert.equal(entries[0]!.level, 'warn');
  });

  it('keeps the kit working when the hook throws', () => {
    const log = createLogger(() => {
      throw new Error('broken');
    }, []);
    assert.doesNotThrow(() => log('info', 'x'));
  });
});

describe('OtpGuard', () => {
  const guard = (now: () => number, policy = {}) => new OtpGuard(new MemoryStore(now), { ...DEFAULT_OTP_POLICY, ...policy }, now);

  it('counts attempts before Juspay is asked and locks at the limit', async () => {
    const now = 0;
    const otp = guard(() => now, { maxAttempts: 2 });
    await otp.sent('w');
    assert.equal(await otp.beforeLink('w'), 1);
    assert.equal(otp.wrongCode(1).extra.attemptsLeft, 1);
    assert.equal(await otp.beforeLink('w'), 2);
    assert.equal(otp.wrongCode(2).code, 'otp_attempts_exceeded');
    await assert.rejects(otp.beforeLink('w'), (error: KitError) => error.code === 'otp_attempts_exceeded');
  });

  it('refuses resends inside the cooldown, and admits one of two concurrent resends after it', async () => {
    let now = 0;
    const otp = guard(() => now);
    await otp.sent('w');
    const early = await Promise.allSettled([otp.beforeSend('w'), otp.beforeSend('w')]);
    assert.deepEqual(
      early.map((result) => result.status),
      ['rejected', 'rejected'],
    );
    now = 30_000;
    const race = await Promise.allSettled([otp.beforeSend('w'), otp.beforeSend('w')]);
    assert.deepEqual(race.map((result) => result.status).sort(), ['fulfilled', 'rejected']);
  });

  it('honours a zero cooldown', async () => {
    const otp = guard(() => 0, { resendCooldownSeconds: 0, maxResends: 1 });
    await otp.sent('w');
    await otp.beforeSend('w');
    await otp.sent('w');
    await assert.rejects(otp.beforeSend('w'), (error: KitError) => error.code === 'rate_limited');
  });
});
