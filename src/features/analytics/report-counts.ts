// Folding the stored rows into what the reports show: conversions counted per key, hourly
// rollups (UTC hours) folded into the newsroom's days.
import { dayInZone } from '../../shared/zoned-time.js';
import { daysBetween } from './report-range.js';

/** A conversion as the reports read it. */
export type Conversion = {
  kind: string;
  post_id: string | null;
  campaign_id: string | null;
  day: string;
  occurred_at: string;
};

/** Sign-ups and paid conversions per key (a story, a drive, a day, an hour). */
export const tally = (rows: readonly Conversion[], keyOf: (row: Conversion) => string | null) => {
  const counts = new Map<string | null, { signups: number; paid: number }>();
  for (const row of rows) {
    const key = keyOf(row);
    const entry = counts.get(key) ?? { signups: 0, paid: 0 };
    if (row.kind === 'paid') entry.paid += 1;
    else entry.signups += 1;
    counts.set(key, entry);
  }
  return counts;
};
export const zero = { signups: 0, paid: 0 };

/** The newsroom's date of a stored UTC hour (`2026-12-07T18`). */
export const dayOfHour = (hour: string, timeZone: string): string =>
  dayInZone(Date.parse(`${hour}:00:00Z`), timeZone);

/**
 * Every date of the range with its views (hourly rollups folded into the newsroom's days), daily
 * unique visitors and conversions: the daily series and a story's days.
 */
export function dailyCounts(input: {
  range: { from: string; to: string };
  timeZone: string;
  hours: ReadonlyArray<{ hour: string; views: number }>;
  visitors: ReadonlyArray<{ day: string; visitors: number }>;
  conversions: readonly Conversion[];
}) {
  const views = new Map<string, number>();
  for (const h of input.hours) {
    const day = dayOfHour(h.hour, input.timeZone);
    views.set(day, (views.get(day) ?? 0) + h.views);
  }
  const uniques = new Map(input.visitors.map((v) => [v.day, v.visitors]));
  const byDay = tally(input.conversions, (c) => c.day);
  return daysBetween(input.range.from, input.range.to).map((date) => ({
    date,
    views: views.get(date) ?? 0,
    visitors: uniques.get(date) ?? 0,
    ...(byDay.get(date) ?? zero),
  }));
}
