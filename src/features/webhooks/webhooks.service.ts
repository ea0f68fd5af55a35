import type { Kysely } from 'kysely';
import type { Clock } from '../../platform/clock.js';
import { narrow } from '../../platform/db/index.js';
import { conflict, type FieldProblem, notFound, validationError } from '../../platform/errors.js';
import { checkOutboundUrl, type OutboundClient } from '../../platform/http/outbound.js';
import { newId } from '../../platform/ids.js';
import { decodeCursor, pageOf, type Page } from '../../platform/pagination.js';
import {
  randomToken,
  rewriteStoredSecrets,
  type SecretKeyring,
  type StoredSecretsReport,
} from '../../platform/security/index.js';
import {
  publicEventTypes,
  type EventsService,
  type EventsTables,
  type PublicEventType,
} from '../events/index.js';
import {
  webhookSecretPrefix,
  type Webhook,
  type WebhookDelivery,
  type WebhookInput,
  type WebhookPatch,
} from './webhook.js';
import { createWebhookWorker, webhookSecretPurpose } from './webhook-dispatch.js';
import { createWebhooksRepository, toDelivery, toWebhook } from './webhooks.repository.js';
import type { WebhooksTables } from './webhooks.table.js';

export interface WebhooksDeps {
  db: Kysely<WebhooksTables & EventsTables>;
  clock: Clock;
  events: EventsService;
  /** Sends deliveries; its `allowPrivate` also decides whether local URLs may be saved. */
  outbound: OutboundClient;
  /** Encrypts signing secrets at rest. */
  keyring: SecretKeyring;
  leaseMs?: number;
}

const newSecret = () => randomToken(32, webhookSecretPrefix);

export function createWebhooksService(deps: WebhooksDeps) {
  const repository = createWebhooksRepository(narrow(deps.db).to<WebhooksTables>());
  const worker = createWebhookWorker(deps);
  const seal = (secret: string) => deps.keyring.encrypt(webhookSecretPurpose, secret);

  /** Public event types (internal ones are never sent out), deduplicated; 400 naming `events` otherwise. */
  function checkEvents(events: readonly string[]): PublicEventType[] {
    const unknown = events.filter((e) => !(publicEventTypes as readonly string[]).includes(e));
    if (unknown.length > 0) {
      throw validationError([
        {
          field: 'events',
          message: `unknown event type${unknown.length > 1 ? 's' : ''} ${unknown
            .map((e) => `"${e}"`)
            .join(', ')}; known: ${publicEventTypes.join(', ')}`,
        },
      ]);
    }
    return [...new Set(events)] as PublicEventType[];
  }

  function checkUrl(url: string): string {
    const problem = checkOutboundUrl(url, { allowPrivate: deps.outbound.allowPrivate });
    if (problem) throw validationError([{ field: 'url', message: problem } satisfies FieldProblem]);
    return url;
  }

  async function found(id: string): Promise<Webhook> {
    const row = await repository.find(id);
    if (!row) throw notFound('Webhook');
    return toWebhook(row);
  }

  return {
    /** Returns the signing secret once; later reads never show it (rotate to get a new one). */
    async create(value: WebhookInput): Promise<{ webhook: Webhook; secret: string }> {
      const url = checkUrl(value.url);
      const events = checkEvents(value.events);
      const at = deps.clock.now().toISOString();
      const secret = newSecret();
      const row = {
        id: newId(),
        name: value.name,
        url,
        events: JSON.stringify(events),
        secret: seal(secret),
        is_active: value.isActive === false ? 0 : 1,
        last_status: null,
        last_delivery_at: null,
        created_at: at,
        updated_at: at,
      };
      await repository.insert(row);
      return { webhook: toWebhook(row), secret };
    },

    async list(): Promise<Webhook[]> {
      return (await repository.list()).map(toWebhook);
    },

    get: found,

    async update(id: string, value: WebhookPatch): Promise<Webhook> {
      const patch = {
        ...(value.name === undefined ? {} : { name: value.name }),
        ...(value.url === undefined ? {} : { url: checkUrl(value.url) }),
        ...(value.events === undefined
          ? {}
          : { events: JSON.stringify(checkEvents(value.events)) }),
        ...(value.isActive === undefined ? {} : { is_active: value.isActive ? 1 : 0 }),
        updated_at: deps.clock.now().toISOString(),
      };
      if (!(await repository.update(id, patch))) throw notFound('Webhook');
      return found(id);
    },

    /** Deletes the webhook and its deliveries (pending ones are never sent). */
    async remove(id: string): Promise<void> {
      if (!(await repository.remove(id))) throw notFound('Webhook');
    },

    /** A new signing secret, effective for the next attempt; the old one stops working at once. */
    async rotateSecret(id: string): Promise<{ webhook: Webhook; secret: string }> {
      const secret = newSecret();
      const updated = await repository.update(id, {
        secret: seal(secret),
        updated_at: deps.clock.now().toISOString(),
      });
      if (!updated) throw notFound('Webhook');
      return { webhook: await found(id), secret };
    },

    /** A webhook's deliveries, newest first. */
    async deliveries(
      id: string,
      options: { limit: number; cursor?: string | undefined },
    ): Promise<Page<WebhookDelivery>> {
      await found(id);
      const before = options.cursor ? decodeCursor(options.cursor) : undefined;
      const rows = await repository.listDeliveries(id, {
        limit: options.limit,
        ...(before ? { before } : {}),
      });
      const page = pageOf(rows, options.limit, (r) => ({ key: r.created_at, id: r.id }));
      return { items: page.items.map(toDelivery), next: page.next };
    },

    /** Sends a delivery again: back to pending, due now, with a fresh set of attempts. */
    async redeliver(id: string, deliveryId: string): Promise<WebhookDelivery> {
      await found(id);
      if (!(await repository.findDelivery(id, deliveryId))) throw notFound('Delivery');
      if (!(await repository.requeue(deliveryId, deps.clock.now().toISOString()))) {
        throw conflict('This delivery is being sent right now; try again in a moment');
      }
      const row = await repository.findDelivery(id, deliveryId);
      if (!row) throw notFound('Delivery');
      return toDelivery(row);
    },

    /**
     * Every stored signing secret counted by how it is kept (`isDryRun`), or rewritten under the
     * first key of SECRET_KEYS (cleartext and older-key values; only if unchanged since read).
     */
    async rewriteSecrets(options: { isDryRun?: boolean } = {}): Promise<StoredSecretsReport> {
      const rows = await repository.listSecrets();
      return rewriteStoredSecrets(
        deps.keyring,
        webhookSecretPurpose,
        rows.map((r) => ({ id: r.id, stored: r.secret })),
        (row, encrypted) => repository.replaceSecret(row.id, row.stored, encrypted),
        options,
      );
    },

    /** Deliveries still to be attempted (the job-queue-depth metric). */
    waitingDeliveries: () => repository.countWaiting(),

    dispatchPending: worker.dispatchPending,
    deliverDue: worker.deliverDue,
    runOnce: worker.runOnce,
  };
}

export type WebhooksService = ReturnType<typeof createWebhooksService>;
