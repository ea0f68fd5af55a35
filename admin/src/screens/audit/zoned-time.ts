// A calendar day in the newsroom's time zone as a UTC instant, for the audit log's "since"
// filter: "since 3 March" means from midnight in the newsroom, not in the browser or in UTC.

/** How far (ms) the zone's clocks are ahead of UTC at `instant`. */
function offsetMs(instant: number, timeZone: string): number {
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone,
    hourCycle: 'h23',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
  }).formatToParts(new Date(instant));
  const get = (type: string) => Number(parts.find((p) => p.type === type)?.value ?? 0);
  const asUtc = Date.UTC(
    get('year'),
    get('month') - 1,
    get('day'),
    get('hour'),
    get('minute'),
    get('second'),
  );
  return asUtc - Math.floor(instant / 1000) * 1000;
}

/** `2026-03-03` at 00:00 in `timeZone` as an ISO UTC time; null for a malformed day. */
export function startOfDayUtc(day: string, timeZone: string | undefined): string | null {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(day);
  if (!match) return null;
  const wall = Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3]));
  if (!timeZone)
    return new Date(Number(match[1]), Number(match[2]) - 1, Number(match[3])).toISOString();
  // Twice: the offset at the first guess may differ from the offset at the answer (DST).
  const first = wall - offsetMs(wall, timeZone);
  return new Date(wall - offsetMs(first, timeZone)).toISOString();
}
