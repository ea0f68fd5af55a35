import { startClusterMetricsEndpoint } from './metrics-endpoint.js';
import cluster, { type Worker } from 'node:cluster';
import type { Config } from '../config/index.js';
import { createInvalidationRelay, ipcLinkOf } from '../platform/cache/index.js';
import type { Logger } from '../platform/logger.js';
import { prepareForWorkers } from './start-server.js';

/** The environment variable that tells a forked worker its slot (1…N). */
export const workerSlotVariable = 'MASTHEAD_WORKER_SLOT';

/** A worker that ran this long before dying starts its restarts from the shortest delay again. */
const stableAfterMs = 30_000;
const firstRestartDelayMs = 500;
const maxRestartDelayMs = 30_000;

/** Delay before restarting a worker that died after `failures` quick deaths in a row. */
export const restartDelayMs = (failures: number): number =>
  Math.min(maxRestartDelayMs, firstRestartDelayMs * 2 ** Math.max(0, failures - 1));

export interface ClusterPrimary {
  /** Resolves once every worker has exited after `stop` (or `deadlineMs` passed; then they are killed). */
  stop(deadlineMs: number): Promise<void>;
}

/**
 * `masthead start --workers N`: migrates and prepares the database once, then forks N workers
 * that each serve HTTP on the same port (node:cluster hands them connections in turn). A worker
 * that dies is restarted in its slot after a delay that doubles with each quick death (0.5 s up
 * to 30 s), logged. Without Redis the primary relays page-cache invalidations between workers.
 * The banner is printed once every worker listens.
 */
export async function startClusterPrimary(options: {
  config: Config;
  print: (text: string) => void;
  logger: Logger;
}): Promise<ClusterPrimary> {
  const { config, logger } = options;
  const banner = await prepareForWorkers(config, options.print, logger);
  const relay = createInvalidationRelay({
    // A worker exiting while a message was on its way; it starts again with an empty cache.
    onError: (error) => logger.debug({ err: error }, 'invalidation not relayed to a worker'),
  });
  const live = new Map<number, Worker>();
  const failures = new Map<number, number>();
  const restarts = new Set<NodeJS.Timeout>();
  const listening = new Set<number>();
  let isStopping = false;
  let onAllExited: (() => void) | undefined;

  const fork = (slot: number): void => {
    const startedAt = Date.now();
    const worker = cluster.fork({ [workerSlotVariable]: String(slot) });
    live.set(slot, worker);
    const detach = relay.attach(ipcLinkOf(worker));
    worker.once('listening', () => {
      if (isStopping) return;
      if (listening.has(slot)) {
        logger.info({ worker: slot, pid: worker.process.pid }, 'worker restarted and listening');
        return;
      }
      listening.add(slot);
      if (listening.size === config.workers) options.print(banner(config));
    });
    worker.once('exit', (code, signal) => {
      detach();
      live.delete(slot);
      if (isStopping) {
        if (live.size === 0) onAllExited?.();
        return;
      }
      const quick = Date.now() - startedAt < stableAfterMs;
      const count = quick ? (failures.get(slot) ?? 0) + 1 : 1;
      failures.set(slot, count);
      const delay = restartDelayMs(count);
      logger.error(
        { worker: slot, pid: worker.process.pid, code, signal, restartInMs: delay },
        `worker ${slot} exited (${signal ?? `code ${code}`}); restarting it in ${delay} ms`,
      );
      const timer = setTimeout(() => {
        restarts.delete(timer);
        if (!isStopping) fork(slot);
      }, delay);
      restarts.add(timer);
    });
  };

  for (let slot = 1; slot <= config.workers; slot++) fork(slot);
  // METRICS_PORT: the primary answers scrapes with every worker's metrics added up.
  const metricsServer = await startClusterMetricsEndpoint(config, logger);

  return {
    async stop(deadlineMs) {
      isStopping = true;
      await metricsServer?.close();
      for (const timer of restarts) clearTimeout(timer);
      restarts.clear();
      if (live.size === 0) return;
      return new Promise<void>((resolve) => {
        const deadline = setTimeout(() => {
          logger.warn(
            { workers: [...live.keys()] },
            'workers still running at the shutdown deadline; killing them',
          );
          for (const worker of live.values()) worker.process.kill('SIGKILL');
        }, deadlineMs);
        deadline.unref();
        onAllExited = () => {
          clearTimeout(deadline);
          resolve();
        };
        // A signal rather than an IPC message: a worker still loading its code, before it
        // listens for anything, ends at once, as it should.
        for (const worker of live.values()) worker.process.kill('SIGTERM');
      });
    },
  };
}
