import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { describeEachDatabase } from '../../../test/helpers/test-database.js';
import { describeWithRedis } from '../../../test/helpers/test-redis.js';
import { FakeClock } from '../clock.js';
import type { AttemptStore } from './attempt-store.js';
import { createLimiter } from './limiter.js';
import { createMemoryAttemptStore } from './memory-attempt-store.js';
import { createRedisAttemptStore } from './redis-attempt-store.js';
import { createSqlAttemptStore, type AttemptLimitsTables } from './sql-attempt-store.js';

const rule = { max: 5, windowMs: 15 * 60_000 };

/** What every store promises; the SQL store (both databases) and the Redis store both pass it. */
function contract(getStore: () => AttemptStore): void {
  let clock: FakeClock;
  let key: string;
  beforeEach(() => {
    clock = new FakeClock();
    key = `test:${randomUUID()}`;
  });
  const take = (max = rule.max) =>
    getStore().take({ key, max, windowMs: rule.windowMs, now: clock.now().getTime() });

  it('counts up to the limit, then refuses until the window ends', async () => {
    const start = clock.now().getTime();
    for (let i = 0; i < 5; i++)
      expect(await take()).toEqual({ isAllowed: true, resetAt: start + rule.windowMs });
    clock.advance(60_000);
    expect(await take()).toEqual({ isAllowed: false, resetAt: start + rule.windowMs });
    clock.advance(rule.windowMs);
    expect((await take()).isAllowed).toBe(true);
  });

  it('never counts past the limit under 200 concurrent takes', async () => {
    const results = await Promise.all(Array.from({ length: 200 }, () => take()));
    expect(results.filter((r) => r.isAllowed)).toHaveLength(5);
  });

  it('gives an attempt back within its window, and clears a key', async () => {
    const taken = await Promise.all(Array.from({ length: 5 }, () => take()));
    expect((await take()).isAllowed).toBe(false);
    await getStore().release({ key, resetAt: taken[0]!.resetAt });
    expect((await take()).isAllowed).toBe(true);
    expect((await take()).isAllowed).toBe(false);
    await getStore().clear(key);
    expect((await take()).isAllowed).toBe(true);
  });

  it('keeps keys apart', async () => {
    for (let i = 0; i < 5; i++) await take();
    const other = await getStore().take({
      key: `${key}:other`,
      ...rule,
      now: clock.now().getTime(),
    });
    expect(other.isAllowed).toBe(true);
  });
}

describeEachDatabase('attempt store (SQL)', (getDb) => {
  contract(() => createSqlAttemptStore(getDb().database.db as Kysely<AttemptLimitsTables>));
  it('limiter: 429 with the wait of the full window, giving back what the other checks took', async () => {
    const clock = new FakeClock();
    const store = createSqlAttemptStore(getDb().database.db as Kysely<AttemptLimitsTables>);
    const limiter = createLimiter({ store, clock });
    const key = randomUUID();
    const wide = { name: 'wide', rule: { max: 2, windowMs: 60_000 }, key };
    const narrow = { name: 'narrow', rule: { max: 1, windowMs: 120_000 }, key };
    await limiter.take(wide, narrow);
    await expect(limiter.take(wide, narrow)).rejects.toMatchObject({
      status: 429,
      details: { retryAfter: 120 },
    });
    // The refused attempt gave back its count under `wide`: one more still fits there.
    expect(await limiter.tryTake(wide)).toBeDefined();
    expect(await limiter.tryTake(wide)).toBeUndefined();
  });
});

describeWithRedis('attempt store', (url) => {
  let store: AttemptStore;
  beforeAll(() => {
    store = createRedisAttemptStore({ url, prefix: `masthead-test:${randomUUID()}:` });
  });
  afterAll(() => store.close());
  contract(() => store);
});

describe('attempt store (memory)', () => {
  const store = createMemoryAttemptStore();
  contract(() => store);
  it('stays within its key bound', async () => {
    const small = createMemoryAttemptStore({ maxKeys: 3 });
    for (let i = 0; i < 10; i++)
      await small.take({ key: `k${i}`, max: 1, windowMs: 60_000, now: 0 });
    // The newest keys are the ones still counted: k9 is full, k0 was forgotten.
    expect((await small.take({ key: 'k9', max: 1, windowMs: 60_000, now: 1 })).isAllowed).toBe(
      false,
    );
    expect((await small.take({ key: 'k0', max: 1, windowMs: 60_000, now: 1 })).isAllowed).toBe(
      true,
    );
  });
  it('makes room for a tenth of its bound at once, not one key per new address', async () => {
    const store = createMemoryAttemptStore({ maxKeys: 100 });
    const take = (key: string) => store.take({ key, max: 1, windowMs: 60_000, now: 0 });
    for (let i = 0; i <= 100; i++) await take(`k${i}`);
    // Key 101 found the map full: the oldest went, down to 90 keys, so k0…k9 are forgotten.
    for (const forgotten of ['k0', 'k5', 'k9'])
      expect((await take(forgotten)).isAllowed, forgotten).toBe(true);
    expect((await take('k10')).isAllowed).toBe(false);
    expect((await take('k100')).isAllowed).toBe(false);
  });
});

describe('limiter', () => {
  it('answers 503 (fail closed) when its store cannot be reached', async () => {
    // Nothing listens on port 1: every command fails.
    const store = createRedisAttemptStore({ url: 'redis://127.0.0.1:1' });
    const limiter = createLimiter({ store, clock: new FakeClock() });
    const check = { name: 'x', rule, key: 'k' };
    await expect(limiter.take(check)).rejects.toMatchObject({
      status: 503,
      code: 'LIMITS_UNAVAILABLE',
    });
    await expect(limiter.tryTake(check)).rejects.toMatchObject({ status: 503 });
    await store.close();
  });
});
