import type { Kysely, Selectable } from 'kysely';
import type { Member, MemberEvent, MemberEventType, MemberStatus } from './member.js';
import type { MemberEventsTable, MembersTable, MembersTables } from './members.table.js';

export type MembersDb = Kysely<MembersTables>;

export const toMember = (row: Selectable<MembersTable>, labels: string[] = []): Member => ({
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

export const toMemberEvent = (row: Selectable<MemberEventsTable>): MemberEvent => ({
  id: row.id,
  memberId: row.member_id,
  type: row.type as MemberEventType,
  data: JSON.parse(row.data) as Record<string, unknown>,
  campaignId: row.campaign_id,
  amount: row.amount,
  currency: row.currency,
  createdAt: row.created_at,
});

/** Members with their labels, in a fixed number of queries. */
export async function loadMembers(
  db: MembersDb,
  rows: Array<Selectable<MembersTable>>,
): Promise<Member[]> {
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
