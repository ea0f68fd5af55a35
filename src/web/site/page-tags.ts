import type { OutboxEvent } from '../../features/events/index.js';

/** A page dependency tag; made only by `pageTags`, so a render and an event always agree on it. */
export type PageTag = string & { readonly __brand: 'PageTag' };

const tag = (value: string) => value as PageTag;

/**
 * The vocabulary of page dependency tags. A page is rendered with the tags of everything it
 * shows; an event names the tags of everything it changed; the cache drops the intersection.
 */
export const pageTags = {
  /** The front page. */
  home: tag('home'),
  /** The News Feed (latest briefs and stories). */
  news: tag('news'),
  /** RSS/Atom/JSON feeds. */
  feeds: tag('feeds'),
  /** sitemap.xml and its parts. */
  sitemaps: tag('sitemaps'),
  /** Search results pages. */
  search: tag('search'),
  /** The corrections record (/corrections/) and its RSS feed. */
  corrections: tag('corrections'),
  /** Every page showing the post, by id (stories, cards and lists that include it). */
  post: (postId: string) => tag(`post:${postId}`),
  /** The page at a post's URL, including a 404 or redirect left at an old slug. */
  slug: (slug: string) => tag(`slug:${slug}`),
  /** A section or tag page. */
  tag: (tagId: string) => tag(`tag:${tagId}`),
  /** An author's page. */
  author: (authorId: string) => tag(`author:${authorId}`),
  /** A live post's page and its updates' permalinks: what a live update changes, and no more. */
  live: (postId: string) => tag(`live:${postId}`),
} as const;

/** What an event drops: some pages by tag, or every page. */
export type PageScope = readonly PageTag[] | 'all';

/**
 * The pages an outbox event may have changed: the one place that decides what a change
 * invalidates, whichever front door (admin, CLI, job, API) made it.
 */
export function pageScopeForEvent(event: OutboxEvent): PageScope {
  switch (event.type) {
    case 'post.published':
    case 'post.updated':
    case 'post.unpublished':
    case 'post.deleted': {
      const { payload } = event;
      const slugs = [payload.slug, payload.previousSlug].filter(
        (slug): slug is string => slug !== undefined && slug !== '',
      );
      return [
        pageTags.home,
        pageTags.news,
        pageTags.feeds,
        pageTags.sitemaps,
        pageTags.search,
        // A correction added or withdrawn, or a corrected story retitled, unpublished or deleted:
        // the record shows headlines, so any post change may change it (like the feeds).
        pageTags.corrections,
        pageTags.post(event.subjectId),
        ...slugs.map(pageTags.slug),
        ...payload.tagIds.map(pageTags.tag),
        ...payload.authorIds.map(pageTags.author),
      ];
    }
    // Sections and tags are in every page's navigation and on story cards; bylines and photos on
    // story cards of every list; settings and the drive on every page: each drops every page.
    case 'tag.updated':
    case 'tag.deleted':
    case 'author.updated':
    case 'author.deleted':
    case 'settings.updated':
    case 'media.updated':
    case 'media.deleted':
    case 'campaign.updated':
    case 'campaign.deleted':
    case 'newsletter.updated': // the sign-up block after every story names the default lists
      return 'all';
    // A live update drops just its live page (and its permalinks); a key event is also in the
    // News Feed and the home page's "Live" lead, so those go too.
    case 'live.update.published':
    case 'live.update.changed':
    case 'live.update.deleted':
      return event.payload.isKeyEvent
        ? [pageTags.live(event.subjectId), pageTags.home, pageTags.news]
        : [pageTags.live(event.subjectId)];
    // The home page's red "Live" label goes with the end of coverage.
    case 'live.ended':
      return [pageTags.live(event.subjectId), pageTags.home, pageTags.news];
    case 'member.created':
    case 'member.updated':
    case 'member.deleted':
      // Pages are cached per audience, never per member: no page shows a member's details.
      return [];
  }
}

/** The pages a batch of events changed, each tag once ('all' if any event drops every page). */
export function pageScopeForEvents(events: readonly OutboxEvent[]): PageScope {
  const tags = new Set<PageTag>();
  for (const event of events) {
    const scope = pageScopeForEvent(event);
    if (scope === 'all') return 'all';
    for (const each of scope) tags.add(each);
  }
  return [...tags];
}

/** Whether the events change what every page shows around the story (the site's context). */
export const changesSiteContext = (events: readonly OutboxEvent[]): boolean =>
  events.some((event) => pageScopeForEvent(event) === 'all');
