import { sql } from 'kysely';

// Member events and joins are counted per quarter hour of UTC and folded into the newsroom's
// days in code: every zone's offset is a whole number of quarter hours, so no slot straddles two
// local days, and the SQL stays the same on both databases (at most 96 rows a day, whatever the
// traffic). Times are stored as ISO-8601 UTC text, so the slot is read off the text.

/** The UTC hour of an ISO time column, as text: `2026-03-01T14`. */
export const hourOf = (column: string) => sql<string>`substr(${sql.ref(column)}, 1, 13)`;

/** The quarter (0–3) of that hour an ISO time column falls in. */
export const quarterOf = (column: string) =>
  sql<number | string>`cast(substr(${sql.ref(column)}, 15, 2) as integer) / 15`;

/** When a slot begins, in epoch milliseconds. */
export const slotStart = (hour: string, quarter: number | string) =>
  Date.parse(`${hour}:${String(Number(quarter) * 15).padStart(2, '0')}:00Z`);
