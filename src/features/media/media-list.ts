import { sql, type Kysely, type Selectable } from 'kysely';
import { ilike, keysetAfter, likeEscape, likePattern } from '../../platform/db/index.js';
import { decodeCursor, pageOf, type Page } from '../../platform/pagination.js';
import type { MediaListQuery } from '../../shared/contracts/media.js';
import type { MediaTable, MediaTables } from './media.table.js';

/**
 * The media library, newest first, keyset-paginated on (created_at, id) — the order of
 * media_created_idx, read backwards. `q` is a bound, escaped LIKE pattern over alt text,
 * caption, credit and original file name (case-insensitive on both databases).
 */
export async function listMediaRows(
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
