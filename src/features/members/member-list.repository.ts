import { sql, type Kysely, type SelectQueryBuilder, type Selectable } from 'kysely';
import { ilike, keysetAfter, likeEscape, likePattern } from '../../platform/db/index.js';
import { decodeCursor, pageOf, type Page } from '../../platform/pagination.js';
import type { MemberFilter } from '../../shared/contracts/member-admin.js';
import type { MembersTables } from './members.table.js';

type Db = Kysely<MembersTables>;
type MemberRow = Selectable<MembersTables['members']>;

/**
 * The filters staff use, as WHERE clauses over `members`. Status and join dates follow
 * members_status_created_idx / members_created_idx; a label is a semi-join on
 * member_labels_label_idx; `q` is a bound, escaped LIKE over email and name.
 */
function filteredMembers(db: Db, filter: MemberFilter) {
  let q: SelectQueryBuilder<MembersTables, 'members', object> = db.selectFrom('members');
  if (filter.status) q = q.where('members.status', '=', filter.status);
  if (filter.tier) q = q.where('members.tier_id', '=', filter.tier);
  if (filter.joinedFrom)
    q = q.where('members.created_at', '>=', new Date(filter.joinedFrom).toISOString());
  if (filter.joinedTo)
    q = q.where('members.created_at', '<', new Date(filter.joinedTo).toISOString());
  if (filter.label) {
    const label = filter.label;
    q = q.where('members.id', 'in', (eb) =>
      eb.selectFrom('member_labels').select('member_labels.member_id').where('label', '=', label),
    );
  }
  if (filter.q) {
    const pattern = sql`${likePattern(filter.q.toLowerCase())} ${likeEscape}`;
    const op = ilike(db);
    q = q.where((eb) =>
      eb.or([eb(sql`members.email`, op, pattern), eb(sql`members.name`, op, pattern)]),
    );
  }
  return q;
}

/** How many members match these filters. */
export async function countMembers(db: Db, filter: MemberFilter): Promise<number> {
  const row = await filteredMembers(db, filter)
    .select((eb) => eb.fn.countAll<number | string>().as('count'))
    .executeTakeFirstOrThrow();
  return Number(row.count);
}

/** One page of members, newest first, keyset-paginated on (created_at, id). */
export async function listMemberRows(
  db: Db,
  query: MemberFilter & { limit: number; cursor?: string | undefined },
): Promise<Page<MemberRow>> {
  let q = filteredMembers(db, query).selectAll('members');
  if (query.cursor) {
    const cursor = decodeCursor(query.cursor);
    q = q.where(
      keysetAfter({ key: 'members.created_at', id: 'members.id', cursor, order: 'desc' }),
    );
  }
  const rows = await q
    .orderBy('members.created_at', 'desc')
    .orderBy('members.id', 'desc')
    .limit(query.limit + 1)
    .execute();
  return pageOf(rows, query.limit, (row) => ({ key: row.created_at, id: row.id }));
}

/** A member's events, newest first, keyset-paginated on (created_at, id). */
export async function listMemberEventRows(
  db: Db,
  memberId: string,
  query: { limit: number; cursor?: string | undefined },
) {
  let q = db.selectFrom('member_events').selectAll().where('member_id', '=', memberId);
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
