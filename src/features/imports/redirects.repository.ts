import type { Kysely } from 'kysely';
import type { ImportsTables, RedirectsTable } from './imports.table.js';

/** How a pattern redirect's `from_path` starts; no path does (paths start with `/`). */
export const patternPrefix = 're:';

/** Old addresses and where they now live; looked up by primary key only. */
export function createRedirectsRepository(db: Kysely<ImportsTables>) {
  return {
    async find(fromPath: string): Promise<{ toPath: string; status: number } | undefined> {
      const row = await db
        .selectFrom('redirects')
        .select(['to_path', 'status'])
        .where('from_path', '=', fromPath)
        .executeTakeFirst();
      return row && { toPath: row.to_path, status: row.status };
    },
    /** Adds or replaces (an import run again points the same old address at the same page). */
    async save(trx: Kysely<ImportsTables>, rows: readonly RedirectsTable[]): Promise<void> {
      for (let i = 0; i < rows.length; i += 200)
        await trx
          .insertInto('redirects')
          .values(rows.slice(i, i + 200))
          .onConflict((oc) =>
            oc.column('from_path').doUpdateSet((eb) => ({
              to_path: eb.ref('excluded.to_path'),
              status: eb.ref('excluded.status'),
              origin: eb.ref('excluded.origin'),
            })),
          )
          .execute();
    },
    /** Pattern redirects (stored as `re:<pattern>`): a primary-key range, at most 1,000. */
    async patterns(): Promise<Array<{ pattern: string; to: string; status: number }>> {
      const rows = await db
        .selectFrom('redirects')
        .select(['from_path', 'to_path', 'status'])
        .where('from_path', '>=', patternPrefix)
        .where('from_path', '<', 're;')
        .orderBy('from_path')
        .limit(1000)
        .execute();
      return rows.map((r) => ({
        pattern: r.from_path.slice(patternPrefix.length),
        to: r.to_path,
        status: r.status,
      }));
    },
    async count(): Promise<number> {
      const row = await db
        .selectFrom('redirects')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .executeTakeFirstOrThrow();
      return Number(row.n);
    },
  };
}
