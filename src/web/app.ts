import { randomBytes } from 'node:crypto';
import Fastify, {
  LogController,
  type FastifyBaseLogger,
  type FastifyInstance,
  type FastifyReply,
} from 'fastify';
import type { Audience } from '../features/members/index.js';
import { createInProcessInvalidationBus, type InvalidationBus } from '../platform/cache/index.js';
import { systemClock, type Clock } from '../platform/clock.js';
import { isAppError } from '../platform/errors.js';
import { mapError } from '../platform/http/index.js';
import { createSecurityHeaders } from './security-headers.js';
import type { Services } from '../runtime/services.js';
import type { ServicesStatus } from '../runtime/services-status.js';
import { registerAdminApi } from './admin-api/admin-api.js';
import { staffActorFromCookie } from './admin-api/authenticate.js';
import { registerAdminAppRoutes } from './admin-app/admin-app-routes.js';
import { RouteRegistry } from './api-route.js';
import { registerContentApi } from './content/content-api.js';
import { registerOpenApiRoutes } from './openapi-routes.js';
import { adminRouteModules } from './admin-api/route-modules.js';
import { renderErrorPage } from './site/pages/error-page.js';
import { registerFeedRoutes } from './site/feeds/feed-routes.js';
import { registerMediaRoutes } from './site/media-routes.js';
import { registerAssetRoutes } from './site/assets/asset-routes.js';
import { createSiteMemos } from './site/site-memos.js';
import { registerPreviewRoutes } from './site/preview-routes.js';
import { registerSiteRoutes, type PageSender } from './site/site-routes.js';
import { anonymousAudience, servePage } from './site/page-cache-http.js';
import { mayHaveMemberCookie } from './site/membership/member-cookie.js';
import { createMemberResolver } from './site/membership/member-resolver.js';
import { registerMembership } from './site/membership/membership-plugin.js';
import { registerStripeWebhookRoutes } from './webhooks/stripe-webhook-routes.js';
import { createSiteCache, type SiteCache } from './site/site-cache.js';
import { changesSiteContext } from './site/page-tags.js';
import type { SiteContext } from './site/site-context.js';
import { registerSystemRoutes } from './system/system-routes.js';

export interface AppOptions {
  /** The clock pages are cached by (the system clock in production). */
  clock?: Clock;
  /** Drops cached pages in every process; in-process when there is only one. */
  invalidationBus?: InvalidationBus;
  services: Services;
  logger: FastifyBaseLogger;
  /** Answers whether the database responds (readiness). */
  ping: () => Promise<boolean>;
  publicUrl: string;
  isProduction: boolean;
  /** Trust X-Forwarded-For only behind a known proxy; otherwise clients could spoof their address. */
  trustProxy?: boolean | number | string[];
  /** Mail and payments as configured (no secrets), for the admin's Services panel. */
  servicesStatus?: ServicesStatus;
}

/** The styled error page, or a bare one if even that fails: an error handler must not throw. */
function safeErrorPage(status: number, message: string, site: SiteContext | undefined): string {
  try {
    return renderErrorPage({ status, message, ...(site ? { site } : {}) });
  } catch {
    return `<!doctype html><html lang="en"><title>Error ${status}</title><h1>Something went wrong (${status})</h1></html>`;
  }
}

declare module 'fastify' {
  interface FastifyInstance {
    /** The Admin API's routes (OpenAPI document, permission-matrix test). */
    adminRoutes: RouteRegistry;
    /** The Content API's routes (OpenAPI document). */
    contentRoutes: RouteRegistry;
    /** The reader site's page cache (invalidated by outbox events and by admin changes). */
    siteCache: SiteCache;
  }
}

/** Request ids: unique per process start and cheap (no crypto per request), sortable in a log. */
const requestIdPrefix = randomBytes(4).toString('hex');
let requestCounter = 0;
const nextRequestId = () => `${requestIdPrefix}-${(++requestCounter).toString(36)}`;

const isApiPath = (url: string) => url.startsWith('/api/') || url.startsWith('/webhooks/');

/** Builds the whole HTTP app without listening, so tests can drive it with inject(). */
export async function buildApp(options: AppOptions): Promise<FastifyInstance> {
  const app = Fastify({
    loggerInstance: options.logger,
    genReqId: nextRequestId,
    // Two log lines per request would dominate a traffic spike; see the onResponse hook below.
    // (Through logController: the top-level disableRequestLogging option is deprecated.)
    logController: new LogController({ disableRequestLogging: true }),
    trustProxy: trustProxyOption(options.trustProxy),
    bodyLimit: 2 * 1024 * 1024,
    return503OnClosing: true,
    // Keep-alive sockets must not hold a graceful shutdown open.
    forceCloseConnections: 'idle',
    routerOptions: { ignoreTrailingSlash: false, maxParamLength: 200 },
  });

  // Plain callback hooks: on the cached-page hot path every promise and allocation counts.
  const securityHeaders = createSecurityHeaders({
    isHttps: options.publicUrl.startsWith('https:'),
  });
  app.addHook('onRequest', (request, reply, done) => {
    void reply.headers(securityHeaders(request.url));
    void reply.header('x-request-id', request.id);
    done();
  });
  // Errors and slow answers are logged; the rest only at debug level.
  app.addHook('onResponse', (request, reply, done) => {
    const status = reply.statusCode;
    const ms = reply.elapsedTime;
    if (status >= 500)
      request.log.error({ method: request.method, url: request.url, status, ms }, 'request failed');
    else if (ms > 1000)
      request.log.warn({ method: request.method, url: request.url, status, ms }, 'slow request');
    else if (request.log.level === 'debug' || request.log.level === 'trace')
      request.log.debug({ method: request.method, url: request.url, status, ms }, 'request');
    done();
  });

  const clock = options.clock ?? systemClock;
  const siteMemos = createSiteMemos({
    services: options.services,
    publicUrl: options.publicUrl,
    clock,
  });
  // Loaded once at start, so that error pages carry the newsroom's name even when the database
  // is down from the first request on (a failure here is retried by the first page).
  await siteMemos.rememberAtStart().catch(() => undefined);

  app.setErrorHandler(async (error, request, reply) => {
    if (
      isAppError(error) &&
      error.code === 'MOVED_PERMANENTLY' &&
      typeof error.details?.location === 'string'
    ) {
      return reply
        .header('cache-control', 'public, max-age=300')
        .redirect(error.details.location, 301);
    }
    const mapped = mapError(error);
    if (mapped.isExpected)
      request.log.info({ err: error, status: mapped.status }, 'request failed');
    else request.log.error({ err: error }, 'unhandled error');
    void reply.code(mapped.status).headers(mapped.headers);
    if (isApiPath(request.url)) return reply.send(mapped.body);
    const first = mapped.body.errors[0];
    return reply
      .type('text/html; charset=utf-8')
      .header('cache-control', 'no-store')
      .send(
        safeErrorPage(
          mapped.status,
          mapped.isExpected ? (first?.message ?? '') : '',
          siteMemos.lastKnownContext(),
        ),
      );
  });

  app.setNotFoundHandler(async (request, reply) => {
    void reply.code(404);
    if (isApiPath(request.url)) {
      return reply.send({
        errors: [
          {
            code: 'NOT_FOUND',
            message: `No route for ${request.method} ${request.url.split('?')[0]}`,
          },
        ],
      });
    }
    return reply
      .type('text/html; charset=utf-8')
      .send(safeErrorPage(404, '', siteMemos.lastKnownContext()));
  });

  registerSystemRoutes(app, {
    ping: options.ping,
    checkStorage: () => options.services.media.checkStorage(),
  });
  // Reader pages come from the page cache, dropped by the outbox events that change them.
  const bus = options.invalidationBus ?? createInProcessInvalidationBus();
  // A newly published brief shows in story pages' News Feed teaser at once, in this process;
  // settings, sections, bylines, images and the drive are in every page's context.
  options.services.events.onEvents((events) => {
    siteMemos.latestBriefs.clear();
    if (changesSiteContext(events)) siteMemos.context.clear();
  });
  const siteCache = await createSiteCache({
    clock,
    bus,
    events: options.services.events,
    log: app.log,
    // Pages also show things no event announces (the drive's count, related lists): with the
    // site memo (10 s) and the drive count (20 s) below this, the banner is at most 60 s old.
    maxAgeMs: 30_000,
  });
  app.addHook('onClose', async () => {
    await siteCache.close();
    if (!options.invalidationBus) await bus.close();
  });
  app.decorate('siteCache', siteCache);
  const adminRoutes = new RouteRegistry();
  app.decorate('adminRoutes', adminRoutes);
  await registerAdminApi(
    app,
    {
      services: options.services,
      isProduction: options.isProduction,
      publicUrl: options.publicUrl,
      registry: adminRoutes,
      servicesStatus: options.servicesStatus,
    },
    adminRouteModules,
  );
  // One member resolver: the site's pages, the account and the Content API read a member cookie alike.
  const members = createMemberResolver({
    memberAuth: options.services.memberAuth,
    isProduction: options.isProduction,
  });
  const contentRoutes = new RouteRegistry();
  app.decorate('contentRoutes', contentRoutes);
  await registerContentApi(app, {
    services: options.services,
    members,
    publicUrl: options.publicUrl,
    registry: contentRoutes,
  });
  registerOpenApiRoutes(app, { publicUrl: options.publicUrl });
  registerMediaRoutes(app, { media: options.services.media });
  registerAssetRoutes(app);
  registerAdminAppRoutes(app);
  const servePageFor = (
    reply: FastifyReply,
    key: string,
    audience: Audience,
    render: Parameters<PageSender>[2],
  ) =>
    servePage(reply.request, reply, {
      cache: siteCache.cache,
      lastKnownSite: siteMemos.lastKnownContext,
      key,
      // Pages are cached per audience (anonymous, member, paid), never per reader.
      audience,
      tags: [],
      render: async () => {
        const page = await render(audience);
        return { html: page.html, status: page.status, tags: page.tags };
      },
    });
  const send: PageSender = (reply, key, render) =>
    // Anonymous readers (no member cookie) go straight to the cache: no parsing, no database.
    mayHaveMemberCookie(reply.request, options.isProduction)
      ? members
          .audience(reply.request, reply)
          .then((audience) => servePageFor(reply, key, audience, render))
      : servePageFor(reply, key, anonymousAudience, render);
  registerPreviewRoutes(app, {
    services: options.services,
    memos: siteMemos,
    staffActor: (request) =>
      staffActorFromCookie(options.services, options.isProduction, request.headers.cookie),
  });
  registerSiteRoutes(app, {
    services: options.services,
    publicUrl: options.publicUrl,
    clock,
    send,
    memos: siteMemos,
  });
  registerMembership(app, {
    services: options.services,
    publicUrl: options.publicUrl,
    site: () => siteMemos.context.get(),
    members,
  });
  registerStripeWebhookRoutes(app, { membershipPayments: options.services.membershipPayments });
  registerFeedRoutes(app, {
    services: options.services,
    publicUrl: options.publicUrl,
    serve: (request, reply, feed) =>
      servePage(request, reply, {
        cache: siteCache.cache,
        audience: anonymousAudience,
        tags: feed.tags,
        render: async () => ({ html: await feed.build(), contentType: feed.contentType }),
      }),
  });
  await app.ready();
  return app;
}

/** A hop count as Fastify's types take it (a function); the other forms pass through. */
function trustProxyOption(
  value: boolean | number | string[] | undefined,
): boolean | string[] | ((address: string, hop: number) => boolean) {
  if (typeof value !== 'number') return value ?? false;
  return (_address, hop) => hop < value;
}
