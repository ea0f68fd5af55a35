import { sql, type Kysely } from 'kysely';
import type { AttemptStore } from './attempt-store.js';

/** The counters' table (migration 2026-12-05-0012-attempt-limits). Times are ISO strings. */
export interface AttemptLimitsTable {
  limit_key: string;
  used: number;
  reset_at: string;
}
export interface AttemptLimitsTables {
  attempt_limits: AttemptLimitsTable;
}

const iso = (ms: number) => new Date(ms).toISOString();
/** Expired rows are deleted once every this many takes (they already count for nothing). */
const sweepEvery = 500;

/**
 * Counters in SQL, decided by one statement: an upsert that starts a new window when the old one
 * ended, and otherwise increments only while under the limit (the conflict's WHERE). Both
 * SQLite (one writer at a time) and PostgreSQL (the conflicting row is locked and re-read) make
 * that one statement atomic, so a burst can never count past `max`. No row back means "full".
 */
export function createSqlAttemptStore(db: Kysely<AttemptLimitsTables>): AttemptStore {
  let takes = 0;
  return {
    async take({ key, max, windowMs, now }) {
      const nowIso = iso(now);
      const fresh = iso(now + windowMs);
      const result = await sql<{ used: number; reset_at: string }>`
        insert into attempt_limits (limit_key, used, reset_at)
        values (${key}, 1, ${fresh})
        on conflict (limit_key) do update set
          used = case when attempt_limits.reset_at <= ${nowIso} then 1
                      else attempt_limits.used + 1 end,
          reset_at = case when attempt_limits.reset_at <= ${nowIso} then ${fresh}
                          else attempt_limits.reset_at end
        where attempt_limits.reset_at <= ${nowIso} or attempt_limits.used < ${max}
        returning used, reset_at`.execute(db);
      if (++takes % sweepEvery === 0)
        await db.deleteFrom('attempt_limits').where('reset_at', '<=', nowIso).execute();
      const counted = result.rows[0];
      if (counted) return { isAllowed: true, resetAt: Date.parse(counted.reset_at) };
      const row = await db
        .selectFrom('attempt_limits')
        .select('reset_at')
        .where('limit_key', '=', key)
        .executeTakeFirst();
      return { isAllowed: false, resetAt: row ? Date.parse(row.reset_at) : now + windowMs };
    },
    async release({ key, resetAt }) {
      await db
        .updateTable('attempt_limits')
        .set((eb) => ({ used: eb('used', '-', 1) }))
        .where('limit_key', '=', key)
        .where('reset_at', '=', iso(resetAt))
        .where('used', '>', 0)
        .execute();
    },
    async clear(key) {
      await db.deleteFrom('attempt_limits').where('limit_key', '=', key).execute();
    },
    close: () => Promise.resolve(),
  };
}
