import type { Kysely } from 'kysely';
import type { ImportsTables, RedirectsTable } from './imports.table.js';

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
    async count(): Promise<number> {
      const row = await db
        .selectFrom('redirects')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .executeTakeFirstOrThrow();
      return Number(row.n);
    },
  };
}
