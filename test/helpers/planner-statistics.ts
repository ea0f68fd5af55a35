import { sql } from 'kysely';
import type { TestDatabase } from './test-database.js';

/**
 * How many rows the planner's statistics say `table` holds: the row count of its `sqlite_stat1`
 * entries (SQLite), or `pg_class.reltuples` when `pg_stats` has columns of it (PostgreSQL, in
 * the test's schema). Null when the table was never analyzed.
 */
export async function analyzedRows(database: TestDatabase, table: string): Promise<number | null> {
  if (database.dialect === 'sqlite') {
    const hasStatTable = await sql<{ n: number }>`
      select count(*) as n from sqlite_master where name = 'sqlite_stat1'`.execute(
      database.database.db,
    );
    if (Number(hasStatTable.rows[0]?.n ?? 0) === 0) return null;
    const rows = await sql<{ stat: string }>`
      select stat from sqlite_stat1 where tbl = ${table}`.execute(database.database.db);
    const first = rows.rows[0]?.stat.split(' ')[0];
    return first === undefined ? null : Number(first);
  }
  const stats = await sql<{ n: string }>`
    select count(*) as n from pg_stats
    where schemaname = current_schema() and tablename = ${table}`.execute(database.database.db);
  if (Number(stats.rows[0]?.n ?? 0) === 0) return null;
  const tuples = await sql<{ reltuples: number }>`
    select reltuples from pg_class where oid = to_regclass(${table})`.execute(database.database.db);
  return Number(tuples.rows[0]?.reltuples ?? Number.NaN);
}
