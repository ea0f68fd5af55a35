import type { Kysely, Selectable } from 'kysely';
import type { Clock } from '../../platform/clock.js';
import { newId } from '../../platform/ids.js';
import type { EventType, OutboxEvent } from './event.js';
import type { EventsTables, OutboxEventsTable } from './events.table.js';

const toEvent = (row: Selectable<OutboxEventsTable>): OutboxEvent => ({
  id: row.id,
  type: row.type as EventType,
  subjectId: row.subject_id,
  payload: JSON.parse(row.payload) as Record<string, unknown>,
  actor: row.actor,
  createdAt: row.created_at,
  dispatchedAt: row.dispatched_at,
});

export type EventListener = (events: readonly OutboxEvent[]) => void;

/**
 * The outbox: `record` writes an event inside the caller's transaction; `pending` and
 * `markDispatched` let a dispatcher (webhooks) deliver each at least once. In-process listeners
 * (the page cache) hear about events after the transaction that wrote them commits.
 */
export function createEventsService(deps: { db: Kysely<EventsTables>; clock: Clock }) {
  const listeners = new Set<EventListener>();
  return {
    async record(
      trx: Kysely<EventsTables>,
      event: {
        type: EventType;
        subjectId: string;
        payload: Record<string, unknown>;
        actor: string;
      },
    ): Promise<OutboxEvent> {
      const row = {
        id: newId(),
        type: event.type,
        subject_id: event.subjectId,
        payload: JSON.stringify(event.payload),
        actor: event.actor,
        created_at: deps.clock.now().toISOString(),
        dispatched_at: null,
      };
      await trx.insertInto('outbox_events').values(row).execute();
      return toEvent(row);
    },

    /** Tells in-process listeners; call after the transaction that recorded the events commits. */
    announce(events: readonly OutboxEvent[]): void {
      if (events.length === 0) return;
      for (const listener of listeners) listener(events);
    },

    onEvents(listener: EventListener): () => void {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },

    async pending(limit = 100): Promise<OutboxEvent[]> {
      const rows = await deps.db
        .selectFrom('outbox_events')
        .selectAll()
        .where('dispatched_at', 'is', null)
        .orderBy('id')
        .limit(limit)
        .execute();
      return rows.map(toEvent);
    },

    async markDispatched(
      ids: readonly string[],
      trx: Kysely<EventsTables> = deps.db,
    ): Promise<void> {
      if (ids.length === 0) return;
      await trx
        .updateTable('outbox_events')
        .set({ dispatched_at: deps.clock.now().toISOString() })
        .where('id', 'in', ids)
        .where('dispatched_at', 'is', null)
        .execute();
    },

    async recent(limit = 50): Promise<OutboxEvent[]> {
      const rows = await deps.db
        .selectFrom('outbox_events')
        .selectAll()
        .orderBy('id', 'desc')
        .limit(limit)
        .execute();
      return rows.map(toEvent);
    },
  };
}

export type EventsService = ReturnType<typeof createEventsService>;
