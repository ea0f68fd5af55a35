import type { FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { canRead, type Audience } from '../../features/members/index.js';
import type { Post } from '../../features/posts/index.js';
import type { PageCache } from '../../platform/cache/index.js';
import { notFound, unauthorized } from '../../platform/errors.js';
import type { ServicesOf } from '../../runtime/services.js';
import { popularPostsSchema, popularQuerySchema } from '../../shared/contracts/analytics.js';
import { idSchema, listOf } from '../../shared/contracts/common.js';
import {
  contentAuthorSchema,
  contentKeyQuerySchema,
  contentPostSchema,
  contentPostsQuerySchema,
  contentTagSchema,
} from '../../shared/contracts/content.js';
import {
  defineRoute,
  serializeResponse,
  type ApiRouteSpec,
  type RouteRegistry,
} from '../api-route.js';
import { webArea } from '../web-area.js';
import type { MemberResolver } from '../site/membership/member-resolver.js';
import { anonymousAudience, servePage } from '../site/page-cache-http.js';
import type { ReplicaReads } from '../site/replica-reads.js';
import { pageTags, type PageTag } from '../site/page-tags.js';
import { postBodyHtml } from './post-body-html.js';
import { contentAuthor, contentPost, contentTag } from './content-mappers.js';
import { contentCacheControl, contentCacheKey, contentVary } from './content-cache.js';

/** The content key may come as `?key=` (one value; the route's own query schema allows it). */
const keyQuery = z.looseObject({ key: z.string().optional() });
export const contentApiPrefix = '/api/content/v1';

export type ContentApiServices = ServicesOf<
  'analytics' | 'authors' | 'media' | 'posts' | 'settings' | 'tags' | 'tokens'
>;

export interface ContentApiOptions {
  services: ContentApiServices;
  publicUrl: string;
  registry: RouteRegistry;
  /** The site's member resolver: a member cookie means the same here as on the site's pages. */
  members: MemberResolver;
  /** The reader site's page cache: answers are dropped by the same outbox events as pages. */
  cache: PageCache;
  /** Where cached answers render: the read replica when there is one (the site's ReplicaReads). */
  reads: Pick<ReplicaReads, 'run'>;
}

/**
 * The Content API, registered under `contentApiPrefix`: read-only published content for apps
 * and partners, with a content key (`?key=` or `X-Masthead-Key`), open CORS, and answers
 * served from the page cache with ETags (see content-cache.ts). It never returns drafts, staff emails or password data; members-only and paid bodies
 * go only to entitled members, recognised by their member session cookie (others get the teaser
 * with `access: false`).
 */
export const contentApi = webArea<ContentApiOptions>((api, deps) => {
  const { services, publicUrl } = deps;
  api.addHook('onRequest', async (request: FastifyRequest, reply: FastifyReply) => {
    reply.header('access-control-allow-origin', '*');
    reply.header('vary', 'Origin, Cookie');
    if (request.method === 'OPTIONS') {
      await reply
        .header('access-control-allow-methods', 'GET, OPTIONS')
        .header('access-control-allow-headers', 'X-Masthead-Key, Content-Type')
        .header('access-control-max-age', '86400')
        .code(204)
        .send();
      return;
    }
    if (request.routeOptions.url?.endsWith('/openapi.json')) return;
    const header = request.headers['x-masthead-key'];
    const fromQuery = keyQuery.safeParse(request.query);
    const key =
      typeof header === 'string' ? header : fromQuery.success ? fromQuery.data.key : undefined;
    if (!key || !(await services.tokens.verify(key, 'content'))) {
      throw unauthorized('A valid content key is required (?key= or the X-Masthead-Key header)');
    }
    reply.header('cache-control', contentCacheControl);
  });
  api.options('/*', () => undefined);
  const route = <B, Q, P, R extends z.ZodType>(spec: ApiRouteSpec<B, Q, P, R>) =>
    defineRoute(api, deps.registry, contentApiPrefix, spec);

  interface CachedContext {
    request: FastifyRequest;
    reply: FastifyReply;
    params: unknown;
    query: unknown;
  }
  /**
   * Answers a GET from the page cache: the body built once per route, normalised query and
   * audience, checked against the route's response schema, with the page tags of what it shows
   * (so the events that drop pages drop it too). Post routes pass `perAudience`: the reader's
   * tier from the member cookie (anonymous without one, no database); the rest are the same for
   * everyone.
   */
  const cached = async <R extends z.ZodType>(
    context: CachedContext,
    response: R,
    options: { perAudience: boolean },
    build: (audience: Audience) => Promise<{ body: z.input<R>; tags: readonly PageTag[] }>,
  ): Promise<FastifyReply> => {
    const { request, reply } = context;
    const route = request.routeOptions.url ?? request.url;
    const audience = options.perAudience
      ? await deps.members.audience(request, reply)
      : anonymousAudience;
    return servePage(request, reply, {
      cache: deps.cache,
      key: contentCacheKey(route, context.params, context.query),
      audience,
      tags: [],
      api: { cacheControl: contentCacheControl, vary: contentVary },
      render: () =>
        deps.reads.run(async () => {
          const { body, tags } = await build(audience);
          const answer = serializeResponse(response, body, { route: `GET ${route}` });
          return {
            html: JSON.stringify(answer),
            tags,
            contentType: 'application/json; charset=utf-8',
          };
        }),
    });
  };

  const toContent = async (posts: Post[], audience: Audience) => {
    const media = new Map(
      (
        await services.media.byIds(posts.flatMap((p) => (p.leadImage ? [p.leadImage.mediaId] : [])))
      ).map((m) => [m.id, m]),
    );
    return Promise.all(
      posts.map(async (post) => {
        const hasAccess = canRead(audience, post.visibility);
        const html = hasAccess ? await postBodyHtml(services, post.body) : '';
        return contentPost({ post, publicUrl, html, hasAccess, media });
      }),
    );
  };
  const onePostSchema = z.object({ post: contentPostSchema });
  /** A missing post is a 404, not cached: the next request asks again. */
  const onePost = (context: CachedContext, find: () => Promise<Post | undefined>) =>
    cached(context, onePostSchema, { perAudience: true }, async (audience) => {
      const post = await find();
      if (!post || post.status !== 'published') throw notFound('Post');
      const [mapped] = await toContent([post], audience);
      if (!mapped) throw notFound('Post');
      return {
        body: { post: mapped },
        tags: [pageTags.post(post.id), pageTags.slug(post.slug)],
      };
    });
  const postsSchema = listOf('posts', contentPostSchema);
  const authorsSchema = listOf('authors', contentAuthorSchema);
  const oneAuthorSchema = z.object({ author: contentAuthorSchema });
  const tagsSchema = listOf('tags', contentTagSchema);
  const settingsSchema = z.object({ settings: z.record(z.string(), z.unknown()) });

  route({
    method: 'GET',
    url: '/posts',
    tag: 'Posts',
    summary: 'Published posts, newest first',
    access: 'public',
    query: contentPostsQuerySchema,
    response: postsSchema,
    handler: (context) =>
      cached(context, postsSchema, { perAudience: true }, async (audience) => {
        const { query } = context;
        const page = await services.posts.latestPublished({
          limit: query.limit,
          ...(query.cursor ? { cursor: query.cursor } : {}),
          ...(query.kind ? { kinds: [query.kind] } : {}),
        });
        return {
          body: {
            posts: await toContent(page.items, audience),
            meta: { pagination: { next: page.next, limit: query.limit } },
          },
          // Any publish or unpublish drops `news`: a list is new or stale whatever it shows.
          tags: [pageTags.news, ...page.items.map((p) => pageTags.post(p.id))],
        };
      }),
  });
  route({
    method: 'GET',
    url: '/posts/popular',
    tag: 'Posts',
    summary:
      'The most read published posts over the last 24h, 7d or 30d (?period=, 24h by default), by page views; worked out at most once a minute',
    access: 'public',
    query: popularQuerySchema,
    response: popularPostsSchema,
    handler: async ({ query, reply }) => {
      // Not from the page cache: no event marks a change in readership; a minute's memo instead.
      void reply.header('cache-control', 'public, max-age=60');
      return { posts: await services.analytics.popular(query.period, query.limit) };
    },
  });
  route({
    method: 'GET',
    url: '/posts/slug/:slug',
    tag: 'Posts',
    summary: 'A published post by slug',
    access: 'public',
    params: z.strictObject({ slug: z.string().max(200) }),
    query: contentKeyQuerySchema,
    response: onePostSchema,
    handler: (context) => onePost(context, () => services.posts.bySlug(context.params.slug)),
  });
  route({
    method: 'GET',
    url: '/posts/:id',
    tag: 'Posts',
    summary: 'A published post by id',
    access: 'public',
    params: z.strictObject({ id: idSchema }),
    query: contentKeyQuerySchema,
    response: onePostSchema,
    handler: (context) =>
      onePost(context, async () => (await services.posts.publishedByIds([context.params.id]))[0]),
  });
  route({
    method: 'GET',
    url: '/authors',
    tag: 'Authors',
    summary: 'Bylines',
    access: 'public',
    query: contentKeyQuerySchema,
    response: authorsSchema,
    handler: (context) =>
      cached(context, authorsSchema, { perAudience: false }, async () => {
        const authors = await services.authors.list();
        const avatars = new Map(
          (
            await services.media.byIds(
              authors.flatMap((a) => (a.avatarMediaId ? [a.avatarMediaId] : [])),
            )
          ).map((m) => [m.id, m]),
        );
        return {
          body: {
            authors: authors.map((a) =>
              contentAuthor(
                a,
                publicUrl,
                a.avatarMediaId ? avatars.get(a.avatarMediaId) : undefined,
              ),
            ),
            meta: { pagination: { next: null, limit: authors.length } },
          },
          tags: authors.map((a) => pageTags.author(a.id)),
        };
      }),
  });
  route({
    method: 'GET',
    url: '/authors/slug/:slug',
    tag: 'Authors',
    summary: 'A byline by slug',
    access: 'public',
    params: z.strictObject({ slug: z.string().max(200) }),
    query: contentKeyQuerySchema,
    response: oneAuthorSchema,
    handler: (context) =>
      cached(context, oneAuthorSchema, { perAudience: false }, async () => {
        const author = await services.authors.bySlug(context.params.slug);
        if (!author) throw notFound('Author');
        const avatar = author.avatarMediaId
          ? (await services.media.byIds([author.avatarMediaId]))[0]
          : undefined;
        return {
          body: { author: contentAuthor(author, publicUrl, avatar) },
          tags: [pageTags.author(author.id)],
        };
      }),
  });
  route({
    method: 'GET',
    url: '/tags',
    tag: 'Tags',
    summary: 'Sections and tags',
    access: 'public',
    query: contentKeyQuerySchema,
    response: tagsSchema,
    handler: (context) =>
      cached(context, tagsSchema, { perAudience: false }, async () => {
        const tags = await services.tags.list({ publicOnly: true });
        return {
          body: {
            tags: tags.map((t) => contentTag(t, publicUrl)),
            meta: { pagination: { next: null, limit: tags.length } },
          },
          tags: tags.map((t) => pageTags.tag(t.id)),
        };
      }),
  });
  route({
    method: 'GET',
    url: '/settings',
    tag: 'Settings',
    summary: 'The site’s public settings',
    access: 'public',
    query: contentKeyQuerySchema,
    response: settingsSchema,
    // Settings changes drop every cached answer ('all'); no tag needed.
    handler: (context) =>
      cached(context, settingsSchema, { perAudience: false }, async () => {
        const s = await services.settings.get();
        return {
          tags: [],
          body: {
            settings: {
              siteName: s.siteName,
              description: s.description,
              logoUrl: s.logoUrl,
              accentColor: s.accentColor,
              timezone: s.timezone,
              locale: s.locale,
              language: s.language,
              navigation: s.navigation,
              socialLinks: s.socialLinks,
              url: publicUrl,
            },
          },
        };
      }),
  });
});
