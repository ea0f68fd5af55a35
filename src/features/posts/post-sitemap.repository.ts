import { sql } from 'kysely';
import { keysetAfter } from '../../platform/db/index.js';
import type { Cursor } from '../../platform/pagination.js';
import type { PostKind } from './post.js';
import type { PostsDb } from './posts.repository.js';
import type { PostSitemapPartsTable } from './posts.table.js';

/** The few columns a sitemap entry needs: no body, so pages of 10,000 stay light. */
const entryColumns = [
  'id',
  'kind',
  'slug',
  'title',
  'language',
  'published_at',
  'public_updated_at',
  'lead_media_id',
] as const;

/** One sitemap page's extent: its size, newest change and the last row it holds. */
interface SitemapPageRow {
  n: number | string;
  changed_at: string;
  end_at: string | null;
  end_id: string | null;
}

export function createPostSitemapRepository(db: PostsDb) {
  const published = (kinds: readonly PostKind[]) =>
    db
      .selectFrom('posts')
      .select(entryColumns)
      .where('status', '=', 'published')
      .where('kind', 'in', kinds);

  return {
    /**
     * Published posts of these kinds, oldest first, after `after` and up to `until` (both
     * keyset cursors, `until` included); one more than `limit`.
     */
    oldestFirst(options: {
      kinds: readonly PostKind[];
      limit: number;
      after?: Cursor;
      until?: Cursor;
    }) {
      let query = published(options.kinds)
        .orderBy('published_at', 'asc')
        .orderBy('id', 'asc')
        .limit(options.limit + 1);
      if (options.after) {
        query = query.where(
          keysetAfter({ key: 'published_at', id: 'id', cursor: options.after, order: 'asc' }),
        );
      }
      if (options.until) {
        // "Not after until" is "before until, newest first" turned round: the same keyset rule.
        const { until } = options;
        query = query.where((eb) =>
          eb.or([
            eb('published_at', '<', until.key),
            eb.and([eb('published_at', '=', until.key), eb('id', '<=', until.id)]),
          ]),
        );
      }
      return query.execute();
    },

    /** Published posts of these kinds between two times, newest first. */
    publishedBetween(options: {
      kinds: readonly PostKind[];
      since: string;
      until: string;
      limit: number;
    }) {
      return published(options.kinds)
        .where('published_at', '>=', options.since)
        .where('published_at', '<=', options.until)
        .orderBy('published_at', 'desc')
        .orderBy('id', 'desc')
        .limit(options.limit)
        .execute();
    },

    /**
     * How the oldest-first list (after `after`, when given) divides into pages of `pageSize`,
     * in one query: reads every story from there on (the sitemap job's work, not a request's).
     */
    async pages(
      kinds: readonly PostKind[],
      pageSize: number,
      after?: Cursor,
    ): Promise<SitemapPageRow[]> {
      // A literal, not a parameter: the same expression appears in SELECT and GROUP BY.
      const size = sql.lit(pageSize);
      const from = after
        ? sql`and (published_at > ${after.key} or (published_at = ${after.key} and id > ${after.id}))`
        : sql``;
      const result = await sql<SitemapPageRow & { page: number | string }>`
        select page, count(*) as n, max(changed_at) as changed_at,
          max(case when rn % ${size} = 0 then published_at end) as end_at,
          max(case when rn % ${size} = 0 then id end) as end_id
        from (
          select id, published_at,
            coalesce(public_updated_at, published_at) as changed_at,
            row_number() over (order by published_at, id) as rn,
            (row_number() over (order by published_at, id) - 1) / ${size} as page
          from posts
          where status = 'published' and kind in (${sql.join([...kinds])}) ${from}
        ) numbered
        group by page
        order by page`.execute(db);
      return result.rows;
    },

    /** The full parts the sitemap job kept for this listing and size, in order. */
    storedParts(list: string, pageSize: number) {
      return db
        .selectFrom('post_sitemap_parts')
        .selectAll()
        .where('list', '=', list)
        .where('page_size', '=', pageSize)
        .orderBy('part')
        .execute();
    },

    /**
     * The oldest publication time among posts of these kinds changed since `since` and
     * published no later than `until`: the first stored part that may no longer be right.
     * Through posts_updated_idx, so it reads only what changed.
     */
    async earliestChangedSince(options: {
      kinds: readonly PostKind[];
      since: string;
      until: string;
    }): Promise<string | undefined> {
      const row = await db
        .selectFrom('posts')
        .select((eb) => eb.fn.min('published_at').as('earliest'))
        .where('updated_at', '>', options.since)
        .where('kind', 'in', options.kinds)
        .where('published_at', '<=', options.until)
        .executeTakeFirst();
      return row?.earliest ?? undefined;
    },

    /** Replaces the parts from `fromPart` on with `parts`, in one transaction. */
    async replaceParts(options: {
      list: string;
      pageSize: number;
      fromPart: number;
      parts: ReadonlyArray<Omit<PostSitemapPartsTable, 'list' | 'page_size'>>;
    }): Promise<void> {
      const { list, pageSize } = options;
      await db.transaction().execute(async (trx) => {
        await trx
          .deleteFrom('post_sitemap_parts')
          .where('list', '=', list)
          .where((eb) =>
            eb.or([eb('page_size', '!=', pageSize), eb('part', '>=', options.fromPart)]),
          )
          .execute();
        if (options.parts.length === 0) return;
        await trx
          .insertInto('post_sitemap_parts')
          .values(options.parts.map((part) => ({ ...part, list, page_size: pageSize })))
          .execute();
      });
    },
  };
}

export type SitemapEntryRow = Awaited<
  ReturnType<ReturnType<typeof createPostSitemapRepository>['oldestFirst']>
>[number];
