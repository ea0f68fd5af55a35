import type { Kysely, Transaction } from 'kysely';
import type { Clock } from '../../platform/clock.js';
import { newId } from '../../platform/ids.js';
import type { EventPayloadInputs, EventType, OutboxEvent } from './event.js';
import { toEvent } from './event-row.js';
import { eventsRepository as repo } from './events.repository.js';
import { sweepOutbox } from './outbox-consumer.js';
import type { EventsTables } from './events.table.js';
import { eventSchemas } from './event.js';

export type EventListener = (events: readonly OutboxEvent[]) => void;

/** What a feature records: the kind, what it is about, what it carries, and who did it. */
export interface EventInput<K extends EventType> {
  type: K;
  subjectId: string;
  payload: EventPayloadInputs[K];
  actor: string;
}

/** How far back `follow` looks for events other processes wrote (longer than any transaction). */
const followWindowMs = 2 * 60_000;

/**
 * The outbox, a log of typed changes with several readers:
 * - `withTransaction` runs a change in one transaction; each `record` inside it (by any feature)
 *   writes its event there, and the events are announced to in-process listeners (the page cache)
 *   once, after the commit, so no listener hears of a write that rolled back;
 * - `follow` lets a long-running process hear the events other processes wrote (the CLI, a job
 *   in another worker), each once, with its own in-memory cursor;
 * - durable consumers (webhooks, see outbox-consumer.ts) keep their own cursor in the database.
 */
export function createEventsService(deps: { db: Kysely<EventsTables>; clock: Clock }) {
  const listeners = new Set<EventListener>();
  /** Events recorded in each open transaction, announced when it commits. */
  const open = new WeakMap<object, OutboxEvent[]>();
  /** Events this process has announced, by id and time, so `follow` does not repeat them. */
  const heard = new Map<string, number>();

  const announce = (events: readonly OutboxEvent[]): void => {
    if (events.length === 0) return;
    const now = deps.clock.now().getTime();
    for (const event of events) heard.set(event.id, now);
    for (const listener of listeners) listener(events);
  };

  async function record<K extends EventType>(
    trx: Kysely<EventsTables>,
    event: EventInput<K>,
  ): Promise<OutboxEvent<K>> {
    const collected = open.get(trx);
    if (trx.isTransaction && !collected)
      throw new Error(
        `${event.type} recorded in a transaction not opened by events.withTransaction: it would never be announced`,
      );
    const payload: unknown = eventSchemas[event.type].parse(event.payload);
    const row = {
      id: newId(),
      type: event.type,
      subject_id: event.subjectId,
      payload: JSON.stringify(payload),
      actor: event.actor,
      created_at: deps.clock.now().toISOString(),
    };
    await repo.insertEvent(trx, row);
    const recorded = toEvent(row);
    if (!recorded) throw new Error(`${event.type} could not be read back`);
    if (collected) collected.push(recorded);
    else announce([recorded]);
    return recorded as OutboxEvent<K>;
  }

  /**
   * Runs `work` in one transaction of `db` (any feature's handle) and announces what was recorded
   * in it after it commits. Called with a transaction already open, it joins it: the outer
   * `withTransaction` announces.
   */
  async function withTransaction<DB, T>(
    db: Kysely<DB>,
    work: (trx: Transaction<DB>) => Promise<T>,
  ): Promise<T> {
    if (db.isTransaction) return work(db as Transaction<DB>);
    const collected: OutboxEvent[] = [];
    const result = await db.transaction().execute(async (trx) => {
      open.set(trx, collected);
      try {
        return await work(trx);
      } finally {
        open.delete(trx);
      }
    });
    announce(collected);
    return result;
  }

  let startedAt: string | undefined;

  /**
   * Announces the events other processes recorded (the CLI, a job in another worker) that this
   * one has not heard yet, each once. It reads the last two minutes each time, so an event whose
   * transaction committed after a later one's is not missed. The server calls it every second;
   * with Redis, other servers' changes also arrive through the invalidation bus at once.
   */
  async function follow(): Promise<number> {
    const now = deps.clock.now().getTime();
    // The first call starts here: what happened before this process started is not news to it.
    if (startedAt === undefined) {
      startedAt = new Date(now).toISOString();
      return 0;
    }
    const windowStart = new Date(now - followWindowMs).toISOString();
    const from = startedAt > windowStart ? startedAt : windowStart;
    let after: string | undefined;
    const fresh: OutboxEvent[] = [];
    for (;;) {
      const rows = await repo.eventsSince(deps.db, from, after, 500);
      for (const row of rows) {
        const event = heard.has(row.id) ? undefined : toEvent(row);
        if (event) fresh.push(event);
      }
      const last = rows.at(-1);
      if (rows.length < 500 || !last) break;
      after = last.id;
    }
    for (const [id, at] of heard) if (at < now - 2 * followWindowMs) heard.delete(id);
    announce(fresh);
    return fresh.length;
  }

  return {
    record,
    withTransaction,
    follow,

    /**
     * Deletes events older than `retentionMs` (30 days by default) that every durable consumer
     * has passed; one that has not read them yet keeps them.
     */
    sweep(retentionMs = 30 * 24 * 60 * 60_000): Promise<number> {
      return sweepOutbox(deps.db, deps.clock, retentionMs);
    },

    /** The latest events, newest first (diagnostics and tests). */
    /**
     * One page of the events created at or after `from` (an ISO time), by id, after the id
     * `after` when given: for a reader that keeps its checkpoint outside the database (the static
     * mirror keeps it in its folder). `lastId` is the page's last row, known or not to this
     * version; a page shorter than `limit` is the last one.
     */
    async readFrom(
      from: string,
      after?: string,
      limit = 500,
    ): Promise<{ events: OutboxEvent[]; lastId: string | undefined; isLastPage: boolean }> {
      const rows = await repo.eventsSince(deps.db, from, after, limit);
      return {
        events: rows.map(toEvent).filter((event) => event !== undefined),
        lastId: rows.at(-1)?.id,
        isLastPage: rows.length < limit,
      };
    },

    async recent(limit = 50): Promise<OutboxEvent[]> {
      const rows = await repo.recentEvents(deps.db, limit);
      return rows.map(toEvent).filter((event) => event !== undefined);
    },

    onEvents(listener: EventListener): () => void {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}

export type EventsService = ReturnType<typeof createEventsService>;
