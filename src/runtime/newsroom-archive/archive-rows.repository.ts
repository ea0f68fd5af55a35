import { sql, type Kysely } from 'kysely';
import type { AppTables } from '../app-database.js';
import type { ArchiveRow, ArchivedTable } from './archive-tables.js';

/** Any table by name: the archive walks tables it knows only as names and column lists. */
type AnyTables = Record<string, ArchiveRow>;
const loose = (db: Kysely<AppTables>) => db as unknown as Kysely<AnyTables>;

/**
 * One page of a table in key order, after `after` (the last row's key values). Row values
 * (`(a, b) > (x, y)`) keep a composite key's page an index range on both databases.
 */
export async function readPage(
  db: Kysely<AppTables>,
  table: ArchivedTable,
  after: readonly (string | number | null)[] | undefined,
  limit: number,
): Promise<ArchiveRow[]> {
  let query = loose(db).selectFrom(table.name).selectAll();
  if (after) {
    const keys = sql.join(table.key.map((column) => sql.ref(column)));
    const values = sql.join(after.map((value) => sql`${value}`));
    query = query.where(sql<boolean>`(${keys}) > (${values})`);
  }
  for (const column of table.key) query = query.orderBy(column);
  return query.limit(limit).execute();
}

/** Whether the table has any row. */
export async function hasRows(db: Kysely<AppTables>, table: string): Promise<boolean> {
  const found = await loose(db)
    .selectFrom(table)
    .select(sql`1`.as('one'))
    .limit(1)
    .execute();
  return found.length > 0;
}

/** Inserts rows (already in batches the caller sized) in one transaction. */
export async function insertRows(
  db: Kysely<AppTables>,
  table: string,
  rows: readonly ArchiveRow[],
): Promise<void> {
  if (rows.length === 0) return;
  await loose(db)
    .transaction()
    .execute(async (trx) => {
      await trx.insertInto(table).values(rows).execute();
    });
}

/** Every table of the database (views and engine tables included) with its columns. */
export async function tableColumns(db: Kysely<AppTables>): Promise<Map<string, Set<string>>> {
  const tables = await db.introspection.getTables();
  return new Map(
    tables.filter((t) => !t.isView).map((t) => [t.name, new Set(t.columns.map((c) => c.name))]),
  );
}

/** Posts in id order after `afterId`, with what the search index reads of them. */
export function postsForIndex(db: Kysely<AppTables>, afterId: string | null, limit: number) {
  let query = db
    .selectFrom('posts')
    .select([
      'id',
      'status',
      'kind',
      'published_at',
      'title',
      'dek',
      'visibility',
      'excerpt',
      'custom_excerpt',
      'body',
    ]);
  if (afterId !== null) query = query.where('id', '>', afterId);
  return query.orderBy('id').limit(limit).execute();
}
