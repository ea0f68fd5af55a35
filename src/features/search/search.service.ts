import type { Kysely } from 'kysely';
import { plainText, toFullTextQuery, type SnippetPart } from '../../platform/db/index.js';
import { validationError } from '../../platform/errors.js';
import { decodeCursor, encodeCursor } from '../../platform/pagination.js';
import {
  hasMatch,
  snippetHtml,
  type SearchDocument,
  type SearchOptions,
  type SearchPage,
} from './search.js';
import {
  createSearchRepository,
  deleteDocument,
  insertDocuments,
  toRow,
  upsertDocument,
  type MatchCursor,
} from './search.repository.js';
import type { SearchTables } from './search.table.js';

// PostgreSQL refuses a tsvector over 1 MB; no article needs more than this to be found.
const maxBodyLength = 200_000;
const reindexBatch = 200;

const notOurCursor = () =>
  validationError([{ field: 'cursor', message: 'is not a cursor this server issued' }]);

/**
 * Cursor: the (rank, postId) of the last result shown by relevance, or its (published time,
 * postId) by newest; the next page continues after it.
 */
function decodeAfter(
  cursor: string | undefined,
  sort: 'relevance' | 'newest',
): MatchCursor | undefined {
  if (cursor === undefined) return undefined;
  const { key, id } = decodeCursor(cursor);
  if (sort === 'newest') {
    if (!/^\d{4}-\d{2}-\d{2}T[\d:.]+Z?$/.test(key)) throw notOurCursor();
    return { sort, publishedAt: key, postId: id };
  }
  const score = Number(key);
  if (key.trim() === '' || !Number.isFinite(score)) throw notOurCursor();
  return { sort, score, postId: id };
}

const toSafeRow = (doc: SearchDocument) =>
  toRow({
    ...doc,
    title: plainText(doc.title),
    dek: plainText(doc.dek),
    excerpt: plainText(doc.excerpt),
    bodyText: plainText(doc.bodyText.slice(0, maxBodyLength)),
  });

/** The excerpt shown for a result: its best matching part among the columns it may show. */
function pickSnippet(
  candidates: ReadonlyArray<SnippetPart[] | undefined>,
): SnippetPart[] | undefined {
  return candidates.find(hasMatch) ?? candidates.find((c) => c !== undefined && c.length > 0);
}

/**
 * Full-text search of posts. `index` and `remove` take the caller's transaction handle, so the
 * search row is written (or rolled back) with the post. `search` ranks best first and pages by
 * keyset on (rank, postId): each result appears once while the index is unchanged; when posts
 * are written between pages, ranks may shift and a result may move across a page boundary.
 */
export function createSearchService(deps: { db: Kysely<SearchTables> }) {
  const repository = createSearchRepository(deps.db);
  return {
    /** The ordinary tables behind the index (for planner statistics after a bulk import). */
    tables: ['post_search'] as const,

    async index(trx: Kysely<SearchTables>, doc: SearchDocument): Promise<void> {
      await upsertDocument(trx, toSafeRow(doc));
    },

    /** Many documents at once, in the caller's transaction (a bulk import). */
    async indexMany(trx: Kysely<SearchTables>, docs: readonly SearchDocument[]): Promise<void> {
      await insertDocuments(trx, docs.map(toSafeRow));
    },

    async remove(trx: Kysely<SearchTables>, postId: string): Promise<void> {
      await deleteDocument(trx, postId);
    },

    /** Takes options parsed with `searchOptionsSchema` at the front door. */
    async search(options: SearchOptions): Promise<SearchPage> {
      const after = decodeAfter(options.cursor, options.sort);
      const query = toFullTextQuery(options.q);
      // Only punctuation or symbols: nothing can match.
      if (query === null) return { results: [], next: null };
      const rows = await repository.matches({
        query,
        statuses: options.statuses ?? ['published'],
        kinds: options.kinds,
        readable: options.readable,
        sort: options.sort,
        after,
        limit: options.limit + 1,
      });
      const page = rows.slice(0, options.limit);
      const last = page[page.length - 1];
      const next =
        rows.length > options.limit && last
          ? encodeCursor({
              key: options.sort === 'newest' ? (last.publishedAt ?? '') : String(last.score),
              id: last.postId,
            })
          : null;
      const ids = page.map((r) => r.postId);
      // Excerpts come from the body only where the searcher may read it; otherwise from the
      // teaser (excerpt, then dek), so no word past a paywall is ever shown.
      const readable = options.readable;
      const [visibilityOf, body, excerpt, dek] = await Promise.all([
        readable === 'all'
          ? Promise.resolve(new Map<string, string>())
          : repository.visibilities(ids),
        repository.snippets(query, ids, 'body_text'),
        repository.snippets(query, ids, 'excerpt'),
        repository.snippets(query, ids, 'dek'),
      ]);
      const results = page.map((row) => {
        const visibility = visibilityOf.get(row.postId);
        const canReadBody =
          readable === 'all' || (visibility !== undefined && readable.includes(visibility));
        const parts = canReadBody
          ? pickSnippet([body.get(row.postId), dek.get(row.postId)])
          : pickSnippet([excerpt.get(row.postId), dek.get(row.postId)]);
        return { postId: row.postId, rank: row.score, snippet: snippetHtml(parts ?? []) };
      });
      return { results, next };
    },

    /**
     * Rebuilds the index from the posts (CLI): `loadBatch` returns the documents after a post id,
     * in id order. Each batch is written in its own transaction. Returns how many were indexed.
     */
    async reindexAll(
      loadBatch: (afterId: string | null, limit: number) => Promise<SearchDocument[]>,
    ): Promise<number> {
      await repository.rebuild();
      let afterId: string | null = null;
      let count = 0;
      for (;;) {
        const docs = await loadBatch(afterId, reindexBatch);
        if (docs.length === 0) break;
        await deps.db.transaction().execute(async (trx) => {
          for (const doc of docs) await upsertDocument(trx, toSafeRow(doc));
        });
        count += docs.length;
        afterId = docs[docs.length - 1]?.postId ?? null;
        if (docs.length < reindexBatch) break;
      }
      return count;
    },
  };
}

export type SearchService = ReturnType<typeof createSearchService>;
