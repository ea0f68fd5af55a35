import { describe, expect, it } from 'vitest';
import { FakeClock } from '../clock.js';
import { createTtlMemo } from './ttl-memo.js';

describe('createTtlMemo', () => {
  it('computes once per ttl, shares concurrent calls, recomputes after clear or expiry, forgets failures', async () => {
    const clock = new FakeClock();
    let calls = 0;
    let shouldFail = false;
    const memo = createTtlMemo({
      ttlMs: 1000,
      clock,
      compute: () => {
        calls += 1;
        return shouldFail ? Promise.reject(new Error('down')) : Promise.resolve(calls);
      },
    });
    expect(await Promise.all([memo.get(), memo.get()])).toEqual([1, 1]);
    clock.advance(999);
    expect(await memo.get()).toBe(1);
    clock.advance(1);
    expect(await memo.get()).toBe(2);
    memo.clear();
    expect(await memo.get()).toBe(3);
    memo.clear();
    shouldFail = true;
    await expect(memo.get()).rejects.toThrow('down');
    shouldFail = false;
    expect(await memo.get()).toBe(5);
  });
});
