import type { FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { Audience } from '../../features/members/index.js';
import type { PageCache } from '../../platform/cache/index.js';
import { notFound, unauthorized } from '../../platform/errors.js';
import type { ServicesOf } from '../../runtime/services.js';
import { contentCacheControl, contentCacheKey, contentVary } from '../content/content-cache.js';
import type { MemberResolver } from '../site/membership/member-resolver.js';
import { anonymousAudience, servePage } from '../site/page-cache-http.js';
import type { ReplicaReads } from '../site/replica-reads.js';
import { webArea } from '../web-area.js';
import { setGhostErrorHandlers } from './ghost-errors.js';
import { derivedGhostIds, importedGhostIds, type GhostIds } from './ghost-ids.js';
import { ghostQueryKey, type GhostQuery } from './ghost-params.js';
import {
  createGhostPosts,
  ghostKinds,
  parsePostQuery,
  type GhostAnswer,
  type GhostPostResource,
} from './ghost-posts.js';
import { ghostSettings } from './ghost-settings.js';
import { createGhostTaxonomy, parseListQuery, parseTierQuery } from './ghost-taxonomy.js';

export const ghostContentPrefix = '/ghost/api/content';

export type GhostContentServices = ServicesOf<
  'imports' | 'authors' | 'media' | 'posts' | 'settings' | 'tags' | 'tiers' | 'tokens'
>;

export interface GhostContentOptions {
  services: GhostContentServices;
  publicUrl: string;
  /** The site's member resolver: a member cookie entitles bodies here as on the site. */
  members: MemberResolver;
  /** The reader site's page cache: answers are dropped by the same outbox events as pages. */
  cache: PageCache;
  /** Where cached answers render: the read replica when there is one. */
  reads: Pick<ReplicaReads, 'run'>;
  /** How ids are shown to Ghost clients; derived from the UUIDv7s when not given. */
  ghostIds?: GhostIds | undefined;
}

const keyQuery = z.looseObject({ key: z.string().max(200).optional() });
/** A path parameter (the router bounds its length); a missing one names nothing: 404. */
const param = (request: FastifyRequest, name: 'id' | 'slug'): string => {
  const value = (request.params as Record<string, unknown>)[name];
  if (typeof value !== 'string' || value === '') throw notFound('Resource');
  return value;
};

/**
 * Ghost's Content API (v5/v6 shape) over Masthead's content, so Ghost front-ends and the
 * official `@tryghost/content-api` client work unchanged (issue #15 §5; decision 0018 has the
 * facts it follows; docs/api.md the differences). Read-only, keyed by a content key (`?key=`,
 * its 26-hex form), open CORS, answers from the page cache like the Content API's.
 */
export const ghostContentApi = webArea<GhostContentOptions>((api, deps) => {
  const { services, publicUrl } = deps;
  const ids = deps.ghostIds ?? importedGhostIds(services.imports, derivedGhostIds(services));
  const posts = createGhostPosts({ services, publicUrl, ids });
  const taxonomy = createGhostTaxonomy({ services, publicUrl, ids });
  setGhostErrorHandlers(api);

  api.addHook('onRequest', async (request: FastifyRequest, reply: FastifyReply) => {
    reply.header('access-control-allow-origin', '*');
    reply.header('vary', 'Origin, Cookie, Accept-Version');
    // Ghost's clients send Accept-Version; one shape answers v5 and v6 alike.
    reply.header('content-version', 'v5.0');
    if (request.method === 'OPTIONS') {
      await reply
        .header('access-control-allow-methods', 'GET, OPTIONS')
        .header('access-control-allow-headers', 'Accept-Version, Content-Type')
        .header('access-control-max-age', '86400')
        .code(204)
        .send();
      return;
    }
    const parsed = keyQuery.safeParse(request.query);
    const key = parsed.success ? parsed.data.key : undefined;
    if (!key) throw unauthorized('Authorization failed: the key query parameter is missing');
    if (!(await services.tokens.verify(key, 'content')))
      throw unauthorized('Unknown Content API Key');
  });
  api.options('/*', () => undefined);

  /**
   * Serves an answer through the page cache, keyed by route, params and the parsed query (so
   * equivalent queries share an entry), per audience for posts (a member cookie may unlock
   * bodies), with the page tags of what it shows.
   */
  const answer = async (
    request: FastifyRequest,
    reply: FastifyReply,
    options: { params: unknown; query: GhostQuery<string> | undefined; perAudience: boolean },
    build: (audience: Audience) => Promise<GhostAnswer>,
  ) => {
    const route = request.routeOptions.url ?? request.url;
    const audience = options.perAudience
      ? await deps.members.audience(request, reply)
      : anonymousAudience;
    return servePage(request, reply, {
      cache: deps.cache,
      key: contentCacheKey(
        `ghost:${route.replace(/\/$/, '')}`,
        options.params,
        options.query ? ghostQueryKey(options.query) : {},
      ),
      audience,
      tags: [],
      api: { cacheControl: contentCacheControl, vary: `${contentVary}, Accept-Version` },
      render: () =>
        deps.reads.run(async () => {
          const { body, tags } = await build(audience);
          return {
            html: JSON.stringify(body),
            tags,
            contentType: 'application/json; charset=utf-8',
          };
        }),
    });
  };

  /** Ghost's clients always add a trailing slash; others may not. */
  const get = (
    path: string,
    handler: (request: FastifyRequest, reply: FastifyReply) => Promise<unknown>,
  ) => {
    api.get(path, handler);
    api.get(`${path}/`, handler);
  };

  for (const resource of Object.keys(ghostKinds) as GhostPostResource[]) {
    get(`/${resource}`, (request, reply) => {
      const query = parsePostQuery(request.query);
      return answer(request, reply, { params: {}, query, perAudience: true }, (audience) =>
        posts.browse(resource, query, audience),
      );
    });
    get(`/${resource}/slug/:slug`, (request, reply) => {
      const query = parsePostQuery(request.query);
      const slug = param(request, 'slug');
      return answer(request, reply, { params: { slug }, query, perAudience: true }, (audience) =>
        posts.read(resource, 'slug', slug, query, audience),
      );
    });
    get(`/${resource}/:id`, (request, reply) => {
      const query = parsePostQuery(request.query);
      const id = param(request, 'id');
      return answer(request, reply, { params: { id }, query, perAudience: true }, (audience) =>
        posts.read(resource, 'id', id, query, audience),
      );
    });
  }

  const lists = [
    { name: 'tags', browse: taxonomy.browseTags, read: taxonomy.readTag },
    { name: 'authors', browse: taxonomy.browseAuthors, read: taxonomy.readAuthor },
  ] as const;
  for (const list of lists) {
    get(`/${list.name}`, (request, reply) => {
      const query = parseListQuery(request.query);
      return answer(request, reply, { params: {}, query, perAudience: false }, () =>
        list.browse(query),
      );
    });
    get(`/${list.name}/slug/:slug`, (request, reply) => {
      const query = parseListQuery(request.query);
      const slug = param(request, 'slug');
      return answer(request, reply, { params: { slug }, query, perAudience: false }, () =>
        list.read('slug', slug, query),
      );
    });
    get(`/${list.name}/:id`, (request, reply) => {
      const query = parseListQuery(request.query);
      const id = param(request, 'id');
      return answer(request, reply, { params: { id }, query, perAudience: false }, () =>
        list.read('id', id, query),
      );
    });
  }

  // Settings changes drop every cached answer ('all'); no tag needed.
  get('/settings', (request, reply) =>
    answer(request, reply, { params: {}, query: undefined, perAudience: false }, async () => ({
      body: await ghostSettings(services, publicUrl),
      tags: [],
    })),
  );
  // Tier changes send no outbox event the cache hears, so tiers are read fresh (a short list).
  get('/tiers', async (request, reply) => {
    const query = parseTierQuery(request.query);
    return reply
      .header('cache-control', contentCacheControl)
      .send(await deps.reads.run(() => taxonomy.browseTiers(query)));
  });
});
