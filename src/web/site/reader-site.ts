import type { Audience } from '../../features/members/index.js';
import {
  createInProcessInvalidationBus,
  type InvalidationBus,
  type PageCacheObserver,
} from '../../platform/cache/index.js';
import type { CdnPurger } from '../../platform/cdn/index.js';
import type { Clock } from '../../platform/clock.js';
import type { ServicesOf } from '../../runtime/services.js';
import type { FeedServer } from './feeds/feed-routes.js';
import { mayHaveMemberCookie } from './membership/member-cookie.js';
import { createMemberResolver, type MemberResolver } from './membership/member-resolver.js';
import { anonymousAudience, servePage, type CachedHitRecorder } from './page-cache-http.js';
import { changesSiteContext } from './page-tags.js';
import { createSiteCache, type SiteCache, type SiteCacheLog } from './site-cache.js';
import type { SiteContextServices } from './site-context.js';
import { createSiteMemos, type SiteMemos } from './site-memos.js';
import { createReplicaReads, type ReplicaReads, type ReplicaReadSide } from './replica-reads.js';
import type { PageSender } from './site-routes.js';

export type ReaderSiteServices = SiteContextServices & ServicesOf<'events' | 'memberAuth'>;

export interface ReaderSiteOptions {
  services: ReaderSiteServices;
  publicUrl: string;
  isProduction: boolean;
  clock: Clock;
  /** Drops cached pages in every process; without one, an in-process bus this closes itself. */
  invalidationBus?: InvalidationBus | undefined;
  /** Purges the CDN's copies of the pages a change drops (CDN_PURGE); none by default. */
  cdnPurger?: CdnPurger | undefined;
  log: SiteCacheLog;
  /** Hears the page cache's lookups, evictions and renders (metrics). */
  cacheObserver?: PageCacheObserver;
  /** DATABASE_READ_URL: cached pages render from the replica (see replica-reads.ts). */
  readReplica?: { readSide: ReplicaReadSide; lagMs: number } | undefined;
}

/** What the reader-facing areas share: one page cache, one memo of the site, one member resolver. */
export interface ReaderSite {
  memos: SiteMemos;
  cache: SiteCache;
  /** One member resolver: the site's pages, the account and the Content API read a member cookie alike. */
  members: MemberResolver;
  /** Sends a page through the cache, for the reader's audience. */
  send: PageSender;
  /** Serves a feed or sitemap through the cache (feeds are the same for every audience). */
  serveFeed: FeedServer;
  /** Where renders for the cache read: the replica when there is one (the Content API's too). */
  reads: ReplicaReads;
  /** Pages and feeds tell it of the fresh anonymous pages they answer (page-cache-fast-path.ts). */
  rememberHits(recorder: CachedHitRecorder): void;
  close(): Promise<void>;
}

/**
 * The reader site's shared state: the site memo (the newsroom's name, navigation and drive,
 * learnt once at start), the page cache kept current by outbox events, and how pages and feeds
 * are served through it.
 */
export async function createReaderSite(options: ReaderSiteOptions): Promise<ReaderSite> {
  const { services, clock } = options;
  const memos = createSiteMemos({ services, publicUrl: options.publicUrl, clock });
  // Loaded once at start, so that error pages carry the newsroom's name even when the database
  // is down from the first request on (a failure here is retried by the first page).
  await memos.rememberAtStart().catch(() => undefined);
  // A newly published brief shows in story pages' News Feed teaser at once, in this process;
  // settings, sections, bylines, images and the drive are in every page's context.
  const stopMemoEvents = services.events.onEvents((events) => {
    memos.latestBriefs.clear();
    if (changesSiteContext(events)) memos.context.clear();
  });
  // Cached pages render from the read replica when there is one, except just after a change.
  const reads = createReplicaReads({
    readSide: options.readReplica?.readSide,
    lagMs: options.readReplica?.lagMs ?? 0,
  });
  // Reader pages come from the page cache, dropped by the outbox events that change them.
  const bus = options.invalidationBus ?? createInProcessInvalidationBus();
  const cache = await createSiteCache({
    clock,
    bus,
    events: services.events,
    log: options.log,
    cdnPurger: options.cdnPurger,
    // Pages also show things no event announces (the drive's count, related lists): with the
    // site memo (10 s) and the drive count (20 s) below this, the banner is at most 60 s old.
    maxAgeMs: 30_000,
    ...(options.cacheObserver ? { observer: options.cacheObserver } : {}),
    onDrop: reads.noteChange,
  });
  const members = createMemberResolver({
    memberAuth: services.memberAuth,
    isProduction: options.isProduction,
  });

  let hits: CachedHitRecorder | undefined;
  const servePageFor = (
    reply: Parameters<PageSender>[0],
    key: string,
    audience: Audience,
    render: Parameters<PageSender>[2],
  ) =>
    servePage(reply.request, reply, {
      cache: cache.cache,
      lastKnownSite: memos.lastKnownContext,
      key,
      // Pages are cached per audience (anonymous, member, paid), never per reader.
      audience,
      tags: [],
      ...(hits ? { hits } : {}),
      render: () =>
        reads.run(async () => {
          const page = await render(audience);
          return { html: page.html, status: page.status, tags: page.tags };
        }),
    });
  const send: PageSender = (reply, key, render) =>
    // Anonymous readers (no member cookie) go straight to the cache: no parsing, no database.
    mayHaveMemberCookie(reply.request, options.isProduction)
      ? members
          .audience(reply.request, reply)
          .then((audience) => servePageFor(reply, key, audience, render))
      : servePageFor(reply, key, anonymousAudience, render);
  const serveFeed: FeedServer = (request, reply, feed) =>
    servePage(request, reply, {
      cache: cache.cache,
      audience: anonymousAudience,
      tags: feed.tags,
      ...(hits ? { hits } : {}),
      render: () =>
        reads.run(async () => ({ html: await feed.build(), contentType: feed.contentType })),
    });

  return {
    memos,
    cache,
    members,
    send,
    serveFeed,
    reads,
    rememberHits(recorder) {
      hits = recorder;
    },
    async close() {
      stopMemoEvents();
      await cache.close();
      if (!options.invalidationBus) await bus.close();
    },
  };
}
