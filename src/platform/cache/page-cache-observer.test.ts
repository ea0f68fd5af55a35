import { describe, expect, it } from 'vitest';
import { FakeClock } from '../clock.js';
import { createPageCache, type PageCacheObserver, type PageOutcome } from './page-cache.js';

function recorder() {
  const seen = { lookups: [] as PageOutcome[], evicted: [] as string[], renders: 0 };
  const observer: PageCacheObserver = {
    lookup: (outcome) => seen.lookups.push(outcome),
    evicted: (page) => seen.evicted.push(page.key),
    rendered: () => (seen.renders += 1),
  };
  return { seen, observer };
}

const page = (body: string) => () => Promise.resolve({ body });

describe('page cache observer', () => {
  it('hears each lookup once per caller, renders once per render', async () => {
    const { seen, observer } = recorder();
    const cache = createPageCache({ clock: new FakeClock(), observer });
    // Two callers share one render: two misses, one render.
    await Promise.all([
      cache.get('/a', 'anonymous', page('a')),
      cache.get('/a', 'anonymous', page('a')),
    ]);
    await cache.get('/a', 'anonymous', page('a'));
    expect(seen.lookups).toEqual(['miss', 'miss', 'hit']);
    expect(seen.renders).toBe(1);
  });

  it('hears a stale copy standing in, and a failed render with no copy as a miss', async () => {
    const { seen, observer } = recorder();
    const cache = createPageCache({ clock: new FakeClock(), observer });
    const outage = () => Promise.reject(new Error('database down'));
    await expect(cache.get('/gone', 'anonymous', outage)).rejects.toThrow('database down');
    await cache.get('/b', 'anonymous', page('b'));
    cache.invalidateAll();
    expect((await cache.get('/b', 'anonymous', outage)).outcome).toBe('stale');
    expect(seen.lookups).toEqual(['miss', 'miss', 'stale']);
    expect(seen.renders).toBe(3);
  });

  it('hears pages evicted to stay within the memory budget, least recently used first', async () => {
    const { seen, observer } = recorder();
    const body = 'x'.repeat(4000);
    const cache = createPageCache({ clock: new FakeClock(), maxBytes: 6000, observer });
    await cache.get('/1', 'anonymous', page(body));
    await cache.get('/2', 'anonymous', page(body));
    expect(seen.evicted).toEqual(['/1']);
    expect(cache.stats().entries).toBe(1);
  });

  it('answers `hit` only for a fresh page the caller accepts, and counts only those', async () => {
    const { seen, observer } = recorder();
    const clock = new FakeClock();
    const cache = createPageCache({ clock, observer, maxAgeMs: 1000 });
    expect(cache.hit('/', 'anonymous', () => true)).toBeUndefined();
    const { page: stored } = await cache.get('/', 'anonymous', page('front'));
    expect(cache.hit('/', 'anonymous', () => false)).toBeUndefined();
    expect(cache.hit('/', 'member', () => true)).toBeUndefined();
    expect(cache.hit('/', 'anonymous', (p) => p === stored)).toBe(stored);
    cache.invalidateAll();
    expect(cache.hit('/', 'anonymous', () => true)).toBeUndefined();
    await cache.get('/', 'anonymous', page('front again'));
    clock.advance(1000);
    expect(cache.hit('/', 'anonymous', () => true)).toBeUndefined();
    expect(seen.lookups).toEqual(['miss', 'hit', 'miss']);
  });
});
