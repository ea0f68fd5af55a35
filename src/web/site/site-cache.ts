import type { EventsService } from '../../features/events/index.js';
import {
  createPageCache,
  type InvalidationBus,
  type InvalidationScope,
  type PageCache,
  type PageCacheObserver,
} from '../../platform/cache/index.js';
import type { CdnPurger } from '../../platform/cdn/index.js';
import type { Clock } from '../../platform/clock.js';
import { isOutageError } from './page-cache-http.js';
import { pageScopeForEvents } from './page-tags.js';

/** Where bus failures go; a Fastify or pino logger fits. */
export interface SiteCacheLog {
  warn(details: Record<string, unknown>, message: string): void;
}

export interface SiteCacheOptions {
  clock: Clock;
  /** In-process for one process; Redis when several serve the site. Created and closed by the caller. */
  bus: InvalidationBus;
  /** The outbox's in-process listeners (`services.events`). */
  events: Pick<EventsService, 'onEvents'>;
  log: SiteCacheLog;
  /** 256 MB by default. */
  maxBytes?: number;
  /** Re-render pages older than this even without an event; none by default. */
  maxAgeMs?: number;
  /** The CDN in front (CDN_PURGE): told to drop the same tags as this process's changes drop. */
  cdnPurger?: CdnPurger | undefined;
  /** Hears lookups, evictions and renders (metrics). */
  observer?: PageCacheObserver;
  /** Told each time pages are dropped, here or by another process (replica-reads.ts). */
  onDrop?: () => void;
}

export interface SiteCache {
  readonly cache: PageCache;
  /** Drops pages here and in every other process. Never rejects; a bus failure is logged. */
  invalidate(tags: InvalidationScope): Promise<void>;
  /** Stops listening to events and to the bus (the bus itself stays open). */
  close(): Promise<void>;
}

/**
 * The reader site's page cache, kept current by the outbox: each committed batch of events is
 * turned into page tags, dropped here at once (so a process never waits on Redis to see its own
 * change) and published on the bus for the other processes, which drop the same pages.
 */
export async function createSiteCache(options: SiteCacheOptions): Promise<SiteCache> {
  const { bus, log } = options;
  const cache = createPageCache({
    clock: options.clock,
    ...(options.maxBytes === undefined ? {} : { maxBytes: options.maxBytes }),
    ...(options.maxAgeMs === undefined ? {} : { maxAgeMs: options.maxAgeMs }),
    // A 404 or 410 (a deleted or unpublished story) must never be papered over by its old copy.
    canServeStale: isOutageError,
    ...(options.observer ? { observer: options.observer } : {}),
  });

  const dropHere = (tags: InvalidationScope) => {
    options.onDrop?.();
    if (tags === 'all') cache.invalidateAll();
    else cache.invalidateTags(tags);
  };

  const invalidate = async (tags: InvalidationScope): Promise<void> => {
    if (tags !== 'all' && tags.length === 0) return;
    dropHere(tags);
    // Only the process that made the change purges the CDN (never waits: batched and retried).
    options.cdnPurger?.purge(tags);
    try {
      await bus.publish(tags);
    } catch (error) {
      log.warn(
        { err: error, tags },
        'cache invalidation not published: other processes keep these pages until they expire',
      );
    }
  };

  const unsubscribeBus = await bus.subscribe((message) => {
    // Our own messages come back too; those pages were dropped when the change was made.
    if (message.origin !== bus.origin) dropHere(message.tags);
  });
  const stopEvents = options.events.onEvents((events) => {
    void invalidate(pageScopeForEvents(events));
  });

  return {
    cache,
    invalidate,
    async close() {
      stopEvents();
      await unsubscribeBus();
    },
  };
}
