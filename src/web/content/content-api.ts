import type { FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { canRead, type Audience } from '../../features/members/index.js';
import type { Post } from '../../features/posts/index.js';
import { notFound, unauthorized } from '../../platform/errors.js';
import type { ServicesOf } from '../../runtime/services.js';
import { idSchema, listOf } from '../../shared/contracts/common.js';
import {
  contentAuthorSchema,
  contentKeyQuerySchema,
  contentPostSchema,
  contentPostsQuerySchema,
  contentTagSchema,
} from '../../shared/contracts/content.js';
import { defineRoute, type ApiRouteSpec, type RouteRegistry } from '../api-route.js';
import { webArea } from '../web-area.js';
import type { MemberResolver } from '../site/membership/member-resolver.js';
import { postBodyHtml } from './post-body-html.js';
import { contentAuthor, contentPost, contentTag } from './content-mappers.js';

/** The content key may come as `?key=` (one value; the route's own query schema allows it). */
const keyQuery = z.looseObject({ key: z.string().optional() });
export const contentApiPrefix = '/api/content/v1';

/** Shared caches may keep answers briefly; publishing shows up within a minute. */
const cacheControl = 'public, max-age=60, stale-while-revalidate=300';
/** Answers for a signed-in member: never in a shared cache. */
const memberCacheControl = 'private, no-cache';

export type ContentApiServices = ServicesOf<
  'authors' | 'media' | 'posts' | 'settings' | 'tags' | 'tokens'
>;

export interface ContentApiOptions {
  services: ContentApiServices;
  publicUrl: string;
  registry: RouteRegistry;
  /** The site's member resolver: a member cookie means the same here as on the site's pages. */
  members: MemberResolver;
}

/**
 * The Content API, registered under `contentApiPrefix`: read-only published content for apps
 * and partners, with a content key (`?key=` or `X-Masthead-Key`), open CORS, and cacheable
 * answers. It never returns drafts, staff emails or password data; members-only and paid bodies
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
    reply.header('cache-control', cacheControl);
  });
  api.options('/*', () => undefined);
  const route = <B, Q, P, R extends z.ZodType>(spec: ApiRouteSpec<B, Q, P, R>) =>
    defineRoute(api, deps.registry, contentApiPrefix, spec);

  /** The reader's audience from a member session cookie; anonymous without one (no database). */
  const audienceOf = async (request: FastifyRequest, reply: FastifyReply): Promise<Audience> => {
    const session = await deps.members.session(request, reply);
    if (!session) return 'anonymous';
    void reply.header('cache-control', memberCacheControl);
    return session.audience;
  };

  const toContent = async (
    posts: Post[],
    context: { request: FastifyRequest; reply: FastifyReply },
  ) => {
    const needsEntitlement = posts.some((p) => p.visibility !== 'public');
    const audience = needsEntitlement
      ? await audienceOf(context.request, context.reply)
      : 'anonymous';
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
  const onePost = async (
    post: Post | undefined,
    context: { request: FastifyRequest; reply: FastifyReply },
  ) => {
    if (!post || post.status !== 'published') throw notFound('Post');
    const [mapped] = await toContent([post], context);
    if (!mapped) throw notFound('Post');
    return { post: mapped };
  };

  route({
    method: 'GET',
    url: '/posts',
    tag: 'Posts',
    summary: 'Published posts, newest first',
    access: 'public',
    query: contentPostsQuerySchema,
    response: listOf('posts', contentPostSchema),
    handler: async ({ query, request, reply }) => {
      const page = await services.posts.latestPublished({
        limit: query.limit,
        ...(query.cursor ? { cursor: query.cursor } : {}),
        ...(query.kind ? { kinds: [query.kind] } : {}),
      });
      return {
        posts: await toContent(page.items, { request, reply }),
        meta: { pagination: { next: page.next, limit: query.limit } },
      };
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
    response: z.object({ post: contentPostSchema }),
    handler: async ({ params, request, reply }) =>
      onePost(await services.posts.bySlug(params.slug), { request, reply }),
  });
  route({
    method: 'GET',
    url: '/posts/:id',
    tag: 'Posts',
    summary: 'A published post by id',
    access: 'public',
    params: z.strictObject({ id: idSchema }),
    query: contentKeyQuerySchema,
    response: z.object({ post: contentPostSchema }),
    handler: async ({ params, request, reply }) =>
      onePost((await services.posts.publishedByIds([params.id]))[0], { request, reply }),
  });
  route({
    method: 'GET',
    url: '/authors',
    tag: 'Authors',
    summary: 'Bylines',
    access: 'public',
    query: contentKeyQuerySchema,
    response: listOf('authors', contentAuthorSchema),
    handler: async () => {
      const authors = await services.authors.list();
      const avatars = new Map(
        (
          await services.media.byIds(
            authors.flatMap((a) => (a.avatarMediaId ? [a.avatarMediaId] : [])),
          )
        ).map((m) => [m.id, m]),
      );
      return {
        authors: authors.map((a) =>
          contentAuthor(a, publicUrl, a.avatarMediaId ? avatars.get(a.avatarMediaId) : undefined),
        ),
        meta: { pagination: { next: null, limit: authors.length } },
      };
    },
  });
  route({
    method: 'GET',
    url: '/authors/slug/:slug',
    tag: 'Authors',
    summary: 'A byline by slug',
    access: 'public',
    params: z.strictObject({ slug: z.string().max(200) }),
    query: contentKeyQuerySchema,
    response: z.object({ author: contentAuthorSchema }),
    handler: async ({ params }) => {
      const author = await services.authors.bySlug(params.slug);
      if (!author) throw notFound('Author');
      const avatar = author.avatarMediaId
        ? (await services.media.byIds([author.avatarMediaId]))[0]
        : undefined;
      return { author: contentAuthor(author, publicUrl, avatar) };
    },
  });
  route({
    method: 'GET',
    url: '/tags',
    tag: 'Tags',
    summary: 'Sections and tags',
    access: 'public',
    query: contentKeyQuerySchema,
    response: listOf('tags', contentTagSchema),
    handler: async () => {
      const tags = await services.tags.list();
      return {
        tags: tags.map((t) => contentTag(t, publicUrl)),
        meta: { pagination: { next: null, limit: tags.length } },
      };
    },
  });
  route({
    method: 'GET',
    url: '/settings',
    tag: 'Settings',
    summary: 'The site’s public settings',
    access: 'public',
    query: contentKeyQuerySchema,
    response: z.object({ settings: z.record(z.string(), z.unknown()) }),
    handler: async () => {
      const s = await services.settings.get();
      return {
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
      };
    },
  });
});
