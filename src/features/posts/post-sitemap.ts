import type { Clock } from '../../platform/clock.js';
import { decodeCursor, encodeCursor, pageOf, type Page } from '../../platform/pagination.js';
import { postKindSchema } from '../../shared/contracts/posts.js';
import { postPath, type PostKind } from './post.js';
import { createPostSitemapRepository, type SitemapEntryRow } from './post-sitemap.repository.js';
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
  const repository = createPostSitemapRepository(deps.db);

  const toEntry = (row: SitemapEntryRow): PublishedPostEntry => ({
    id: row.id,
    kind: postKindSchema.parse(row.kind),
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
      const rows = await repository.oldestFirst({
        kinds: options.kinds,
        limit: options.limit,
        ...(after ? { after } : {}),
      });
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
      const rows = await repository.pages(options.kinds, options.pageSize);
      let cursor: string | null = null;
      return rows.map((row) => {
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
      const rows = await repository.publishedBetween({
        kinds: options.kinds,
        since: new Date(now.getTime() - options.hours * hourMs).toISOString(),
        until: now.toISOString(),
        limit: options.limit,
      });
      return rows.map(toEntry);
    },
  };
}

export type PostSitemap = ReturnType<typeof createPostSitemap>;
