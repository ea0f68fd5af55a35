import type { Kysely, SelectQueryBuilder } from 'kysely';
import { dialectOf } from './dialect-sql.js';

/**
 * Work queues claimed by several processes: on PostgreSQL a claim's sub-select takes the rows it
 * picks with `FOR UPDATE SKIP LOCKED`, so a second claimer passes over rows another one is taking
 * instead of waiting for them (and then finding them gone). SQLite has no row locks and needs
 * none: its transactions begin IMMEDIATE (open-database.ts), so one writer claims at a time and
 * the claim's own `WHERE state = …` re-check is the whole compare-and-set.
 */
export function skipLockedRows<DB, TB extends keyof DB, O>(
  db: Pick<Kysely<unknown>, 'getExecutor'>,
  query: SelectQueryBuilder<DB, TB, O>,
): SelectQueryBuilder<DB, TB, O> {
  return dialectOf(db as Kysely<unknown>) === 'postgres' ? query.forUpdate().skipLocked() : query;
}

/**
 * A read that locks the rows it finds until the transaction ends, so two transactions that both
 * check-then-write the same thing take turns: `FOR UPDATE` on PostgreSQL. SQLite needs none:
 * its transactions begin IMMEDIATE, so the writer lock already serialises them from the start.
 */
export function forUpdate<DB, TB extends keyof DB, O>(
  db: Pick<Kysely<unknown>, 'getExecutor'>,
  query: SelectQueryBuilder<DB, TB, O>,
): SelectQueryBuilder<DB, TB, O> {
  return dialectOf(db as Kysely<unknown>) === 'postgres' ? query.forUpdate() : query;
}
