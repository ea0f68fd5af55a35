/** Times as the newsroom shows them, in its own time zone: "10:48 AM", "November 2, 2023 3:42 PM". */
export function formatFeedTime(iso: string, options: { timezone: string; locale: string }): string {
  return new Intl.DateTimeFormat(options.locale, {
    hour: 'numeric',
    minute: '2-digit',
    timeZone: options.timezone,
  }).format(new Date(iso));
}

export function formatStoryTime(
  iso: string,
  options: { timezone: string; locale: string },
): string {
  const date = new Date(iso);
  const day = new Intl.DateTimeFormat(options.locale, {
    month: 'long',
    day: 'numeric',
    year: 'numeric',
    timeZone: options.timezone,
  }).format(date);
  return `${day} ${formatFeedTime(iso, options)}`;
}

/** The calendar day of a moment in the newsroom's zone, as `YYYY-MM-DD`. */
export function zonedDay(iso: string, timezone: string): string {
  return new Intl.DateTimeFormat('en-CA', {
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    timeZone: timezone,
  }).format(new Date(iso));
}

/** A News Feed day heading: "Thursday, January 15, 2026", in the newsroom's zone and locale. */
export function formatDayHeading(
  iso: string,
  options: { timezone: string; locale: string },
): string {
  return new Intl.DateTimeFormat(options.locale, {
    weekday: 'long',
    month: 'long',
    day: 'numeric',
    year: 'numeric',
    timeZone: options.timezone,
  }).format(new Date(iso));
}
