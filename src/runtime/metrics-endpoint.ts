import cluster from 'node:cluster';
import type { Config } from '../config/index.js';
import type { Logger } from '../platform/logger.js';
import { createClusterScrape, createPromMetrics, type Metrics } from '../platform/metrics/index.js';
import type { AppOptions } from '../web/app.js';
import { startMetricsServer, type MetricsServer } from '../web/metrics/metrics-server.js';
import type { Services } from './services.js';

/**
 * This process's metrics when METRICS_TOKEN or METRICS_PORT is set, else none (nothing is
 * counted). A cluster worker's metrics also answer the primary's requests (cluster-metrics.ts).
 */
export function metricsFor(config: Pick<Config, 'metrics'>): Metrics | undefined {
  if (!config.metrics) return undefined;
  return createPromMetrics({ isClusterWorker: cluster.isWorker });
}

export interface MetricsEndpoint {
  /** Spread into buildApp's options: counting, and `/metrics` on the site in token mode. */
  readonly appOptions: Pick<AppOptions, 'metrics' | 'metricsToken'>;
  /** The separate port's address, when METRICS_PORT is set and this process serves it. */
  readonly url: string | undefined;
  close(): Promise<void>;
}

/**
 * Where a server process serves its metrics: on METRICS_PORT (a server of its own; the site has
 * no `/metrics` then), else on the site with METRICS_TOKEN. A cluster worker never opens
 * METRICS_PORT: the primary serves every worker's metrics added up there
 * (`startClusterMetricsEndpoint`).
 */
export async function startMetricsEndpoint(runtime: {
  config: Pick<Config, 'metrics'>;
  metrics: Metrics | undefined;
  logger: Logger;
}): Promise<MetricsEndpoint> {
  const { metrics } = runtime;
  const settings = runtime.config.metrics;
  if (!metrics || !settings) return { appOptions: {}, url: undefined, close: async () => {} };
  if (!settings.listen)
    return {
      appOptions: { metrics, metricsToken: settings.token },
      url: undefined,
      close: async () => {},
    };
  const server: MetricsServer | undefined = cluster.isWorker
    ? undefined
    : await startMetricsServer({
        ...settings.listen,
        token: settings.token,
        scrape: () => metrics.scrape(),
        log: runtime.logger,
      });
  return {
    appOptions: { metrics },
    url: server?.url,
    close: async () => server?.close(),
  };
}

/**
 * For `masthead start --workers N`: the primary runs no app, so it serves METRICS_PORT itself
 * with every worker's metrics added up (prom-client's AggregatorRegistry over cluster IPC).
 * Returns undefined when METRICS_PORT is not set (token mode then reports per worker: each
 * scrape reaches whichever worker takes it, so use METRICS_PORT with several workers).
 */
export async function startClusterMetricsEndpoint(
  config: Pick<Config, 'metrics'>,
  logger: Logger,
): Promise<MetricsServer | undefined> {
  const listen = config.metrics?.listen;
  if (!listen) return undefined;
  return startMetricsServer({
    ...listen,
    token: config.metrics?.token,
    scrape: createClusterScrape(),
    log: logger,
  });
}

/**
 * The job-queue-depth gauge's sources: webhook deliveries still to attempt, and newsletter
 * recipients not yet handed over (only with a mail server, else nothing is ever sent).
 */
export function jobQueueDepths(services: Pick<Services, 'webhooks' | 'emailSender'>) {
  return async (): Promise<Record<string, number>> => {
    const [webhooks, newsletters] = await Promise.all([
      services.webhooks.waitingDeliveries(),
      services.emailSender?.waitingRecipients(),
    ]);
    return {
      webhook_deliveries: webhooks,
      ...(newsletters === undefined ? {} : { newsletter_recipients: newsletters }),
    };
  };
}
