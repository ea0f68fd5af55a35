import { sql, type Kysely } from 'kysely';
import { newId } from '../../platform/ids.js';
import type { MembersTables } from './members.table.js';
import type { ImportedMember, ImportedSubscriptions, MemberChanges } from './member-csv.js';

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
 * (ON CONFLICT DO NOTHING) and not returned. Returns the rows that created a member, with the
 * new member's id.
 */
export async function insertImportBatch(
  trx: Db,
  batch: readonly ImportedMember[],
  at: string,
): Promise<{ member: ImportedMember; id: string }[]> {
  if (batch.length === 0) return [];
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
  if (created.length === 0) return [];
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
  return created.map(({ row, source }) => ({ member: source, id: row.id }));
}

/** The API names of what an import row changes on a member, as a staff edit records them. */
type ChangedField = keyof MemberChanges | 'newsletters';

const changedFields = (
  current: { name: string; note: string; subscribedToEmails: boolean; labels: string[] },
  changes: MemberChanges,
): ChangedField[] => {
  const sameLabels = (a: readonly string[], b: readonly string[]) =>
    a.length === b.length && [...a].sort().join('\u0000') === [...b].sort().join('\u0000');
  return [
    ...(changes.name !== undefined && changes.name !== current.name ? (['name'] as const) : []),
    ...(changes.note !== undefined && changes.note !== current.note ? (['note'] as const) : []),
    ...(changes.subscribedToEmails !== undefined &&
    changes.subscribedToEmails !== current.subscribedToEmails
      ? (['subscribedToEmails'] as const)
      : []),
    ...(changes.labels !== undefined && !sameLabels(changes.labels, current.labels)
      ? (['labels'] as const)
      : []),
  ];
};

/**
 * Applies one batch of import rows to the members who have their emails, inside the caller's
 * transaction: only what differs is written (name, note, newsletter, labels; never status,
 * Stripe customer or join date), with an `updated` member event naming the changed fields like a
 * staff edit. Members are read here, in the transaction, so one deleted since the file was
 * checked is reported `missing` rather than written. `applyNewsletters` (when lists are wired
 * in) sets the newsletters of the rows that name some (a `newsletters` cell, or an explicit
 * `subscribed_to_emails=false`) and returns the members whose lists changed: those count as
 * updated, with `newsletters` among the changed fields.
 */
export async function updateImportBatch(
  trx: Db,
  batch: readonly ImportedMember[],
  options: {
    at: string;
    actor: string;
    applyNewsletters?:
      ((rows: ImportedSubscriptions[]) => Promise<ReadonlySet<string>>) | undefined;
  },
): Promise<{ updated: number; unchanged: number; missing: ImportedMember[] }> {
  if (batch.length === 0) return { updated: 0, unchanged: 0, missing: [] };
  const members = await trx
    .selectFrom('members')
    .select(['id', 'email', 'name', 'note', 'subscribed_to_emails'])
    .where(
      'email',
      'in',
      batch.map((m) => m.email),
    )
    .execute();
  const labelsOf = new Map<string, string[]>();
  for (const chunk of chunks(
    members.map((m) => m.id),
    importBatchSize,
  )) {
    const rows = await trx
      .selectFrom('member_labels')
      .select(['member_id', 'label'])
      .where('member_id', 'in', chunk)
      .execute();
    for (const r of rows)
      labelsOf.set(r.member_id, [...(labelsOf.get(r.member_id) ?? []), r.label]);
  }
  const byEmail = new Map(members.map((m) => [m.email, m]));
  const relisted = options.applyNewsletters
    ? await options.applyNewsletters(
        batch.flatMap((source) => {
          const member = byEmail.get(source.email);
          const says = source.changes.subscribedToEmails;
          if (!member || (source.newsletters === undefined && says !== false)) return [];
          return [
            {
              memberId: member.id,
              slugs: source.newsletters,
              subscribedToEmails: says,
              isNew: false,
              hasPaidAccess: false, // only new members get default lists, which depend on it
            },
          ];
        }),
      )
    : new Set<string>();
  const missing: ImportedMember[] = [];
  const changed: { id: string; source: ImportedMember; fields: ChangedField[] }[] = [];
  for (const source of batch) {
    const member = byEmail.get(source.email);
    if (!member) {
      missing.push(source);
      continue;
    }
    const fields = changedFields(
      {
        name: member.name,
        note: member.note,
        subscribedToEmails: member.subscribed_to_emails === 1,
        labels: labelsOf.get(member.id) ?? [],
      },
      source.changes,
    );
    if (relisted.has(member.id)) fields.push('newsletters');
    if (fields.length > 0) changed.push({ id: member.id, source, fields });
  }
  // One UPDATE for the batch (not one per member: 100,000 round trips would hold the import's
  // transaction for minutes on PostgreSQL): each column is a CASE over the ids that change it.
  if (changed.length > 0) {
    const column = (
      name: 'name' | 'note' | 'subscribed_to_emails',
      field: ChangedField,
      value: (changes: MemberChanges) => string | number,
    ) => {
      const cases = changed.filter((c) => c.fields.includes(field));
      if (cases.length === 0) return {};
      const whens = cases.map((c) => sql`when ${c.id} then ${value(c.source.changes)}`);
      return { [name]: sql`case id ${sql.join(whens, sql` `)} else ${sql.ref(name)} end` };
    };
    await trx
      .updateTable('members')
      .set({
        ...column('name', 'name', (c) => c.name ?? ''),
        ...column('note', 'note', (c) => c.note ?? ''),
        ...column('subscribed_to_emails', 'subscribedToEmails', (c) =>
          c.subscribedToEmails ? 1 : 0,
        ),
        updated_at: options.at,
      })
      .where(
        'id',
        'in',
        changed.map((c) => c.id),
      )
      .execute();
  }
  const relabelled = changed.filter((c) => c.fields.includes('labels'));
  for (const chunk of chunks(
    relabelled.map((c) => c.id),
    importBatchSize,
  )) {
    await trx.deleteFrom('member_labels').where('member_id', 'in', chunk).execute();
  }
  const labels = relabelled.flatMap(({ id, source }) =>
    (source.changes.labels ?? []).map((label) => ({ member_id: id, label })),
  );
  for (const chunk of chunks(labels, importBatchSize * 5)) {
    await trx.insertInto('member_labels').values(chunk).execute();
  }
  const events = changed.map(({ id, fields }) => ({
    id: newId(),
    member_id: id,
    type: 'updated',
    data: JSON.stringify({ changed: fields, actor: options.actor, source: 'import' }),
    campaign_id: null,
    amount: null,
    currency: null,
    created_at: options.at,
  }));
  for (const chunk of chunks(events, importBatchSize)) {
    await trx.insertInto('member_events').values(chunk).execute();
  }
  return {
    updated: changed.length,
    unchanged: batch.length - missing.length - changed.length,
    missing,
  };
}
