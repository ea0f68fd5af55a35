import type { FastifyInstance } from 'fastify';
import type { Config } from '../config/index.js';
import { loadDemoNewsroom, type DemoLoadResult } from '../demo/index.js';
import { createStandardPages } from '../features/site-pages/index.js';
import {
  createInProcessInvalidationBus,
  createRedisInvalidationBus,
} from '../platform/cache/index.js';
import { createJobRunner } from '../platform/jobs/index.js';
import { buildApp } from '../web/app.js';
import { backgroundJobs } from './background-jobs.js';
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

/**
 * Opens the database (migrating it), loads the demo newsroom into an empty one when allowed,
 * builds the app and listens. Prints what an operator needs: URLs and how the owner signs in.
 */
export async function startServer(
  config: Config,
  print: (text: string) => void,
): Promise<RunningServer> {
  const runtime = await openRuntime(config);
  // In the background: a large media folder must not hold up the start.
  const sweeping = sweepMediaLeftovers(runtime, config.mediaDir);
  let demo: DemoLoadResult | undefined;
  try {
    const isEmpty = (await runtime.services.staff.count()) === 0;
    if (config.loadDemo && isEmpty) {
      print('Empty database: loading the demo newsroom (set DEMO=off to start empty)…\n');
      demo = await loadDemoNewsroom(runtime.services, { now: runtime.clock.now() });
    } else if (isEmpty) {
      // A fresh install starts with About, Contact and Privacy pages for the newsroom to edit.
      await createStandardPages(runtime.services, { now: runtime.clock.now() });
    }
    // With Redis, every app process drops the same cached pages when something changes.
    const bus = config.redisUrl
      ? createRedisInvalidationBus({
          url: config.redisUrl,
          onError: (error) => runtime.logger.warn({ err: error }, 'cache invalidation bus'),
        })
      : createInProcessInvalidationBus();
    const metrics = await startMetricsEndpoint(runtime);
    const app = await buildApp({
      ...metrics.appOptions,
      services: runtime.services,
      logger: runtime.logger,
      ping: () => runtime.database.ping(),
      publicUrl: config.publicUrl,
      isProduction: config.isProduction,
      trustProxy: config.trustProxy,
      clock: runtime.clock,
      invalidationBus: bus,
      servicesStatus: servicesStatusOf(config),
    });
    await app.listen({ port: config.port, host: config.host });
    // Overdue scheduled posts (the server was down at their time) go out now, flagged as late.
    const jobs = createJobRunner({
      jobs: backgroundJobs(runtime.services, runtime.logger),
      logger: runtime.logger,
    });
    jobs.start();
    const url = config.publicUrl;
    print(
      [
        '',
        `Masthead is running (${config.database.dialect}).`,
        `  Site:  ${url}/`,
        `  Admin: ${url}/admin/`,
        ...(demo
          ? [
              `  Owner: ${demo.owner.email}`,
              `  Password (shown once, change it after signing in): ${demo.owner.password}`,
            ]
          : (await runtime.services.staff.count()) === 0
            ? [
                '  No staff yet: create the owner with',
                '    npx masthead user create --role owner --email you@example.org --name "Your Name"',
              ]
            : []),
        '',
      ].join('\n') + '\n',
    );
    return {
      app,
      runtime,
      url,
      stop: async () => {
        await sweeping;
        await jobs.stop();
        await app.close();
        await metrics.close();
        await bus.close();
        await runtime.close();
      },
    };
  } catch (error) {
    await sweeping;
    await runtime.close();
    throw error;
  }
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
