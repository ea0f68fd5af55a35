import type { Kysely } from 'kysely';
import { newId } from '../../platform/ids.js';
import type { MembersTables } from '../members/index.js';
import type { ImportedMember } from './member-csv.js';

type Db = Kysely<MembersTables>;

/** Rows per INSERT: 13 members columns × 1,000 stays below both databases' parameter limits. */
export const importBatchSize = 1000;

const chunks = <T>(items: readonly T[], size: number): T[][] => {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
};

/** Which of these values are already taken in a unique members column (indexed lookups, in chunks). */
export async function takenValues(
  db: Db,
  column: 'email' | 'stripe_customer_id',
  values: readonly string[],
): Promise<Set<string>> {
  const taken = new Set<string>();
  for (const chunk of chunks(values, importBatchSize)) {
    const rows = await db.selectFrom('members').select(column).where(column, 'in', chunk).execute();
    for (const r of rows) {
      const value = r[column];
      if (value !== null) taken.add(value);
    }
  }
  return taken;
}

/**
 * Inserts one batch of imported members with their `joined` (and `comped`) events and labels,
 * inside the caller's transaction, in four statements. An email taken meanwhile is left alone
 * (ON CONFLICT DO NOTHING) and not counted. Returns the members created.
 */
export async function insertImportBatch(
  trx: Db,
  batch: readonly ImportedMember[],
  at: string,
): Promise<number> {
  if (batch.length === 0) return 0;
  const rows = batch.map((m) => ({
    id: newId(),
    email: m.email,
    name: m.name,
    status: m.isComplimentary ? 'comped' : 'free',
    tier_id: null,
    access_until: null,
    note: m.note,
    subscribed_to_emails: m.subscribedToEmails ? 1 : 0,
    stripe_customer_id: m.stripeCustomerId,
    campaign_id: null,
    created_at: m.createdAt ?? at,
    updated_at: at,
    last_seen_at: null,
  }));
  await trx
    .insertInto('members')
    .values(rows)
    .onConflict((oc) => oc.column('email').doNothing())
    .execute();
  const mine = new Set(
    (
      await trx
        .selectFrom('members')
        .select('id')
        .where(
          'id',
          'in',
          rows.map((r) => r.id),
        )
        .execute()
    ).map((r) => r.id),
  );
  const created = rows
    .map((row, index) => ({ row, source: batch[index]! }))
    .filter(({ row }) => mine.has(row.id));
  if (created.length === 0) return 0;
  const events = created.flatMap(({ row, source }) => [
    {
      id: newId(),
      member_id: row.id,
      type: 'joined',
      data: JSON.stringify({ source: 'import' }),
      campaign_id: null,
      amount: null,
      currency: null,
      created_at: row.created_at,
    },
    ...(source.isComplimentary
      ? [
          {
            id: newId(),
            member_id: row.id,
            type: 'comped',
            data: JSON.stringify({ source: 'import', tierId: null, until: null }),
            campaign_id: null,
            amount: null,
            currency: null,
            created_at: at,
          },
        ]
      : []),
  ]);
  for (const chunk of chunks(events, importBatchSize)) {
    await trx.insertInto('member_events').values(chunk).execute();
  }
  const labels = created.flatMap(({ row, source }) =>
    source.labels.map((label) => ({ member_id: row.id, label })),
  );
  for (const chunk of chunks(labels, importBatchSize * 5)) {
    await trx.insertInto('member_labels').values(chunk).execute();
  }
  return created.length;
}
