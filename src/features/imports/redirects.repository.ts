import type { Kysely } from 'kysely';
import type { ImportsTables, RedirectsTable } from './imports.table.js';

/** How a pattern redirect's `from_path` starts; no path does (paths start with `/`). */
export const patternPrefix = 're:';

/** What saving a list of redirects did (or, in a dry run, would do). */
export interface RedirectsSaved {
  created: number;
  updated: number;
  unchanged: number;
}

const slice = 200;

/** Old addresses and where they now live; looked up by primary key only. */
export function createRedirectsRepository(db: Kysely<ImportsTables>) {
  /**
   * Which rows are new, which change a stored redirect (another target, status or origin) and
   * which are stored already as they are. Rows must have distinct `from_path`s.
   */
  async function compare(
    trx: Kysely<ImportsTables>,
    rows: readonly RedirectsTable[],
  ): Promise<{ created: RedirectsTable[]; updated: RedirectsTable[]; unchanged: number }> {
    const result = {
      created: [] as RedirectsTable[],
      updated: [] as RedirectsTable[],
      unchanged: 0,
    };
    for (let i = 0; i < rows.length; i += slice) {
      const part = rows.slice(i, i + slice);
      const stored = await trx
        .selectFrom('redirects')
        .select(['from_path', 'to_path', 'status', 'origin'])
        .where(
          'from_path',
          'in',
          part.map((r) => r.from_path),
        )
        .execute();
      const byPath = new Map(stored.map((r) => [r.from_path, r]));
      for (const row of part) {
        const before = byPath.get(row.from_path);
        if (!before) result.created.push(row);
        else if (
          before.to_path === row.to_path &&
          Number(before.status) === row.status &&
          before.origin === row.origin
        )
          result.unchanged += 1;
        else result.updated.push(row);
      }
    }
    return result;
  }

  /** The last row for each address: an import that names one twice means the later. */
  const lastOfEach = (rows: readonly RedirectsTable[]): RedirectsTable[] => [
    ...new Map(rows.map((row) => [row.from_path, row])).values(),
  ];

  return {
    async find(fromPath: string): Promise<{ toPath: string; status: number } | undefined> {
      const row = await db
        .selectFrom('redirects')
        .select(['to_path', 'status'])
        .where('from_path', '=', fromPath)
        .executeTakeFirst();
      return row && { toPath: row.to_path, status: row.status };
    },
    /**
     * Adds new redirects and replaces changed ones (an import run again points the same old
     * address at the same page: that one is unchanged and not written), and says how many of
     * each. In one transaction, `trx`; with `dryRun`, only counts.
     */
    async save(
      trx: Kysely<ImportsTables>,
      rows: readonly RedirectsTable[],
      options: { dryRun?: boolean } = {},
    ): Promise<RedirectsSaved> {
      const { created, updated, unchanged } = await compare(trx, lastOfEach(rows));
      const changed = [...created, ...updated];
      for (let i = 0; i < changed.length && options.dryRun !== true; i += slice)
        await trx
          .insertInto('redirects')
          .values(changed.slice(i, i + slice))
          .onConflict((oc) =>
            oc.column('from_path').doUpdateSet((eb) => ({
              to_path: eb.ref('excluded.to_path'),
              status: eb.ref('excluded.status'),
              origin: eb.ref('excluded.origin'),
            })),
          )
          .execute();
      return { created: created.length, updated: updated.length, unchanged };
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
