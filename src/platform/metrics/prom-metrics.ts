import {
  AggregatorRegistry,
  collectDefaultMetrics,
  Counter,
  Gauge,
  Histogram,
  Registry,
} from 'prom-client';
import type { PageCacheStats, PageOutcome } from '../cache/index.js';
import type { Metrics, PoolStats } from './metrics.js';

/** Seconds: a cached page answers in well under a millisecond; a slow page in seconds. */
const requestBuckets = [
  0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10,
];
const renderBuckets = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5];

const statusClasses = ['1xx', '2xx', '3xx', '4xx', '5xx'] as const;
const statusClassOf = (status: number) => statusClasses[Math.floor(status / 100) - 1] ?? '5xx';

const cacheOutcomes: readonly PageOutcome[] = ['hit', 'miss', 'stale'];
const mailOutcomes = ['sent', 'failed', 'deferred', 'uncertain'] as const;

export interface PromMetricsOptions {
  /** Process, heap, GC and event-loop lag metrics (prom-client's defaults). True by default. */
  collectDefaults?: boolean;
  /**
   * This process is a node:cluster worker: the primary's `createClusterScrape` asks it for its
   * metrics over IPC and adds up every worker's (see cluster-metrics.ts).
   */
  isClusterWorker?: boolean;
}

/**
 * The metrics port on prom-client, in a registry of its own (no module singleton: two apps in
 * one test process keep separate counts). Our metrics are named `masthead_*`; the defaults keep
 * their usual names (`process_*`, `nodejs_*`) so stock Node.js dashboards work.
 */
export function createPromMetrics(options: PromMetricsOptions = {}): Metrics & {
  readonly registry: Registry;
} {
  const registry = new Registry();
  const registers = [registry];
  if (options.collectDefaults !== false) collectDefaultMetrics({ register: registry });
  if (options.isClusterWorker) {
    AggregatorRegistry.setRegistries([registry]);
    // Constructing one is what makes a worker answer the primary's requests.
    new AggregatorRegistry();
  }

  const requests = new Histogram({
    name: 'masthead_http_request_duration_seconds',
    help: 'Time to answer HTTP requests, by route group and status class (its _count is the request count).',
    labelNames: ['group', 'status'] as const,
    buckets: requestBuckets,
    registers,
  });

  const cacheLookups = new Counter({
    name: 'masthead_page_cache_lookups_total',
    help: 'Page cache answers: hit (fresh copy), miss (rendered), stale (an old copy stood in for a failed render).',
    labelNames: ['cache', 'outcome'] as const,
    registers,
  });
  const cacheEvictions = new Counter({
    name: 'masthead_page_cache_evictions_total',
    help: 'Pages dropped to stay within the cache memory budget (least recently used first).',
    labelNames: ['cache'] as const,
    registers,
  });
  const renders = new Histogram({
    name: 'masthead_page_render_duration_seconds',
    help: 'Time to render a page on a cache miss (database and templates, not compression).',
    labelNames: ['cache'] as const,
    buckets: renderBuckets,
    registers,
  });
  const cacheSources = new Map<string, () => PageCacheStats>();
  const cacheGauge = (name: string, help: string, read: (stats: PageCacheStats) => number) =>
    new Gauge({
      name,
      help,
      labelNames: ['cache'] as const,
      registers,
      collect() {
        for (const [cache, stats] of cacheSources) this.set({ cache }, read(stats()));
      },
    });
  cacheGauge(
    'masthead_page_cache_bytes',
    'Memory the cached pages take now (bodies and compressed copies).',
    (s) => s.bytes,
  );
  cacheGauge('masthead_page_cache_entries', 'Pages held now, fresh and stale.', (s) => s.entries);
  cacheGauge(
    'masthead_page_cache_stale_entries',
    'Pages held now that are stale (kept to stand in for failed renders).',
    (s) => s.staleEntries,
  );

  const pools = new Map<string, () => PoolStats | undefined>();
  const poolGauge = (name: string, help: string, read: (stats: PoolStats) => number) =>
    new Gauge({
      name,
      help,
      labelNames: ['pool'] as const,
      registers,
      collect() {
        this.reset();
        for (const [pool, source] of pools) {
          const stats = source();
          if (stats) this.set({ pool }, read(stats));
        }
      },
    });
  poolGauge(
    'masthead_db_pool_connections',
    'Database connections open now (idle and in use).',
    (s) => s.total,
  );
  poolGauge(
    'masthead_db_pool_idle_connections',
    'Database connections open and idle now.',
    (s) => s.idle,
  );
  poolGauge(
    'masthead_db_pool_waiting_queries',
    'Queries waiting for a database connection now.',
    (s) => s.waiting,
  );
  poolGauge(
    'masthead_db_pool_max_connections',
    'The most database connections the pool opens.',
    (s) => s.max,
  );

  let queueDepths: (() => Promise<Readonly<Record<string, number>>>) | undefined;
  new Gauge({
    name: 'masthead_job_queue_depth',
    help: 'Work waiting for the background jobs, by queue (read from the database at each scrape).',
    labelNames: ['queue'] as const,
    registers,
    // Every process reads the same database: across cluster workers, one reading, not a sum.
    aggregator: 'max',
    async collect() {
      this.reset();
      if (!queueDepths) return;
      try {
        for (const [queue, depth] of Object.entries(await queueDepths()))
          this.set({ queue }, depth);
      } catch {
        // The database is away: the scrape still answers, without these series.
      }
    },
  });

  const mailMessages = new Counter({
    name: 'masthead_newsletter_messages_total',
    help: 'Newsletter messages handed to the mail server, by outcome (sent, failed, deferred, uncertain).',
    labelNames: ['outcome'] as const,
    registers,
  });
  // Series from zero, so rate() works from the first message.
  for (const outcome of mailOutcomes) mailMessages.inc({ outcome }, 0);

  return {
    registry,
    observeRequest(group, statusCode, seconds) {
      requests.observe({ group, status: statusClassOf(statusCode) }, seconds);
    },
    pageCacheObserver(cache) {
      for (const outcome of cacheOutcomes) cacheLookups.inc({ cache, outcome }, 0);
      cacheEvictions.inc({ cache }, 0);
      // Bound children: no label object to hash per lookup on the hot path.
      const lookups = new Map(
        cacheOutcomes.map((outcome) => [outcome, cacheLookups.labels(cache, outcome)]),
      );
      const evictions = cacheEvictions.labels(cache);
      const renderTimes = renders.labels(cache);
      return {
        lookup: (outcome) => lookups.get(outcome)?.inc(),
        evicted: () => evictions.inc(),
        rendered: (ms) => renderTimes.observe(ms / 1000),
      };
    },
    watchPageCache(cache, stats) {
      cacheSources.set(cache, stats);
    },
    watchPool(pool, stats) {
      pools.set(pool, stats);
    },
    watchQueues(depths) {
      queueDepths = depths;
    },
    countNewsletterMessage(outcome) {
      mailMessages.inc({ outcome });
    },
    async scrape() {
      return { contentType: registry.contentType, body: await registry.metrics() };
    },
  };
}
