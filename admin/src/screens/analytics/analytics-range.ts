// The Analytics screen's date range: presets counted back from today in the newsroom's zone, or
// two dates the user picks. The API takes newsroom dates (both included), so every range is made
// of whole newsroom days.
import { dayInZone } from '@shared/zoned-time.js';

export type RangePreset = '1d' | '7d' | '30d' | 'custom';

export interface DateRange {
  from: string;
  to: string;
}

export const presetLabels: Record<RangePreset, string> = {
  '1d': 'Today',
  '7d': 'Last 7 days',
  '30d': 'Last 30 days',
  custom: 'Custom',
};

/** `day` moved by `days` (negative: back). */
export function addDays(day: string, days: number): string {
  return new Date(Date.parse(`${day}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
}

/** The dates of a preset, ending today in the newsroom's zone. */
export function presetRange(
  preset: Exclude<RangePreset, 'custom'>,
  timeZone: string,
  now = Date.now(),
): DateRange {
  const today = dayInZone(now, timeZone);
  const days = preset === '1d' ? 1 : preset === '7d' ? 7 : 30;
  return { from: addDays(today, -(days - 1)), to: today };
}

/** A problem with a custom range, or null (the API allows up to 366 days). */
export function rangeProblem(range: DateRange): string | null {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(range.from)) return 'Choose the first day.';
  if (!/^\d{4}-\d{2}-\d{2}$/.test(range.to)) return 'Choose the last day.';
  if (range.to < range.from) return 'The last day must not be before the first.';
  const days = (Date.parse(range.to) - Date.parse(range.from)) / 86_400_000 + 1;
  if (days > 366) return 'Choose at most 366 days.';
  return null;
}

/** One day is shown per hour, longer ranges per day. */
export const intervalOf = (range: DateRange): 'hour' | 'day' =>
  range.from === range.to ? 'hour' : 'day';
