import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { FakeClock } from '../clock.js';
import { createPageCache, type RenderedPage } from './page-cache.js';

/** A promise the test settles when it chooses: no timers. */
function deferred<T>() {
  let resolve!: (value: T) => void;
  let reject!: (error: unknown) => void;
  const promise = new Promise<T>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

/** A render that counts its calls and returns what `page` says at call time. */
function counted(page: () => RenderedPage) {
  const counter = {
    calls: 0,
    render: () => {
      counter.calls += 1;
      return Promise.resolve(page());
    },
  };
  return counter;
}

const outage = () => Promise.reject(new Error('connect ECONNREFUSED 127.0.0.1:5432'));

describe('page cache', () => {
  it('renders once for 50 simultaneous requests, and serves later ones from memory', async () => {
    const cache = createPageCache({ clock: new FakeClock() });
    const gate = deferred<RenderedPage>();
    let calls = 0;
    const render = () => {
      calls += 1;
      return gate.promise;
    };
    const pending = Array.from({ length: 50 }, () => cache.get('/', 'anonymous', render));
    expect(cache.stats().rendersInFlight).toBe(1);
    gate.resolve({ body: '<h1>Front page</h1>', tags: ['home'] });
    const lookups = await Promise.all(pending);
    expect(calls).toBe(1);
    expect(new Set(lookups.map((l) => l.page)).size).toBe(1);
    expect(lookups.every((l) => l.outcome === 'miss')).toBe(true);

    const again = await cache.get('/', 'anonymous', render);
    expect(again.outcome).toBe('hit');
    expect(calls).toBe(1);
    expect(cache.stats().rendersInFlight).toBe(0);
  });

  it('keeps audiences apart: the same URL renders once per audience', async () => {
    const cache = createPageCache({ clock: new FakeClock() });
    const anonymous = counted(() => ({ body: 'Subscribe to read on' }));
    const paid = counted(() => ({ body: 'The whole story' }));
    await cache.get('/story', 'anonymous', anonymous.render);
    const forPaid = await cache.get('/story', 'paid', paid.render);
    expect(forPaid.page.body.toString()).toBe('The whole story');
    expect((await cache.get('/story', 'anonymous', anonymous.render)).outcome).toBe('hit');
    expect([anonymous.calls, paid.calls]).toEqual([1, 1]);
  });

  it('stores the body with brotli and gzip copies that decompress to it, and a strong ETag', async () => {
    const cache = createPageCache({ clock: new FakeClock() });
    const body = `<!doctype html><p>${'Reporting from the front line. '.repeat(200)}</p>`;
    const { page } = await cache.get('/long', 'anonymous', () => Promise.resolve({ body }));
    expect(page.body.toString('utf8')).toBe(body);
    expect(brotliDecompressSync(page.brotli).toString('utf8')).toBe(body);
    expect(gunzipSync(page.gzip).toString('utf8')).toBe(body);
    expect(page.brotli.length).toBeLessThan(page.body.length);
    expect(page.etag).toMatch(/^"[0-9a-f]{32}"$/);
    expect(page.status).toBe(200);
    expect(page.contentType).toBe('text/html; charset=utf-8');

    const same = await cache.get('/long-again', 'anonymous', () => Promise.resolve({ body }));
    const other = await cache.get('/other', 'anonymous', () => Promise.resolve({ body: 'x' }));
    expect(same.page.etag).toBe(page.etag);
    expect(other.page.etag).not.toBe(page.etag);
  });

  it('invalidating tags re-renders exactly the pages carrying them', async () => {
    const cache = createPageCache({ clock: new FakeClock() });
    const home = counted(() => ({ body: 'home', tags: ['home', 'post:1', 'post:2'] }));
    const story = counted(() => ({ body: 'story 1', tags: ['post:1', 'slug:one'] }));
    const section = counted(() => ({ body: 'section', tags: ['tag:politics', 'post:2'] }));
    const about = counted(() => ({ body: 'about', tags: ['page:about'] }));
    const all = [
      ['/', home],
      ['/one', story],
      ['/politics', section],
      ['/about', about],
    ] as const;
    for (const [key, page] of all) await cache.get(key, 'anonymous', page.render);

    expect(cache.invalidateTags(['post:1', 'no-such-tag'])).toBe(2);
    for (const [key, page] of all) await cache.get(key, 'anonymous', page.render);
    expect([home.calls, story.calls, section.calls, about.calls]).toEqual([2, 2, 1, 1]);

    cache.invalidateAll();
    for (const [key, page] of all) await cache.get(key, 'anonymous', page.render);
    expect([home.calls, story.calls, section.calls, about.calls]).toEqual([3, 3, 2, 2]);
  });

  it('does not keep as fresh a render that an invalidation overtook', async () => {
    const cache = createPageCache({ clock: new FakeClock() });
    const gate = deferred<RenderedPage>();
    const first = cache.get('/', 'anonymous', () => gate.promise);
    cache.invalidateTags(['home']);
    gate.resolve({ body: 'before the change', tags: ['home'] });
    expect((await first).page.body.toString()).toBe('before the change');

    const next = await cache.get('/', 'anonymous', () =>
      Promise.resolve({ body: 'after the change', tags: ['home'] }),
    );
    expect(next.outcome).toBe('miss');
    expect(next.page.body.toString()).toBe('after the change');
  });

  it('evicts the least recently used pages when over its byte budget', async () => {
    const body = 'x'.repeat(10_000);
    const probe = createPageCache({ clock: new FakeClock() });
    const size = (await probe.get('/a', 'anonymous', () => Promise.resolve({ body }))).page.bytes;

    const cache = createPageCache({ clock: new FakeClock(), maxBytes: Math.floor(size * 2.5) });
    const renders = { '/a': 0, '/b': 0, '/c': 0 };
    const get = (key: keyof typeof renders) =>
      cache.get(key, 'anonymous', () => {
        renders[key] += 1;
        return Promise.resolve({ body });
      });
    await get('/a');
    await get('/b');
    await get('/a'); // /a is now the most recently used
    await get('/c'); // over budget: /b goes
    expect(cache.stats()).toMatchObject({ entries: 2, bytes: size * 2 });
    expect(cache.peek('/b', 'anonymous')).toBeUndefined();
    await get('/a');
    await get('/c');
    expect(renders).toEqual({ '/a': 1, '/b': 1, '/c': 1 });
    await get('/b');
    expect(renders['/b']).toBe(2);
  });

  it('serves a page larger than the whole budget without keeping it', async () => {
    const cache = createPageCache({ clock: new FakeClock(), maxBytes: 1000 });
    const lookup = await cache.get('/huge', 'anonymous', () =>
      Promise.resolve({ body: 'y'.repeat(5000) }),
    );
    expect(lookup.page.body.length).toBe(5000);
    expect(cache.stats()).toMatchObject({ entries: 0, bytes: 0 });
  });

  it('serves the stale copy when the re-render throws, and rethrows when there is none', async () => {
    const cache = createPageCache({ clock: new FakeClock() });
    await cache.get('/', 'anonymous', () => Promise.resolve({ body: 'old front', tags: ['home'] }));
    cache.invalidateTags(['home']);

    const lookup = await cache.get('/', 'anonymous', outage);
    expect(lookup.outcome).toBe('stale');
    expect(lookup.page.body.toString()).toBe('old front');
    expect(lookup.error).toBeInstanceOf(Error);

    await expect(cache.get('/never-cached', 'anonymous', outage)).rejects.toThrow(/ECONNREFUSED/);

    // Once the database is back, the next request renders afresh.
    const back = await cache.get('/', 'anonymous', () =>
      Promise.resolve({ body: 'new front', tags: ['home'] }),
    );
    expect([back.outcome, back.page.body.toString()]).toEqual(['miss', 'new front']);
  });

  it('drops the stale copy for errors it may not hide, such as "not found"', async () => {
    const notFound = Object.assign(new Error('post not found'), { status: 404 });
    const cache = createPageCache({
      clock: new FakeClock(),
      canServeStale: (error) => (error as { status?: number }).status !== 404,
    });
    await cache.get('/gone', 'anonymous', () =>
      Promise.resolve({ body: 'story', tags: ['post:9'] }),
    );
    cache.invalidateTags(['post:9']);
    await expect(cache.get('/gone', 'anonymous', () => Promise.reject(notFound))).rejects.toBe(
      notFound,
    );
    expect(cache.peek('/gone', 'anonymous')).toBeUndefined();
  });

  it('re-renders pages past maxAgeMs, and stops serving stale copies after staleIfErrorMs', async () => {
    const clock = new FakeClock();
    const cache = createPageCache({ clock, maxAgeMs: 60_000, staleIfErrorMs: 3_600_000 });
    const page = counted(() => ({ body: 'front' }));
    await cache.get('/', 'anonymous', page.render);
    clock.advance(59_999);
    expect((await cache.get('/', 'anonymous', page.render)).outcome).toBe('hit');
    clock.advance(1);
    expect((await cache.get('/', 'anonymous', page.render)).outcome).toBe('miss');
    expect(page.calls).toBe(2);

    clock.advance(60_000 + 3_600_000); // stale for exactly the allowed hour
    expect((await cache.get('/', 'anonymous', outage)).outcome).toBe('stale');
    clock.advance(1);
    await expect(cache.get('/', 'anonymous', outage)).rejects.toThrow(/ECONNREFUSED/);
  });

  it('returns but does not store answers of 500 and above', async () => {
    const cache = createPageCache({ clock: new FakeClock() });
    const broken = counted(() => ({ body: 'oops', status: 502 }));
    expect((await cache.get('/x', 'anonymous', broken.render)).page.status).toBe(502);
    await cache.get('/x', 'anonymous', broken.render);
    expect(broken.calls).toBe(2);

    const missing = counted(() => ({ body: 'not here', status: 404, tags: ['slug:x'] }));
    await cache.get('/y', 'anonymous', missing.render);
    expect((await cache.get('/y', 'anonymous', missing.render)).outcome).toBe('hit');
  });
});
