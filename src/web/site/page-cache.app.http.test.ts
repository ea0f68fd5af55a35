import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { brotliDecompressSync } from 'node:zlib';
import type { FastifyInstance } from 'fastify';
import { beforeAll, expect, it } from 'vitest';
import { withOutageSwitch, type SimulatedOutage } from '../../../test/helpers/outage.js';
import { countQueries, type QueryCounter } from '../../../test/helpers/query-counter.js';
import { describeEachDatabase } from '../../../test/helpers/test-database.js';
import { testKeyring } from '../../../test/helpers/test-keyring.js';
import { servicesFor, tokenHeaders } from '../../../test/helpers/test-runtime.js';
import { loadDemoNewsroom } from '../../demo/index.js';
import type { Author } from '../../features/authors/index.js';
import type { Tag } from '../../features/tags/index.js';
import { createLogger } from '../../platform/logger.js';
import { LocalDiskStorage } from '../../platform/storage/index.js';
import { createServices, type Services } from '../../runtime/services.js';
import { buildApp } from '../app.js';

describeEachDatabase('the page cache in the app', (getDb) => {
  let app: FastifyInstance;
  let services: Services;
  let outage: SimulatedOutage;
  let counter: QueryCounter;
  let war: Tag;
  let culture: Tag;
  let reporter: Author;
  let otherAuthor: Author;

  beforeAll(async () => {
    await getDb().truncate();
    const base = servicesFor(getDb());
    await loadDemoNewsroom(base.services, {
      now: base.clock.now(),
      articles: 30,
      briefs: 10,
      photos: 2,
    });
    const switchable = withOutageSwitch(base.db);
    outage = switchable.outage;
    const counted = countQueries(switchable.db);
    counter = counted.counter;
    services = createServices({
      keyring: testKeyring(),
      db: counted.db,
      clock: base.clock,
      storage: new LocalDiskStorage(mkdtempSync(join(tmpdir(), 'mh-pc-'))),
    });
    app = await buildApp({
      services,
      logger: createLogger({ level: 'silent', pretty: false }),
      ping: () => Promise.resolve(true),
      publicUrl: 'http://localhost:3000',
      isProduction: false,
      clock: base.clock,
    });
    const nav = await services.tags.navigation();
    war = nav.find((t) => t.slug === 'war')!;
    culture = nav.find((t) => t.slug === 'culture')!;
    const authors = (await services.authors.list()).filter((a) => !a.isDesk);
    reporter = authors[0]!;
    otherAuthor = authors[1]!;
  });

  const get = (url: string, headers: Record<string, string> = {}) =>
    app.inject({ method: 'GET', url, headers });

  it('serves repeat requests from the cache, with ETags, 304s and precompressed bodies', async () => {
    const first = await get('/news/');
    expect(first.headers['x-cache']).toBe('MISS');
    expect(first.headers['cache-control']).toContain('s-maxage=');
    expect(first.headers['cache-control']).toContain('stale-if-error=');
    expect(first.headers.vary).toContain('Accept-Encoding');
    const second = await get('/news/');
    expect(second.headers['x-cache']).toBe('HIT');
    expect(second.body).toBe(first.body);
    const notModified = await get('/news/', { 'if-none-match': String(first.headers.etag) });
    expect(notModified.statusCode).toBe(304);
    const compressed = await get('/news/', { 'accept-encoding': 'br' });
    expect(compressed.headers['content-encoding']).toBe('br');
    expect(brotliDecompressSync(compressed.rawPayload).toString()).toBe(first.body);
  });

  it('re-renders exactly the pages a newly published story shows up on', async () => {
    const unrelatedStory = (
      await services.posts.latestPublishedVia({ link: 'tag', id: culture.id, limit: 1 })
    ).items[0]!;
    const watched = {
      affected: [
        '/',
        '/news/',
        `/tag/${war.slug}/`,
        `/author/${reporter.slug}/`,
        '/rss/',
        '/feed.json',
      ],
      unaffected: [`/tag/${culture.slug}/`, `/author/${otherAuthor.slug}/`, unrelatedStory.url],
    };
    for (const url of [...watched.affected, ...watched.unaffected]) await get(url);
    for (const url of [...watched.affected, ...watched.unaffected])
      expect((await get(url)).headers['x-cache'], url).toBe('HIT');

    const editor = await tokenHeaders(services, 'editor');
    const created = await app.inject({
      method: 'POST',
      url: '/api/admin/v1/posts',
      headers: editor,
      payload: {
        title: 'Ceasefire talks resume in a neutral city',
        authorIds: [reporter.id],
        tagIds: [war.id],
      },
    });
    const id = (created.json() as { post: { id: string } }).post.id;
    expect(
      (
        await app.inject({
          method: 'POST',
          url: `/api/admin/v1/posts/${id}/publish`,
          headers: editor,
        })
      ).statusCode,
    ).toBe(200);

    for (const url of watched.affected) {
      const response = await get(url);
      expect(response.headers['x-cache'], url).toBe('MISS');
      expect(response.body, url).toContain('Ceasefire talks resume');
    }
    for (const url of watched.unaffected)
      expect((await get(url)).headers['x-cache'], url).toBe('HIT');
    expect((await get('/ceasefire-talks-resume-in-a-neutral-city/')).statusCode).toBe(200);
  });

  it('renders a page once for many simultaneous requests', async () => {
    await app.siteCache.invalidate('all');
    counter.count = 0;
    await get('/tag/war/');
    const queriesForOneRender = counter.count;
    await app.siteCache.invalidate('all');
    counter.count = 0;
    const responses = await Promise.all(Array.from({ length: 20 }, () => get('/tag/war/')));
    expect(responses.every((r) => r.statusCode === 200)).toBe(true);
    expect(counter.count).toBe(queriesForOneRender);
  });

  it('keeps serving cached pages while the database is down, answers others with 503, and recovers', async () => {
    await get('/');
    await app.siteCache.invalidate('all');
    outage.isDown = true;
    try {
      const stale = await get('/');
      expect(stale.statusCode).toBe(200);
      expect(stale.headers['x-cache']).toBe('STALE');
      const uncached = await get(`/author/${otherAuthor.slug}/?before=nothing-cached`);
      expect(uncached.statusCode).toBe(503);
      expect(uncached.headers['retry-after']).toBeDefined();
      expect(uncached.body).toContain('We will be right back');
      // The newsroom's name and navigation, remembered in memory, not the platform's name.
      expect(uncached.body).toContain('The Velmora Courier');
      expect(uncached.body).toContain('href="/tag/war/"');
      expect(uncached.body).not.toContain('Masthead');
    } finally {
      outage.isDown = false;
    }
    const recovered = await get('/');
    expect(recovered.statusCode).toBe(200);
    expect(recovered.headers['x-cache']).toBe('MISS');
  });

  it('drops every page when settings change (they show on all of them)', async () => {
    await get('/tag/war/');
    expect((await get('/tag/war/')).headers['x-cache']).toBe('HIT');
    const admin = await tokenHeaders(services, 'administrator');
    const changed = await app.inject({
      method: 'PATCH',
      url: '/api/admin/v1/settings',
      headers: admin,
      payload: { siteName: 'The Renamed Courier' },
    });
    expect(changed.statusCode).toBe(200);
    const after = await get('/tag/war/');
    expect(after.headers['x-cache']).toBe('MISS');
    expect(after.body).toContain('The Renamed Courier');
  });
});
