import type { Kysely } from 'kysely';
import {
  keysetAfter,
  fullTextMatches,
  fullTextSnippets,
  rebuildFullTextIndex,
  type FullTextQuery,
  type FullTextSource,
  type SnippetPart,
} from '../../platform/db/index.js';
import type { SearchDocument } from './search.js';
import type { PostSearchTable, SearchTables } from './search.table.js';

/** Must match migrations/2026-12-04-0008-search-teaser.ts, which made the index. */
const source: FullTextSource = {
  table: 'post_search',
  key: 'post_id',
  columns: ['title', 'dek', 'excerpt', 'body_text'],
  recency: 'published_at',
};
/**
 * How many of a search's newest matches are ranked and paged through (by relevance or by date):
 * a word in most of a 1M-story archive then costs this many scores, not a million (issue #14).
 * A selective search has fewer matches and sees them all.
 */
export const rankedMatches = 1000;
/** What anyone may search, whatever the post's visibility: the teaser. */
const teaserColumns = ['title', 'dek', 'excerpt'] as const;

export interface MatchRow {
  postId: string;
  score: number;
  publishedAt: string | null;
}

/** Where the next page starts: after a (score, id) by relevance, after a (time, id) by newest. */
export type MatchCursor =
  | { sort: 'relevance'; score: number; postId: string }
  | { sort: 'newest'; publishedAt: string; postId: string };

export interface MatchOptions {
  query: FullTextQuery;
  statuses: readonly string[];
  kinds: readonly string[] | undefined;
  /** Visibilities whose bodies the searcher may read (the rest match by teaser only), or all. */
  readable: readonly string[] | 'all';
  /** Best match first (the default), or newest first. */
  sort: 'relevance' | 'newest';
  after: MatchCursor | undefined;
  limit: number;
}

export const toRow = (doc: SearchDocument): PostSearchTable => ({
  post_id: doc.postId,
  status: doc.status,
  kind: doc.kind,
  published_at: doc.publishedAt,
  title: doc.title,
  dek: doc.dek,
  excerpt: doc.excerpt,
  visibility: doc.visibility,
  body_text: doc.bodyText,
});

/** The columns a document's later write replaces (all but its key). */
const documentColumns = [
  'status',
  'kind',
  'published_at',
  'title',
  'dek',
  'excerpt',
  'visibility',
  'body_text',
] as const satisfies ReadonlyArray<Exclude<keyof PostSearchTable, 'post_id'>>;
// A column added to the table and not listed above fails to compile here.
const _everyColumnListed: [
  Exclude<keyof PostSearchTable, 'post_id' | (typeof documentColumns)[number]>,
] extends [never]
  ? true
  : false = true;

/** The writes take the caller's handle, so they join the caller's transaction. */
export async function upsertDocument(trx: Kysely<SearchTables>, row: PostSearchTable) {
  await insertDocuments(trx, [row]);
}

/**
 * Documents in one statement per chunk (a bulk import writes many: the per-row round trip and
 * statement preparation cost more than the row at a million posts). A document already indexed
 * is replaced.
 */
export async function insertDocuments(trx: Kysely<SearchTables>, rows: readonly PostSearchTable[]) {
  // 9 columns × 500 rows stays under both databases' parameter limits.
  for (let i = 0; i < rows.length; i += 500) {
    await trx
      .insertInto('post_search')
      .values(rows.slice(i, i + 500))
      .onConflict((oc) =>
        oc
          .column('post_id')
          .doUpdateSet((eb) =>
            Object.fromEntries(documentColumns.map((c) => [c, eb.ref(`excluded.${c}`)])),
          ),
      )
      .execute();
  }
}

export async function deleteDocument(trx: Kysely<SearchTables>, postId: string) {
  await trx.deleteFrom('post_search').where('post_id', '=', postId).execute();
}

export function createSearchRepository(db: Kysely<SearchTables>) {
  return {
    /**
     * One page of matches, best first, ties by post id; `after` is the last row shown. Posts the
     * searcher may read match on every column; the others on their teaser alone, so a word past
     * a paywall never finds (or ranks) a story for a reader who may not read it.
     */
    matches(options: MatchOptions): Promise<MatchRow[]> {
      const { after, kinds, readable } = options;
      const candidates = (columns: readonly string[] | undefined, isReadable: boolean) =>
        db
          .selectFrom(
            fullTextMatches(db, source, options.query, { columns, newest: rankedMatches }).as('m'),
          )
          // A cross join, so SQLite reads the (bounded) matches first and looks each one up by
          // key; with an inner join it may scan post_search and probe the matches instead.
          .crossJoin('post_search as s')
          .whereRef('s.post_id', '=', 'm.key')
          .select(['m.key as postId', 'm.score as score', 's.published_at as publishedAt'])
          .where('s.status', 'in', options.statuses)
          .$if(kinds !== undefined, (qb) => qb.where('s.kind', 'in', kinds ?? []))
          .$if(readable !== 'all', (qb) =>
            qb.where('s.visibility', isReadable ? 'in' : 'not in', [...readable]),
          );
      const all =
        readable === 'all'
          ? candidates(undefined, true)
          : candidates(undefined, true).unionAll(candidates(teaserColumns, false));
      const base = db.selectFrom(all.as('r')).select(['r.postId', 'r.score', 'r.publishedAt']);
      // Only the matches are ordered (the full-text index finds them): newest first by
      // (published_at, id), or best first by (score, id), each with a keyset cursor.
      if (options.sort === 'newest') {
        const cursor = after?.sort === 'newest' ? after : undefined;
        return base
          .$if(cursor !== undefined, (qb) =>
            qb.where(
              keysetAfter({
                key: 'r.publishedAt',
                id: 'r.postId',
                cursor: { key: cursor?.publishedAt ?? '', id: cursor?.postId ?? '' },
                order: 'desc',
              }),
            ),
          )
          .orderBy('r.publishedAt', 'desc')
          .orderBy('r.postId', 'desc')
          .limit(options.limit)
          .execute();
      }
      const cursor = after?.sort === 'relevance' ? after : undefined;
      return base
        .$if(cursor !== undefined, (qb) =>
          qb.where(
            keysetAfter({
              key: 'r.score',
              id: 'r.postId',
              cursor: { key: cursor?.score ?? 0, id: cursor?.postId ?? '' },
              order: 'desc',
              idOrder: 'asc',
            }),
          ),
        )
        .orderBy('r.score', 'desc')
        .orderBy('r.postId')
        .limit(options.limit)
        .execute();
    },

    /** Each post's visibility, to choose which columns its excerpt may come from. */
    async visibilities(postIds: readonly string[]): Promise<Map<string, string>> {
      if (postIds.length === 0) return new Map();
      const rows = await db
        .selectFrom('post_search')
        .select(['post_id', 'visibility'])
        .where('post_id', 'in', postIds)
        .execute();
      return new Map(rows.map((r) => [r.post_id, r.visibility]));
    },

    /** Highlighted excerpts of one searchable column for one page of results. */
    snippets(
      query: FullTextQuery,
      postIds: readonly string[],
      column: 'dek' | 'excerpt' | 'body_text',
    ): Promise<Map<string, SnippetPart[]>> {
      return fullTextSnippets(db, source, { query, keys: postIds, column, words: 24 });
    },

    rebuild: () => rebuildFullTextIndex(db, source),
  };
}
