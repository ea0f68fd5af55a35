import type { LiveUpdate } from '../../features/live/index.js';
import { canRead, type Audience } from '../../features/members/index.js';
import type { Post, PostKind } from '../../features/posts/index.js';
import { decodeCursor, encodeCursor, type Page } from '../../platform/pagination.js';
import type { ServicesOf } from '../../runtime/services.js';
import { renderText } from '../../shared/richtext/index.js';
import { feedKeyOf, type FeedEntry, type KeyEventEntry } from './components/feed-list.js';
import { headlineOf } from './live-render.js';

type FeedServices = ServicesOf<'live' | 'posts'>;

/** What the News Feed lists besides live pages' key events. */
export const feedKinds: readonly PostKind[] = ['article', 'brief', 'live'];

/** Newest first, as both lists are ordered: by time, then id (the same order as the SQL's). */
export const newestFirst = (a: FeedEntry, b: FeedEntry): number => {
  const x = feedKeyOf(a);
  const y = feedKeyOf(b);
  return x.key === y.key ? (x.id < y.id ? 1 : x.id > y.id ? -1 : 0) : x.key < y.key ? 1 : -1;
};

/**
 * Key-event updates as News Feed entries, with their live pages (published ones only: an update
 * whose page went meanwhile is left out). The update's own line only for an audience that may
 * read the page; otherwise the page's headline stands in.
 */
export async function keyEventEntries(
  services: FeedServices,
  updates: readonly LiveUpdate[],
  audience: Audience,
): Promise<KeyEventEntry[]> {
  if (updates.length === 0) return [];
  const postIds = [...new Set(updates.map((u) => u.postId))];
  const [posts, ended] = await Promise.all([
    services.posts.publishedByIds(postIds),
    services.live.endedTimes(postIds),
  ]);
  const byId = new Map(posts.map((p) => [p.id, p]));
  return updates.flatMap((update) => {
    const post = byId.get(update.postId);
    if (!post) return [];
    const line = canRead(audience, post.visibility) ? headlineOf(renderText(update.body)) : '';
    return [
      {
        update: { id: update.id, publishedAt: update.publishedAt },
        post,
        headline: line || post.title,
        isOngoing: !ended.has(post.id),
      },
    ];
  });
}

/**
 * One page of the News Feed from a cursor: stories, briefs and live pages merged by time with
 * live pages' key events. Both lists are read from the same cursor, each at most `limit` items
 * (and the one row each that says whether more follow) off its own index; the first `limit` of
 * the two together are the page, and the last of them is the next cursor. Neither list can hold
 * an item newer than that cursor that was not read: each read `limit` items newer than it.
 */
export async function newsFeedPage(
  services: FeedServices,
  options: { limit: number; cursor?: string | undefined; audience: Audience },
): Promise<Page<FeedEntry>> {
  const cursor = options.cursor ? { cursor: options.cursor } : {};
  const [posts, keyEvents] = await Promise.all([
    services.posts.latestPublished({ limit: options.limit, kinds: feedKinds, ...cursor }),
    services.live.latestKeyEvents({ limit: options.limit, ...cursor }),
  ]);
  return mergeFeedPages(
    posts,
    {
      items: await keyEventEntries(services, keyEvents.items, options.audience),
      next: keyEvents.next,
    },
    options.limit,
  );
}

/** Two pages read from the same cursor, as one page of `limit` entries. */
export function mergeFeedPages(
  posts: Page<Post>,
  keyEvents: Page<KeyEventEntry>,
  limit: number,
): Page<FeedEntry> {
  const merged: FeedEntry[] = [...posts.items, ...keyEvents.items].sort(newestFirst);
  const items = merged.slice(0, limit);
  const last = items[items.length - 1];
  const hasMore = merged.length > limit || posts.next !== null || keyEvents.next !== null;
  return { items, next: hasMore && last ? encodeCursor(feedKeyOf(last)) : null };
}

/** How far `?through=` may reach: ten pages of the News Feed. */
const maxThroughPages = 10;

/**
 * What `/news/` shows: one page from `before` (or the top); or, with `through` (the cursor of
 * the last page a reader loaded with Show More), everything from the top through that page, so
 * Back (or a reload) shows all that was loaded. Items published since only add to the top; at
 * most maxThroughPages pages are read, and past them Show More continues from where it stopped.
 */
export async function newsPageEntries(
  services: FeedServices,
  options: {
    before: string | undefined;
    through: string | undefined;
    audience: Audience;
    pageSize: number;
  },
): Promise<{ entries: FeedEntry[]; next: string | null }> {
  const { before, through } = options;
  const pageFrom = (cursor: string | undefined) =>
    newsFeedPage(services, { limit: options.pageSize, cursor, audience: options.audience });
  const mark = through ? decodeCursor(through, 'through') : undefined;
  const isPastMark = (entry: FeedEntry) => {
    if (mark === undefined) return false;
    const { key, id } = feedKeyOf(entry);
    return key < mark.key || (key === mark.key && id < mark.id);
  };
  const entries: FeedEntry[] = [];
  let cursor = mark ? undefined : before;
  let next: string | null = null;
  let hasReachedMark = false;
  for (let pages = 0; pages < (mark ? maxThroughPages : 1); pages += 1) {
    const page = await pageFrom(cursor);
    entries.push(...page.items.filter((p) => !isPastMark(p)));
    next = page.next;
    hasReachedMark = !next || page.items.some(isPastMark);
    if (!mark || hasReachedMark) break;
    cursor = next ?? undefined;
  }
  if (through && hasReachedMark) {
    const last = await pageFrom(through);
    const shown = new Set(entries.map((p) => feedKeyOf(p).id));
    entries.push(...last.items.filter((p) => !shown.has(feedKeyOf(p).id)));
    next = last.next;
  }
  return { entries, next };
}
