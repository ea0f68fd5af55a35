import type { ServicesOf } from '../runtime/services.js';
import { emailViewRoutes, type EmailViewOptions } from './site/email-view/email-view-routes.js';
import {
  emailTrackingRoutes,
  type EmailTrackingOptions,
} from './site/email-tracking/tracking-routes.js';
import {
  unsubscribeRoutes,
  type UnsubscribeOptions,
} from './site/unsubscribe/unsubscribe-routes.js';
import Fastify, { type FastifyBaseLogger, type FastifyInstance } from 'fastify';
import type { InvalidationBus } from '../platform/cache/index.js';
import { createInProcessLiveHub, type LiveHub } from '../platform/live/index.js';
import type { CdnPurger } from '../platform/cdn/index.js';
import { systemClock, type Clock } from '../platform/clock.js';
import type { Metrics } from '../platform/metrics/index.js';
import type { ServicesStatus } from '../runtime/services-status.js';
import { adminApi, adminApiPrefix, type AdminApiServices } from './admin-api/admin-api.js';
import { adminRouteModules } from './admin-api/route-modules.js';
import { adminAppRoutes } from './admin-app/admin-app-routes.js';
import { RouteRegistry } from './api-route.js';
import { contentApi, contentApiPrefix, type ContentApiServices } from './content/content-api.js';
import { setErrorHandlers } from './error-handlers.js';
import {
  ghostContentApi,
  ghostContentPrefix,
  type GhostContentServices,
} from './ghost-content/ghost-content-api.js';
import type { GhostIds } from './ghost-content/ghost-ids.js';
import { metricsRoutes } from './metrics/metrics-routes.js';
import { addRequestMetrics } from './metrics/request-metrics.js';
import { openApiRoutes } from './openapi-routes.js';
import { addRequestHooks } from './request-hooks.js';
import { createSecurityHeaders } from './security-headers.js';
import { nextRequestId, serverOptions, type FirstListener } from './server-options.js';
import { createCachedHits } from './site/page-cache-fast-path.js';
import { beaconRoutes, type BeaconOptions } from './site/analytics/beacon-routes.js';
import { createEventStreams } from './site/event-stream.js';
import {
  isLiveWrite,
  liveStreamRoutes,
  startLivePublisher,
  type LiveStreamServices,
} from './site/live-stream.js';
import { assetRoutes } from './site/assets/asset-routes.js';
import { feedRoutes } from './site/feeds/feed-routes.js';
import type { FeedServices } from './site/feeds/feed-items.js';
import { mediaRoutes, type MediaDeps } from './site/media-routes.js';
import type { MembershipServices } from './site/membership/membership-deps.js';
import { membership } from './site/membership/membership-plugin.js';
import { previewRoutes, type PreviewDeps } from './site/preview-routes.js';
import { createReaderSite, type ReaderSiteServices } from './site/reader-site.js';
import type { ReplicaReadSide } from './site/replica-reads.js';
import type { SiteCache } from './site/site-cache.js';

/** The replica's read side and how long after a change renders keep to the primary. */
interface ReplicaReadsConfig {
  readSide: ReplicaReadSide;
  lagMs: number;
}
import { siteRoutes, type SiteServices } from './site/site-routes.js';
import { searchRoute } from './site/search-route.js';
import { correctionsRoutes } from './site/corrections-routes.js';
import { systemRoutes, type SystemDeps } from './system/system-routes.js';
import { emailEventRoutes, type EmailEventsDeps } from './webhooks/email-events.routes.js';
import { stripeWebhookRoutes, type StripeWebhookDeps } from './webhooks/stripe-webhook-routes.js';

/**
 * What the whole app uses: each area's own few services, together (the system routes use
 * media's alone, as the media routes do).
 */
export type AppServices = AdminApiServices &
  ContentApiServices &
  GhostContentServices &
  FeedServices &
  MediaDeps['services'] &
  MembershipServices &
  PreviewDeps['services'] &
  ReaderSiteServices &
  SiteServices &
  StripeWebhookDeps['services'] &
  UnsubscribeOptions['services'] &
  EmailTrackingOptions['services'] &
  EmailViewOptions['services'] &
  EmailEventsDeps['services'] &
  BeaconOptions['services'] &
  LiveStreamServices &
  ServicesOf<'imports'>;

export interface AppOptions {
  /** The clock pages are cached by (the system clock in production). */
  clock?: Clock;
  /** Drops cached pages in every process; in-process when there is only one. */
  invalidationBus?: InvalidationBus;
  /** Carries live pages' events to every process's streams (Redis with REDIS_URL); in-process by default. */
  liveHub?: LiveHub;
  /** The CDN in front, purged by tag when pages change (CDN_PURGE); none by default. */
  cdnPurger?: CdnPurger | undefined;
  services: AppServices;
  logger: FastifyBaseLogger;
  /** Answers whether the database responds (readiness). */
  ping: () => Promise<boolean>;
  publicUrl: string;
  isProduction: boolean;
  /** Trust X-Forwarded-For only behind a known proxy; otherwise clients could spoof their address. */
  trustProxy?: boolean | number | string[];
  /** Mail and payments as configured (no secrets), for the admin's Services panel. */
  servicesStatus?: ServicesStatus;
  /** What `/readyz` reports beyond the database and storage (see system-routes.ts). */
  readiness?: Pick<SystemDeps, 'degradableChecks' | 'worker'>;
  /** Where requests and page-cache work are counted; without it nothing is (no metrics configured). */
  metrics?: Metrics | undefined;
  /** METRICS_TOKEN: serves `/metrics` on the site itself, Bearer-protected. Unset: 404 here. */
  metricsToken?: string | undefined;
  /**
   * DATABASE_READ_URL: cached reader pages, feeds, sitemaps, search and the Content API read
   * from the replica (see site/replica-reads.ts); its ping gates `/readyz` like the primary's.
   */
  readReplica?: (ReplicaReadsConfig & { ping: () => Promise<boolean> }) | undefined;
  /** Answer cached hits before routing (decision 0016); true by default, false in tests comparing both paths. */
  answerCachedHitsFirst?: boolean;
  /** Ghost ids for the Ghost Content API (kept from an import); derived from our ids when unset. */
  ghostIds?: GhostIds | undefined;
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

/**
 * Builds the whole HTTP app without listening, so tests can drive it with inject(): the
 * request hooks and error handlers, then one plugin per area, each given only what it uses.
 */
export async function buildApp(options: AppOptions): Promise<FastifyInstance> {
  const { services, publicUrl, isProduction } = options;
  const firstListener: FirstListener = {};
  const app = Fastify(serverOptions({ ...options, firstListener }));
  const securityHeaders = createSecurityHeaders({ isHttps: publicUrl.startsWith('https:') });
  addRequestHooks(app, { securityHeaders });
  const { metrics } = options;
  if (metrics) addRequestMetrics(app, metrics);
  const site = await createReaderSite({
    services,
    publicUrl,
    isProduction,
    clock: options.clock ?? systemClock,
    invalidationBus: options.invalidationBus,
    cdnPurger: options.cdnPurger,
    readReplica: options.readReplica,
    log: app.log,
    ...(metrics ? { cacheObserver: metrics.pageCacheObserver('pages') } : {}),
  });
  metrics?.watchPageCache('pages', () => site.cache.cache.stats());
  // Fresh anonymous pages are answered before routing (page-cache-fast-path.ts, decision 0016);
  // a closing server leaves every request to Fastify, which answers 503.
  const hits = createCachedHits({
    cache: site.cache.cache,
    securityHeaders,
    nextRequestId,
    isProduction,
    observeRequest: metrics ? (...args) => metrics.observeRequest(...args) : undefined,
  });
  site.rememberHits(hits);
  if (options.answerCachedHitsFirst !== false)
    firstListener.answer = (request, response) => hits.answer(request, response);
  // Live pages' streams (docs/live.md): the outbox's live events, rendered once, to every reader.
  const liveHub = options.liveHub ?? createInProcessLiveHub();
  const streams = createEventStreams({ hub: liveHub });
  const siteContext = () => site.memos.context.get();
  const livePublisher = startLivePublisher({
    services,
    hub: liveHub,
    site: siteContext,
    log: app.log,
  });
  // An editor's live update is answered once it is streamed (at most 2 s): see LivePublisher.idle.
  app.addHook('onSend', async (request, _reply, payload) => {
    if (isLiveWrite(request.method, request.url)) await livePublisher.idle(2_000);
    return payload;
  });
  app.addHook('preClose', (done) => {
    firstListener.answer = undefined;
    // Open streams would hold the server's close; browsers reconnect to another process.
    streams.close();
    done();
  });
  app.addHook('onClose', async () => {
    livePublisher.stop();
    if (!options.liveHub) await liveHub.close();
    await site.close();
  });
  setErrorHandlers(app, {
    lastKnownSite: site.memos.lastKnownContext,
    redirectFor: (url) => services.imports.redirectFor(url),
  });
  const adminRoutes = new RouteRegistry();
  const contentRoutes = new RouteRegistry();
  const readerFormRoutes: string[] = [];
  app.decorate('siteCache', site.cache);
  app.decorate('adminRoutes', adminRoutes);
  app.decorate('contentRoutes', contentRoutes);
  app.decorate('readerFormRoutes', readerFormRoutes);

  await app.register(systemRoutes, {
    services,
    ping: options.ping,
    pingReplica: options.readReplica?.ping,
    ...options.readiness,
  });
  await app.register(metricsRoutes, { metrics, token: options.metricsToken });
  await app.register(adminApi, {
    prefix: adminApiPrefix,
    services,
    isProduction,
    publicUrl,
    registry: adminRoutes,
    servicesStatus: options.servicesStatus,
    modules: adminRouteModules,
  });
  await app.register(contentApi, {
    prefix: contentApiPrefix,
    services,
    publicUrl,
    registry: contentRoutes,
    members: site.members,
    cache: site.cache.cache,
    reads: site.reads,
  });
  await app.register(ghostContentApi, {
    prefix: ghostContentPrefix,
    services,
    publicUrl,
    members: site.members,
    cache: site.cache.cache,
    reads: site.reads,
    ghostIds: options.ghostIds,
  });
  await app.register(openApiRoutes, { publicUrl });
  await app.register(mediaRoutes, { services });
  await app.register(assetRoutes);
  await app.register(beaconRoutes, { services, publicUrl });
  await app.register(adminAppRoutes);
  await app.register(previewRoutes, { services, memos: site.memos, isProduction });
  await app.register(liveStreamRoutes, {
    services,
    streams,
    members: site.members,
    site: siteContext,
    isProduction,
  });
  await app.register(siteRoutes, { services, memos: site.memos, send: site.send });
  await app.register(searchRoute, { services, memos: site.memos, send: site.send });
  await app.register(correctionsRoutes, {
    services,
    memos: site.memos,
    publicUrl,
    send: site.send,
    serveFeed: site.serveFeed,
  });
  await app.register(membership, {
    services,
    publicUrl,
    site: () => site.memos.context.get(),
    members: site.members,
    formRoutes: readerFormRoutes,
  });
  await app.register(emailViewRoutes, { services, members: site.members, publicUrl });
  await app.register(unsubscribeRoutes, {
    services,
    site: () => site.memos.context.get(),
  });
  await app.register(emailTrackingRoutes, {
    services,
    site: () => site.memos.context.get(),
  });
  await app.register(stripeWebhookRoutes, { services });
  await app.register(emailEventRoutes, { services });
  await app.register(feedRoutes, { services, publicUrl, serve: site.serveFeed });
  await app.ready();
  return app;
}
