import { sql } from 'kysely';
import { keysetAfter } from '../../platform/db/index.js';
import type { Cursor } from '../../platform/pagination.js';
import type { PostKind } from './post.js';
import type { PostsDb } from './posts.repository.js';

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
    /** Published posts of these kinds, oldest first, after `after`; one more than `limit`. */
    oldestFirst(options: { kinds: readonly PostKind[]; limit: number; after?: Cursor }) {
      let query = published(options.kinds)
        .orderBy('published_at', 'asc')
        .orderBy('id', 'asc')
        .limit(options.limit + 1);
      if (options.after) {
        query = query.where(
          keysetAfter({ key: 'published_at', id: 'id', cursor: options.after, order: 'asc' }),
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

    /** How the oldest-first list divides into pages of `pageSize`, in one query. */
    async pages(kinds: readonly PostKind[], pageSize: number): Promise<SitemapPageRow[]> {
      // A literal, not a parameter: the same expression appears in SELECT and GROUP BY.
      const size = sql.lit(pageSize);
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
          where status = 'published' and kind in (${sql.join([...kinds])})
        ) numbered
        group by page
        order by page`.execute(db);
      return result.rows;
    },
  };
}

export type SitemapEntryRow = Awaited<
  ReturnType<ReturnType<typeof createPostSitemapRepository>['oldestFirst']>
>[number];
