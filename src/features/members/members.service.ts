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
import { loadMembers, toMemberEvent, type MembersDb } from './members.repository.js';
import type { MembersTables } from './members.table.js';

type Db = Kysely<MembersTables & EventsTables>;

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

  async function load(trx: Db, id: string): Promise<Member | undefined> {
    const row = await trx.selectFrom('members').selectAll().where('id', '=', id).executeTakeFirst();
    return row ? (await loadMembers(asMembers(trx), [row]))[0] : undefined;
  }

  async function recordEvent(
    trx: Db,
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
    await trx.insertInto('member_events').values(row).execute();
    return toMemberEvent(row);
  }

  /** Runs work in one transaction; the outbox events it records are announced after commit. */
  const inTransaction = <T>(work: (trx: Db) => Promise<T>): Promise<T> =>
    deps.events.withTransaction(db, work);

  return {
    recordEvent,
    inTransaction,

    /**
     * The member with this email, created (free, joined now) if new. `trx` makes it part of a
     * larger write, e.g. a Stripe checkout completing.
     */
    async findOrCreate(
      input: { email: string; name?: string; campaignId?: string | null },
      trx?: Db,
    ): Promise<{ member: Member; isNew: boolean }> {
      const parsed = memberEmailSchema.safeParse(input.email);
      if (!parsed.success)
        throw validationError(problemsFrom(parsed.error, { rootField: 'email' }).slice(0, 1));
      const email = parsed.data;
      const run = async (t: Db) => {
        const existing = await t
          .selectFrom('members')
          .selectAll()
          .where('email', '=', email)
          .executeTakeFirst();
        if (existing)
          return { member: (await loadMembers(asMembers(t), [existing]))[0]!, isNew: false };
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
        await t
          .insertInto('members')
          .values(row)
          .onConflict((oc) => oc.column('email').doNothing())
          .execute();
        const created = await t
          .selectFrom('members')
          .selectAll()
          .where('email', '=', email)
          .executeTakeFirstOrThrow();
        const isNew = created.id === row.id;
        if (isNew) {
          await recordEvent(t, {
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
        return { member: (await loadMembers(asMembers(t), [created]))[0]!, isNew };
      };
      if (trx) return run(trx);
      return inTransaction(run);
    },

    /** `trx` reads inside a larger write (a webhook's transaction). */
    async byId(id: string, trx: Db = db): Promise<Member | undefined> {
      return load(trx, id);
    },

    async byEmail(email: string, trx: Db = db): Promise<Member | undefined> {
      const row = await trx
        .selectFrom('members')
        .selectAll()
        .where('email', '=', email.trim().toLowerCase())
        .executeTakeFirst();
      return row ? (await loadMembers(asMembers(trx), [row]))[0] : undefined;
    },

    async byStripeCustomer(customerId: string, trx: Db = db): Promise<Member | undefined> {
      const row = await trx
        .selectFrom('members')
        .selectAll()
        .where('stripe_customer_id', '=', customerId)
        .executeTakeFirst();
      return row ? (await loadMembers(asMembers(trx), [row]))[0] : undefined;
    },

    /** Sets a member's access (status, tier, end) inside the caller's transaction. */
    async setAccess(trx: Db, memberId: string, access: MemberAccess): Promise<void> {
      await trx
        .updateTable('members')
        .set({
          status: access.status,
          tier_id: access.tierId,
          access_until: access.accessUntil,
          updated_at: clock.now().toISOString(),
        })
        .where('id', '=', memberId)
        .execute();
    },

    async setStripeCustomer(trx: Db, memberId: string, customerId: string): Promise<void> {
      await trx
        .updateTable('members')
        .set({ stripe_customer_id: customerId })
        .where('id', '=', memberId)
        .execute();
    },

    async updateProfile(
      id: string,
      patch: { name?: string; subscribedToEmails?: boolean },
    ): Promise<Member> {
      await db
        .updateTable('members')
        .set({
          ...(patch.name !== undefined ? { name: patch.name.trim().slice(0, 120) } : {}),
          ...(patch.subscribedToEmails !== undefined
            ? { subscribed_to_emails: patch.subscribedToEmails ? 1 : 0 }
            : {}),
          updated_at: clock.now().toISOString(),
        })
        .where('id', '=', id)
        .execute();
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
        const taken = await trx
          .selectFrom('members')
          .select('id')
          .where('email', '=', email)
          .executeTakeFirst();
        if (taken) throw conflict('That email address already belongs to another member');
        await trx
          .updateTable('members')
          .set({ email, updated_at: clock.now().toISOString() })
          .where('id', '=', memberId)
          .execute();
        await recordEvent(trx, {
          memberId,
          type: 'updated',
          data: { field: 'email', from: current.email, to: email },
        });
        return { ...current, email };
      });
    },

    async history(memberId: string, limit = 200): Promise<MemberEvent[]> {
      const rows = await db
        .selectFrom('member_events')
        .selectAll()
        .where('member_id', '=', memberId)
        .orderBy('created_at', 'desc')
        .orderBy('id', 'desc')
        .limit(limit)
        .execute();
      return rows.map(toMemberEvent);
    },

    /** Everything kept about a member, for "export my data". */
    async exportData(memberId: string) {
      const member = await load(db, memberId);
      if (!member) throw notFound('Member');
      const subscriptions = await db
        .selectFrom('member_subscriptions')
        .selectAll()
        .where('member_id', '=', memberId)
        .execute();
      return {
        member,
        subscriptions: subscriptions.map((s) => ({
          status: s.status,
          interval: s.interval,
          amount: s.amount,
          currency: s.currency,
          currentPeriodEnd: s.current_period_end,
          cancelAtPeriodEnd: s.cancel_at_period_end === 1,
        })),
        history: await this.history(memberId, 10_000),
        exportedAt: clock.now().toISOString(),
      };
    },

    /** Deletes a member and everything kept about them (events, sessions, labels cascade). */
    async delete(memberId: string, actor = 'member'): Promise<void> {
      await inTransaction(async (trx) => {
        const result = await trx
          .deleteFrom('members')
          .where('id', '=', memberId)
          .executeTakeFirst();
        if (Number(result.numDeletedRows) === 0) throw notFound('Member');
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
