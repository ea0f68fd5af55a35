import { z } from 'zod';
import { keysetAfter, parseStoredJson } from '../../platform/db/index.js';
import type { Kysely, Selectable, Updateable } from 'kysely';
import type { Cursor } from '../../platform/pagination.js';
import { isPublicEventType } from '../events/index.js';
import type { DeliveryStatus, Webhook, WebhookDelivery } from './webhook.js';
import type { WebhookDeliveriesTable, WebhooksTable, WebhooksTables } from './webhooks.table.js';

/** A webhook's event types as stored (unknown ones are filtered after); not a list: none. */
const storedEventTypes = z.array(z.string()).catch([]);
/** A delivery's payload as stored; a value that is not an object reads as empty. */
const storedPayload = z.record(z.string(), z.unknown()).catch({});

export const toWebhook = (row: Selectable<WebhooksTable>): Webhook => ({
  id: row.id,
  name: row.name,
  url: row.url,
  // Types a newer version stored and this one does not know are left out.
  events: parseStoredJson(storedEventTypes, row.events).filter(isPublicEventType),
  isActive: row.is_active === 1,
  lastStatus:
    row.last_status === 'succeeded' || row.last_status === 'failed' ? row.last_status : null,
  lastDeliveryAt: row.last_delivery_at,
  createdAt: row.created_at,
  updatedAt: row.updated_at,
});

export const toDelivery = (row: Selectable<WebhookDeliveriesTable>): WebhookDelivery => ({
  id: row.id,
  webhookId: row.webhook_id,
  eventId: row.event_id,
  eventType: row.event_type,
  payload: parseStoredJson(storedPayload, row.payload),
  attempt: row.attempt,
  status: row.status as DeliveryStatus,
  nextAttemptAt: row.next_attempt_at,
  lastResponseStatus: row.last_response_status,
  lastError: row.last_error,
  durationMs: row.duration_ms,
  createdAt: row.created_at,
  updatedAt: row.updated_at,
});

/** Statuses a delivery can be claimed from once its next_attempt_at has passed ('sending': lease expired). */
const claimableStatuses: DeliveryStatus[] = ['pending', 'failed', 'sending'];

export function createWebhooksRepository(db: Kysely<WebhooksTables>) {
  return {
    async insert(row: WebhooksTable): Promise<void> {
      await db.insertInto('webhooks').values(row).execute();
    },
    find(id: string) {
      return db.selectFrom('webhooks').selectAll().where('id', '=', id).executeTakeFirst();
    },
    findMany(ids: readonly string[]) {
      if (ids.length === 0) return Promise.resolve([]);
      return db.selectFrom('webhooks').selectAll().where('id', 'in', ids).execute();
    },
    list() {
      return db.selectFrom('webhooks').selectAll().orderBy('created_at').orderBy('id').execute();
    },
    listActive() {
      return db
        .selectFrom('webhooks')
        .selectAll()
        .where('is_active', '=', 1)
        .orderBy('id')
        .execute();
    },
    async update(id: string, patch: Updateable<WebhooksTable>): Promise<boolean> {
      const result = await db
        .updateTable('webhooks')
        .set(patch)
        .where('id', '=', id)
        .executeTakeFirst();
      return Number(result.numUpdatedRows) > 0;
    },
    listSecrets() {
      return db.selectFrom('webhooks').select(['id', 'secret']).orderBy('id').execute();
    },
    /** Writes `next` only if the row still holds `previous` (a concurrent rotation wins). */
    async replaceSecret(id: string, previous: string, next: string): Promise<boolean> {
      const result = await db
        .updateTable('webhooks')
        .set({ secret: next })
        .where('id', '=', id)
        .where('secret', '=', previous)
        .executeTakeFirst();
      return Number(result.numUpdatedRows) > 0;
    },
    async remove(id: string): Promise<boolean> {
      const result = await db.deleteFrom('webhooks').where('id', '=', id).executeTakeFirst();
      return Number(result.numDeletedRows) > 0;
    },

    /** Inserts deliveries, skipping any (webhook, event) pair already there; returns how many were new. */
    async insertDeliveries(rows: readonly WebhookDeliveriesTable[]): Promise<number> {
      let inserted = 0;
      for (let i = 0; i < rows.length; i += 200) {
        const chunk = rows.slice(i, i + 200);
        const result = await db
          .insertInto('webhook_deliveries')
          .values(chunk)
          .onConflict((oc) => oc.columns(['webhook_id', 'event_id']).doNothing())
          .returning('id')
          .execute();
        inserted += result.length;
      }
      return inserted;
    },

    /**
     * Claims up to `limit` due deliveries of active webhooks in one UPDATE: each becomes
     * 'sending' with its attempt counted and `next_attempt_at` set to the lease's end. The outer
     * WHERE repeats the due test, so when two processes race for the same rows the second one's
     * re-check (PostgreSQL re-reads a row another transaction just updated) finds them leased
     * and skips them; SQLite runs one writer at a time. Each attempt is thus claimed once.
     */
    claimDue(options: { now: string; leaseUntil: string; limit: number }) {
      return db
        .updateTable('webhook_deliveries')
        .set((eb) => ({
          status: 'sending',
          attempt: eb('attempt', '+', 1),
          next_attempt_at: options.leaseUntil,
          updated_at: options.now,
        }))
        .where('id', 'in', (eb) =>
          eb
            .selectFrom('webhook_deliveries as d')
            .select('d.id')
            .where('d.status', 'in', claimableStatuses)
            .where('d.next_attempt_at', '<=', options.now)
            .where('d.webhook_id', 'in', (inner) =>
              inner.selectFrom('webhooks as w').select('w.id').where('w.is_active', '=', 1),
            )
            .orderBy('d.next_attempt_at')
            .orderBy('d.id')
            .limit(options.limit),
        )
        .where('status', 'in', claimableStatuses)
        .where('next_attempt_at', '<=', options.now)
        .returningAll()
        .execute();
    },

    /** Deliveries still to be attempted (due, waiting out a backoff, or in flight): the queue-depth metric. */
    async countWaiting(): Promise<number> {
      const row = await db
        .selectFrom('webhook_deliveries')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .where('status', 'in', claimableStatuses)
        .where('next_attempt_at', 'is not', null)
        .executeTakeFirst();
      return Number(row?.n ?? 0);
    },

    /** Records an attempt's outcome, only if this sender's claim still holds. */
    async finishAttempt(
      claim: { id: string; attempt: number; leaseUntil: string },
      outcome: Pick<
        WebhookDeliveriesTable,
        | 'status'
        | 'next_attempt_at'
        | 'last_response_status'
        | 'last_error'
        | 'duration_ms'
        | 'updated_at'
      >,
    ): Promise<boolean> {
      const result = await db
        .updateTable('webhook_deliveries')
        .set(outcome)
        .where('id', '=', claim.id)
        .where('status', '=', 'sending')
        .where('attempt', '=', claim.attempt)
        .where('next_attempt_at', '=', claim.leaseUntil)
        .executeTakeFirst();
      return Number(result.numUpdatedRows) > 0;
    },

    /** Newest first, by (created_at, id) keyset. */
    listDeliveries(webhookId: string, options: { limit: number; before?: Cursor }) {
      let query = db
        .selectFrom('webhook_deliveries')
        .selectAll()
        .where('webhook_id', '=', webhookId);
      const before = options.before;
      if (before) {
        query = query.where(
          keysetAfter({ key: 'created_at', id: 'id', cursor: before, order: 'desc' }),
        );
      }
      return query
        .orderBy('created_at', 'desc')
        .orderBy('id', 'desc')
        .limit(options.limit + 1)
        .execute();
    },
    findDelivery(webhookId: string, deliveryId: string) {
      return db
        .selectFrom('webhook_deliveries')
        .selectAll()
        .where('id', '=', deliveryId)
        .where('webhook_id', '=', webhookId)
        .executeTakeFirst();
    },

    /** Puts a delivery back to pending with a fresh set of attempts, unless a sender holds a live lease. */
    async requeue(deliveryId: string, now: string): Promise<boolean> {
      const result = await db
        .updateTable('webhook_deliveries')
        .set({ status: 'pending', attempt: 0, next_attempt_at: now, updated_at: now })
        .where('id', '=', deliveryId)
        .where((eb) => eb.or([eb('status', '<>', 'sending'), eb('next_attempt_at', '<=', now)]))
        .executeTakeFirst();
      return Number(result.numUpdatedRows) > 0;
    },
  };
}

export type WebhooksRepository = ReturnType<typeof createWebhooksRepository>;
