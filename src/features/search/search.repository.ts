import type { Kysely } from 'kysely';
import {
  fullTextMatches,
  fullTextSnippets,
  rebuildFullTextIndex,
  type FullTextQuery,
  type FullTextSource,
  type SnippetPart,
} from '../../platform/db/index.js';
import type { SearchDocument } from './search.js';
import type { PostSearchTable, SearchTables } from './search.table.js';

/** Must match migrations/2026-11-27-0003-search.ts, which made the index. */
const source: FullTextSource = {
  table: 'post_search',
  key: 'post_id',
  columns: ['title', 'dek', 'body_text'],
};

export interface MatchRow {
  postId: string;
  score: number;
}

export const toRow = (doc: SearchDocument): PostSearchTable => ({
  post_id: doc.postId,
  status: doc.status,
  kind: doc.kind,
  published_at: doc.publishedAt,
  title: doc.title,
  dek: doc.dek,
  body_text: doc.bodyText,
});

/** The writes take the caller's handle, so they join the caller's transaction. */
export async function upsertDocument(trx: Kysely<SearchTables>, row: PostSearchTable) {
  const { post_id: _postId, ...changes } = row;
  await trx
    .insertInto('post_search')
    .values(row)
    .onConflict((oc) => oc.column('post_id').doUpdateSet(changes))
    .execute();
}

export async function deleteDocument(trx: Kysely<SearchTables>, postId: string) {
  await trx.deleteFrom('post_search').where('post_id', '=', postId).execute();
}

export function createSearchRepository(db: Kysely<SearchTables>) {
  return {
    /** One page of matches, best first, ties by post id; `after` is the last row shown. */
    matches(options: {
      query: FullTextQuery;
      statuses: readonly string[];
      kinds: readonly string[] | undefined;
      after: MatchRow | undefined;
      limit: number;
    }): Promise<MatchRow[]> {
      const { after, kinds } = options;
      return db
        .selectFrom(fullTextMatches(db, source, options.query).as('m'))
        .innerJoin('post_search as s', 's.post_id', 'm.key')
        .select(['m.key as postId', 'm.score as score'])
        .where('s.status', 'in', options.statuses)
        .$if(kinds !== undefined, (qb) => qb.where('s.kind', 'in', kinds ?? []))
        .$if(after !== undefined, (qb) =>
          qb.where((eb) =>
            eb.or([
              eb('m.score', '<', after?.score ?? 0),
              eb.and([
                eb('m.score', '=', after?.score ?? 0),
                eb('m.key', '>', after?.postId ?? ''),
              ]),
            ]),
          ),
        )
        .orderBy('m.score', 'desc')
        .orderBy('m.key')
        .limit(options.limit)
        .execute();
    },

    /** Highlighted excerpts of the body (or the dek, when only it matches) for one page. */
    async snippets(query: FullTextQuery, postIds: readonly string[]) {
      const words = 24;
      const [body, dek] = [
        await fullTextSnippets(db, source, { query, keys: postIds, column: 'body_text', words }),
        await fullTextSnippets(db, source, { query, keys: postIds, column: 'dek', words }),
      ];
      return { body, dek } satisfies Record<string, Map<string, SnippetPart[]>>;
    },

    rebuild: () => rebuildFullTextIndex(db, source),
  };
}
