import type { Kysely } from 'kysely';
import type { Clock } from '../../platform/clock.js';
import { csvField } from '../../shared/csv.js';
import type {
  AnalyticsSummary,
  AnalyticsTimeseries,
  CampaignAnalytics,
  PopularPost,
  PostAnalytics,
} from '../../shared/contracts/analytics.js';
import { analyticsReports } from './analytics-reports.repository.js';
import type { AnalyticsTables } from './analytics.table.js';
import type { DeviceClass } from './hit.js';
import { dailyCounts, dayOfHour, tally, zero } from './report-counts.js';
import { reportRange } from './report-range.js';

/** What analytics needs of posts: stories' ids by slug, and published stories by id. */
export interface PostLookup {
  /** The ids of the published stories with these slugs, by slug (one query for a flush). */
  publishedIdsBySlugs(slugs: readonly string[]): Promise<Map<string, string>>;
  /** Stories' titles by id, whatever their status now (a deleted story is absent). */
  titlesByIds(ids: readonly string[]): Promise<Map<string, string>>;
  publishedByIds(
    ids: readonly string[],
  ): Promise<Array<{ id: string; slug: string; title: string; url: string }>>;
}

export interface RangeInput {
  from?: string | undefined;
  to?: string | undefined;
}

/** The reports over the rollups: summary, series, one story, drives, CSV, popular stories. */
export function createAnalyticsReports(deps: {
  db: Kysely<AnalyticsTables>;
  clock: Clock;
  timeZone: () => Promise<string>;
  posts: PostLookup;
}) {
  const repo = analyticsReports(deps.db);
  const rangeOf = async (input: RangeInput, maxDays = 366) =>
    reportRange({ ...input, timeZone: await deps.timeZone(), now: deps.clock.now(), maxDays });
  const popularMemo = new Map<string, { until: number; posts: PopularPost[] }>();

  return {
    async summary(input: RangeInput & { limit?: number }): Promise<AnalyticsSummary> {
      const range = await rangeOf(input);
      const limit = input.limit ?? 10;
      const [views, visitors, top, referrers, sources, devices, conversions] = await Promise.all([
        repo.totalViews(range),
        repo.visitorsByDay(range),
        repo.topPosts(range, limit),
        repo.referrers(range, limit),
        repo.sources(range, limit),
        repo.devices(range),
        repo.conversions(range),
      ]);
      const topIds = top.map((p) => p.postId);
      const [postVisitors, titles] = await Promise.all([
        repo.visitorsOfPosts(range, topIds),
        deps.posts.titlesByIds(topIds),
      ]);
      const byPost = tally(conversions, (c) => c.post_id);
      const all = tally(conversions, () => 'all').get('all') ?? zero;
      return {
        from: range.from,
        to: range.to,
        views,
        visitors: visitors.reduce((sum, d) => sum + d.visitors, 0),
        signups: all.signups,
        paid: all.paid,
        topPosts: top.map((p) => ({
          ...p,
          title: titles.get(p.postId) ?? null,
          visitors: postVisitors.get(p.postId) ?? 0,
          ...(byPost.get(p.postId) ?? zero),
        })),
        referrers,
        sources,
        // Stored by the beacon from deviceClass(): always one of the four classes.
        devices: devices.map((d) => ({ ...d, device: d.device as DeviceClass })),
      };
    },

    async timeseries(
      input: RangeInput & { interval: 'hour' | 'day' },
    ): Promise<AnalyticsTimeseries> {
      const timeZone = await deps.timeZone();
      const range = await rangeOf(input, input.interval === 'hour' ? 31 : 366);
      const [hours, visitors, conversions] = await Promise.all([
        repo.viewsByHour(range),
        repo.visitorsByDay(range),
        repo.conversions(range),
      ]);
      if (input.interval === 'hour') {
        const views = new Map(hours.map((h) => [h.hour, h.views]));
        const byHour = tally(conversions, (c) => c.occurred_at.slice(0, 13));
        const buckets = [];
        for (
          let t = Date.parse(range.fromInstant);
          t < Date.parse(range.toInstant);
          t += 3_600_000
        ) {
          const hour = new Date(t).toISOString().slice(0, 13);
          buckets.push({
            start: new Date(t).toISOString(),
            views: views.get(hour) ?? 0,
            visitors: null,
            ...(byHour.get(hour) ?? zero),
          });
        }
        return { from: range.from, to: range.to, interval: 'hour', buckets };
      }
      return {
        from: range.from,
        to: range.to,
        interval: 'day',
        buckets: dailyCounts({ range, timeZone, hours, visitors, conversions }).map(
          ({ date, ...counts }) => ({ start: date, ...counts }),
        ),
      };
    },

    async post(postId: string, input: RangeInput): Promise<PostAnalytics> {
      const timeZone = await deps.timeZone();
      const range = await rangeOf(input);
      const [hours, visitors, conversions] = await Promise.all([
        repo.viewsByHour(range, postId),
        repo.visitorsByDay(range, postId),
        repo.conversions(range, postId),
      ]);
      const days = dailyCounts({ range, timeZone, hours, visitors, conversions });
      const sum = (key: 'views' | 'visitors' | 'signups' | 'paid') =>
        days.reduce((s, d) => s + d[key], 0);
      return {
        postId,
        from: range.from,
        to: range.to,
        views: sum('views'),
        visitors: sum('visitors'),
        signups: sum('signups'),
        paid: sum('paid'),
        days,
      };
    },

    async campaigns(input: RangeInput): Promise<CampaignAnalytics> {
      const range = await rangeOf(input);
      const [conversions, sources] = await Promise.all([
        repo.conversions(range),
        repo.sources(range, 1000),
      ]);
      const byCampaign = tally(conversions, (c) => c.campaign_id);
      const utm = new Map<string, number>();
      for (const s of sources)
        if (s.campaign) utm.set(s.campaign, (utm.get(s.campaign) ?? 0) + s.views);
      return {
        campaigns: [...byCampaign.entries()]
          .map(([campaignId, counts]) => ({ campaignId, ...counts }))
          .sort(
            (a, b) =>
              b.signups + b.paid - (a.signups + a.paid) ||
              String(a.campaignId).localeCompare(String(b.campaignId)),
          ),
        utmCampaigns: [...utm.entries()]
          .map(([campaign, views]) => ({ campaign, views }))
          .sort((a, b) => b.views - a.views || a.campaign.localeCompare(b.campaign)),
      };
    },

    /** `date,path,post_id,views,visitors,signups,paid`: one row per newsroom day and path. */
    async *exportCsv(input: RangeInput): AsyncGenerator<string> {
      const timeZone = await deps.timeZone();
      const range = await rangeOf(input);
      const [hours, visitors, conversions] = await Promise.all([
        repo.pathHours(range),
        repo.pathVisitors(range),
        repo.conversions(range),
      ]);
      const rows = new Map<
        string,
        {
          date: string;
          path: string;
          postId: string;
          views: number;
          visitors: number;
          signups: number;
          paid: number;
        }
      >();
      const rowOf = (date: string, path: string) => {
        const key = `${date}\n${path}`;
        let row = rows.get(key);
        if (!row)
          rows.set(
            key,
            (row = { date, path, postId: '', views: 0, visitors: 0, signups: 0, paid: 0 }),
          );
        return row;
      };
      for (const h of hours) {
        const row = rowOf(dayOfHour(h.hour, timeZone), h.path);
        row.views += h.views;
        row.postId = h.post_id ?? row.postId;
      }
      for (const v of visitors) rowOf(v.day, v.path).visitors += v.visitors;
      for (const c of conversions) {
        if (!c.path) continue;
        const row = rowOf(c.day, c.path);
        if (c.kind === 'paid') row.paid += 1;
        else row.signups += 1;
      }
      yield 'date,path,post_id,views,visitors,signups,paid\r\n';
      const sorted = [...rows.values()].sort(
        (a, b) => a.date.localeCompare(b.date) || a.path.localeCompare(b.path),
      );
      for (const r of sorted)
        yield `${[r.date, r.path, r.postId, String(r.views), String(r.visitors), String(r.signups), String(r.paid)].map(csvField).join(',')}\r\n`;
    },

    /** The most read published stories over the last 24 hours, 7 or 30 days (kept a minute). */
    async popular(period: '24h' | '7d' | '30d', limit = 10): Promise<PopularPost[]> {
      const now = deps.clock.now().getTime();
      const key = `${period}:${limit}`;
      const memo = popularMemo.get(key);
      if (memo && memo.until > now) return memo.posts;
      const hours = { '24h': 24, '7d': 168, '30d': 720 }[period];
      const from = new Date(now - hours * 3_600_000).toISOString().slice(0, 13);
      const to = new Date(now + 3_600_000).toISOString().slice(0, 13);
      const top = await repo.topPosts(
        { fromHour: from, toHour: to, fromDay: '', toDay: '', fromInstant: '', toInstant: '' },
        limit * 2,
      );
      const published = new Map(
        (await deps.posts.publishedByIds(top.map((p) => p.postId))).map((p) => [p.id, p]),
      );
      const posts = top
        .flatMap((p) => {
          const post = published.get(p.postId);
          return post
            ? [{ id: post.id, slug: post.slug, title: post.title, url: post.url, views: p.views }]
            : [];
        })
        .slice(0, limit);
      popularMemo.set(key, { until: now + 60_000, posts });
      return posts;
    },
  };
}
