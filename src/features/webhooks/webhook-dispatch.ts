import type { Kysely } from 'kysely';
import type { Clock } from '../../platform/clock.js';
import { narrow } from '../../platform/db/index.js';
import { isAppError } from '../../platform/errors.js';
import type { OutboundClient } from '../../platform/http/outbound.js';
import { newId } from '../../platform/ids.js';
import { SecretKeyError, type SecretKeyring } from '../../platform/security/index.js';
import { createOutboxConsumer, isPublicEventType, type EventsTables } from '../events/index.js';
import { retryDelayAfter, type DeliveryStatus } from './webhook.js';
import { signatureHeader, signWebhookPayload } from './webhook-signature.js';
import { createWebhooksRepository, toWebhook } from './webhooks.repository.js';
import type { WebhookDeliveriesTable, WebhooksTables } from './webhooks.table.js';

export interface DispatchReport {
  /** Outbox events read (now acknowledged by the webhooks consumer). */
  events: number;
  /** Deliveries created for them (pairs that already existed are not counted). */
  deliveries: number;
}

export interface DeliveryReport {
  attempted: number;
  succeeded: number;
  /** Failed, with a retry scheduled. */
  failed: number;
  gaveUp: number;
}

export interface WebhookWorkerDeps {
  db: Kysely<WebhooksTables & EventsTables>;
  clock: Clock;
  outbound: OutboundClient;
  keyring: SecretKeyring;
  /** How long a claimed delivery is reserved for its sender; longer than the HTTP timeout. */
  leaseMs?: number;
}

/** The keyring purpose signing secrets are encrypted under (changing it makes them unreadable). */
export const webhookSecretPurpose = 'webhooks.signing-secret';

const maxErrorLength = 500;
const shorten = (text: string) =>
  text.length > maxErrorLength ? `${text.slice(0, maxErrorLength - 1)}…` : text;

/**
 * The background side of webhooks: turning outbox events into deliveries, and sending due
 * deliveries with retries. Called by the job runner every few seconds; safe to run in several
 * processes at once.
 */
export function createWebhookWorker(deps: WebhookWorkerDeps) {
  const leaseMs = deps.leaseMs ?? 5 * 60_000;
  const repository = createWebhooksRepository(narrow(deps.db).to<WebhooksTables>());
  // Webhooks read the outbox with their own cursor; internal events pass by them unsent.
  const outbox = createOutboxConsumer({
    db: narrow(deps.db).to<EventsTables>(),
    clock: deps.clock,
    name: 'webhooks',
    startAt: 'beginning',
  });

  /**
   * One delivery per active webhook subscribed to each pending outbox event, and the events
   * acknowledged (the webhooks consumer's cursor moves), in one transaction: a crash before the commit leaves the events pending
   * (and no deliveries); the unique (webhook_id, event_id) makes a concurrent or repeated run
   * add nothing twice.
   */
  async function dispatchPending(options: { limit?: number } = {}): Promise<DispatchReport> {
    const pending = await outbox.pending(options.limit ?? 100);
    if (pending.length === 0) return { events: 0, deliveries: 0 };
    const at = deps.clock.now().toISOString();
    const deliveries = await deps.db.transaction().execute(async (trx) => {
      const inTrx = createWebhooksRepository(narrow(trx).to<WebhooksTables>());
      const hooks = (await inTrx.listActive()).map(toWebhook);
      const rows: WebhookDeliveriesTable[] = [];
      for (const event of pending) {
        if (!isPublicEventType(event.type)) continue;
        const body = JSON.stringify({
          id: event.id,
          type: event.type,
          createdAt: event.createdAt,
          data: event.payload,
        });
        for (const hook of hooks) {
          if (!hook.events.includes(event.type)) continue;
          rows.push({
            id: newId(),
            webhook_id: hook.id,
            event_id: event.id,
            event_type: event.type,
            payload: body,
            attempt: 0,
            status: 'pending',
            next_attempt_at: at,
            last_response_status: null,
            last_error: null,
            duration_ms: null,
            created_at: at,
            updated_at: at,
          });
        }
      }
      const inserted = await inTrx.insertDeliveries(rows);
      await outbox.acknowledge(
        pending.map((e) => e.id),
        narrow(trx).to<EventsTables>(),
      );
      return inserted;
    });
    return { events: pending.length, deliveries };
  }

  async function send(
    delivery: WebhookDeliveriesTable,
    hook: { url: string; secret: string } | undefined,
    leaseUntil: string,
  ): Promise<DeliveryStatus | undefined> {
    let isOk = false;
    let responseStatus: number | null = null;
    let error: string | null = null;
    let durationMs: number | null = null;
    // A cleartext (or older-key) secret is written back encrypted with the row's next write.
    let legacy: { stored: string; plaintext: string } | undefined;
    if (!hook) {
      error = 'webhook no longer exists';
    } else {
      const timestamp = Math.floor(deps.clock.now().getTime() / 1000);
      try {
        const secret = deps.keyring.reveal(webhookSecretPurpose, hook.secret);
        if (secret.needsRewrite) legacy = { stored: hook.secret, plaintext: secret.plaintext };
        const response = await deps.outbound.post(hook.url, {
          headers: {
            'content-type': 'application/json',
            'user-agent': 'Masthead-Webhooks/1',
            'x-masthead-event': delivery.event_type,
            'x-masthead-delivery': delivery.id,
            [signatureHeader]: signWebhookPayload(secret.plaintext, delivery.payload, timestamp),
          },
          body: delivery.payload,
        });
        responseStatus = response.status;
        durationMs = response.durationMs;
        isOk = response.status >= 200 && response.status < 300;
        if (!isOk) {
          const snippet = response.bodySnippet.replace(/\s+/g, ' ').trim().slice(0, 200);
          error = `HTTP ${response.status}${snippet ? `: ${snippet}` : ''}`;
        }
      } catch (caught) {
        error = isAppError(caught)
          ? `${caught.code}: ${caught.message}`
          : caught instanceof SecretKeyError
            ? `signing secret: ${caught.message}`
            : 'request failed';
      }
    }
    const finishedAt = deps.clock.now();
    const delay = isOk ? undefined : retryDelayAfter(delivery.attempt);
    const status: DeliveryStatus = isOk
      ? 'succeeded'
      : delay === undefined
        ? 'giving_up'
        : 'failed';
    const isStillOurs = await repository.finishAttempt(
      { id: delivery.id, attempt: delivery.attempt, leaseUntil },
      {
        status,
        next_attempt_at:
          delay === undefined ? null : new Date(finishedAt.getTime() + delay).toISOString(),
        last_response_status: responseStatus,
        last_error: error === null ? null : shorten(error),
        duration_ms: durationMs,
        updated_at: finishedAt.toISOString(),
      },
    );
    if (!isStillOurs) return undefined;
    await repository.update(delivery.webhook_id, {
      last_status: isOk ? 'succeeded' : 'failed',
      last_delivery_at: finishedAt.toISOString(),
    });
    if (legacy) {
      const sealed = deps.keyring.encrypt(webhookSecretPurpose, legacy.plaintext);
      await repository.replaceSecret(delivery.webhook_id, legacy.stored, sealed);
    }
    return status;
  }

  /**
   * Claims the deliveries due at `now` (at most `limit`) and sends each once: 2xx succeeds,
   * anything else (another status, a refused or unsafe target, a timeout) schedules the next
   * attempt per `retryDelaysMs`, or gives up after the last.
   */
  async function deliverDue(
    now: Date = deps.clock.now(),
    options: { limit?: number } = {},
  ): Promise<DeliveryReport> {
    const leaseUntil = new Date(now.getTime() + leaseMs).toISOString();
    const claimed = await repository.claimDue({
      now: now.toISOString(),
      leaseUntil,
      limit: options.limit ?? 20,
    });
    const report: DeliveryReport = {
      attempted: claimed.length,
      succeeded: 0,
      failed: 0,
      gaveUp: 0,
    };
    if (claimed.length === 0) return report;
    const hooks = new Map(
      (await repository.findMany([...new Set(claimed.map((d) => d.webhook_id))])).map((h) => [
        h.id,
        h,
      ]),
    );
    const outcomes = await Promise.all(
      claimed.map((delivery) => send(delivery, hooks.get(delivery.webhook_id), leaseUntil)),
    );
    for (const outcome of outcomes) {
      if (outcome === 'succeeded') report.succeeded += 1;
      else if (outcome === 'failed') report.failed += 1;
      else if (outcome === 'giving_up') report.gaveUp += 1;
    }
    return report;
  }

  /** What the job runner calls each tick: new events become deliveries, then due ones are sent. */
  async function runOnce(
    now: Date = deps.clock.now(),
  ): Promise<{ dispatched: DispatchReport; delivered: DeliveryReport }> {
    const dispatched = await dispatchPending();
    const delivered = await deliverDue(now);
    return { dispatched, delivered };
  }

  return { dispatchPending, deliverDue, runOnce };
}
