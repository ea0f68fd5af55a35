import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { captureIo } from '../../test/helpers/capture-io.js';
import { describeEachDatabaseUrl } from '../../test/helpers/test-database.js';
import { loadConfig } from '../config/index.js';
import { searchOptionsSchema } from '../features/search/index.js';
import { dialectOf } from '../platform/db/index.js';
import { createLogger } from '../platform/logger.js';
import { openRuntime, type Runtime } from '../runtime/open-runtime.js';
import { buildSitemapIndex } from '../web/site/feeds/sitemap-index.js';
import { runCli } from './program.js';

/** The row count the planner's statistics hold for `table` (null: never analyzed). */
async function plannedRows(runtime: Runtime, table: string): Promise<number | null> {
  const db = runtime.db as unknown as Parameters<typeof dialectOf>[0];
  if (dialectOf(db) === 'sqlite') {
    const rows = await sql<{ stat: string }>`
      select stat from sqlite_stat1 where tbl = ${table}`.execute(db);
    const first = rows.rows[0]?.stat.split(' ')[0];
    return first === undefined ? null : Number(first);
  }
  const stats = await sql<{ n: number }>`
    select count(*)::int as n from pg_stats
    where schemaname = current_schema() and tablename = ${table}`.execute(db);
  if ((stats.rows[0]?.n ?? 0) === 0) return null;
  const tuples = await sql<{ reltuples: number }>`
    select reltuples from pg_class where oid = to_regclass(${table})`.execute(db);
  return Number(tuples.rows[0]?.reltuples);
}

describeEachDatabaseUrl('`masthead demo load` (issue #14: bulk load)', (getUrl) => {
  const env = () => ({
    DATABASE_URL: getUrl(),
    MEDIA_DIR: mkdtempSync(join(tmpdir(), 'masthead-demo-load-media-')),
    LOG_LEVEL: 'silent',
    NODE_ENV: 'test',
  });
  let runtime: Runtime;
  let io: ReturnType<typeof captureIo>;
  beforeAll(async () => {
    const vars = env();
    io = captureIo(vars);
    expect(await runCli(['demo', 'load', '--articles', '2000', '--briefs', '40'], io)).toBe(0);
    runtime = await openRuntime(loadConfig(vars), {
      migrate: false,
      logger: createLogger({ level: 'silent', pretty: false }),
    });
  }, 300_000);
  afterAll(async () => {
    await runtime.close();
  });

  it('writes every story, with its bylines and sections, and reports progress and timings', async () => {
    const { posts } = runtime.services;
    // 2,000 articles, 40 briefs, the live page and the standard pages (About, Contact, Privacy).
    expect(await posts.countByStatus()).toEqual({ published: 2044 });
    const articles = await posts.latestPublished({ limit: 50, kinds: ['article'] });
    for (const post of articles.items) {
      expect(post.authors.length).toBeGreaterThan(0);
      expect(post.tags[0]?.isNavigation).toBe(true);
      expect(post.readingMinutes).toBeGreaterThanOrEqual(1);
    }
    expect(io.stderr()).toContain('articles 2,000/2,000 (100 %');
    expect(io.stderr()).toMatch(/ETA /);
    expect(io.stdout()).toMatch(
      /Loaded 2,000 articles, 40 briefs, \d+ staff and \d+ sections in .*\(setup .*, stories .*, statistics .*, sitemap .*\)/,
    );
  });

  it('indexes every story for search', async () => {
    const { posts, search } = runtime.services;
    const [oldest] = (await posts.latestPublished({ limit: 2000, kinds: ['article'] })).items.slice(
      -1,
    );
    if (!oldest) throw new Error('no article loaded');
    const found = await search.search(
      searchOptionsSchema.parse({ q: oldest.title, limit: 20, readable: 'all' }),
    );
    expect(found.results.map((r) => r.postId)).toContain(oldest.id);
    const rows = await sql<{ n: number }>`select count(*) as n from post_search`.execute(
      runtime.db,
    );
    expect(Number(rows.rows[0]?.n)).toBe(2044);
  });

  it('leaves the sitemap index ready and fresh planner statistics (issue #14)', async () => {
    const index = await buildSitemapIndex(runtime.services, 'https://news.example');
    expect(index).toContain('https://news.example/sitemap-posts.xml');
    expect(await plannedRows(runtime, 'posts')).toBe(2044);
    expect(await plannedRows(runtime, 'post_search')).toBe(2044);
  });
});
