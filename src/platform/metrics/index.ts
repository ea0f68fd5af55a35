export type { Metrics, MetricsScrape, PoolStats } from './metrics.js';
export { createPromMetrics } from './prom-metrics.js';
export type { PromMetricsOptions } from './prom-metrics.js';
export { countedBulkMailer } from './counted-bulk-mailer.js';
export { createClusterScrape } from './cluster-metrics.js';
