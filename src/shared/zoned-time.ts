// Wall-clock times in the newsroom's time zone, whatever zone the browser or server is in: an
// editor in Lisbon scheduling for a Kyiv newsroom types Kyiv time, and the dashboard's days are
// Kyiv days. Pure Intl, no date library; shared by the admin and the server.

const formats = new Map<string, Intl.DateTimeFormat>();
/** One formatter per zone: building one costs far more than using it (charts fold thousands). */
function partsFormat(timeZone: string): Intl.DateTimeFormat {
  let format = formats.get(timeZone);
  if (!format) {
    format = newPartsFormat(timeZone);
    formats.set(timeZone, format);
  }
  return format;
}

const newPartsFormat = (timeZone: string) =>
  new Intl.DateTimeFormat('en-US', {
    timeZone,
    hourCycle: 'h23',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
  });

/** The zone's wall clock at `instant`, as milliseconds of a UTC date with the same fields. */
function wallClockMs(instant: number, timeZone: string): number {
  const parts: Record<string, number> = {};
  for (const p of partsFormat(timeZone).formatToParts(new Date(instant)))
    if (p.type !== 'literal') parts[p.type] = Number(p.value);
  return Date.UTC(
    parts.year ?? 1970,
    (parts.month ?? 1) - 1,
    parts.day ?? 1,
    parts.hour ?? 0,
    parts.minute ?? 0,
    parts.second ?? 0,
  );
}

/** `2026-11-27T18:30` (an `<input type="datetime-local">` value) for `instant` in `timeZone`. */
export function toZonedInput(instant: Date, timeZone: string): string {
  return new Date(wallClockMs(instant.getTime(), timeZone)).toISOString().slice(0, 16);
}

/**
 * The instant whose wall clock in `timeZone` reads `value` (`2026-11-27T18:30`), or null when the
 * value is not a date-time. A time skipped by a clock change resolves to the instant after it.
 */
export function fromZonedInput(value: string, timeZone: string): Date | null {
  const match = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2}))?$/.exec(value);
  if (!match) return null;
  const [y, mo, d, h, mi, s] = match.slice(1).map((part) => Number(part ?? 0));
  const wanted = Date.UTC(y ?? 0, (mo ?? 1) - 1, d ?? 1, h ?? 0, mi ?? 0, s ?? 0);
  if (Number.isNaN(wanted)) return null;
  // Two passes settle the offset, the second one correcting across a clock change.
  let guess = wanted - (wallClockMs(wanted, timeZone) - wanted);
  guess = wanted - (wallClockMs(guess, timeZone) - guess);
  return new Date(guess);
}

/** `Europe/Kyiv (UTC+02:00)` for labels. */
export function zoneLabel(timeZone: string, at = new Date()): string {
  const offsetMinutes = Math.round((wallClockMs(at.getTime(), timeZone) - at.getTime()) / 60_000);
  const sign = offsetMinutes < 0 ? '−' : '+';
  const abs = Math.abs(offsetMinutes);
  const hh = String(Math.floor(abs / 60)).padStart(2, '0');
  const mm = String(abs % 60).padStart(2, '0');
  return `${timeZone} (UTC${sign}${hh}:${mm})`;
}

/** ISO 8601 with the zone's offset, e.g. `2026-11-27T18:30:00+02:00` (what the API takes). */
export function toOffsetIso(instant: Date, timeZone: string): string {
  const wall = wallClockMs(instant.getTime(), timeZone);
  const offsetMinutes = Math.round((wall - instant.getTime()) / 60_000);
  const sign = offsetMinutes < 0 ? '-' : '+';
  const abs = Math.abs(offsetMinutes);
  const offset = `${sign}${String(Math.floor(abs / 60)).padStart(2, '0')}:${String(abs % 60).padStart(2, '0')}`;
  return `${new Date(wall).toISOString().slice(0, 19)}${offset}`;
}

/**
 * `2026-03-03` at 00:00 in `timeZone` as an ISO UTC time (the browser's zone when none is
 * known yet); null for a malformed day. "Since 3 March" means from midnight in the newsroom.
 */
export function startOfDayUtc(day: string, timeZone: string | undefined): string | null {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(day)) return null;
  const zone = timeZone ?? Intl.DateTimeFormat().resolvedOptions().timeZone;
  return fromZonedInput(`${day}T00:00`, zone)?.toISOString() ?? null;
}

/** The calendar day (`YYYY-MM-DD`) in `timeZone` at `instant`. */
export function dayInZone(instant: Date | number, timeZone: string): string {
  return new Date(wallClockMs(Number(instant), timeZone)).toISOString().slice(0, 10);
}

/** The calendar day after `day` (`YYYY-MM-DD`). */
export function nextDay(day: string): string {
  return addDays(day, 1);
}

/** The calendar day `days` after `day` (before it when negative); no zone is involved. */
export function addDays(day: string, days: number): string {
  return new Date(Date.parse(`${day}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
}
