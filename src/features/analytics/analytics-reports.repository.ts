import type { Kysely } from 'kysely';
import type { AnalyticsTables } from './analytics.table.js';

type Db = Kysely<AnalyticsTables>;

/** Hours `[from, to)` as stored (`2026-12-07T18`), days `[fromDay, toDay]` (newsroom dates). */
export interface ReportRange {
  fromHour: string;
  toHour: string;
  fromDay: string;
  toDay: string;
  /** Instants, for conversions. */
  fromInstant: string;
  toInstant: string;
}

const n = (value: unknown): number => Number(value ?? 0);

/** The reads behind the admin's reports and the popular list (rollups only, never raw hits). */
export function analyticsReports(db: Db) {
  return {
    async totalViews(range: ReportRange): Promise<number> {
      const row = await db
        .selectFrom('analytics_path_hours')
        .select((eb) => eb.fn.sum<string>('views').as('views'))
        .where('hour', '>=', range.fromHour)
        .where('hour', '<', range.toHour)
        .executeTakeFirst();
      return n(row?.views);
    },

    async viewsByHour(range: ReportRange, postId?: string) {
      let query = db
        .selectFrom('analytics_path_hours')
        .select(['hour', (eb) => eb.fn.sum<string>('views').as('views')])
        .where('hour', '>=', range.fromHour)
        .where('hour', '<', range.toHour);
      if (postId) query = query.where('post_id', '=', postId);
      const rows = await query.groupBy('hour').orderBy('hour').execute();
      return rows.map((r) => ({ hour: r.hour, views: n(r.views) }));
    },

    /** Daily uniques of the site ('*'), or of one story's paths, per day. */
    async visitorsByDay(range: ReportRange, postId?: string) {
      let query = db
        .selectFrom('analytics_day_visitors')
        .select(['day', (eb) => eb.fn.sum<string>('visitors').as('visitors')])
        .where('day', '>=', range.fromDay)
        .where('day', '<=', range.toDay);
      query = postId ? query.where('post_id', '=', postId) : query.where('path', '=', '*');
      const rows = await query.groupBy('day').orderBy('day').execute();
      return rows.map((r) => ({ day: r.day, visitors: n(r.visitors) }));
    },

    async topPosts(range: ReportRange, limit: number) {
      const rows = await db
        .selectFrom('analytics_path_hours')
        .select([
          'post_id',
          (eb) => eb.fn.max('path').as('path'),
          (eb) => eb.fn.sum<string>('views').as('views'),
        ])
        .where('hour', '>=', range.fromHour)
        .where('hour', '<', range.toHour)
        .where('post_id', 'is not', null)
        .groupBy('post_id')
        .orderBy('views', 'desc')
        .orderBy('post_id')
        .limit(limit)
        .execute();
      return rows.map((r) => ({ postId: r.post_id ?? '', path: r.path, views: n(r.views) }));
    },

    async visitorsOfPosts(range: ReportRange, postIds: readonly string[]) {
      if (postIds.length === 0) return new Map<string, number>();
      const rows = await db
        .selectFrom('analytics_day_visitors')
        .select(['post_id', (eb) => eb.fn.sum<string>('visitors').as('visitors')])
        .where('day', '>=', range.fromDay)
        .where('day', '<=', range.toDay)
        .where('post_id', 'in', postIds)
        .groupBy('post_id')
        .execute();
      return new Map(rows.map((r) => [r.post_id ?? '', n(r.visitors)]));
    },

    async referrers(range: ReportRange, limit: number) {
      const rows = await db
        .selectFrom('analytics_referrer_hours')
        .select(['host', (eb) => eb.fn.sum<string>('views').as('views')])
        .where('hour', '>=', range.fromHour)
        .where('hour', '<', range.toHour)
        .where('host', '<>', '')
        .groupBy('host')
        .orderBy('views', 'desc')
        .orderBy('host')
        .limit(limit)
        .execute();
      return rows.map((r) => ({ host: r.host, views: n(r.views) }));
    },

    async sources(range: ReportRange, limit: number) {
      const rows = await db
        .selectFrom('analytics_source_hours')
        .select(['source', 'medium', 'campaign', (eb) => eb.fn.sum<string>('views').as('views')])
        .where('hour', '>=', range.fromHour)
        .where('hour', '<', range.toHour)
        .where((eb) =>
          eb.or([eb('source', '<>', ''), eb('medium', '<>', ''), eb('campaign', '<>', '')]),
        )
        .groupBy(['source', 'medium', 'campaign'])
        .orderBy('views', 'desc')
        .orderBy('source')
        .orderBy('medium')
        .orderBy('campaign')
        .limit(limit)
        .execute();
      return rows.map((r) => ({
        source: r.source,
        medium: r.medium,
        campaign: r.campaign,
        views: n(r.views),
      }));
    },

    async devices(range: ReportRange) {
      const rows = await db
        .selectFrom('analytics_device_hours')
        .select(['device', (eb) => eb.fn.sum<string>('views').as('views')])
        .where('hour', '>=', range.fromHour)
        .where('hour', '<', range.toHour)
        .groupBy('device')
        .orderBy('views', 'desc')
        .orderBy('device')
        .execute();
      return rows.map((r) => ({ device: r.device, views: n(r.views) }));
    },

    /** Conversions in the range (few: one per sign-up or subscription), oldest first. */
    conversions(range: ReportRange, postId?: string) {
      let query = db
        .selectFrom('analytics_conversions')
        .select(['occurred_at', 'day', 'kind', 'path', 'post_id', 'campaign_id'])
        .where('occurred_at', '>=', range.fromInstant)
        .where('occurred_at', '<', range.toInstant);
      if (postId) query = query.where('post_id', '=', postId);
      return query.orderBy('occurred_at').orderBy('id').execute();
    },

    /** Views per day-hour and path (the CSV export folds hours into days). */
    async pathHours(range: ReportRange) {
      const rows = await db
        .selectFrom('analytics_path_hours')
        .select(['hour', 'path', 'post_id', 'views'])
        .where('hour', '>=', range.fromHour)
        .where('hour', '<', range.toHour)
        .orderBy('hour')
        .orderBy('path')
        .execute();
      return rows.map((r) => ({ ...r, views: n(r.views) }));
    },

    async pathVisitors(range: ReportRange) {
      const rows = await db
        .selectFrom('analytics_day_visitors')
        .select(['day', 'path', 'visitors'])
        .where('day', '>=', range.fromDay)
        .where('day', '<=', range.toDay)
        .where('path', '<>', '*')
        .execute();
      return rows.map((r) => ({ ...r, visitors: n(r.visitors) }));
    },
  };
}

export type AnalyticsReports = ReturnType<typeof analyticsReports>;
