import type { OutboxEvent } from '../../features/events/index.js';

/**
 * The vocabulary of page dependency tags. A page is rendered with the tags of everything it
 * shows; an event names the tags of everything it changed; the cache drops the intersection.
 */
export const pageTags = {
  /** The front page. */
  home: 'home',
  /** The News Feed (latest briefs and stories). */
  news: 'news',
  /** RSS/Atom/JSON feeds. */
  feeds: 'feeds',
  /** sitemap.xml and its parts. */
  sitemaps: 'sitemaps',
  /** Search results pages. */
  search: 'search',
  /** Every page showing the post, by id (stories, cards and lists that include it). */
  post: (postId: string) => `post:${postId}`,
  /** The page at a post's URL, including a 404 or redirect left at an old slug. */
  slug: (slug: string) => `slug:${slug}`,
  /** A section or tag page. */
  tag: (tagId: string) => `tag:${tagId}`,
  /** An author's page. */
  author: (authorId: string) => `author:${authorId}`,
} as const;

const asString = (value: unknown): string | undefined =>
  typeof value === 'string' && value !== '' ? value : undefined;

const asStrings = (value: unknown): string[] =>
  Array.isArray(value)
    ? value.filter((item): item is string => typeof item === 'string' && item !== '')
    : [];

/** The tags of the pages an outbox event may have changed; none for events no page shows. */
export function pageTagsForEvent(event: OutboxEvent): string[] {
  switch (event.type) {
    case 'post.published':
    case 'post.updated':
    case 'post.unpublished':
    case 'post.deleted': {
      const { payload } = event;
      const slugs = [asString(payload.slug), asString(payload.previousSlug)].filter(
        (slug): slug is string => slug !== undefined,
      );
      return [
        pageTags.home,
        pageTags.news,
        pageTags.feeds,
        pageTags.sitemaps,
        pageTags.search,
        pageTags.post(event.subjectId),
        ...slugs.map(pageTags.slug),
        ...asStrings(payload.tagIds).map(pageTags.tag),
        ...asStrings(payload.authorIds).map(pageTags.author),
      ];
    }
    case 'member.created':
    case 'member.updated':
    case 'member.deleted':
      // Pages are cached per audience, never per member: no page shows a member's details.
      return [];
  }
}

/** The tags of a batch of events, each once. */
export function pageTagsForEvents(events: readonly OutboxEvent[]): string[] {
  return [...new Set(events.flatMap(pageTagsForEvent))];
}
