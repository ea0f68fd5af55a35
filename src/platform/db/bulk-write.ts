import { sql, type Kysely } from 'kysely';
import { dialectOf } from './dialect-sql.js';

/** 256 MiB of page cache (negative: KiB) while a bulk load runs; SQLite's default is 2 MiB. */
const bulkCacheKib = 256 * 1024;

/**
 * Runs a bulk write (the demo load, an import of a whole archive) with settings suited to it,
 * restored afterwards whatever happens. Each batch is still its own transaction, so an
 * interrupted load leaves whole batches, never half of one.
 *
 * - SQLite: a 256 MiB page cache (the default 2 MiB is re-read from disk all the time once the
 *   indexes of a million stories outgrow it) and `synchronous = OFF`: WAL checkpoints are not
 *   flushed to disk. A crash of the program still leaves a consistent file (WAL); only a crash of
 *   the machine could lose the last batches or worse, which a demo or an import can re-run.
 *   The journal stays WAL, so readers (a running server) are never blocked.
 * - PostgreSQL: nothing here; its settings are per connection of a pool, and the load's time
 *   is in the server's indexing, not its commits.
 */
export async function withBulkWriteSettings<DB, T>(
  db: Kysely<DB>,
  run: () => Promise<T>,
  /** A smaller cache where memory matters more than speed (imports: issue #15's 500 MB bar). */
  options: { cacheKib?: number } = {},
): Promise<T> {
  const untyped = db as unknown as Kysely<unknown>;
  if (dialectOf(untyped) === 'postgres') return run();
  const pragma = async (name: string) =>
    Object.values(
      (await sql.raw<Record<string, unknown>>(`pragma ${name}`).execute(untyped)).rows[0] ?? {},
    )[0];
  const cacheSize = Number(await pragma('cache_size'));
  const synchronous = Number(await pragma('synchronous'));
  const cacheKib = Math.max(2048, Math.trunc(options.cacheKib ?? bulkCacheKib));
  await sql.raw(`pragma cache_size = ${-cacheKib}`).execute(untyped);
  await sql.raw('pragma synchronous = OFF').execute(untyped);
  try {
    return await run();
  } finally {
    await sql.raw(`pragma synchronous = ${Math.trunc(synchronous)}`).execute(untyped);
    await sql.raw(`pragma cache_size = ${Math.trunc(cacheSize)}`).execute(untyped);
  }
}
