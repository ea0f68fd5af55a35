import { validationError } from '../../platform/errors.js';
import { addDays, dayInZone, nextDay, startOfDayUtc } from '../../shared/zoned-time.js';
import type { ReportRange } from './analytics-reports.repository.js';

/** Every date from `from` to `to`, both included. */
export function daysBetween(from: string, to: string): string[] {
  const days: string[] = [];
  for (let day = from; day <= to; day = nextDay(day)) days.push(day);
  return days;
}

/** The instant the newsroom's `day` starts (ISO, UTC); 400 naming `from` for a date that is not one. */
const startOf = (day: string, timeZone: string): string => {
  const start = startOfDayUtc(day, timeZone);
  if (!start) throw validationError([{ field: 'from', message: 'must be a date (YYYY-MM-DD)' }]);
  return start;
};

/**
 * The stored keys of the newsroom dates `from`…`to` (both included): UTC hours from the first
 * day's local midnight to the midnight after the last, the same dates for daily uniques.
 * Missing dates: the last 7 days up to today. 400 naming the field when `to` is before `from`
 * or the range is longer than `maxDays`.
 */
export function reportRange(input: {
  from?: string | undefined;
  to?: string | undefined;
  timeZone: string;
  now: Date;
  maxDays: number;
}): ReportRange & { from: string; to: string } {
  const to = input.to ?? dayInZone(input.now, input.timeZone);
  const from = input.from ?? addDays(to, -6);
  if (to < from) throw validationError([{ field: 'to', message: 'must not be before from' }]);
  if (addDays(from, input.maxDays - 1) < to)
    throw validationError([
      { field: 'to', message: `the range may cover at most ${input.maxDays} days` },
    ]);
  const start = startOf(from, input.timeZone);
  const end = startOf(nextDay(to), input.timeZone);
  return {
    from,
    to,
    fromDay: from,
    toDay: to,
    fromHour: start.slice(0, 13),
    toHour: end.slice(0, 13),
    fromInstant: start,
    toInstant: end,
  };
}
