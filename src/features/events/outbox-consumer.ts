import type { Kysely } from 'kysely';
import type { Clock } from '../../platform/clock.js';
import type { OutboxEvent } from './event.js';
import { toEvent } from './event-row.js';
import type { EventsTables } from './events.table.js';

/**
 * How long after an event's creation it may still commit. Transactions are short, but an event
 * made at T can commit after one made at T+1 ms: the cursor only passes handled events older
 * than this, and receipts cover the ones after it.
 */
const settleMs = 5 * 60_000;

export interface OutboxConsumerOptions {
  db: Kysely<EventsTables>;
  clock: Clock;
  /** Stable name of the reader, e.g. 'webhooks'. */
  name: string;
  /**
   * Where a consumer with no position yet starts: at the end of the log (a newsletter must not
   * send the past), or at its beginning (webhooks deliver every event still kept).
   */
  startAt?: 'end' | 'beginning';
}

/**
 * A durable reader of the outbox with its own position: everything up to its cursor is handled,
 * and receipts mark what it handled after the cursor. Several processes may read for the same
 * consumer at once: handling must be idempotent per event (webhooks' unique delivery per event
 * and webhook is), and each event is acknowledged at least once.
 */
export function createOutboxConsumer(options: OutboxConsumerOptions) {
  const { db, clock, name } = options;

  const ensure = async (handle: Kysely<EventsTables>): Promise<string> => {
    const known = await handle
      .selectFrom('outbox_consumers')
      .select('cursor')
      .where('name', '=', name)
      .executeTakeFirst();
    if (known) return known.cursor;
    const last =
      options.startAt === 'beginning'
        ? undefined
        : await handle
            .selectFrom('outbox_events')
            .select(({ fn }) => fn.max('id').as('id'))
            .executeTakeFirst();
    await handle
      .insertInto('outbox_consumers')
      .values({ name, cursor: last?.id ?? '', updated_at: clock.now().toISOString() })
      .onConflict((oc) => oc.column('name').doNothing())
      .execute();
    const row = await handle
      .selectFrom('outbox_consumers')
      .select('cursor')
      .where('name', '=', name)
      .executeTakeFirstOrThrow();
    return row.cursor;
  };

  /** Events past the cursor without a receipt: what this consumer has still to handle, oldest first. */
  const unhandled = (handle: Kysely<EventsTables>, cursor: string) =>
    handle
      .selectFrom('outbox_events as e')
      .where('e.id', '>', cursor)
      .where((eb) =>
        eb.not(
          eb.exists(
            eb
              .selectFrom('outbox_receipts as r')
              .select('r.event_id')
              .where('r.consumer', '=', name)
              .whereRef('r.event_id', '=', 'e.id'),
          ),
        ),
      )
      .orderBy('e.id');

  /** The oldest events this consumer has not handled, at most `limit`, oldest first. */
  async function pending(limit = 100): Promise<OutboxEvent[]> {
    const cursor = await ensure(db);
    const rows = await unhandled(db, cursor).selectAll('e').limit(limit).execute();
    return rows.map(toEvent).filter((event) => event !== undefined);
  }

  /**
   * Marks events handled, in the caller's transaction (with the work they caused), and moves the
   * cursor past every settled event handled so far, dropping the receipts it passes.
   */
  async function acknowledge(ids: readonly string[], trx: Kysely<EventsTables>): Promise<void> {
    if (ids.length === 0) return;
    const cursor = await ensure(trx);
    await trx
      .insertInto('outbox_receipts')
      .values(ids.map((id) => ({ consumer: name, event_id: id })))
      .onConflict((oc) => oc.columns(['consumer', 'event_id']).doNothing())
      .execute();
    const firstOpen = await unhandled(trx, cursor).select('e.id').limit(1).executeTakeFirst();
    const settled = new Date(clock.now().getTime() - settleMs).toISOString();
    let handled = trx
      .selectFrom('outbox_receipts as r')
      .innerJoin('outbox_events as e', 'e.id', 'r.event_id')
      .select(({ fn }) => fn.max('r.event_id').as('id'))
      .where('r.consumer', '=', name)
      .where('r.event_id', '>', cursor)
      .where('e.created_at', '<', settled);
    if (firstOpen) handled = handled.where('r.event_id', '<', firstOpen.id);
    const next = await handled.executeTakeFirst();
    if (!next?.id) return;
    await trx
      .updateTable('outbox_consumers')
      .set({ cursor: next.id, updated_at: clock.now().toISOString() })
      .where('name', '=', name)
      .where('cursor', '<', next.id)
      .execute();
    await trx
      .deleteFrom('outbox_receipts')
      .where('consumer', '=', name)
      .where('event_id', '<=', next.id)
      .execute();
  }

  return { name, pending, acknowledge };
}

export type OutboxConsumer = ReturnType<typeof createOutboxConsumer>;

/**
 * Deletes events older than `retentionMs` that every durable consumer has passed. A consumer
 * that stops reading holds the log for itself; `masthead doctor`-style checks can report it.
 */
export async function sweepOutbox(
  db: Kysely<EventsTables>,
  clock: Clock,
  retentionMs: number,
): Promise<number> {
  const oldest = await db
    .selectFrom('outbox_consumers')
    .select(({ fn }) => fn.min('cursor').as('cursor'))
    .executeTakeFirst();
  let old = db
    .deleteFrom('outbox_events')
    .where('created_at', '<', new Date(clock.now().getTime() - retentionMs).toISOString());
  if (oldest?.cursor !== undefined && oldest.cursor !== null)
    old = old.where('id', '<=', oldest.cursor);
  const result = await old.executeTakeFirst();
  return Number(result.numDeletedRows);
}
