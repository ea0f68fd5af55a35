import type { Job } from '../platform/jobs/index.js';
import type { Logger } from '../platform/logger.js';
import type { Services } from './services.js';

/** The jobs every app process runs (each is safe to run in several processes at once). */
export function backgroundJobs(services: Services, logger: Logger): Job[] {
  return [
    {
      name: 'publish-scheduled',
      intervalMs: 1000,
      run: async () => {
        const published = await services.posts.publishDue();
        for (const post of published) {
          if (post.isLate)
            logger.warn(
              { postId: post.id },
              'published a scheduled post late (the server was down at its time)',
            );
          else logger.info({ postId: post.id }, 'published a scheduled post');
        }
      },
    },
    {
      // Changes other processes made (the CLI, a job in another worker) reach this process's
      // page cache; its own are heard at once, when their transaction commits.
      name: 'outbox-follow',
      intervalMs: 1000,
      run: async () => {
        await services.events.follow();
      },
    },
    {
      // The outbox keeps 30 days of events, longer for a consumer that has not read them yet.
      name: 'outbox-retention',
      intervalMs: 60 * 60_000,
      run: async () => {
        const deleted = await services.events.sweep();
        if (deleted > 0) logger.info({ deleted }, 'removed old outbox events');
      },
    },
    {
      // Outbox events become webhook deliveries; due deliveries are sent (with retries and backoff).
      name: 'webhooks',
      intervalMs: 2000,
      run: () => services.webhooks.runOnce(),
    },
  ];
}
