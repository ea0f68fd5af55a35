import type { Insertable, Kysely } from 'kysely';
import type { EventsTables, OutboxEventsTable } from './events.table.js';

type Db = Kysely<EventsTables>;

/** Events past the cursor without a receipt from the consumer, oldest first. */
const unhandled = (db: Db, consumer: string, cursor: string) =>
  db
    .selectFrom('outbox_events as e')
    .where('e.id', '>', cursor)
    .where((eb) =>
      eb.not(
        eb.exists(
          eb
            .selectFrom('outbox_receipts as r')
            .select('r.event_id')
            .where('r.consumer', '=', consumer)
            .whereRef('r.event_id', '=', 'e.id'),
        ),
      ),
    )
    .orderBy('e.id');

/** SQL of the outbox: the event log, and durable consumers' cursors and receipts. */
export const eventsRepository = {
  insertEvent: (db: Db, row: Insertable<OutboxEventsTable>) =>
    db.insertInto('outbox_events').values(row).execute(),

  /** A page of events created at or after `from`, by id, after the id `after` when given. */
  eventsSince(db: Db, from: string, after: string | undefined, limit: number) {
    let query = db
      .selectFrom('outbox_events')
      .selectAll()
      .where('created_at', '>=', from)
      .orderBy('id')
      .limit(limit);
    if (after !== undefined) query = query.where('id', '>', after);
    return query.execute();
  },

  recentEvents: (db: Db, limit: number) =>
    db.selectFrom('outbox_events').selectAll().orderBy('id', 'desc').limit(limit).execute(),

  consumerCursor: (db: Db, name: string) =>
    db.selectFrom('outbox_consumers').select('cursor').where('name', '=', name).executeTakeFirst(),

  lastEventId: (db: Db) =>
    db
      .selectFrom('outbox_events')
      .select(({ fn }) => fn.max('id').as('id'))
      .executeTakeFirst(),

  /** Adds a consumer at `cursor` unless another process added it first. */
  insertConsumer: (db: Db, row: { name: string; cursor: string; updated_at: string }) =>
    db
      .insertInto('outbox_consumers')
      .values(row)
      .onConflict((oc) => oc.column('name').doNothing())
      .execute(),

  /** The oldest events past `cursor` the consumer has not handled (no receipt), oldest first. */
  unhandledEvents: (db: Db, consumer: string, cursor: string, limit: number) =>
    unhandled(db, consumer, cursor).selectAll('e').limit(limit).execute(),

  async firstUnhandledId(db: Db, consumer: string, cursor: string): Promise<string | undefined> {
    const row = await unhandled(db, consumer, cursor).select('e.id').limit(1).executeTakeFirst();
    return row?.id;
  },

  insertReceipts: (db: Db, consumer: string, ids: readonly string[]) =>
    db
      .insertInto('outbox_receipts')
      .values(ids.map((id) => ({ consumer, event_id: id })))
      .onConflict((oc) => oc.columns(['consumer', 'event_id']).doNothing())
      .execute(),

  /**
   * The newest event past `cursor` that the consumer handled and that is older than `settled`,
   * below `before` (the first event it has not handled) when given.
   */
  async lastSettledReceipt(
    db: Db,
    where: { consumer: string; cursor: string; settled: string; before: string | undefined },
  ): Promise<string | null | undefined> {
    let handled = db
      .selectFrom('outbox_receipts as r')
      .innerJoin('outbox_events as e', 'e.id', 'r.event_id')
      .select(({ fn }) => fn.max('r.event_id').as('id'))
      .where('r.consumer', '=', where.consumer)
      .where('r.event_id', '>', where.cursor)
      .where('e.created_at', '<', where.settled);
    if (where.before !== undefined) handled = handled.where('r.event_id', '<', where.before);
    return (await handled.executeTakeFirst())?.id;
  },

  /** Moves the cursor forward (never back) and drops the receipts it passes. */
  async advanceCursor(db: Db, consumer: string, cursor: string, at: string): Promise<void> {
    await db
      .updateTable('outbox_consumers')
      .set({ cursor, updated_at: at })
      .where('name', '=', consumer)
      .where('cursor', '<', cursor)
      .execute();
    await db
      .deleteFrom('outbox_receipts')
      .where('consumer', '=', consumer)
      .where('event_id', '<=', cursor)
      .execute();
  },

  /** Deletes events created before `before` that every consumer's cursor has passed. */
  async deletePassedEvents(db: Db, before: string): Promise<number> {
    const oldest = await db
      .selectFrom('outbox_consumers')
      .select(({ fn }) => fn.min('cursor').as('cursor'))
      .executeTakeFirst();
    let old = db.deleteFrom('outbox_events').where('created_at', '<', before);
    if (oldest?.cursor !== undefined && oldest.cursor !== null)
      old = old.where('id', '<=', oldest.cursor);
    const result = await old.executeTakeFirst();
    return Number(result.numDeletedRows);
  },
};
