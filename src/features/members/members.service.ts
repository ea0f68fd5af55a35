import type { Kysely } from 'kysely';
import type { Clock } from '../../platform/clock.js';
import { narrow } from '../../platform/db/index.js';
import { conflict, notFound, problemsFrom, validationError } from '../../platform/errors.js';
import { newId } from '../../platform/ids.js';
import type { EventsService, EventsTables } from '../events/index.js';
import {
  memberEmailSchema,
  type Member,
  type MemberEvent,
  type MemberEventType,
  type MemberStatus,
} from './member.js';
import {
  loadMemberBy,
  membersRepository as repo,
  toMemberEvent,
  type MembersDb,
} from './members.repository.js';
import {
  campaignConversions,
  metricDailyChanges,
  metricValue,
  type MetricOf,
} from './member-metrics.repository.js';
import type { MembersTables } from './members.table.js';

type Db = Kysely<MembersTables & EventsTables>;

/**
 * A transaction another feature opened on the app's one database (with events.withTransaction),
 * or the database itself. Its type names only the outbox tables every feature shares, so callers
 * never see members' tables; members run their own SQL on the same handle, so the caller's write
 * and the member's change commit together.
 */
export type SharedHandle = Kysely<EventsTables>;

/** The same handle, typed with members' tables (one database: every handle has them). */
const ownHandle = (handle: SharedHandle): Db => handle as unknown as Db;
export interface MemberAccess {
  status: MemberStatus;
  tierId: string | null;
  accessUntil: string | null;
}

/**
 * Members: readers who joined. Every change that matters is kept as a member event (the
 * history staff see and the stats count) and announced through the outbox in the same
 * transaction. Other member features (sign-in, payments, gifts, import) build on these.
 */
export function createMembersService(deps: { db: Db; clock: Clock; events: EventsService }) {
  const { db, clock } = deps;
  const asMembers = (trx: Db): MembersDb => narrow(trx).to<MembersTables>();
  const members = (handle: SharedHandle | undefined): MembersDb =>
    asMembers(handle ? ownHandle(handle) : db);

  const load = (trx: Db, id: string) => loadMemberBy(asMembers(trx), 'id', id);

  async function recordEvent(
    trx: SharedHandle,
    event: {
      memberId: string;
      type: MemberEventType;
      data?: Record<string, unknown>;
      campaignId?: string | null;
      amount?: number | null;
      currency?: string | null;
    },
  ): Promise<MemberEvent> {
    const row = {
      id: newId(),
      member_id: event.memberId,
      type: event.type,
      data: JSON.stringify(event.data ?? {}),
      campaign_id: event.campaignId ?? null,
      amount: event.amount ?? null,
      currency: event.currency ?? null,
      created_at: clock.now().toISOString(),
    };
    await repo.insertEvent(members(trx), row);
    return toMemberEvent(row);
  }

  /** Runs work in one transaction; the outbox events it records are announced after commit. */
  const inTransaction = <T>(work: (trx: Db) => Promise<T>): Promise<T> =>
    deps.events.withTransaction(db, work);

  return {
    recordEvent,

    /**
     * The member with this email, created (free, joined now) if new. `trx` makes it part of a
     * larger write, e.g. a Stripe checkout completing.
     */
    async findOrCreate(
      input: { email: string; name?: string; campaignId?: string | null },
      trx?: SharedHandle,
    ): Promise<{ member: Member; isNew: boolean }> {
      const parsed = memberEmailSchema.safeParse(input.email);
      if (!parsed.success)
        throw validationError(problemsFrom(parsed.error, { rootField: 'email' }).slice(0, 1));
      const email = parsed.data;
      const run = async (t: Db) => {
        const existing = await loadMemberBy(asMembers(t), 'email', email);
        if (existing) return { member: existing, isNew: false };
        const at = clock.now().toISOString();
        const row = {
          id: newId(),
          email,
          name: (input.name ?? '').trim().slice(0, 120),
          status: 'free',
          tier_id: null,
          access_until: null,
          note: '',
          subscribed_to_emails: 1,
          stripe_customer_id: null,
          campaign_id: input.campaignId ?? null,
          created_at: at,
          updated_at: at,
          last_seen_at: null,
        };
        await repo.insertIfNew(asMembers(t), row);
        const created = await loadMemberBy(asMembers(t), 'email', email);
        if (!created) throw new Error('a member just inserted could not be read back');
        const isNew = created.id === row.id;
        if (isNew) {
          await recordEvent(narrow(t).to<EventsTables>(), {
            memberId: row.id,
            type: 'joined',
            campaignId: input.campaignId ?? null,
          });
          await deps.events.record(narrow(t).to<EventsTables>(), {
            type: 'member.created',
            subjectId: row.id,
            payload: { email },
            actor: 'member',
          });
        }
        return { member: created, isNew };
      };
      if (trx) return run(ownHandle(trx));
      return inTransaction(run);
    },

    /** `trx` reads inside a larger write (a webhook's transaction). */
    byId(id: string, trx?: SharedHandle): Promise<Member | undefined> {
      return loadMemberBy(members(trx), 'id', id);
    },

    byEmail(email: string, trx?: SharedHandle): Promise<Member | undefined> {
      return loadMemberBy(members(trx), 'email', email.trim().toLowerCase());
    },

    byStripeCustomer(customerId: string, trx?: SharedHandle): Promise<Member | undefined> {
      return loadMemberBy(members(trx), 'stripe_customer_id', customerId);
    },

    /**
     * Holds the member's row until the caller's transaction ends, so two writers deriving the
     * same member's access cannot interleave and lose an update.
     */
    async lock(trx: SharedHandle, memberId: string): Promise<void> {
      await repo.lock(members(trx), memberId);
    },

    /** Sets a member's access (status, tier, end) inside the caller's transaction. */
    async setAccess(trx: SharedHandle, memberId: string, access: MemberAccess): Promise<void> {
      await repo.update(members(trx), memberId, {
        status: access.status,
        tier_id: access.tierId,
        access_until: access.accessUntil,
        updated_at: clock.now().toISOString(),
      });
    },

    async setStripeCustomer(trx: SharedHandle, memberId: string, customerId: string) {
      await repo.update(members(trx), memberId, { stripe_customer_id: customerId });
    },

    async updateProfile(
      id: string,
      patch: { name?: string; subscribedToEmails?: boolean },
    ): Promise<Member> {
      await repo.update(asMembers(db), id, {
        ...(patch.name !== undefined ? { name: patch.name.trim().slice(0, 120) } : {}),
        ...(patch.subscribedToEmails !== undefined
          ? { subscribed_to_emails: patch.subscribedToEmails ? 1 : 0 }
          : {}),
        updated_at: clock.now().toISOString(),
      });
      const member = await load(db, id);
      if (!member) throw notFound('Member');
      return member;
    },

    /**
     * Changes a member's email to one the caller has verified (a confirmed link); 409 when
     * another member already has it. Recorded as an 'updated' event.
     */
    async changeEmail(memberId: string, newEmail: string): Promise<Member> {
      const parsed = memberEmailSchema.safeParse(newEmail);
      if (!parsed.success)
        throw validationError([{ field: 'email', message: 'must be an email address' }]);
      const email = parsed.data;
      return inTransaction(async (trx) => {
        const current = await load(trx, memberId);
        if (!current) throw notFound('Member');
        if (current.email === email) return current;
        if (await repo.isEmailTaken(asMembers(trx), email))
          throw conflict('That email address already belongs to another member');
        await repo.update(asMembers(trx), memberId, {
          email,
          updated_at: clock.now().toISOString(),
        });
        await recordEvent(narrow(trx).to<EventsTables>(), {
          memberId,
          type: 'updated',
          data: { field: 'email', from: current.email, to: email },
        });
        return { ...current, email };
      });
    },

    history(memberId: string, limit = 200): Promise<MemberEvent[]> {
      return repo.latestEvents(asMembers(db), memberId, limit);
    },

    /**
     * Everything members keep about a member, for "export my data" (payments add their
     * subscriptions: membershipPayments.exportAccount).
     */
    async exportData(memberId: string) {
      const member = await load(db, memberId);
      if (!member) throw notFound('Member');
      return {
        member,
        history: await this.history(memberId, 10_000),
        exportedAt: clock.now().toISOString(),
      };
    },

    /** A metric's current value (what a membership drive counts). */
    metricValue: (of: MetricOf, now: Date): Promise<number> => metricValue(asMembers(db), of, now),

    /** How a metric moved on each day in `timeZone` since `since`. */
    metricDailyChanges: (of: MetricOf, since: string, timeZone: string) =>
      metricDailyChanges(asMembers(db), of, since, timeZone),

    /** Joins and payments attributed to a drive, by type and currency. */
    conversions: (campaignId: string) => campaignConversions(asMembers(db), campaignId),

    /** Deletes a member and everything kept about them (events, sessions, labels cascade). */
    async delete(memberId: string, actor = 'member'): Promise<void> {
      await inTransaction(async (trx) => {
        if (!(await repo.delete(asMembers(trx), memberId))) throw notFound('Member');
        await deps.events.record(narrow(trx).to<EventsTables>(), {
          type: 'member.deleted',
          subjectId: memberId,
          payload: {},
          actor,
        });
      });
    },
  };
}

export type MembersService = ReturnType<typeof createMembersService>;
