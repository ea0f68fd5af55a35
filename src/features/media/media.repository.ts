import { sql, type Kysely, type Selectable } from 'kysely';
import { ilike, keysetAfter, likeEscape, likePattern } from '../../platform/db/index.js';
import { decodeCursor, pageOf, type Page } from '../../platform/pagination.js';
import type { MediaListQuery } from '../../shared/contracts/media.js';
import type { MediaTable, MediaTables } from './media.table.js';

/** The media table's SQL. Writes that record events take the caller's transaction. */
export function createMediaRepository(db: Kysely<MediaTables>) {
  return {
    findById(id: string) {
      return db.selectFrom('media').selectAll().where('id', '=', id).executeTakeFirst();
    },
    /** Where an item's original is kept, for serving it and its resized copies. */
    findFile(id: string) {
      return db
        .selectFrom('media')
        .select(['storage_key', 'mime', 'width'])
        .where('id', '=', id)
        .executeTakeFirst();
    },
    /** The files of every item, in id order from after `afterId` (the primary key's index). */
    filesAfter(afterId: string | undefined, limit: number) {
      let q = db.selectFrom('media').select(['id', 'storage_key', 'width']);
      if (afterId !== undefined) q = q.where('id', '>', afterId);
      return q.orderBy('id').limit(limit).execute();
    },
    async count(): Promise<number> {
      const row = await db
        .selectFrom('media')
        .select((eb) => eb.fn.countAll<number | string>().as('n'))
        .executeTakeFirstOrThrow();
      return Number(row.n);
    },
    findByIds(ids: readonly string[]) {
      if (ids.length === 0) return Promise.resolve([]);
      return db.selectFrom('media').selectAll().where('id', 'in', ids).execute();
    },
    findByHash(hash: string) {
      return db.selectFrom('media').selectAll().where('hash', '=', hash).executeTakeFirst();
    },
    async insert(row: MediaTable): Promise<void> {
      await db.insertInto('media').values(row).execute();
    },
    /** Returns whether the item exists (and so was updated). */
    async updateMeta(
      id: string,
      set: Partial<Pick<MediaTable, 'alt' | 'caption' | 'credit' | 'focal_x' | 'focal_y'>>,
      trx: Kysely<MediaTables>,
    ): Promise<boolean> {
      const result = await trx
        .updateTable('media')
        .set(set)
        .where('id', '=', id)
        .executeTakeFirst();
      return Number(result.numUpdatedRows) > 0;
    },
    /** Deletes the items and returns what their files were. */
    async deleteMany(ids: readonly string[], trx: Kysely<MediaTables>) {
      // One statement: the rows returned are exactly the rows deleted.
      return trx
        .deleteFrom('media')
        .where('id', 'in', ids)
        .returning(['id', 'storage_key', 'width'])
        .execute();
    },
    list: (query: MediaListQuery) => listMediaRows(db, query),
  };
}

/**
 * The media library, newest first, keyset-paginated on (created_at, id) — the order of
 * media_created_idx, read backwards. `q` is a bound, escaped LIKE pattern over alt text,
 * caption, credit and original file name (case-insensitive on both databases).
 */
async function listMediaRows(
  db: Kysely<MediaTables>,
  query: MediaListQuery,
): Promise<Page<Selectable<MediaTable>>> {
  let q = db.selectFrom('media').selectAll();
  if (query.q) {
    const pattern = sql`${likePattern(query.q)} ${likeEscape}`;
    const op = ilike(db);
    q = q.where((eb) =>
      eb.or([
        eb(sql`media.alt`, op, pattern),
        eb(sql`media.caption`, op, pattern),
        eb(sql`media.credit`, op, pattern),
        eb(sql`media.original_name`, op, pattern),
      ]),
    );
  }
  if (query.cursor) {
    const cursor = decodeCursor(query.cursor);
    q = q.where(keysetAfter({ key: 'created_at', id: 'id', cursor, order: 'desc' }));
  }
  const rows = await q
    .orderBy('created_at', 'desc')
    .orderBy('id', 'desc')
    .limit(query.limit + 1)
    .execute();
  return pageOf(rows, query.limit, (row) => ({ key: row.created_at, id: row.id }));
}
