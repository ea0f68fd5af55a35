import type { Kysely } from 'kysely';
import { sql } from 'kysely';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { loadDemoNewsroom } from '../../src/demo/index.js';
import { FakeClock } from '../../src/platform/clock.js';
import { encodeCursor } from '../../src/platform/pagination.js';
import { staffActor, systemActor } from '../../src/features/staff/index.js';
import { openDatabase, type Database } from '../../src/platform/db/index.js';
import { LocalDiskStorage } from '../../src/platform/storage/index.js';
import type { AppTables } from '../../src/runtime/app-database.js';
import { createServices, type Services } from '../../src/runtime/services.js';
import { describeEachDatabase } from '../helpers/test-database.js';
import { testKeyring } from '../helpers/test-keyring.js';
import { servicesFor } from '../helpers/test-runtime.js';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

interface Captured {
  sql: string;
  parameters: readonly unknown[];
}

/**
 * The list queries the reader site and the APIs run, captured as executed and explained by each
 * database: each must read an index in its own order (no table scan, no sort of the whole table).
 * PostgreSQL is told to avoid sequential scans, bitmap scans and sorts, which on a small test
 * table are cheaper; the question is whether an index can serve the query and its order at all.
 */
describeEachDatabase('query plans of list queries', (getDb) => {
  let logged: Database<AppTables>;
  let services: Services;
  const captured: Captured[] = [];

  beforeAll(async () => {
    await getDb().truncate();
    const base = servicesFor(getDb());
    await loadDemoNewsroom(base.services, {
      now: base.clock.now(),
      articles: 40,
      briefs: 20,
      photos: 2,
    });
    logged = openDatabase<AppTables>(getDb().target, {
      onQuery: (event) => {
        if (event.level === 'query')
          captured.push({ sql: event.query.sql, parameters: event.query.parameters });
      },
    });
    services = createServices({
      keyring: testKeyring(),
      db: logged.db,
      clock: new FakeClock(),
      storage: new LocalDiskStorage(mkdtempSync(join(tmpdir(), 'mh-plan-'))),
    });
  });
  afterAll(async () => {
    await logged.close();
  });

  async function statementsOf(work: () => Promise<unknown>): Promise<Captured[]> {
    captured.length = 0;
    await work();
    return [...captured];
  }

  async function planOf(statement: Captured): Promise<string> {
    const db = logged.db as Kysely<unknown>;
    if (getDb().dialect === 'sqlite') {
      const rows = await sql
        .raw<{ detail: string }>(`explain query plan ${inline(statement)}`)
        .execute(db);
      return rows.rows.map((r) => r.detail).join('\n');
    }
    return db.transaction().execute(async (trx) => {
      // Steer away from plans that are cheaper only on a tiny table: what is left shows whether an
      // index can serve the filter and the order (a Sort node left means it cannot).
      await sql`set local enable_seqscan = off`.execute(trx);
      await sql`set local enable_bitmapscan = off`.execute(trx);
      await sql`set local enable_sort = off`.execute(trx);
      const rows = await sql
        .raw<{ 'QUERY PLAN': string }>(`explain ${inline(statement)}`)
        .execute(trx);
      return rows.rows.map((r) => r['QUERY PLAN']).join('\n');
    });
  }

  /** EXPLAIN needs literal values; the captured parameters are ours (ids, times, numbers), quoted safely. */
  function inline(statement: Captured): string {
    let index = 0;
    const value = (v: unknown) =>
      typeof v === 'number' ? String(v) : `'${String(v).replace(/'/g, "''")}'`;
    if (getDb().dialect === 'sqlite')
      return statement.sql.replace(/\?/g, () => value(statement.parameters[index++]));
    return statement.sql.replace(/\$(\d+)/g, (_m, n: string) =>
      value(statement.parameters[Number(n) - 1]),
    );
  }

  async function expectIndexed(
    label: string,
    work: () => Promise<unknown>,
    table: string,
    index: string,
  ) {
    const statements = await statementsOf(work);
    const main = statements.find((s) => new RegExp(`from "${table}"`).test(s.sql));
    expect(main, `${label}: no statement on ${table}`).toBeDefined();
    const plan = await planOf(main!);
    expect(plan, `${label}\n${plan}`).toContain(index);
    if (getDb().dialect === 'sqlite') {
      expect(plan, `${label}\n${plan}`).not.toMatch(/USE TEMP B-TREE|SCAN posts\b(?! USING)/);
    } else {
      expect(plan, `${label}\n${plan}`).not.toMatch(/Seq Scan on (posts|post_authors|post_tags)/);
      // Any sort step, an incremental one included, means the index does not give the order.
      expect(plan, `${label}\n${plan}`).not.toMatch(/^\s*(->\s+)?(Incremental )?Sort\b/m);
    }
  }

  it('the News Feed and home lists read posts by (status, published_at, id)', async () => {
    await expectIndexed(
      'latest published',
      () => services.posts.latestPublished({ limit: 20 }),
      'posts',
      'posts_status_published_idx',
    );
  });

  it("an author's and a section's pages read their link table's index", async () => {
    const [author] = await services.authors.list();
    const [tag] = await services.tags.navigation();
    await expectIndexed(
      'by author',
      () => services.posts.latestPublishedVia({ link: 'author', id: author?.id ?? '', limit: 20 }),
      'post_authors',
      'post_authors_author_idx',
    );
    await expectIndexed(
      'by tag',
      () => services.posts.latestPublishedVia({ link: 'tag', id: tag?.id ?? '', limit: 20 }),
      'post_tags',
      'post_tags_tag_idx',
    );
  });

  it('the Admin API post list sorted by update time reads posts_updated_idx', async () => {
    await expectIndexed(
      'admin list',
      () => services.posts.list(systemActor, { sort: 'updatedAt', order: 'desc', limit: 20 }),
      'posts',
      'posts_updated_idx',
    );
  });

  it('a contributor’s post list (published or their own, in SQL) still walks posts_updated_idx', async () => {
    const [author] = await services.authors.list();
    await expectIndexed(
      'contributor list',
      () =>
        services.posts.list(
          staffActor({ id: 'staff-contributor', role: 'contributor' }, author?.id ?? null),
          { sort: 'updatedAt', order: 'desc', limit: 20 },
        ),
      'posts',
      'posts_updated_idx',
    );
  });

  it('the Admin API list of scheduled posts, soonest first, reads (status, scheduled_at)', async () => {
    await expectIndexed(
      'scheduled list',
      () =>
        services.posts.list(systemActor, {
          status: ['scheduled'],
          sort: 'scheduledAt',
          order: 'asc',
          limit: 20,
        }),
      'posts',
      'posts_status_scheduled_id_idx',
    );
  });

  it('the public corrections record walks post_corrections by (created_at, id), from a cursor too', async () => {
    await expectIndexed(
      'corrections record',
      () => services.posts.publicCorrections({ limit: 20 }),
      'post_corrections',
      'post_corrections_created_idx',
    );
    // A cursor as a page's Show More link carries it (the demo has few corrections).
    const cursor = encodeCursor({ key: '2026-01-01T00:00:00.000Z', id: '01939e3a-0000' });
    await expectIndexed(
      'corrections record, next page',
      () => services.posts.publicCorrections({ limit: 20, cursor }),
      'post_corrections',
      'post_corrections_created_idx',
    );
  });

  it('the News Feed reads live pages’ key events by (is_key_event, published_at, id), from a cursor too', async () => {
    await expectIndexed(
      'key events',
      () => services.live.latestKeyEvents({ limit: 20 }),
      'live_updates',
      'live_updates_key_events_idx',
    );
    const cursor = encodeCursor({ key: '2026-01-01T00:00:00.000Z', id: '01939e3a-0000' });
    await expectIndexed(
      'key events, next page',
      () => services.live.latestKeyEvents({ limit: 20, cursor }),
      'live_updates',
      'live_updates_key_events_idx',
    );
  });

  it('the scheduler finds due posts by (status, scheduled_at)', async () => {
    await expectIndexed(
      'publishDue',
      () => services.posts.publishDue(),
      'posts',
      'posts_status_scheduled_id_idx',
    );
  });

  it('a sitemap part deep in the archive reads posts by (status, published_at, id) from its cursor', async () => {
    const kinds = ['article', 'brief'] as const;
    const pages = await services.posts.sitemap.pages({ kinds, pageSize: 3 });
    const deep = pages[pages.length - 2]?.cursor;
    expect(deep).toEqual(expect.any(String));
    await expectIndexed(
      'deep sitemap part',
      () => services.posts.sitemap.entries({ kinds, limit: 3, cursor: deep ?? null }),
      'posts',
      'posts_status_published_idx',
    );
  });

  it('search, best match or newest first, finds its matches through the full-text index', async () => {
    for (const sort of ['relevance', 'newest'] as const) {
      const statements = await statementsOf(() =>
        services.search.search({ q: 'attack', limit: 20, sort, readable: ['public'] }),
      );
      const main = statements.find((st) => /"r"\."score"/.test(st.sql));
      expect(main, `${sort}: the matches query`).toBeDefined();
      if (getDb().dialect === 'sqlite') {
        const rows = await sql
          .raw<{ detail: string }>(`explain query plan ${inline(main!)}`)
          .execute(logged.db as Kysely<unknown>);
        const plan = rows.rows.map((r) => r.detail).join('\n');
        expect(plan, plan).toMatch(/post_search_fts VIRTUAL TABLE INDEX/);
        // The matched rows are looked up by key, never by reading the whole table.
        expect(plan, plan).not.toMatch(/SCAN (s|post_search)\b(?! USING)/);
      } else {
        // GIN indexes are read by bitmap scans; with whole-table scans ruled out (a plain index
        // scan of the primary key on a tiny table is one), the plan shows whether the full-text
        // index can find the matches.
        const plan = await (logged.db as Kysely<unknown>).transaction().execute(async (trx) => {
          await sql`set local enable_seqscan = off`.execute(trx);
          await sql`set local enable_indexscan = off`.execute(trx);
          const rows = await sql
            .raw<{ 'QUERY PLAN': string }>(`explain ${inline(main!)}`)
            .execute(trx);
          return rows.rows.map((r) => r['QUERY PLAN']).join('\n');
        });
        expect(plan, plan).toContain('Bitmap Index Scan on post_search_search_vector_idx');
        expect(plan, plan).not.toMatch(/Seq Scan on post_search/);
      }
    }
  });
});
