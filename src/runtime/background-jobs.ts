import { hostname } from 'node:os';
import { emailSenderJob } from '../features/newsletters/index.js';
import type { Job } from '../platform/jobs/index.js';
import { randomToken } from '../platform/security/index.js';
import type { Logger } from '../platform/logger.js';
import { refreshSitemapParts } from '../web/site/feeds/sitemap-index.js';
import type { Services } from './services.js';

/**
 * The background jobs of an app process. Each is safe to run in several processes at once (they
 * claim their work in the database), which is what several machines do. On one machine with
 * `--workers N`, only the first worker runs the jobs that claim shared work (`runsSharedWork`):
 * N of them would only poll the database N times as often, and open N SMTP pools whose rates add
 * up past MAIL_RATE. Following the outbox runs in every worker: each has its own page cache.
 */
export function backgroundJobs(
  services: Services,
  logger: Logger,
  options: { runsSharedWork: boolean } = { runsSharedWork: true },
): Job[] {
  const follow: Job = {
    // Changes other processes made (the CLI, a job in another worker) reach this process's
    // page cache; its own are heard at once, when their transaction commits.
    name: 'outbox-follow',
    intervalMs: 1000,
    run: async () => {
      await services.events.follow();
    },
  };
  const analyticsFlush: Job = {
    // Page views wait in this process's memory; once a second they go to the database as a few
    // multi-row statements (the app's close flushes the last ones).
    name: 'analytics-flush',
    intervalMs: 1000,
    run: () => services.analytics.flush(),
  };
  if (!options.runsSharedWork) return [follow, analyticsFlush];
  return [
    follow,
    analyticsFlush,
    {
      // Raw page views older than ANALYTICS_RAW_DAYS go; the rollups stay.
      name: 'analytics-retention',
      intervalMs: 60 * 60_000,
      run: async () => {
        const deleted = await services.analytics.sweep();
        if (deleted > 0) logger.info({ deleted }, 'removed old raw page views');
      },
    },
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
      // The outbox keeps 30 days of events, longer for a consumer that has not read them yet.
      name: 'outbox-retention',
      intervalMs: 60 * 60_000,
      run: async () => {
        const deleted = await services.events.sweep();
        if (deleted > 0) logger.info({ deleted }, 'removed old outbox events');
      },
    },
    {
      // Where the stories sitemap's parts start and end, so /sitemap.xml reads one row per part
      // (at start, then every five minutes; a run redoes only what changed since the last).
      name: 'sitemap-parts',
      intervalMs: 5 * 60_000,
      run: async () => {
        const refresh = await refreshSitemapParts(services);
        if (refresh.recomputedFrom < refresh.parts)
          logger.debug(refresh, 'sitemap parts worked out again');
      },
    },
    {
      // Outbox events become webhook deliveries; due deliveries are sent (with retries and backoff).
      name: 'webhooks',
      intervalMs: 2000,
      run: () => services.webhooks.runOnce(),
    },
    ...newsletterJobs(services, logger),
  ];
}

/** Newsletter sends and the daily digest: only with a mail server (SMTP_URL) configured. */
function newsletterJobs(services: Services, logger: Logger): Job[] {
  const sender = services.emailSender;
  if (!sender) return [];
  return [
    // Claims batches of any email being sent (several processes share one send).
    emailSenderJob(sender, { workerId: `${hostname()}:${process.pid}:${randomToken(4)}` }),
    {
      // Each daily list's digest at its local time, once a day whatever the number of processes.
      name: 'newsletter-digests',
      intervalMs: 30_000,
      run: async () => {
        const created = await services.emails.createDueDigests();
        if (created.length > 0) logger.info({ emails: created }, 'daily digests queued');
      },
    },
  ];
}
