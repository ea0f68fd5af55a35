import { sql, type Kysely } from 'kysely';

/**
 * The outbox becomes a log with several readers, each with its own position: a cursor (every
 * event at or below it handled) and receipts for the events after it that it has handled.
 * Webhooks were its one reader (`dispatched_at`); their progress moves into these tables.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('outbox_consumers')
    .addColumn('name', 'text', (c) => c.primaryKey())
    .addColumn('cursor', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createTable('outbox_receipts')
    .addColumn('consumer', 'text', (c) => c.notNull())
    .addColumn('event_id', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('outbox_receipts_pk', ['consumer', 'event_id'])
    .execute();

  // Webhooks have handled every event before the first one not dispatched.
  const { rows: open } = await sql<{ id: string | null }>`
    select min(id) as id from outbox_events where dispatched_at is null`.execute(db);
  const firstOpen = open[0]?.id ?? null;
  const { rows: done } =
    firstOpen === null
      ? await sql<{ id: string | null }>`select max(id) as id from outbox_events`.execute(db)
      : await sql<{ id: string | null }>`
          select max(id) as id from outbox_events where id < ${firstOpen}`.execute(db);
  const cursor = done[0]?.id ?? '';
  await sql`
    insert into outbox_consumers (name, cursor, updated_at)
    values ('webhooks', ${cursor}, ${new Date().toISOString()})`.execute(db);
  await sql`
    insert into outbox_receipts (consumer, event_id)
    select 'webhooks', id from outbox_events where dispatched_at is not null and id > ${cursor}`.execute(
    db,
  );

  await db.schema.dropIndex('outbox_events_pending_idx').execute();
  await db.schema.alterTable('outbox_events').dropColumn('dispatched_at').execute();
  // Followers read the last minutes of the log; retention deletes by age.
  await db.schema
    .createIndex('outbox_events_created_idx')
    .on('outbox_events')
    .column('created_at')
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropIndex('outbox_events_created_idx').execute();
  await db.schema.alterTable('outbox_events').addColumn('dispatched_at', 'text').execute();
  await sql`
    update outbox_events set dispatched_at = created_at
    where id <= (select cursor from outbox_consumers where name = 'webhooks')
       or id in (select event_id from outbox_receipts where consumer = 'webhooks')`.execute(db);
  await db.schema
    .createIndex('outbox_events_pending_idx')
    .on('outbox_events')
    .columns(['dispatched_at', 'id'])
    .execute();
  await db.schema.dropTable('outbox_receipts').execute();
  await db.schema.dropTable('outbox_consumers').execute();
}
