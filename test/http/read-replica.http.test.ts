/**
 * Read replicas (DATABASE_READ_URL), against a real PostgreSQL: the "replica" is a login role on
 * the same database whose every transaction is read-only (test/helpers/read-replica.ts), and
 * both sides are reached through TCP proxies this test can cut. With the primary cut, uncached
 * reader pages, feeds, sitemaps, search and the Content API still render — so they read only on
 * the replica — while the admin (which must read its own writes) fails; right after a change,
 * pages render from the primary even with the replica cut (DATABASE_READ_LAG_MS).
 */
import type { FastifyInstance } from 'fastify';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { migrations } from '../../migrations/index.js';
import { loadDemoNewsroom } from '../../src/demo/index.js';
import { FakeClock } from '../../src/platform/clock.js';
import {
  migrateToLatest,
  openDatabase,
  type Database,
  type DatabaseTarget,
} from '../../src/platform/db/index.js';
import { createLogger } from '../../src/platform/logger.js';
import { systemActor } from '../../src/features/staff/index.js';
import { buildApp } from '../../src/web/app.js';
import { readReplicaUrl } from '../helpers/read-replica.js';
import { startTcpProxy, type TcpProxy } from '../helpers/tcp-proxy.js';
import type { TestDatabase } from '../helpers/test-database.js';
import { servicesFor, tokenHeaders, type TestContext } from '../helpers/test-runtime.js';

const postgresUrl = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const isCi = process.env.CI === 'true';
const runId = process.env.MASTHEAD_TEST_RUN ?? 'adhoc';

async function canReachPostgres(): Promise<boolean> {
  const client = new pg.Client({ connectionString: postgresUrl, connectionTimeoutMillis: 2000 });
  try {
    await client.connect();
    return true;
  } catch {
    return false;
  } finally {
    await client.end().catch(() => undefined);
  }
}

const hasPostgres = await canReachPostgres();
if (!hasPostgres && !isCi)
  console.warn('\n⚠️  PostgreSQL not reachable: read-replica suite SKIPPED\n');

/** The same URL through a local proxy (host and port replaced). */
function through(proxy: TcpProxy, url: string): string {
  const proxied = new URL(url);
  proxied.hostname = '127.0.0.1';
  proxied.port = String(proxy.port);
  return proxied.toString();
}

(hasPostgres || isCi ? describe : describe.skip)('read replica [postgres]', () => {
  const schema = `mh_test_${runId}_${process.pid}_replica`;
  let primaryProxy: TcpProxy;
  let replicaProxy: TcpProxy;
  let database: Database<unknown>;
  let app: FastifyInstance;
  let ctx: TestContext;
  let contentKey = '';
  let storySlug = '';
  let adminHeaders: Record<string, string> = {};

  beforeAll(async () => {
    const admin = new pg.Client({ connectionString: postgresUrl });
    await admin.connect();
    await admin.query(`create schema "${schema}"`);
    await admin.end();
    const address = new URL(postgresUrl);
    const upstream = { host: address.hostname, port: Number(address.port || 5432) };
    primaryProxy = await startTcpProxy(upstream);
    replicaProxy = await startTcpProxy(upstream);
    const target: DatabaseTarget = {
      dialect: 'postgres',
      url: through(primaryProxy, postgresUrl),
      searchPath: schema,
      readUrl: through(replicaProxy, await readReplicaUrl(postgresUrl)),
    };
    // Short timeouts: a cut side fails fast instead of after the production 3 s.
    database = openDatabase(target, { timeouts: { acquireMs: 500, queryMs: 2000 } });
    await migrateToLatest(database.db, migrations, { schema });
    const testDb: TestDatabase = {
      database,
      target,
      dialect: 'postgres',
      truncate: () => Promise.resolve(),
    };
    ctx = servicesFor(testDb, new FakeClock('2026-03-02T10:00:00.000Z'));
    await loadDemoNewsroom(ctx.services, {
      now: ctx.clock.now(),
      articles: 12,
      briefs: 5,
      photos: 1,
    });
    const { readSide, pingReplica } = database;
    if (!readSide || !pingReplica) throw new Error('the database opened without its replica');
    app = await buildApp({
      services: ctx.services,
      logger: createLogger({ level: 'silent', pretty: false }),
      ping: () => database.ping(),
      publicUrl: 'http://localhost:3000',
      isProduction: false,
      clock: ctx.clock,
      readReplica: { readSide, lagMs: 2000, ping: () => pingReplica() },
    });
    contentKey = (await ctx.services.tokens.create({ name: 'app', kind: 'content' })).secret;
    adminHeaders = await tokenHeaders(ctx.services, 'editor');
    const stories = await ctx.services.posts.latestPublished({ limit: 1, kinds: ['article'] });
    storySlug = stories.items[0]?.slug ?? '';
    expect(storySlug).not.toBe('');
  }, 60_000);

  afterAll(async () => {
    await app?.close();
    await database?.close();
    await primaryProxy?.close();
    await replicaProxy?.close();
    const admin = new pg.Client({ connectionString: postgresUrl });
    await admin.connect();
    await admin.query(`drop schema if exists "${schema}" cascade`);
    await admin.end();
  });

  it('a write sent to the read side fails loudly; the same write on the primary works', async () => {
    const write = () =>
      ctx.services.tags.create({ name: 'Written on the replica', slug: 'replica-write' });
    await expect(database.readSide!.run(write)).rejects.toThrow(/read-only transaction/);
    expect((await ctx.services.tags.list()).some((t) => t.slug === 'replica-write')).toBe(false);
    await expect(database.readSide!.onPrimary(() => database.readSide!.run(write))).rejects.toThrow(
      /read-only/,
    );
    const tag = await database.readSide!.run(() => database.readSide!.onPrimary(write));
    expect(tag.slug).toBe('replica-write');
  });

  it('with the primary cut, uncached reader pages, feeds, sitemaps, search and the Content API render from the replica', async () => {
    // The content key is checked on the primary (a key made a moment ago must work at once);
    // one request first puts it in the key check's memo. Then every cached answer is dropped.
    const warm = await app.inject({ url: `/api/content/v1/posts?key=${contentKey}` });
    expect(warm.statusCode).toBe(200);
    // Past the lag window of the changes made while loading the demo.
    await new Promise((resolve) => setTimeout(resolve, 2100));
    const [author] = await ctx.services.authors.list();
    const [tag] = await ctx.services.tags.list();
    const authorSlug = author?.slug ?? '';
    const tagSlug = tag?.slug ?? '';
    app.siteCache.cache.clear();
    primaryProxy.cut();
    try {
      const urls = [
        '/',
        `/author/${authorSlug}/`,
        `/tag/${tagSlug}/`,
        '/feed.json',
        '/sitemap-news.xml',
        '/sitemap-tags.xml',
        `/${storySlug}/`,
        '/news/',
        '/rss/',
        '/sitemap.xml',
        '/sitemap-posts.xml',
        '/search?q=the',
        `/api/content/v1/posts?key=${contentKey}`,
        `/api/content/v1/posts/slug/${storySlug}?key=${contentKey}`,
      ];
      for (const url of urls) {
        const response = await app.inject({ url });
        expect({ url, status: response.statusCode }).toEqual({ url, status: 200 });
        expect({ url, cache: response.headers['x-cache'] }).toEqual({ url, cache: 'MISS' });
      }
      const home = await app.inject({ url: '/' });
      expect(home.body).toContain('<article');
      // The admin reads its own writes: on the primary, so it fails while that is cut.
      const adminList = await app.inject({ url: '/api/admin/v1/posts', headers: adminHeaders });
      expect(adminList.statusCode).toBe(503);
      const ready = await app.inject({ url: '/readyz' });
      expect(ready.statusCode).toBe(503);
      expect(ready.json()).toMatchObject({ checks: { database: 'down', databaseReplica: 'ok' } });
    } finally {
      primaryProxy.restore();
    }
  }, 60_000);

  it('right after a change, pages render from the primary (the replica may lag)', async () => {
    const [story] = (await ctx.services.posts.latestPublished({ limit: 1, kinds: ['article'] }))
      .items;
    if (!story) throw new Error('no story');
    const before = await app.inject({ url: `/${story.slug}/` });
    expect(before.statusCode).toBe(200);
    replicaProxy.cut();
    try {
      await ctx.services.posts.update(systemActor, story.id, {
        title: 'Updated headline from the primary',
        version: story.version,
      });
      const after = await app.inject({ url: `/${story.slug}/` });
      expect(after.statusCode).toBe(200);
      expect(after.headers['x-cache']).toBe('MISS');
      expect(after.body).toContain('Updated headline from the primary');
      const ready = await app.inject({ url: '/readyz' });
      expect(ready.statusCode).toBe(503);
      expect(ready.json()).toMatchObject({ checks: { database: 'ok', databaseReplica: 'down' } });
    } finally {
      replicaProxy.restore();
    }
  });
});
