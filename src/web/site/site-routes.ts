import type { FastifyReply } from 'fastify';
import { z } from 'zod';
import { isAppError, redirectTo } from '../../platform/errors.js';
import type { Audience } from '../../features/members/index.js';
import type { Post } from '../../features/posts/index.js';
import { isPublicTag } from '../../features/tags/index.js';
import type { ServicesOf } from '../../runtime/services.js';
import { parseInput } from '../http-input.js';
import { canBeSlug } from '../../shared/slug.js';
import { webArea } from '../web-area.js';
import { renderErrorPage } from './pages/error-page.js';
import { renderHomePage } from './pages/home-page.js';
import { renderAuthorPage, renderNewsPage, renderTagPage } from './pages/list-pages.js';
import { mediaFor } from './site-data.js';
import { renderStoryHtml } from './story-render.js';
import { renderLiveHtml, renderLiveUpdateHtml } from './live-render.js';
import { isKeyEventEntry } from './components/feed-list.js';
import { feedKinds, keyEventEntries, newestFirst, newsPageEntries } from './news-feed.js';
import { isId } from '../../platform/ids.js';
import type { SiteContext } from './site-context.js';
import type { SiteMemos } from './site-memos.js';
import { pageTags, type PageTag } from './page-tags.js';

/** A rendered reader page and the things it shows, so a cache knows when to drop it. */
export interface RenderedPage {
  html: string;
  status: number;
  /** Dependency tags: home, news, post:<id>, tag:<id>, author:<id>, search … */
  tags: PageTag[];
}

/**
 * Sends a page for the reader's audience (anonymous, member, paid), rendering it only when the
 * cache has no copy for that audience. The render is told the audience: it is part of the key.
 */
export type PageSender = (
  reply: FastifyReply,
  key: string,
  render: (audience: Audience) => Promise<RenderedPage>,
) => Promise<FastifyReply>;

/** Without a page cache: render for anonymous readers and send (the cache wraps this same function). */
export const sendUncached: PageSender = async (reply, _key, render) => {
  const page = await render('anonymous');
  return reply
    .code(page.status)
    .type('text/html; charset=utf-8')
    .header('cache-control', 'public, max-age=0, s-maxage=30')
    .send(page.html);
};

const cursorQuery = z.object({ before: z.string().max(400).optional() }).loose();
const newsQuery = z
  .object({ before: z.string().max(400).optional(), through: z.string().max(400).optional() })
  .loose();
const homeFeedSize = 10;
/** The home page's "Most read" box: the five most read stories of the last 24 hours. */
const mostReadSize = 5;
const sectionSize = 4;
/** Items on a page of the News Feed, an author's or a section's stories, or search results. */
export const pageSize = 20;
/** A list page's slug, or undefined for one no page can have (`/tag//`, overlong, NUL): a 404, not a 400. */
const slugOf = (params: unknown): string | undefined => {
  const slug = (params as { slug?: unknown }).slug;
  return typeof slug === 'string' && canBeSlug(slug) ? slug : undefined;
};

const oldPlatformQuery = /[?&](?:p|page_id|cat)=/;

export type SiteServices = ServicesOf<
  'analytics' | 'authors' | 'imports' | 'live' | 'media' | 'posts' | 'search' | 'tags'
>;

export interface SiteDeps {
  services: SiteServices;
  memos: Pick<SiteMemos, 'context' | 'latestBriefs'>;
  /** Through the page cache; without one, rendered for every request. */
  send?: PageSender;
}

/** The reader site's pages: home, News Feed, author and section pages, stories (search: search-route.ts). */
export const siteRoutes = webArea<SiteDeps>((app, deps) => {
  const { services, memos } = deps;
  const send = deps.send ?? sendUncached;
  const site = () => memos.context.get();
  const notFoundPage = (s: SiteContext, status = 404): RenderedPage => ({
    html: renderErrorPage({ status, message: '', site: s }),
    status,
    tags: [pageTags.home],
  });
  /** A cursor the site did not issue is a 404 page, not an error. */
  const guard = async (work: () => Promise<RenderedPage>, s: () => Promise<SiteContext>) => {
    try {
      return await work();
    } catch (error) {
      if (isAppError(error) && error.status === 400) return notFoundPage(await s());
      throw error;
    }
  };

  /** A live lead still going: its latest update's time (key events drop home; others may lag). */
  const liveLabelOf = async (postId: string) => {
    const [ended, latest] = await Promise.all([
      services.live.endedTimes([postId]),
      services.live.latestTimes([postId]),
    ]);
    return ended.has(postId) ? undefined : { latestAt: latest.get(postId) ?? null };
  };

  app.get('/', async (request, reply) => {
    // WordPress's own addresses (`/?p=12`, `/?page_id=3`) live on the home page's path.
    if (oldPlatformQuery.test(request.url)) {
      const moved = await services.imports.redirectFor(request.url);
      if (moved)
        return reply
          .header('cache-control', 'public, max-age=300')
          .redirect(moved.location, moved.status);
    }
    return send(reply, request.url, async (audience) => {
      const s = await site();
      const [top, latest, feedPage, keyEvents, mostRead] = await Promise.all([
        services.posts.topStories(5),
        services.posts.latestPublished({ limit: 30, kinds: ['article', 'live'] }),
        services.posts.latestPublished({ limit: homeFeedSize + 5, kinds: feedKinds }),
        services.live.latestKeyEvents({ limit: homeFeedSize }),
        // Worked out at most once a minute, and the home page re-renders at least every 30 s
        // (the page cache's max age): the box is at most ~90 s behind the beacon's counts.
        services.analytics.popular('24h', mostReadSize),
      ]);
      // The editors' order first; then featured stories, then the latest, without repeats.
      const chosen = [...top, ...latest.items.filter((p) => p.isFeatured), ...latest.items];
      const seen = new Set<string>();
      const isNew = (p: Post) => !seen.has(p.id) && Boolean(seen.add(p.id));
      const stories = chosen.filter(isNew).slice(0, 5);
      // A story shows once on the home page: the News Feed and the section blocks leave out
      // what a module above them already shows (each asks for a few more to make up for it).
      // Live pages' key events join the feed by time (they are updates, not stories).
      const feedPosts = feedPage.items.filter((p) => !seen.has(p.id));
      const merged = [
        ...feedPosts,
        ...(await keyEventEntries(services, keyEvents.items, audience)),
      ].sort(newestFirst);
      const feed = merged.slice(0, homeFeedSize);
      for (const p of feed) if (!isKeyEventEntry(p)) seen.add(p.id);
      const hasMoreFeed =
        merged.length > feed.length || feedPage.next !== null || keyEvents.next !== null;
      const candidates = await Promise.all(
        s.navigation.slice(0, 8).map(
          async (tag) =>
            (
              await services.posts.latestPublishedVia({
                link: 'tag',
                id: tag.id,
                limit: sectionSize + stories.length + feed.length,
              })
            ).items,
        ),
      );
      const sections = s.navigation.slice(0, 8).map((tag, i) => {
        const posts = (candidates[i] ?? []).filter((p) => !seen.has(p.id)).slice(0, sectionSize);
        for (const p of posts) seen.add(p.id);
        return { tag, posts };
      });
      const shown = [...stories, ...sections.flatMap((x) => x.posts)];
      const [lead, ...topStories] = stories;
      return {
        html: renderHomePage({
          site: s,
          lead,
          leadLive: lead?.kind === 'live' ? await liveLabelOf(lead.id) : undefined,
          topStories,
          feed,
          hasMoreFeed,
          mostRead,
          sections,
          media: await mediaFor(services, shown),
        }),
        status: 200,
        tags: [pageTags.home],
      };
    });
  });

  app.get('/news/', async (request, reply) =>
    send(reply, request.url, async (audience) => {
      const s = await site();
      const { before, through } = parseInput(newsQuery, request.query);
      return guard(async () => {
        const { entries, next } = await newsPageEntries(services, {
          before,
          through,
          audience,
          pageSize,
        });
        return {
          html: renderNewsPage({
            site: s,
            posts: entries,
            next,
            isFirstPage: !before && !through,
          }),
          status: 200,
          tags: [pageTags.news],
        };
      }, site);
    }),
  );

  app.get('/author/:slug/', async (request, reply) =>
    send(reply, request.url, async () => {
      const s = await site();
      const slug = slugOf(request.params);
      const author = slug ? await services.authors.bySlug(slug) : undefined;
      if (!author) return notFoundPage(s);
      const { before } = parseInput(cursorQuery, request.query);
      return guard(async () => {
        const page = await services.posts.latestPublishedVia({
          link: 'author',
          id: author.id,
          limit: pageSize,
          ...(before ? { cursor: before } : {}),
        });
        return {
          html: renderAuthorPage({
            site: s,
            author,
            posts: page.items,
            next: page.next,
            media: await mediaFor(services, page.items, [author]),
            isFirstPage: !before,
          }),
          status: 200,
          tags: [pageTags.author(author.id)],
        };
      }, site);
    }),
  );

  app.get('/tag/:slug/', async (request, reply) =>
    send(reply, request.url, async () => {
      const s = await site();
      const slug = slugOf(request.params);
      const tag = slug ? await services.tags.bySlug(slug) : undefined;
      // An internal tag has no page: the same 404 as a tag that does not exist.
      if (!tag || !isPublicTag(tag)) return notFoundPage(s);
      const { before } = parseInput(cursorQuery, request.query);
      return guard(async () => {
        const page = await services.posts.latestPublishedVia({
          link: 'tag',
          id: tag.id,
          limit: pageSize,
          ...(before ? { cursor: before } : {}),
        });
        return {
          html: renderTagPage({
            site: s,
            tag,
            posts: page.items,
            next: page.next,
            media: await mediaFor(services, page.items),
            isFirstPage: !before,
          }),
          status: 200,
          tags: [pageTags.tag(tag.id)],
        };
      }, site);
    }),
  );

  // A story, brief or page. Old slugs redirect (301); taken-down stories are gone (410).
  app.get<{ Params: { slug: string } }>('/:slug/', async (request, reply) => {
    // The hottest route of a traffic spike: a plain check instead of a schema parse.
    const { slug } = request.params;
    if (!canBeSlug(slug)) return reply.callNotFound();
    // Everything, the old-slug lookup included, happens only when the cache has no copy.
    return send(reply, request.url, async (audience) => {
      const resolved = await services.posts.resolveSlug(slug);
      if (resolved?.isOldSlug && resolved.post.status === 'published')
        throw redirectTo(resolved.post.url);
      const s = await site();
      const post = resolved?.post;
      if (!post || post.status !== 'published') {
        const wasPublished = post?.status === 'unpublished' && post.publishedAt !== null;
        return {
          ...notFoundPage(s, wasPublished ? 410 : 404),
          tags: post ? [pageTags.post(post.id), pageTags.slug(slug)] : [pageTags.slug(slug)],
        };
      }
      if (post.kind === 'live')
        return {
          html: await renderLiveHtml(services, { site: s, post, audience }),
          status: 200,
          // A live update drops just this page (pageTags.live); the post's own changes as any story.
          tags: [pageTags.post(post.id), pageTags.slug(slug), pageTags.live(post.id)],
        };
      return {
        html: await renderStoryHtml({ services, memos }, { site: s, post, audience }),
        status: 200,
        // Only the story itself: its related list and News Feed teaser may lag by the cache's max
        // age, so a busy day's publishing does not re-render every story page each time.
        tags: [pageTags.post(post.id), pageTags.slug(slug)],
      };
    });
  });

  // A live update's own page: a permalink search engines and social cards can use.
  app.get<{ Params: { slug: string; updateId: string } }>(
    '/:slug/updates/:updateId/',
    async (request, reply) => {
      const { slug, updateId } = request.params;
      if (!canBeSlug(slug) || !isId(updateId)) return reply.callNotFound();
      return send(reply, request.url, async (audience) => {
        const s = await site();
        const post = (await services.posts.resolveSlug(slug))?.post;
        const page =
          post?.status === 'published' && post.kind === 'live'
            ? await renderLiveUpdateHtml(services, { site: s, post, audience, updateId })
            : undefined;
        if (!post || !page) return notFoundPage(s);
        return {
          ...page,
          tags: [pageTags.post(post.id), pageTags.slug(slug), pageTags.live(post.id)],
        };
      });
    },
  );

  // /<slug> without the trailing slash is the same page.
  app.get('/:slug', async (request, reply) => {
    const slug = slugOf(request.params);
    if (!slug || slug.includes('.')) return reply.callNotFound();
    const query = request.url.includes('?') ? request.url.slice(request.url.indexOf('?')) : '';
    return reply.redirect(`/${encodeURIComponent(slug)}/${query}`, 301);
  });
});
