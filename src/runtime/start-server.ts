import type { FastifyInstance } from 'fastify';
import type { Config } from '../config/index.js';
import type { DemoLoadResult } from '../demo/index.js';
import { createStandardPages } from '../features/site-pages/index.js';
import {
  createInProcessInvalidationBus,
  createIpcInvalidationBus,
  createRedisInvalidationBus,
  type InvalidationBus,
  type IpcLink,
} from '../platform/cache/index.js';
import { createJobRunner } from '../platform/jobs/index.js';
import { cdnPurgerFor } from './cdn-purger.js';
import type { Logger } from '../platform/logger.js';
import { createRedisLiveHub } from '../platform/live/index.js';
import { createRedisProbe } from '../platform/redis-probe.js';
import { buildApp } from '../web/app.js';
import { backgroundJobs } from './background-jobs.js';
import { noteMediaPublicUrl, type MediaBaseWork } from './media-base.js';
import { startMetricsEndpoint } from './metrics-endpoint.js';
import { openRuntime, type Runtime } from './open-runtime.js';
import { servicesStatusOf } from './services-status.js';

export interface RunningServer {
  readonly app: FastifyInstance;
  readonly runtime: Runtime;
  readonly url: string;
  /** Stops accepting, lets requests in flight finish, closes the database. */
  stop(): Promise<void>;
}

/** A process started by `masthead start --workers N` (see cluster-primary.ts). */
export interface WorkerRole {
  /** 1…N; a worker restarted after a crash keeps its slot. */
  readonly slot: number;
  /** The channel to the primary, which relays cache invalidations between workers. */
  readonly link: IpcLink;
  readonly logger: Logger;
}

/**
 * Opens the database (migrating it), loads the demo newsroom into an empty one when allowed,
 * builds the app and listens. Prints what an operator needs: URLs and how the owner signs in.
 * A cluster worker skips what its primary did once for all (migrations, the demo, the sweep of
 * media leftovers, the banner).
 */
export async function startServer(
  config: Config,
  print: (text: string) => void,
  options: { worker?: WorkerRole } = {},
): Promise<RunningServer> {
  const { worker } = options;
  const runtime = await openRuntime(
    config,
    worker ? { migrate: false, logger: worker.logger } : {},
  );
  // In the background: a large media folder must not hold up the start.
  const sweeping = worker ? Promise.resolve() : sweepMediaLeftovers(runtime, config.mediaDir);
  let mediaBase: MediaBaseWork | undefined;
  try {
    const banner = worker ? undefined : await prepareSite(runtime, print);
    const bus = invalidationBusFor(config, runtime.logger, worker?.link);
    const liveHub = config.redisUrl
      ? createRedisLiveHub({
          url: config.redisUrl,
          onError: (error) => runtime.logger.warn({ err: error }, 'live hub'),
        })
      : undefined;
    // Redis is reported by /readyz; down, it makes the process "degraded", not unready.
    const redis = config.redisUrl ? createRedisProbe({ url: config.redisUrl }) : undefined;
    const cdnPurger = cdnPurgerFor(config.cdn, runtime.logger);
    const metrics = await startMetricsEndpoint(runtime);
    const app = await buildApp({
      ...metrics.appOptions,
      services: runtime.services,
      logger: runtime.logger,
      ping: () => runtime.database.ping(),
      readReplica: readReplicaOf(runtime),
      publicUrl: config.publicUrl,
      isProduction: config.isProduction,
      trustProxy: config.trustProxy,
      clock: runtime.clock,
      invalidationBus: bus,
      ...(liveHub ? { liveHub } : {}),
      cdnPurger,
      servicesStatus: servicesStatusOf(config),
      readiness: {
        degradableChecks: redis ? { redis: redis.isUp } : {},
        worker: worker?.slot,
      },
    });
    // Once per start (by the first worker): after the app, so its page cache hears a change.
    const runsSharedWork = worker === undefined || worker.slot === 1;
    mediaBase = runsSharedWork
      ? await noteMediaPublicUrl(runtime, config.media.publicUrl, runtime.logger)
      : undefined;
    await app.listen({ port: config.port, host: config.host });
    // Overdue scheduled posts (the server was down at their time) go out now, flagged as late.
    const jobs = createJobRunner({
      jobs: backgroundJobs(runtime.services, runtime.logger, {
        runsSharedWork,
      }),
      logger: runtime.logger,
    });
    jobs.start();
    if (banner) print(banner(config));
    return {
      app,
      runtime,
      url: config.publicUrl,
      stop: async () => {
        await sweeping;
        await mediaBase?.stop();
        await jobs.stop();
        await app.close();
        await cdnPurger?.close();
        await metrics.close();
        await bus.close();
        await liveHub?.close();
        await redis?.close();
        await runtime.close();
      },
    };
  } catch (error) {
    await sweeping;
    await mediaBase?.stop();
    await runtime.close();
    throw error;
  }
}

/**
 * What a cluster's primary does once before forking its workers: migrations (and a development
 * key), the demo or the standard pages on an empty database, the sweep of media leftovers.
 * Returns the banner to print once every worker listens.
 */
export async function prepareForWorkers(
  config: Config,
  print: (text: string) => void,
  logger: Logger,
): Promise<(config: Config) => string> {
  const runtime = await openRuntime(config, { logger });
  try {
    await sweepMediaLeftovers(runtime, config.mediaDir);
    return await prepareSite(runtime, print);
  } finally {
    await runtime.close();
  }
}

/** DATABASE_READ_URL: the replica's read side, its ping and the lag (undefined without one). */
function readReplicaOf(runtime: Runtime) {
  const { database, config } = runtime;
  const { readSide, pingReplica } = database;
  if (!readSide || !pingReplica || config.database.dialect !== 'postgres') return undefined;
  return {
    readSide,
    lagMs: config.database.readReplica?.lagMs ?? 2000,
    ping: () => pingReplica(),
  };
}

/** With Redis, every app process of every machine; else the workers of this machine (IPC); else this process. */
function invalidationBusFor(config: Config, logger: Logger, link: IpcLink | undefined) {
  const onError = (error: unknown) => logger.warn({ err: error }, 'cache invalidation bus');
  let bus: InvalidationBus;
  if (config.redisUrl) bus = createRedisInvalidationBus({ url: config.redisUrl, onError });
  else if (link) bus = createIpcInvalidationBus({ link, onError });
  else bus = createInProcessInvalidationBus();
  return bus;
}

/** Loads the demo (or the standard pages) into an empty database; returns the banner's text. */
async function prepareSite(
  runtime: Runtime,
  print: (text: string) => void,
): Promise<(config: Config) => string> {
  let demo: DemoLoadResult | undefined;
  const isEmpty = (await runtime.services.staff.count()) === 0;
  if (runtime.config.loadDemo && isEmpty) {
    print('Empty database: loading the demo newsroom (set DEMO=off to start empty)…\n');
    // Loaded only here: its stories and image renderer (sharp) are not needed by a start on a
    // database that has a newsroom in it.
    const { loadDemoNewsroom } = await import('../demo/index.js');
    demo = await loadDemoNewsroom(runtime.services, { now: runtime.clock.now() });
  } else if (isEmpty) {
    // A fresh install starts with About, Contact and Privacy pages for the newsroom to edit.
    await createStandardPages(runtime.services, { now: runtime.clock.now() });
  }
  const hasNoStaff = !demo && isEmpty;
  return (config) => {
    const url = config.publicUrl;
    const workers = config.workers > 1 ? `, ${config.workers} workers` : '';
    return (
      [
        '',
        `Masthead is running (${config.database.dialect}${workers}).`,
        `  Site:  ${url}/`,
        `  Admin: ${url}/admin/`,
        ...(demo
          ? [
              `  Owner: ${demo.owner.email}`,
              `  Password (shown once, change it after signing in): ${demo.owner.password}`,
            ]
          : hasNoStaff
            ? [
                '  No staff yet: create the owner with',
                '    npx masthead user create --role owner --email you@example.org --name "Your Name"',
              ]
            : []),
        '',
      ].join('\n') + '\n'
    );
  };
}

/**
 * Temporary files a crash left in media storage (a write cut short between its temp file and
 * the rename) are removed at start, with a count in the log; never fatal.
 */
async function sweepMediaLeftovers(runtime: Runtime, mediaDir: string): Promise<void> {
  try {
    const removed = await runtime.services.media.removeStaleTemporaryFiles();
    if (removed > 0)
      runtime.logger.warn(
        { removed, mediaDir },
        `removed ${removed} temporary media file(s) left by interrupted writes`,
      );
  } catch (error) {
    runtime.logger.warn({ err: error, mediaDir }, 'could not sweep temporary media files');
  }
}
