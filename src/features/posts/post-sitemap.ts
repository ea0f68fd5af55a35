import { keysetAfter } from '../../platform/db/index.js';
import { sql } from 'kysely';
import type { Clock } from '../../platform/clock.js';
import { decodeCursor, encodeCursor, pageOf, type Page } from '../../platform/pagination.js';
import { postPath, type PostKind } from './post.js';
import type { PostsDb } from './posts.repository.js';

/** What sitemaps need of a published post: no body, authors or tags, so pages of 10,000 stay light. */
export interface PublishedPostEntry {
  id: string;
  kind: PostKind;
  slug: string;
  url: string;
  title: string;
  language: string | null;
  publishedAt: string;
  /** When readers were last told it changed (the publication time if never). */
  changedAt: string;
  leadMediaId: string | null;
}

/** One page of a paged listing: the cursor it starts after (null for the first), its size and newest change. */
export interface PublishedPostPage {
  cursor: string | null;
  count: number;
  changedAt: string;
}

const hourMs = 3_600_000;

export function createPostSitemap(deps: { db: PostsDb; clock: Clock }) {
  const { db } = deps;

  const published = (kinds: readonly PostKind[]) =>
    db
      .selectFrom('posts')
      .select([
        'id',
        'kind',
        'slug',
        'title',
        'language',
        'published_at',
        'public_updated_at',
        'lead_media_id',
      ])
      .where('status', '=', 'published')
      .where('kind', 'in', kinds);

  type EntryRow = Awaited<ReturnType<ReturnType<typeof published>['execute']>>[number];
  const toEntry = (row: EntryRow): PublishedPostEntry => ({
    id: row.id,
    kind: row.kind as PostKind,
    slug: row.slug,
    url: postPath(row.slug),
    title: row.title,
    language: row.language,
    publishedAt: row.published_at ?? '',
    changedAt: row.public_updated_at ?? row.published_at ?? '',
    leadMediaId: row.lead_media_id,
  });

  return {
    /**
     * Published posts of these kinds, oldest first, by keyset cursor: old pages keep their
     * contents as new stories arrive, so crawlers and caches see them unchanged.
     */
    async entries(options: {
      kinds: readonly PostKind[];
      limit: number;
      cursor?: string | null;
    }): Promise<Page<PublishedPostEntry>> {
      if (options.kinds.length === 0) return { items: [], next: null };
      const after = options.cursor ? decodeCursor(options.cursor) : undefined;
      let query = published(options.kinds)
        .orderBy('published_at', 'asc')
        .orderBy('id', 'asc')
        .limit(options.limit + 1);
      if (after) {
        query = query.where(
          keysetAfter({ key: 'published_at', id: 'id', cursor: after, order: 'asc' }),
        );
      }
      const rows = await query.execute();
      const page = pageOf(rows, options.limit, (r) => ({ key: r.published_at ?? '', id: r.id }));
      return { items: page.items.map(toEntry), next: page.next };
    },

    /**
     * How `entries` divides into pages of `pageSize`, oldest first, in one query: each page's
     * starting cursor, size and newest change. Lets page n be read straight off its cursor.
     */
    async pages(options: {
      kinds: readonly PostKind[];
      pageSize: number;
    }): Promise<PublishedPostPage[]> {
      if (options.kinds.length === 0) return [];
      if (!Number.isInteger(options.pageSize) || options.pageSize < 1)
        throw new RangeError('pageSize must be a positive integer');
      // A literal, not a parameter: the same expression appears in SELECT and GROUP BY.
      const size = sql.lit(options.pageSize);
      const result = await sql<{
        page: number | string;
        n: number | string;
        changed_at: string;
        end_at: string | null;
        end_id: string | null;
      }>`
        select page, count(*) as n, max(changed_at) as changed_at,
          max(case when rn % ${size} = 0 then published_at end) as end_at,
          max(case when rn % ${size} = 0 then id end) as end_id
        from (
          select id, published_at,
            coalesce(public_updated_at, published_at) as changed_at,
            row_number() over (order by published_at, id) as rn,
            (row_number() over (order by published_at, id) - 1) / ${size} as page
          from posts
          where status = 'published' and kind in (${sql.join([...options.kinds])})
        ) numbered
        group by page
        order by page`.execute(db);
      let cursor: string | null = null;
      return result.rows.map((row) => {
        const page = { cursor, count: Number(row.n), changedAt: row.changed_at };
        cursor =
          row.end_at !== null && row.end_id !== null
            ? encodeCursor({ key: row.end_at, id: row.end_id })
            : null;
        return page;
      });
    },

    /** Posts of these kinds published in the last `hours` by the service clock, newest first. */
    async recent(options: {
      kinds: readonly PostKind[];
      hours: number;
      limit: number;
    }): Promise<PublishedPostEntry[]> {
      if (options.kinds.length === 0) return [];
      const now = deps.clock.now();
      const since = new Date(now.getTime() - options.hours * hourMs).toISOString();
      const rows = await published(options.kinds)
        .where('published_at', '>=', since)
        .where('published_at', '<=', now.toISOString())
        .orderBy('published_at', 'desc')
        .orderBy('id', 'desc')
        .limit(options.limit)
        .execute();
      return rows.map(toEntry);
    },
  };
}

export type PostSitemap = ReturnType<typeof createPostSitemap>;
