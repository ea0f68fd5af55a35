import { sql, type Kysely } from 'kysely';
import { dialectOf } from './dialect-sql.js';

/**
 * Refreshes the query planner's statistics after a bulk write (a demo load, an import), so the
 * next queries are planned for the table sizes just written. Without them, both planners guessed
 * wrong on a freshly loaded archive: the home page took 1.7 s at 1M stories until an ANALYZE,
 * then 18 ms (issue #14).
 *
 * - PostgreSQL: `ANALYZE` of the named tables (the written ones only: a database-wide ANALYZE
 *   would also sample every other schema). Autovacuum would get there, but minutes later.
 * - SQLite: `PRAGMA optimize=0x10002`. Plain `PRAGMA optimize` (mask 0xfffe) analyzes a table only
 *   if this connection's queries used its indexes, so it skips a table the load only wrote to;
 *   0x10000 makes it check every table. It then analyzes the tables never analyzed and those
 *   grown 25-fold since their last analysis, under a temporary `analysis_limit`, so it stays
 *   quick on a large file (SQLite 3.46+, "PRAGMA optimize"). SQLite analyzes per database, so
 *   `tables` is not needed there.
 */
export async function refreshPlannerStatistics<DB>(
  db: Kysely<DB>,
  tables: readonly string[],
): Promise<void> {
  const untyped = db as unknown as Kysely<unknown>;
  if (dialectOf(untyped) === 'postgres') {
    if (tables.length === 0) return;
    await sql`analyze ${sql.join(tables.map((table) => sql.id(table)))}`.execute(untyped);
    return;
  }
  await sql`pragma optimize=0x10002`.execute(untyped);
}
