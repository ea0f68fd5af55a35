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
      // Outbox events become webhook deliveries; due deliveries are sent (with retries and backoff).
      name: 'webhooks',
      intervalMs: 2000,
      run: () => services.webhooks.runOnce(),
    },
  ];
}
