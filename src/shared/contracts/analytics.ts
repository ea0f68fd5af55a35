import { z } from 'zod';
import { idSchema } from './common.js';

/**
 * First-party audience analytics (issue #16 §3): the beacon's input, the Admin API's reports
 * and the Content API's popular list. Dates are the newsroom's (its time zone); visitors are
 * sums of daily unique visitors; views are page views counted by the beacon.
 */

const boundedText = (field: string, max: number) =>
  z
    .string({ error: `${field} must be a string` })
    .max(max, `${field} must be at most ${max} characters`);

/** `POST /api/hit`: JSON or `text/plain` (navigator.sendBeacon) with the same fields. */
export const beaconSchema = z.strictObject({
  path: boundedText('path', 2000).min(1, 'path is required'),
  referrer: boundedText('referrer', 2000).optional(),
  /** The page's script saw Global Privacy Control or Do Not Track: no visitor hash. */
  dnt: z.boolean().optional(),
});
export type Beacon = z.infer<typeof beaconSchema>;

const date = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a date (YYYY-MM-DD)')
  .refine(
    (value) =>
      !Number.isNaN(Date.parse(`${value}T00:00:00Z`)) &&
      new Date(`${value}T00:00:00Z`).toISOString().startsWith(value),
    'must be a real date',
  );

/** `?from=&to=`: newsroom dates, both included; missing, the last 7 days up to today. */
export const analyticsRangeQuerySchema = z.strictObject({
  from: date.optional(),
  to: date.optional(),
});
export const analyticsSummaryQuerySchema = analyticsRangeQuerySchema.extend({
  /** How many top posts, referrers and sources (10 by default). */
  limit: z.coerce.number().int().min(1).max(100).default(10),
});
export const analyticsTimeseriesQuerySchema = analyticsRangeQuerySchema.extend({
  interval: z.enum(['hour', 'day']).default('day'),
});

const count = z.number().int().nonnegative();

export const topPostSchema = z.object({
  postId: idSchema,
  /** The story's headline now; null when it was deleted since (the path still names it). */
  title: z.string().nullable(),
  path: z.string(),
  views: count,
  visitors: count,
  signups: count,
  paid: count,
});
export const referrerCountSchema = z.object({ host: z.string(), views: count });
export const sourceCountSchema = z.object({
  source: z.string(),
  medium: z.string(),
  campaign: z.string(),
  views: count,
});
export const deviceCountSchema = z.object({
  device: z.enum(['mobile', 'tablet', 'desktop', 'other']),
  views: count,
});

export const analyticsSummarySchema = z.object({
  summary: z.object({
    from: z.string(),
    to: z.string(),
    views: count,
    visitors: count,
    signups: count,
    paid: count,
    topPosts: z.array(topPostSchema),
    referrers: z.array(referrerCountSchema),
    sources: z.array(sourceCountSchema),
    devices: z.array(deviceCountSchema),
  }),
});
export type AnalyticsSummary = z.infer<typeof analyticsSummarySchema>['summary'];

export const analyticsBucketSchema = z.object({
  /** A date (`2026-12-07`) for days; the hour's start as an ISO instant for hours. */
  start: z.string(),
  views: count,
  /** Daily uniques; null for hours (unique visitors are counted per day). */
  visitors: count.nullable(),
  signups: count,
  paid: count,
});
export const analyticsTimeseriesSchema = z.object({
  timeseries: z.object({
    from: z.string(),
    to: z.string(),
    interval: z.enum(['hour', 'day']),
    buckets: z.array(analyticsBucketSchema),
  }),
});
export type AnalyticsTimeseries = z.infer<typeof analyticsTimeseriesSchema>['timeseries'];

export const postAnalyticsSchema = z.object({
  post: z.object({
    postId: idSchema,
    from: z.string(),
    to: z.string(),
    views: count,
    visitors: count,
    signups: count,
    paid: count,
    days: z.array(
      z.object({ date: z.string(), views: count, visitors: count, signups: count, paid: count }),
    ),
  }),
});
export type PostAnalytics = z.infer<typeof postAnalyticsSchema>['post'];

export const campaignAnalyticsSchema = z.object({
  /** Conversions per drive (campaignId from the drive banner or message the reader followed; null: none). */
  campaigns: z.array(z.object({ campaignId: idSchema.nullable(), signups: count, paid: count })),
  /** Views per UTM campaign (links shared with `utm_campaign`). */
  utmCampaigns: z.array(z.object({ campaign: z.string(), views: count })),
});
export type CampaignAnalytics = z.infer<typeof campaignAnalyticsSchema>;

/** Content API: `?period=24h|7d|30d` (24h by default). */
export const popularQuerySchema = z.strictObject({
  /** The content key may come as `?key=`. */
  key: z.string().max(200).optional(),
  period: z.enum(['24h', '7d', '30d']).default('24h'),
  limit: z.coerce.number().int().min(1).max(20).default(10),
});
export const popularPostSchema = z.object({
  id: idSchema,
  slug: z.string(),
  title: z.string(),
  url: z.string(),
  views: count,
});
export const popularPostsSchema = z.object({ posts: z.array(popularPostSchema) });
export type PopularPost = z.infer<typeof popularPostSchema>;
