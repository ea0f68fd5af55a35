import cluster from 'node:cluster';
import { InvalidArgumentError, type Command } from 'commander';
import type { Config } from '../../config/index.js';
import { ipcLinkOf } from '../../platform/cache/index.js';
import { createLogger } from '../../platform/logger.js';
import { startClusterPrimary, workerSlotVariable } from '../../runtime/cluster-primary.js';
import { startServer, type RunningServer } from '../../runtime/start-server.js';
import type { CliIo } from '../cli-io.js';
import { configFrom } from '../open-for-command.js';

/** How long in-flight requests get to finish after SIGTERM before the process exits anyway. */
const shutdownDeadlineMs = 8000;

const parseWorkers = (value: string): number => {
  if (!/^\d+$/.test(value) || Number(value) < 1 || Number(value) > 64)
    throw new InvalidArgumentError('must be a whole number of processes between 1 and 64');
  return Number(value);
};

export function registerStartCommand(program: Command, io: CliIo): void {
  program
    .command('start')
    .description(
      'start the site, admin and APIs (migrates the database; loads the demo newsroom into an empty one)',
    )
    .option(
      '--workers <n>',
      'app processes on this machine, sharing its port (default: WORKERS, else 1)',
      parseWorkers,
    )
    .action(async (options: { workers?: number }) => {
      const loaded = configFrom(io);
      const config: Config =
        options.workers === undefined ? loaded : { ...loaded, workers: options.workers };
      if (cluster.isWorker) return runWorker(config, io);
      if (config.workers > 1) return runPrimary(config, io);
      const server = await startServer(config, io.out);
      await stopGracefully(server, io, await stopRequested({ signals: ['SIGTERM', 'SIGINT'] }));
    });
}

/** One of `--workers N`: serves until a signal (its primary's, or the operator's). */
async function runWorker(config: Config, io: CliIo): Promise<void> {
  const slot = Number(io.env[workerSlotVariable]);
  const logger = createLogger({ level: config.logLevel, pretty: !config.isProduction }).child({
    worker: slot,
  });
  // Listening from the first moment: the primary may ask a worker that is still starting (a
  // restart, or a stop right after start) to stop, and that request must not be lost.
  const asked = stopRequested({ signals: ['SIGTERM', 'SIGINT'], ignoresRepeats: true });
  try {
    const server = await startServer(config, io.out, {
      worker: { slot, link: ipcLinkOf(process), logger },
    });
    logger.info({ pid: process.pid }, `worker ${slot} listening`);
    await stopGracefully(server, io, await asked);
  } finally {
    // The channel to the primary keeps a worker alive: closing it lets the process end (also
    // after a failed start), and tells the primary this worker meant to exit.
    cluster.worker?.disconnect();
  }
}

async function runPrimary(config: Config, io: CliIo): Promise<void> {
  const logger = createLogger({ level: config.logLevel, pretty: !config.isProduction });
  const primary = await startClusterPrimary({ config, print: io.out, logger });
  const signal = await stopRequested({ signals: ['SIGTERM', 'SIGINT'] });
  logger.info({ signal }, 'stopping the workers');
  // Workers get their own deadline, then a little more before they are killed.
  await primary.stop(shutdownDeadlineMs + 2000);
}

/**
 * Resolves with the first stop signal. A worker ignores repeats (`ignoresRepeats`): Ctrl-C
 * reaches both a cluster's primary and its workers, and the primary then signals the workers
 * too. One process alone keeps the usual: a second Ctrl-C ends it at once.
 */
function stopRequested(options: {
  signals: NodeJS.Signals[];
  ignoresRepeats?: boolean;
}): Promise<string> {
  return new Promise((resolve) => {
    for (const signal of options.signals) {
      if (options.ignoresRepeats) process.on(signal, () => resolve(signal));
      else process.once(signal, () => resolve(signal));
    }
  });
}

/** Stops the server gracefully (requests in flight finish, jobs end their run) within the deadline. */
async function stopGracefully(server: RunningServer, io: CliIo, reason: string): Promise<void> {
  server.runtime.logger.info({ signal: reason }, 'shutting down');
  await new Promise<void>((resolve) => {
    const deadline = setTimeout(() => {
      io.err(`Requests still running after ${shutdownDeadlineMs / 1000} s; exiting anyway.\n`);
      resolve();
    }, shutdownDeadlineMs);
    deadline.unref();
    server
      .stop()
      .catch((error: unknown) =>
        server.runtime.logger.error({ err: error }, 'error while shutting down'),
      )
      .finally(() => {
        clearTimeout(deadline);
        resolve();
      });
  });
}
