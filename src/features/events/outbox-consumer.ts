import type { Kysely } from 'kysely';
import type { Clock } from '../../platform/clock.js';
import type { OutboxEvent } from './event.js';
import { toEvent } from './event-row.js';
import { eventsRepository as repo } from './events.repository.js';
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
    const known = await repo.consumerCursor(handle, name);
    if (known) return known.cursor;
    const last = options.startAt === 'beginning' ? undefined : await repo.lastEventId(handle);
    await repo.insertConsumer(handle, {
      name,
      cursor: last?.id ?? '',
      updated_at: clock.now().toISOString(),
    });
    const row = await repo.consumerCursor(handle, name);
    if (!row) throw new Error(`outbox consumer ${name} could not be read back`);
    return row.cursor;
  };

  /** The oldest events this consumer has not handled, at most `limit`, oldest first. */
  async function pending(limit = 100): Promise<OutboxEvent[]> {
    const cursor = await ensure(db);
    const rows = await repo.unhandledEvents(db, name, cursor, limit);
    return rows.map(toEvent).filter((event) => event !== undefined);
  }

  /**
   * Marks events handled, in the caller's transaction (with the work they caused), and moves the
   * cursor past every settled event handled so far, dropping the receipts it passes.
   */
  async function acknowledge(ids: readonly string[], trx: Kysely<EventsTables>): Promise<void> {
    if (ids.length === 0) return;
    const cursor = await ensure(trx);
    await repo.insertReceipts(trx, name, ids);
    const firstOpen = await repo.firstUnhandledId(trx, name, cursor);
    const next = await repo.lastSettledReceipt(trx, {
      consumer: name,
      cursor,
      settled: new Date(clock.now().getTime() - settleMs).toISOString(),
      before: firstOpen,
    });
    if (!next) return;
    await repo.advanceCursor(trx, name, next, clock.now().toISOString());
  }

  return { name, pending, acknowledge };
}

export type OutboxConsumer = ReturnType<typeof createOutboxConsumer>;

/**
 * Deletes events older than `retentionMs` that every durable consumer has passed. A consumer
 * that stops reading holds the log for itself; `masthead doctor`-style checks can report it.
 */
export function sweepOutbox(
  db: Kysely<EventsTables>,
  clock: Clock,
  retentionMs: number,
): Promise<number> {
  return repo.deletePassedEvents(db, new Date(clock.now().getTime() - retentionMs).toISOString());
}
