import type { FastifyReply, FastifyRequest } from 'fastify';
import { notFound, validationError } from '../../../platform/errors.js';
import { webArea } from '../../web-area.js';
import type { FeedScope, FeedServices } from './feed-items.js';
import { buildJsonFeed } from './json-feed.js';
import { buildNewsSitemap } from './news-sitemap.js';
import {
  buildNumberedPostsSitemap,
  buildPagesSitemap,
  buildPostsSitemap,
} from './post-sitemaps.js';
import { buildAuthorsSitemap, buildTagsSitemap } from './profile-sitemaps.js';
import { buildRobotsTxt } from './robots-txt.js';
import { buildSiteRss } from './rss-feed.js';
import { pageTags, type PageTag } from '../page-tags.js';
import { buildSitemapIndex } from './sitemap-index.js';

export const feedContentTypes = {
  rss: 'application/rss+xml; charset=utf-8',
  json: 'application/feed+json; charset=utf-8',
  xml: 'application/xml; charset=utf-8',
  text: 'text/plain; charset=utf-8',
} as const;

const cacheControl = 'public, max-age=300';

/** Sets the type and caching of a feed answer; the route then returns the body. */
const prepare = (reply: FastifyReply, type: keyof typeof feedContentTypes) =>
  reply.type(feedContentTypes[type]).header('cache-control', cacheControl);

type SlugParams = { Params: { slug: string } };

/** How a cached answer is served: the page cache passes its own; without one, plain responses. */
export type FeedServer = (
  request: FastifyRequest,
  reply: FastifyReply,
  options: { contentType: string; tags: PageTag[]; build: () => Promise<string> },
) => Promise<FastifyReply>;

export interface FeedDeps {
  services: FeedServices;
  publicUrl: string;
  serve?: FeedServer;
}

/**
 * Feeds and discovery files of the reader site: RSS (site, section or tag, author), JSON Feed,
 * sitemaps (index, stories in keyset parts of 10,000, pages, authors, tags, Google News) and robots.txt.
 * Each route sets its headers and returns what a builder made, so a page cache can wrap it.
 */
export const feedRoutes = webArea<FeedDeps>((app, deps) => {
  const { services, publicUrl } = deps;
  // Feeds change with what is published; sitemaps and robots.txt too (tagged 'feeds' and 'sitemaps').
  const respond = async (
    request: FastifyRequest,
    reply: FastifyReply,
    type: keyof typeof feedContentTypes,
    build: () => Promise<string> | string,
  ) => {
    if (!deps.serve) {
      prepare(reply, type);
      return build();
    }
    return deps.serve(request, reply, {
      contentType: feedContentTypes[type],
      tags: [pageTags.feeds, pageTags.sitemaps],
      build: async () => build(),
    });
  };
  const scoped = (kind: 'tag' | 'author', slug: string): FeedScope => ({ kind, slug });

  app.get('/rss/', async (request, reply) => {
    return respond(request, reply, 'rss', () => buildSiteRss(services, publicUrl));
  });
  app.get<SlugParams>('/tag/:slug/rss/', async (request, reply) => {
    return respond(request, reply, 'rss', () =>
      buildSiteRss(services, publicUrl, scoped('tag', request.params.slug)),
    );
  });
  app.get<SlugParams>('/author/:slug/rss/', async (request, reply) => {
    return respond(request, reply, 'rss', () =>
      buildSiteRss(services, publicUrl, scoped('author', request.params.slug)),
    );
  });
  // Routes match trailing slashes exactly: the bare forms are redirected.
  app.get('/rss', async (_request, reply) => reply.redirect('/rss/', 301));
  app.get<SlugParams>('/tag/:slug/rss', async (request, reply) =>
    reply.redirect(`/tag/${encodeURIComponent(request.params.slug)}/rss/`, 301),
  );
  app.get<SlugParams>('/author/:slug/rss', async (request, reply) =>
    reply.redirect(`/author/${encodeURIComponent(request.params.slug)}/rss/`, 301),
  );

  app.get('/feed.json', async (request, reply) => {
    return respond(request, reply, 'json', () => buildJsonFeed(services, publicUrl));
  });
  app.get<SlugParams>('/tag/:slug/feed.json', async (request, reply) => {
    return respond(request, reply, 'json', () =>
      buildJsonFeed(services, publicUrl, scoped('tag', request.params.slug)),
    );
  });
  app.get<SlugParams>('/author/:slug/feed.json', async (request, reply) => {
    return respond(request, reply, 'json', () =>
      buildJsonFeed(services, publicUrl, scoped('author', request.params.slug)),
    );
  });

  app.get('/sitemap.xml', async (request, reply) => {
    return respond(request, reply, 'xml', () => buildSitemapIndex(services, publicUrl));
  });
  app.get<{ Querystring: { after?: unknown; until?: unknown } }>(
    '/sitemap-posts.xml',
    async (request, reply) => {
      const { after, until } = request.query;
      for (const [field, value] of [
        ['after', after],
        ['until', until],
      ] as const) {
        if (value !== undefined && typeof value !== 'string')
          throw validationError([{ field, message: 'must appear once' }]);
      }
      return respond(request, reply, 'xml', () =>
        buildPostsSitemap(services, publicUrl, {
          after: after as string | undefined,
          until: until as string | undefined,
        }),
      );
    },
  );
  app.get<{ Params: { page: string } }>('/sitemap-posts-:page.xml', async (request, reply) => {
    const page = /^[1-9]\d{0,5}$/.test(request.params.page) ? Number(request.params.page) : 0;
    if (page === 0) throw notFound('Sitemap page');
    return respond(request, reply, 'xml', () =>
      buildNumberedPostsSitemap(services, publicUrl, { page }),
    );
  });
  app.get('/sitemap-pages.xml', async (request, reply) => {
    return respond(request, reply, 'xml', () => buildPagesSitemap(services, publicUrl));
  });
  app.get('/sitemap-authors.xml', async (request, reply) => {
    return respond(request, reply, 'xml', () => buildAuthorsSitemap(services, publicUrl));
  });
  app.get('/sitemap-tags.xml', async (request, reply) => {
    return respond(request, reply, 'xml', () => buildTagsSitemap(services, publicUrl));
  });
  app.get('/sitemap-news.xml', async (request, reply) => {
    return respond(request, reply, 'xml', () => buildNewsSitemap(services, publicUrl));
  });

  app.get('/robots.txt', async (request, reply) => {
    return respond(request, reply, 'text', () => buildRobotsTxt(publicUrl));
  });
});
