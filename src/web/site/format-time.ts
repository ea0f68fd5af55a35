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
