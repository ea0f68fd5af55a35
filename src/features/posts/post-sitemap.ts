import type { Clock } from '../../platform/clock.js';
import { isUniqueViolation } from '../../platform/db/index.js';
import {
  decodeCursor,
  encodeCursor,
  pageOf,
  type Cursor,
  type Page,
} from '../../platform/pagination.js';
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

/**
 * One page of a paged listing: the cursor it starts after (null for the first), the cursor of
 * its last entry (null for the newest page, still filling), its size and newest change.
 */
export interface PublishedPostPage {
  cursor: string | null;
  until: string | null;
  count: number;
  changedAt: string;
}

/** What a run of the sitemap job did: how many full parts are kept, and from which it redid them. */
export interface SitemapRefresh {
  parts: number;
  recomputedFrom: number;
}

const hourMs = 3_600_000;
const fullRefreshEveryMs = 24 * hourMs;

/** The kept parts of one listing are filed under its kinds. */
const listKey = (kinds: readonly PostKind[]): string => [...kinds].sort().join(',');

function checkPageSize(pageSize: number): void {
  if (!Number.isInteger(pageSize) || pageSize < 1)
    throw new RangeError('pageSize must be a positive integer');
}

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
      /** The last entry's cursor (included): a page's end, from `pages`. */
      until?: string | null;
    }): Promise<Page<PublishedPostEntry>> {
      if (options.kinds.length === 0) return { items: [], next: null };
      const after = options.cursor ? decodeCursor(options.cursor) : undefined;
      const until = options.until ? decodeCursor(options.until) : undefined;
      const rows = await repository.oldestFirst({
        kinds: options.kinds,
        limit: options.limit,
        ...(after ? { after } : {}),
        ...(until ? { until } : {}),
      });
      const page = pageOf(rows, options.limit, (r) => ({ key: r.published_at ?? '', id: r.id }));
      return { items: page.items.map(toEntry), next: page.next };
    },

    /**
     * How `entries` divides into pages of `pageSize`, oldest first: each page's starting and
     * ending cursors, size and newest change. The full pages come from what the sitemap job
     * kept (`refreshPages`), one row each; only the stories after the last of them are read
     * here. Before the job has run, that is every story.
     */
    async pages(options: {
      kinds: readonly PostKind[];
      pageSize: number;
    }): Promise<PublishedPostPage[]> {
      if (options.kinds.length === 0) return [];
      checkPageSize(options.pageSize);
      const stored = await repository.storedParts(listKey(options.kinds), options.pageSize);
      const last = stored.at(-1);
      const tail = await repository.pages(
        options.kinds,
        options.pageSize,
        last ? { key: last.end_at, id: last.end_id } : undefined,
      );
      const pages: PublishedPostPage[] = [];
      let cursor: string | null = null;
      for (const part of stored) {
        const until = encodeCursor({ key: part.end_at, id: part.end_id });
        pages.push({ cursor, until, count: part.stories, changedAt: part.changed_at });
        cursor = until;
      }
      for (const row of tail) {
        const until =
          row.end_at !== null && row.end_id !== null
            ? encodeCursor({ key: row.end_at, id: row.end_id })
            : null;
        pages.push({ cursor, until, count: Number(row.n), changedAt: row.changed_at });
        cursor = until;
      }
      return pages;
    },

    /**
     * The sitemap job: works out the full pages again from the first one a change since the
     * last run may have touched (a story published, edited or unpublished with an older date),
     * or only the new ones after the last kept page, and keeps them; every page once a day or
     * when asked (`isFull`). A part that grew or shrank meanwhile stays valid (its range is what
     * is served); its count and date catch up here.
     */
    async refreshPages(options: {
      kinds: readonly PostKind[];
      pageSize: number;
      /** Redo every part (after a bulk import, whose rows keep their original dates). */
      isFull?: boolean;
    }): Promise<SitemapRefresh> {
      checkPageSize(options.pageSize);
      const list = listKey(options.kinds);
      const now = deps.clock.now();
      const startedAt = now.toISOString();
      const stored = await repository.storedParts(list, options.pageSize);
      const since = stored.reduce(
        (min, p) => (p.computed_at < min ? p.computed_at : min),
        startedAt,
      );
      // Imports keep their stories' own dates, so no "changed since" finds them: once a day,
      // and when asked, every part is worked out again.
      const isFull =
        options.isFull === true || Date.parse(since) <= now.getTime() - fullRefreshEveryMs;
      let fromPart = isFull ? 0 : stored.length;
      const last = stored.at(-1);
      if (last && !isFull) {
        const earliest = await repository.earliestChangedSince({
          kinds: options.kinds,
          since,
          until: last.end_at,
        });
        const touched = earliest === undefined ? -1 : stored.findIndex((p) => p.end_at >= earliest);
        if (touched !== -1) fromPart = touched;
      }
      const before = stored[fromPart - 1];
      const after: Cursor | undefined = before
        ? { key: before.end_at, id: before.end_id }
        : undefined;
      const rows = await repository.pages(options.kinds, options.pageSize, after);
      const parts = rows.flatMap((row, i) =>
        row.end_at !== null && row.end_id !== null
          ? [
              {
                part: fromPart + i,
                end_at: row.end_at,
                end_id: row.end_id,
                stories: Number(row.n),
                changed_at: row.changed_at,
                computed_at: startedAt,
              },
            ]
          : [],
      );
      try {
        await repository.replaceParts({ list, pageSize: options.pageSize, fromPart, parts });
      } catch (error) {
        // Another process ran the job at the same moment and kept the same parts.
        if (!isUniqueViolation(error)) throw error;
      }
      return { parts: fromPart + parts.length, recomputedFrom: fromPart };
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
