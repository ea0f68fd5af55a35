import type { Kysely } from 'kysely';
import type { Clock } from '../../platform/clock.js';
import { narrow } from '../../platform/db/index.js';
import { notFound, validationError } from '../../platform/errors.js';
import type {
  DeliveryEvent,
  MailgunEvents,
  SnsEvents,
} from '../../platform/mail/provider-events/index.js';
import { decodeCursor, pageOf, type Page } from '../../platform/pagination.js';
import type { AuditService, AuditTables } from '../audit/index.js';
import type { EventsService, EventsTables } from '../events/index.js';
import { memberEmailSchema, type MembersService } from '../members/index.js';
import type { NewslettersTables } from './newsletters.table.js';
import {
  parseSuppressionCsv,
  suppressionReasons,
  type SuppressionImportProblem,
  type SuppressionReason,
} from './suppressions.import.js';
import {
  suppressionInsertBatch,
  suppressionsRepository as repo,
  type SuppressionRow,
  type SuppressionsDb,
} from './suppressions.repository.js';

export { suppressionReasons, type SuppressionReason, type SuppressionImportProblem };

/** Who told us: the SMTP server at hand-off, a provider's webhook, an editor, or an import. */
export const suppressionSources = ['smtp', 'ses', 'mailgun', 'admin', 'import'] as const;
export type SuppressionSource = (typeof suppressionSources)[number];

/** An address that is not mailed again, and why (what the admin shows). */
export interface Suppression {
  address: string;
  reason: SuppressionReason;
  source: SuppressionSource;
  detail: string | null;
  createdAt: string;
}

/** A hard bounce or complaint to record: a provider's webhook event, or a 5xx at SMTP hand-off. */
export type RecordableEvent = Omit<DeliveryEvent, 'provider'> & {
  provider: DeliveryEvent['provider'] | 'smtp';
};

export interface RecordResult {
  /** Addresses suppressed by this call. */
  suppressed: string[];
  /** Addresses that already were (a redelivery, or an earlier reason that stands). */
  alreadySuppressed: string[];
  /** Subscriptions ended by this call, over all members. */
  unsubscribed: number;
}

export interface SuppressionImportReport {
  /** Addresses added; 0 when any row is bad (nothing is written then). */
  imported: number;
  alreadySuppressed: number;
  /** Rows repeating an address earlier in the file. */
  duplicates: number;
  problems: SuppressionImportProblem[];
}

/** What one verified webhook delivery led to. */
export type ProviderDeliveryResult =
  | { action: 'subscription-confirmed' | 'nothing'; ignored: string[] }
  | ({ action: 'recorded'; ignored: string[] } & RecordResult);

type Db = Kysely<NewslettersTables & EventsTables & AuditTables>;

const toSuppression = (row: SuppressionRow): Suppression => ({
  address: row.address,
  reason: row.reason as SuppressionReason,
  source: row.source as SuppressionSource,
  detail: row.detail,
  createdAt: row.created_at,
});

const maxListLimit = 200;

/**
 * The suppression list: addresses that are never mailed again (the recipient insert leaves
 * them out), with why. Hard bounces and complaints arrive from SMTP hand-off and from the
 * providers' signed webhooks; each also unsubscribes that address's member from every
 * newsletter (source `bounce` or `complaint`) and goes into the member's history, in the same
 * transaction. Redelivered events change nothing: the first reason stands, and nothing is
 * recorded twice.
 */
export function createSuppressionsService(deps: {
  db: Db;
  clock: Clock;
  events: EventsService;
  members: MembersService;
  audit: AuditService;
  /** The verifiers of the providers configured (none: their webhooks answer 404). */
  providers?: { ses?: SnsEvents | undefined; mailgun?: MailgunEvents | undefined };
}) {
  const { db, clock } = deps;
  const own = (handle: Kysely<EventsTables>): SuppressionsDb => handle as unknown as SuppressionsDb;
  const shared = (handle: Db): Kysely<EventsTables> => narrow(handle).to<EventsTables>();
  const normalize = (address: string) => address.trim().toLowerCase();

  async function record(
    events: readonly RecordableEvent[],
    trx?: Kysely<EventsTables>,
  ): Promise<RecordResult> {
    // The first event of an address wins; sorted, so concurrent deliveries lock rows in one order.
    const byAddress = new Map<string, RecordableEvent>();
    for (const event of events) {
      const address = normalize(event.address);
      if (address !== '' && !byAddress.has(address)) byAddress.set(address, { ...event, address });
    }
    const addresses = [...byAddress.keys()].sort();
    if (addresses.length === 0) return { suppressed: [], alreadySuppressed: [], unsubscribed: 0 };
    const run = async (t: Kysely<EventsTables>): Promise<RecordResult> => {
      const at = clock.now().toISOString();
      const inserted = new Set<string>();
      for (let i = 0; i < addresses.length; i += suppressionInsertBatch) {
        const rows = addresses.slice(i, i + suppressionInsertBatch).map((address) => {
          const event = byAddress.get(address)!;
          return {
            address,
            reason: event.kind,
            source: event.provider,
            detail: event.detail === '' ? null : event.detail.slice(0, 500),
            created_at: at,
          };
        });
        for (const address of await repo.insertNew(own(t), rows)) inserted.add(address);
      }
      let unsubscribed = 0;
      for (const address of addresses) {
        const event = byAddress.get(address)!;
        const member = await deps.members.byEmail(address, t);
        if (!member) continue;
        const lists = await repo.unsubscribeFromAll(own(t), {
          memberId: member.id,
          source: event.kind === 'complaint' ? 'complaint' : 'bounce',
          at,
        });
        unsubscribed += lists.length;
        // A redelivery finds the address suppressed and the member off every list: no new history.
        if (!inserted.has(address) && lists.length === 0) continue;
        await deps.members.recordEvent(t, {
          memberId: member.id,
          type: event.kind === 'complaint' ? 'email_complained' : 'email_bounced',
          data: {
            address,
            provider: event.provider,
            detail: event.detail,
            occurredAt: event.occurredAt,
            unsubscribedFrom: lists,
          },
        });
      }
      return {
        suppressed: addresses.filter((a) => inserted.has(a)),
        alreadySuppressed: addresses.filter((a) => !inserted.has(a)),
        unsubscribed,
      };
    };
    if (trx) return run(trx);
    return deps.events.withTransaction(db, (t) => run(shared(t)));
  }

  /** A provider that is not configured has no webhook: the route answers 404. */
  function verifierOf<P extends 'ses' | 'mailgun'>(provider: P) {
    const verifier = deps.providers?.[provider];
    if (!verifier) throw notFound(`${provider} delivery events`);
    return verifier as NonNullable<NonNullable<typeof deps.providers>[P]>;
  }

  return {
    record,

    /** Whether this provider's webhook is configured (SES_SNS_TOPIC_ARN, MAILGUN_WEBHOOK_SIGNING_KEY). */
    acceptsEventsFrom: (provider: 'ses' | 'mailgun'): boolean =>
      deps.providers?.[provider] !== undefined,

    /**
     * One POST from Amazon SNS, its raw body: verified (a 403 INVALID_SIGNATURE naming the
     * problem when refused), then a subscription to our topic is confirmed at Amazon, or the
     * bounces and complaints it carries are recorded.
     */
    async receiveSes(rawBody: string): Promise<ProviderDeliveryResult> {
      const ses = verifierOf('ses');
      const outcome = await ses.verify(rawBody);
      if (outcome.type === 'SubscriptionConfirmation') {
        await ses.confirmSubscription(outcome.subscribeUrl);
        return { action: 'subscription-confirmed', ignored: [] };
      }
      if (outcome.type === 'UnsubscribeConfirmation') return { action: 'nothing', ignored: [] };
      if (outcome.events.length === 0) return { action: 'nothing', ignored: outcome.ignored };
      return { action: 'recorded', ignored: outcome.ignored, ...(await record(outcome.events)) };
    },

    /** One POST from Mailgun, its parsed JSON body: verified (403 when refused), then recorded. */
    async receiveMailgun(body: unknown): Promise<ProviderDeliveryResult> {
      const outcome = await verifierOf('mailgun').verify(body);
      if (outcome.events.length === 0) return { action: 'nothing', ignored: outcome.ignored };
      return { action: 'recorded', ignored: outcome.ignored, ...(await record(outcome.events)) };
    },

    async isSuppressed(address: string): Promise<boolean> {
      return (await repo.find(own(shared(db)), normalize(address))) !== undefined;
    },

    /** Which of these addresses are suppressed (lower-cased). */
    suppressedAmong: (addresses: readonly string[]): Promise<string[]> =>
      repo.suppressedAmong(own(shared(db)), [...new Set(addresses.map(normalize))]),

    /** Why an address is suppressed, for the admin; undefined when it is not. */
    async why(address: string): Promise<Suppression | undefined> {
      const row = await repo.find(own(shared(db)), normalize(address));
      return row ? toSuppression(row) : undefined;
    },

    /**
     * Newest first, by cursor (the `next` of the page before); `q` keeps the addresses that
     * contain it, without case (addresses are stored in lower case).
     */
    async list(
      query: { cursor?: string; limit?: number; q?: string } = {},
    ): Promise<Page<Suppression>> {
      const limit = Math.min(Math.max(Math.trunc(query.limit ?? 50), 1), maxListLimit);
      const q = query.q?.trim().toLowerCase();
      const rows = await repo.page(own(shared(db)), {
        ...(query.cursor ? { after: decodeCursor(query.cursor) } : {}),
        ...(q ? { q } : {}),
        limit,
      });
      const page = pageOf(rows, limit, (row) => ({ key: row.created_at, id: row.address }));
      return { items: page.items.map(toSuppression), next: page.next };
    },

    /** An editor suppresses an address by hand (reason `manual`). Answers whether it is new. */
    async suppress(
      address: string,
      options: { actor: string; detail?: string },
    ): Promise<{ isNew: boolean }> {
      const parsed = memberEmailSchema.safeParse(address);
      if (!parsed.success)
        throw validationError([{ field: 'address', message: 'must be an email address' }]);
      return deps.events.withTransaction(db, async (trx) => {
        const inserted = await repo.insertNew(own(shared(trx)), [
          {
            address: parsed.data,
            reason: 'manual',
            source: 'admin',
            detail: options.detail?.trim().slice(0, 500) || null,
            created_at: clock.now().toISOString(),
          },
        ]);
        if (inserted.length > 0)
          await deps.audit.record(narrow(trx).to<AuditTables>(), {
            actor: options.actor,
            action: 'suppression.added',
            subjectType: 'email_suppression',
            details: { address: parsed.data },
          });
        return { isNew: inserted.length > 0 };
      });
    },

    /**
     * An editor lifts a suppression: the address may be mailed again. Its member stays
     * unsubscribed until they subscribe again themselves (consent is theirs to give). 404 when
     * the address is not suppressed.
     */
    async remove(address: string, options: { actor: string }): Promise<Suppression> {
      return deps.events.withTransaction(db, async (trx) => {
        const handle = own(shared(trx));
        const row = await repo.find(handle, normalize(address));
        if (!row || !(await repo.delete(handle, row.address))) throw notFound('Suppression');
        await deps.audit.record(narrow(trx).to<AuditTables>(), {
          actor: options.actor,
          action: 'suppression.removed',
          subjectType: 'email_suppression',
          details: { address: row.address, reason: row.reason, source: row.source },
        });
        return toSuppression(row);
      });
    },

    /**
     * Imports a suppression list (CSV: email, optional reason and detail). Every bad row is
     * reported by line and then nothing is written; otherwise all rows go in one transaction,
     * addresses already suppressed keeping their first reason. Imported addresses are left out
     * of every send; their members' subscriptions are not changed.
     */
    async importCsv(text: string, options: { actor: string }): Promise<SuppressionImportReport> {
      const { rows, duplicates, problems } = parseSuppressionCsv(text);
      if (problems.length > 0) return { imported: 0, alreadySuppressed: 0, duplicates, problems };
      return deps.events.withTransaction(db, async (trx) => {
        const handle = own(shared(trx));
        const at = clock.now().toISOString();
        let imported = 0;
        for (let i = 0; i < rows.length; i += suppressionInsertBatch) {
          const batch = rows.slice(i, i + suppressionInsertBatch).map((row) => ({
            address: row.address,
            reason: row.reason,
            source: 'import',
            detail: row.detail,
            created_at: at,
          }));
          imported += (await repo.insertNew(handle, batch)).length;
        }
        await deps.audit.record(narrow(trx).to<AuditTables>(), {
          actor: options.actor,
          action: 'suppression.imported',
          subjectType: 'email_suppression',
          details: { imported, alreadySuppressed: rows.length - imported, duplicates },
        });
        return { imported, alreadySuppressed: rows.length - imported, duplicates, problems: [] };
      });
    },
  };
}

export type SuppressionsService = ReturnType<typeof createSuppressionsService>;
