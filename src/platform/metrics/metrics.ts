import type { PageCacheObserver, PageCacheStats } from '../cache/index.js';
import type { BulkOutcome } from '../mail/bulk-mailer.js';

/** Connections of one database pool, read at each scrape. */
export interface PoolStats {
  /** Connections open now (idle and in use). */
  readonly total: number;
  readonly idle: number;
  /** Queries waiting for a connection. */
  readonly waiting: number;
  /** The pool's ceiling. */
  readonly max: number;
}

/** One scrape's answer, as the exposition format serves it. */
export interface MetricsScrape {
  readonly contentType: string;
  readonly body: string;
}

/**
 * The metrics port: what the app reports, in its own words. Only platform/metrics knows the
 * Prometheus client behind it; features never see this (the runtime wraps their ports instead:
 * `countedBulkMailer`). Every label value comes from a small fixed set the caller owns (route
 * groups, cache names, queue names), never from a URL or a user, so series stay bounded.
 */
export interface Metrics {
  /** An answered request: its route group, status code and time taken in seconds. */
  observeRequest(group: string, statusCode: number, seconds: number): void;
  /** The hooks a page cache calls (lookups, evictions, render times), labelled `cache=name`. */
  pageCacheObserver(name: string): PageCacheObserver;
  /** A page cache's current size, read at each scrape. */
  watchPageCache(name: string, stats: () => PageCacheStats): void;
  /** A database pool read at each scrape; `undefined` (SQLite: no pool) reports nothing. */
  watchPool(name: string, stats: () => PoolStats | undefined): void;
  /** Work waiting in each background queue, read at each scrape (a failed read reports nothing). */
  watchQueues(depths: () => Promise<Readonly<Record<string, number>>>): void;
  /** A newsletter message's outcome, as the mail server gave it. */
  countNewsletterMessage(outcome: BulkOutcome['status']): void;
  /** Every metric in the Prometheus text format. */
  scrape(): Promise<MetricsScrape>;
}
