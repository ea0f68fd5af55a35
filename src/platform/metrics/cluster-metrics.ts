import { AggregatorRegistry } from 'prom-client';
import type { MetricsScrape } from './metrics.js';

/**
 * With `masthead start --workers N` (node:cluster) each worker counts in its own memory, and a
 * scrape reaching one worker through the shared port would see a slice. The primary serves the
 * whole instead: this asks every worker for its metrics over the cluster's IPC channel and adds
 * them up (counters and histograms summed; gauges of shared state, like the job queue depth,
 * taken once). Workers answer once their metrics are made with `isClusterWorker: true`.
 *
 * In the primary:
 *   const scrape = createClusterScrape();
 *   await startMetricsServer({ port, host, token, scrape, log });   // src/web/system/metrics-server.ts
 */
export function createClusterScrape(): () => Promise<MetricsScrape> {
  const aggregator = new AggregatorRegistry();
  return async () => ({
    contentType: aggregator.contentType,
    body: await aggregator.clusterMetrics(),
  });
}
