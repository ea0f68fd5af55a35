import type { Kysely } from 'kysely';
import { beforeEach } from 'vitest';
import { narrow } from '../../src/platform/db/index.js';
import { parseInput } from '../../src/platform/validation.js';
import {
  searchOptionsSchema,
  type SearchDocument,
  type SearchOptions,
} from '../../src/features/search/search.js';
import { createSearchService } from '../../src/features/search/search.service.js';
import type { SearchTables } from '../../src/features/search/search.table.js';
import type { TestDatabase } from './test-database.js';

interface MinimalPostsTable {
  id: string;
  kind: string;
  slug: string;
  title: string;
  body: string;
  status: string;
  published_at: string | null;
  created_at: string;
  updated_at: string;
}
export type TestTables = SearchTables & { posts: MinimalPostsTable };

let sequence = 0;
const at = '2026-11-27T12:00:00.000Z';

/** A search document with a fresh post id; published, public and untitled unless told. */
export function doc(overrides: Partial<SearchDocument>): SearchDocument {
  sequence += 1;
  return {
    postId: `0190a000-0000-7000-8000-${String(sequence).padStart(12, '0')}`,
    status: 'published',
    kind: 'article',
    publishedAt: at,
    title: 'Untitled',
    dek: '',
    visibility: 'public',
    excerpt: '',
    bodyText: '',
    ...overrides,
  };
}

/** The bare posts row a search row points at. */
export async function insertPost(db: Kysely<TestTables>, d: SearchDocument): Promise<void> {
  await db
    .insertInto('posts')
    .values({
      id: d.postId,
      kind: d.kind,
      slug: `post-${d.postId}`,
      title: d.title,
      body: '{"type":"doc","content":[]}',
      status: d.status,
      published_at: d.publishedAt,
      created_at: at,
      updated_at: at,
    })
    .execute();
}

/**
 * The search service over the suite's database, emptied before each test, with helpers: `search`
 * (staff search, every body readable, unless a test says whose search it is; options parsed as
 * the site's search page parses them), `add` (a post and its search row in one transaction) and
 * `ids` (the post ids a query finds, in order).
 */
export function useSearchIndex(getDb: () => TestDatabase) {
  const db = () => getDb().database.db as Kysely<TestTables>;
  const service = () => createSearchService({ db: narrow(db()).to<SearchTables>() });
  /**
   * Staff search (every body readable) unless a test says whose search it is, its options
   * parsed as the site's search page parses them.
   */
  const search = async (options: Pick<SearchOptions, 'q' | 'limit'> & Partial<SearchOptions>) =>
    service().search(
      parseInput(searchOptionsSchema, { readable: 'all', ...options }, { rootField: 'q' }),
    );

  async function add(overrides: Partial<SearchDocument>): Promise<SearchDocument> {
    const d = doc(overrides);
    await db()
      .transaction()
      .execute(async (trx) => {
        await insertPost(trx, d);
        await service().index(narrow(trx).to<SearchTables>(), d);
      });
    return d;
  }

  const ids = async (q: string, extra: Partial<SearchOptions> = {}) =>
    (await search({ q, limit: 50, ...extra })).results.map((r) => r.postId);

  beforeEach(async () => {
    await getDb().truncate();
  });
  return { db, service, search, add, ids };
}
