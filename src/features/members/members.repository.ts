import type { Insertable, Kysely, Selectable, Updateable } from 'kysely';
import { z } from 'zod';
import { parseStoredJson } from '../../platform/db/index.js';
import type { Member, MemberEvent, MemberEventType, MemberStatus } from './member.js';
import type { MemberEventsTable, MembersTable, MembersTables } from './members.table.js';

export type MembersDb = Kysely<MembersTables>;
type MemberRow = Selectable<MembersTable>;

const toMember = (row: MemberRow, labels: string[] = []): Member => ({
  id: row.id,
  email: row.email,
  name: row.name,
  status: row.status as MemberStatus,
  tierId: row.tier_id,
  accessUntil: row.access_until,
  note: row.note,
  subscribedToEmails: row.subscribed_to_emails === 1,
  stripeCustomerId: row.stripe_customer_id,
  campaignId: row.campaign_id,
  labels,
  createdAt: row.created_at,
  updatedAt: row.updated_at,
});

/** An event's data as stored: a JSON object; anything else (an unreadable row) reads as {}. */
const eventDataSchema = z.record(z.string(), z.unknown()).catch({});

export const toMemberEvent = (row: Selectable<MemberEventsTable>): MemberEvent => ({
  id: row.id,
  memberId: row.member_id,
  type: row.type as MemberEventType,
  data: parseStoredJson(eventDataSchema, row.data),
  campaignId: row.campaign_id,
  amount: row.amount,
  currency: row.currency,
  createdAt: row.created_at,
});

/** Members with their labels, in a fixed number of queries. */
export async function loadMembers(db: MembersDb, rows: MemberRow[]): Promise<Member[]> {
  if (rows.length === 0) return [];
  const labels = await db
    .selectFrom('member_labels')
    .select(['member_id', 'label'])
    .where(
      'member_id',
      'in',
      rows.map((r) => r.id),
    )
    .orderBy('label')
    .execute();
  const byMember = new Map<string, string[]>();
  for (const l of labels)
    byMember.set(l.member_id, [...(byMember.get(l.member_id) ?? []), l.label]);
  return rows.map((r) => toMember(r, byMember.get(r.id) ?? []));
}

/** The one member whose unique column holds this value, with their labels. */
export async function loadMemberBy(
  db: MembersDb,
  column: 'id' | 'email' | 'stripe_customer_id',
  value: string,
): Promise<Member | undefined> {
  const row = await db
    .selectFrom('members')
    .selectAll()
    .where(column, '=', value)
    .executeTakeFirst();
  return row ? (await loadMembers(db, [row]))[0] : undefined;
}

/** SQL over members and their events and labels, for the members services. */
export const membersRepository = {
  /** Inserts a member unless the email is taken (by another writer meanwhile, too). */
  insertIfNew: (db: MembersDb, row: Insertable<MembersTable>) =>
    db
      .insertInto('members')
      .values(row)
      .onConflict((oc) => oc.column('email').doNothing())
      .execute(),

  insertEvent: (db: MembersDb, row: Insertable<MemberEventsTable>) =>
    db.insertInto('member_events').values(row).execute(),

  update: (db: MembersDb, id: string, changes: Updateable<MembersTable>) =>
    db.updateTable('members').set(changes).where('id', '=', id).execute(),

  async isEmailTaken(db: MembersDb, email: string): Promise<boolean> {
    const row = await db
      .selectFrom('members')
      .select('id')
      .where('email', '=', email)
      .executeTakeFirst();
    return row !== undefined;
  },

  /**
   * Holds the member's row until the transaction ends (a no-op update: a row lock on
   * PostgreSQL; SQLite writes one transaction at a time anyway).
   */
  lock: (db: MembersDb, id: string) =>
    db
      .updateTable('members')
      .set((eb) => ({ updated_at: eb.ref('updated_at') }))
      .where('id', '=', id)
      .execute(),

  async replaceLabels(db: MembersDb, memberId: string, labels: readonly string[]): Promise<void> {
    await db.deleteFrom('member_labels').where('member_id', '=', memberId).execute();
    const unique = [...new Set(labels.map((l) => l.trim()))];
    if (unique.length > 0)
      await db
        .insertInto('member_labels')
        .values(unique.map((label) => ({ member_id: memberId, label })))
        .execute();
  },

  /** A member's latest events, newest first. */
  async latestEvents(db: MembersDb, memberId: string, limit: number): Promise<MemberEvent[]> {
    const rows = await db
      .selectFrom('member_events')
      .selectAll()
      .where('member_id', '=', memberId)
      .orderBy('created_at', 'desc')
      .orderBy('id', 'desc')
      .limit(limit)
      .execute();
    return rows.map(toMemberEvent);
  },

  /** Deletes a member (events, sessions, labels cascade); false when there was none. */
  async delete(db: MembersDb, id: string): Promise<boolean> {
    const result = await db.deleteFrom('members').where('id', '=', id).executeTakeFirst();
    return Number(result.numDeletedRows) > 0;
  },
};
