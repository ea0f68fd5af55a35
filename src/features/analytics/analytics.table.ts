/** Kysely table types of the analytics feature (runtime only; see the 1710 migration). */
export interface AnalyticsHitsTable {
  id: string;
  occurred_at: string;
  day: string;
  path: string;
  post_id: string | null;
  referrer_host: string;
  utm_source: string;
  utm_medium: string;
  utm_campaign: string;
  device: string;
  visitor: string | null;
}

export interface AnalyticsPathHoursTable {
  hour: string;
  path: string;
  post_id: string | null;
  views: number;
}

export interface AnalyticsReferrerHoursTable {
  hour: string;
  host: string;
  views: number;
}

export interface AnalyticsSourceHoursTable {
  hour: string;
  source: string;
  medium: string;
  campaign: string;
  views: number;
}

export interface AnalyticsDeviceHoursTable {
  hour: string;
  device: string;
  views: number;
}

export interface AnalyticsDayVisitorsTable {
  day: string;
  /** '*' counts the whole site. */
  path: string;
  post_id: string | null;
  visitors: number;
}

export interface AnalyticsDaySeenTable {
  day: string;
  path: string;
  visitor: string;
}

export interface AnalyticsSaltsTable {
  day: string;
  salt: string;
}

export interface AnalyticsConversionsTable {
  id: string;
  occurred_at: string;
  day: string;
  kind: string;
  path: string | null;
  post_id: string | null;
  campaign_id: string | null;
}

export interface AnalyticsTables {
  analytics_hits: AnalyticsHitsTable;
  analytics_path_hours: AnalyticsPathHoursTable;
  analytics_referrer_hours: AnalyticsReferrerHoursTable;
  analytics_source_hours: AnalyticsSourceHoursTable;
  analytics_device_hours: AnalyticsDeviceHoursTable;
  analytics_day_visitors: AnalyticsDayVisitorsTable;
  analytics_day_seen: AnalyticsDaySeenTable;
  analytics_salts: AnalyticsSaltsTable;
  analytics_conversions: AnalyticsConversionsTable;
}

/** Every analytics table (the privacy test searches each for IP addresses and user agents). */
export const analyticsTableNames = [
  'analytics_hits',
  'analytics_path_hours',
  'analytics_referrer_hours',
  'analytics_source_hours',
  'analytics_device_hours',
  'analytics_day_visitors',
  'analytics_day_seen',
  'analytics_salts',
  'analytics_conversions',
] as const satisfies ReadonlyArray<keyof AnalyticsTables>;
