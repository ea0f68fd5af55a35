import type { Kysely } from 'kysely';
import type { z } from 'zod';
import type { Clock } from '../../platform/clock.js';
import { isForeignKeyViolation, narrow } from '../../platform/db/index.js';
import { AppError, conflict, notFound, validationError } from '../../platform/errors.js';
import type { Page } from '../../platform/pagination.js';
import { csvField } from '../../shared/csv.js';
import type {
  MemberCompInput,
  MemberCreateInput,
  MemberFilter,
  MemberListQuery,
  MemberStats,
  MemberUpdateInput,
  memberStatsQuerySchema,
} from '../../shared/contracts/member-admin.js';
import { dayInZone } from '../../shared/zoned-time.js';
import type { EventsService, EventsTables } from '../events/index.js';
import type { Member, MemberEvent } from './member.js';
import { memberCsvColumns, memberCsvRecord } from './member-csv.js';
import { importMembersCsv, type ImportNewsletters, type ImportOptions } from './member-import.js';
import { countMembers, listMemberEventRows, listMemberRows } from './member-list.repository.js';
import { memberStats } from './member-stats.repository.js';
import {
  loadMemberBy,
  loadMembers,
  membersRepository as repo,
  toMemberEvent,
} from './members.repository.js';
import type { MembersService } from './members.service.js';
import type { MembersTables } from './members.table.js';

type Db = Kysely<MembersTables & EventsTables>;
type MemberStatsQuery = z.output<typeof memberStatsQuerySchema>;

/**
 * What staff do with members: find them (filters, search), read their history, add one, give
 * or take complimentary access, edit, delete, count (stats), and move them in and out as CSV.
 * Every change is a member event in the same transaction (via the members core).
 */
export function createMemberAdminService(deps: {
  db: Db;
  clock: Clock;
  members: MembersService;
  events: EventsService;
  /** How a member is deleted: by default at once; wired to cancel their Stripe subscription first. */
  deleteMember?: (id: string, actor: string) => Promise<void>;
  /** Monthly recurring revenue per currency, for the stats (payments keep the subscriptions). */
  monthlyRecurringRevenue: () => Promise<MemberStats['monthlyRecurringRevenue']>;
  /**
   * Newsletters in the members CSV (wired at the composition root: the lists are the newsletters
   * feature's, which depends on members). Without them the CSV has no lists: `newsletters` is
   * ignored on import and empty on export.
   */
  newsletters?: {
    /** Every list's slug, archived ones too. */
    knownSlugs: () => Promise<string[]>;
    apply: ImportNewsletters['apply'];
    /** The tables `apply` writes (planner statistics after an import). */
    tables?: readonly string[];
    /** The slugs of the lists each member is on (one query for a page of members). */
    subscribedSlugsOf: (memberIds: readonly string[]) => Promise<Map<string, string[]>>;
  };
}) {
  const { db, clock, members } = deps;
  const asMembers = (trx: Db) => narrow(trx).to<MembersTables>();
  const asEvents = (trx: Db) => narrow(trx).to<EventsTables>();
  const inTransaction = <T>(work: (trx: Db) => Promise<T>): Promise<T> =>
    deps.events.withTransaction(db, work);

  async function loadOne(trx: Db, id: string): Promise<Member> {
    const member = await loadMemberBy(asMembers(trx), 'id', id);
    if (!member) throw notFound('Member');
    return member;
  }

  async function comp(
    trx: Db,
    member: Member,
    input: { tierId: string | null; until: string | null },
    actor: string,
  ) {
    const until = input.until ? new Date(input.until).toISOString() : null;
    if (until !== null && until <= clock.now().toISOString())
      throw validationError([{ field: 'until', message: 'must be in the future' }]);
    try {
      await members.setAccess(asEvents(trx), member.id, {
        status: 'comped',
        tierId: input.tierId,
        accessUntil: until,
      });
    } catch (error) {
      if (isForeignKeyViolation(error))
        throw validationError([{ field: 'tierId', message: 'is not a tier' }]);
      throw error;
    }
    await members.recordEvent(asEvents(trx), {
      memberId: member.id,
      type: 'comped',
      data: { tierId: input.tierId, until, actor },
    });
  }

  const recordUpdate = async (trx: Db, memberId: string, actor: string, changed: string[]) =>
    deps.events.record(asEvents(trx), {
      type: 'member.updated',
      subjectId: memberId,
      payload: { changed },
      actor,
    });

  return {
    async list(query: MemberListQuery): Promise<Page<Member> & { limit: number }> {
      const page = await listMemberRows(asMembers(db), query);
      return {
        items: await loadMembers(asMembers(db), page.items),
        next: page.next,
        limit: query.limit,
      };
    },

    /** A member with their latest 50 events (the rest through `events`). */
    async detail(id: string): Promise<{ member: Member; history: MemberEvent[] }> {
      const member = await loadOne(db, id);
      return { member, history: await members.history(id, 50) };
    },

    async events(
      id: string,
      query: { limit: number; cursor?: string | undefined },
    ): Promise<Page<MemberEvent> & { limit: number }> {
      await loadOne(db, id);
      const page = await listMemberEventRows(asMembers(db), id, query);
      return { items: page.items.map(toMemberEvent), next: page.next, limit: query.limit };
    },

    /** Staff add a member (free, or comped with `comp`); an email already a member is a 409. */
    async create(body: MemberCreateInput, actor: string): Promise<Member> {
      return inTransaction(async (trx) => {
        const { member, isNew } = await members.findOrCreate(
          { email: body.email, name: body.name ?? '' },
          asEvents(trx),
        );
        if (!isNew)
          throw new AppError({
            code: 'MEMBER_EXISTS',
            status: 409,
            message: 'a member with this email already exists',
            problems: [{ field: 'email', message: 'already belongs to a member' }],
            details: { id: member.id },
          });
        await repo.update(asMembers(trx), member.id, {
          note: body.note ?? '',
          subscribed_to_emails: body.subscribedToEmails === false ? 0 : 1,
        });
        if (body.labels) await repo.replaceLabels(asMembers(trx), member.id, body.labels);
        if (body.comp) await comp(trx, member, body.comp, actor);
        await deps.events.record(asEvents(trx), {
          type: 'member.created',
          subjectId: member.id,
          payload: { email: member.email, source: 'staff' },
          actor,
        });
        return loadOne(trx, member.id);
      });
    },

    async update(id: string, patch: MemberUpdateInput, actor: string): Promise<Member> {
      return inTransaction(async (trx) => {
        await loadOne(trx, id);
        const changed = Object.keys(patch);
        await repo.update(asMembers(trx), id, {
          ...(patch.name !== undefined ? { name: patch.name } : {}),
          ...(patch.note !== undefined ? { note: patch.note } : {}),
          ...(patch.subscribedToEmails !== undefined
            ? { subscribed_to_emails: patch.subscribedToEmails ? 1 : 0 }
            : {}),
          updated_at: clock.now().toISOString(),
        });
        if (patch.labels) await repo.replaceLabels(asMembers(trx), id, patch.labels);
        if (changed.length > 0) {
          await members.recordEvent(asEvents(trx), {
            memberId: id,
            type: 'updated',
            data: { changed, actor },
          });
          await recordUpdate(trx, id, actor, changed);
        }
        return loadOne(trx, id);
      });
    },

    /** Complimentary access: status comped, an optional tier and end. A live paid member is a 409. */
    async comp(id: string, body: MemberCompInput, actor: string): Promise<Member> {
      return inTransaction(async (trx) => {
        const member = await loadOne(trx, id);
        const now = clock.now().toISOString();
        if (member.status === 'paid' && (member.accessUntil === null || member.accessUntil > now))
          throw conflict(
            'this member pays for a subscription; cancel it before giving complimentary access',
          );
        await comp(trx, member, body, actor);
        await recordUpdate(trx, id, actor, ['status']);
        return loadOne(trx, id);
      });
    },

    /** Ends complimentary access at once: the member is free again. */
    async removeComp(id: string, actor: string): Promise<Member> {
      return inTransaction(async (trx) => {
        const member = await loadOne(trx, id);
        if (member.status !== 'comped')
          throw new AppError({
            code: 'NOT_COMPED',
            status: 409,
            message: 'this member has no complimentary access',
          });
        await members.setAccess(asEvents(trx), id, {
          status: 'free',
          tierId: null,
          accessUntil: null,
        });
        await members.recordEvent(asEvents(trx), {
          memberId: id,
          type: 'comp_removed',
          data: { actor },
        });
        await recordUpdate(trx, id, actor, ['status']);
        return loadOne(trx, id);
      });
    },

    async delete(id: string, actor: string): Promise<void> {
      await (deps.deleteMember ?? members.delete)(id, actor);
    },

    /** Days are the newsroom's (`timeZone`, from Settings): "today" starts at its midnight. */
    async stats(query: MemberStatsQuery, timeZone: string): Promise<MemberStats> {
      const to = query.to ?? dayInZone(clock.now(), timeZone);
      const from =
        query.from ??
        new Date(Date.parse(`${to}T00:00:00Z`) - 29 * 86_400_000).toISOString().slice(0, 10);
      if (from > to) throw validationError([{ field: 'from', message: 'must not be after to' }]);
      if (Date.parse(to) - Date.parse(from) > 366 * 86_400_000)
        throw validationError([{ field: 'from', message: 'the range must be at most 366 days' }]);
      const [counts, monthlyRecurringRevenue] = await Promise.all([
        memberStats(asMembers(db), { from, to, timeZone }),
        deps.monthlyRecurringRevenue(),
      ]);
      return { ...counts, monthlyRecurringRevenue };
    },

    /** Validates the whole file, then imports (see importMembersCsv). */
    async importCsv(text: string, options: ImportOptions = {}) {
      const lists = deps.newsletters;
      const newsletters =
        options.newsletters ??
        (lists
          ? {
              knownSlugs: new Set(await lists.knownSlugs()),
              apply: lists.apply,
              ...(lists.tables ? { tables: lists.tables } : {}),
            }
          : undefined);
      return importMembersCsv({ db: asMembers(db), clock }, text, { ...options, newsletters });
    },

    /**
     * Members as Ghost-compatible CSV, newest first, in pages of 1,000 (two queries a page, and
     * one for their newsletters), so a large list streams without being held in memory.
     */
    async *exportCsv(filter: MemberFilter = {}): AsyncGenerator<string> {
      yield `${memberCsvColumns.join(',')}\r\n`;
      let cursor: string | undefined;
      for (;;) {
        const page = await listMemberRows(asMembers(db), { ...filter, limit: 1000, cursor });
        const loaded = await loadMembers(asMembers(db), page.items);
        const slugsOf = await deps.newsletters?.subscribedSlugsOf(loaded.map((m) => m.id));
        yield loaded
          .map((m) => {
            const record = memberCsvRecord(m, slugsOf ? (slugsOf.get(m.id) ?? []) : undefined);
            return `${record.map(csvField).join(',')}\r\n`;
          })
          .join('');
        if (!page.next) return;
        cursor = page.next;
      }
    },

    /** How many members match these filters (for an export's progress). */
    count(filter: MemberFilter = {}): Promise<number> {
      return countMembers(asMembers(db), filter);
    },
  };
}

export type MemberAdminService = ReturnType<typeof createMemberAdminService>;
