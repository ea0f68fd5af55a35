import { Readable } from 'node:stream';
import type { ServicesOf } from '../../runtime/services.js';
import {
  analyticsRangeQuerySchema,
  analyticsSummaryQuerySchema,
  analyticsSummarySchema,
  analyticsTimeseriesQuerySchema,
  analyticsTimeseriesSchema,
  campaignAnalyticsSchema,
  postAnalyticsSchema,
} from '../../shared/contracts/analytics.js';
import { idParamsSchema } from '../../shared/contracts/common.js';
import { csvStream } from '../api-route.js';
import type { AdminRoutes } from './admin-api.js';

/**
 * Audience analytics for editors and above (issue #16): what the dashboard and each story's
 * page show. `from`/`to` are dates in the newsroom's zone, both included (the last 7 days when
 * left out); visitors are sums of daily unique visitors. See docs/analytics.md.
 */
export const analyticsAdminRoutes: AdminRoutes<ServicesOf<'analytics'>> = ({ route, services }) => {
  const tag = 'Analytics';
  const access = 'analytics.read';
  route({
    method: 'GET',
    url: '/analytics/summary',
    tag,
    summary:
      'Views, visitors (sum of daily uniques), sign-ups and paid conversions over the dates, with the top posts (views, visitors, signups, paid), referrer hosts, UTM sources and device classes',
    access,
    query: analyticsSummaryQuerySchema,
    response: analyticsSummarySchema,
    handler: async ({ query }) => ({ summary: await services.analytics.summary(query) }),
  });
  route({
    method: 'GET',
    url: '/analytics/timeseries',
    tag,
    summary:
      'Views, visitors, sign-ups and paid conversions per day (up to 366 days) or per hour (up to 31 days; visitors null: uniques are daily)',
    access,
    query: analyticsTimeseriesQuerySchema,
    response: analyticsTimeseriesSchema,
    handler: async ({ query }) => ({ timeseries: await services.analytics.timeseries(query) }),
  });
  route({
    method: 'GET',
    url: '/analytics/posts/:id',
    tag,
    summary: "One story's views, visitors, sign-ups and paid conversions, in total and per day",
    access,
    params: idParamsSchema,
    query: analyticsRangeQuerySchema,
    response: postAnalyticsSchema,
    handler: async ({ params, query }) => ({
      post: await services.analytics.post(params.id, query),
    }),
  });
  route({
    method: 'GET',
    url: '/analytics/campaigns',
    tag,
    summary:
      'Sign-ups and paid conversions per membership drive (the banner or message the reader followed), and views per UTM campaign',
    access,
    query: analyticsRangeQuerySchema,
    response: campaignAnalyticsSchema,
    handler: ({ query }) => services.analytics.campaigns(query),
  });
  route({
    method: 'GET',
    url: '/analytics/export.csv',
    tag,
    summary:
      'CSV, one row per newsroom day and path: date, path, post_id, views, visitors, signups, paid',
    access,
    query: analyticsRangeQuerySchema,
    response: csvStream,
    handler: async ({ query, reply }) => {
      const rows = services.analytics.exportCsv(query);
      // The first row is read now, so a bad range is a 400 rather than a broken download.
      const first = await rows.next();
      void reply
        .type('text/csv; charset=utf-8')
        .header(
          'content-disposition',
          `attachment; filename="analytics-${query.from ?? 'last-7-days'}.csv"`,
        );
      return Readable.from(
        (async function* () {
          if (!first.done) yield first.value;
          yield* rows;
        })(),
      );
    },
  });
};
