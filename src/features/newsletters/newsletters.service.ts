import type { Kysely } from 'kysely';
import type { Clock } from '../../platform/clock.js';
import { isUniqueViolation, narrow } from '../../platform/db/index.js';
import { notFound, validationError } from '../../platform/errors.js';
import { newId } from '../../platform/ids.js';
import { pickFreeSlug, slugify } from '../../shared/slug.js';
import type { EventsService, EventsTables } from '../events/index.js';
import { audienceOf, type MembersService, type SharedHandle } from '../members/index.js';
import {
  mayJoin,
  type Newsletter,
  type NewsletterInput,
  type NewsletterPatch,
  type NewsletterSubscription,
  type SubscriptionSource,
} from './newsletter.js';
import {
  newslettersRepository as repo,
  subscribedListIdsOf,
  subscribedSlugsOf,
  upsertSubscriptions,
  type NewslettersDb,
} from './newsletters.repository.js';
import type { NewslettersTable, NewslettersTables } from './newsletters.table.js';

type Db = Kysely<NewslettersTables & EventsTables>;

const slugInUse = (slug: string) =>
  validationError([{ field: 'slug', message: `"${slug}" is already used by another newsletter` }]);

/** A list and whether the member is on it, as /account/ and /newsletters/ show them. */
export interface MemberNewsletter {
  newsletter: Newsletter;
  isSubscribed: boolean;
  /** False for a list whose audience the member is not in (a paid list, for a free member). */
  mayJoin: boolean;
}

/**
 * Newsletters: the lists and who is on them. Every change of a member's standing is kept on the
 * subscription (status, source, time) and in the member's history (`newsletter_subscribed` /
 * `newsletter_unsubscribed`), so the consent record travels with the member's data export.
 * `members.subscribed_to_emails` stays Ghost's column: an import's `true` means the lists that
 * subscribe new members by default; an export writes "on any list".
 */
export function createNewslettersService(deps: {
  db: Db;
  clock: Clock;
  events: Pick<EventsService, 'withTransaction' | 'record'>;
  members: Pick<MembersService, 'byId' | 'recordEvent'>;
}) {
  const { db, clock } = deps;
  const lists = (handle: Kysely<EventsTables> | Db): NewslettersDb =>
    narrow(handle as Db).to<NewslettersTables>();

  /** Runs a change of lists in one transaction and tells the site (its pages list them). */
  const changeLists = <T>(work: (trx: NewslettersDb) => Promise<T>, id: string): Promise<T> =>
    deps.events.withTransaction(db, async (trx) => {
      const result = await work(lists(trx));
      await deps.events.record(narrow(trx).to<EventsTables>(), {
        type: 'newsletter.updated',
        subjectId: id,
        payload: {},
        actor: 'staff',
      });
      return result;
    });

  async function requestedSlug(value: string, exceptId?: string): Promise<string> {
    const slug = slugify(value);
    if (slug.length === 0)
      throw validationError([
        { field: 'slug', message: 'must contain at least one letter or digit' },
      ]);
    if (await repo.slugTaken(lists(db), slug, exceptId)) throw slugInUse(slug);
    return slug;
  }

  /**
   * Moves one member on or off lists inside `trx`, writing only what changes, each change with
   * its history entry. Lists the member may not join are left alone.
   */
  async function applyChanges(
    trx: SharedHandle,
    input: {
      memberId: string;
      subscribe: readonly Newsletter[];
      unsubscribe: readonly Newsletter[];
      source: SubscriptionSource;
    },
  ): Promise<{ subscribed: string[]; unsubscribed: string[] }> {
    const handle = lists(trx);
    const current = new Map(
      (await repo.subscriptionsOf(handle, input.memberId)).map((s) => [s.newsletterId, s.status]),
    );
    const at = clock.now().toISOString();
    const done = { subscribed: [] as string[], unsubscribed: [] as string[] };
    const write = async (list: Newsletter, status: 'subscribed' | 'unsubscribed') => {
      const isOn = current.get(list.id) === 'subscribed';
      if (isOn === (status === 'subscribed')) return;
      await repo.upsertSubscription(handle, {
        member_id: input.memberId,
        newsletter_id: list.id,
        status,
        source: input.source,
        changed_at: at,
      });
      await deps.members.recordEvent(trx, {
        memberId: input.memberId,
        type: status === 'subscribed' ? 'newsletter_subscribed' : 'newsletter_unsubscribed',
        data: { newsletterId: list.id, newsletter: list.name, source: input.source },
      });
      (status === 'subscribed' ? done.subscribed : done.unsubscribed).push(list.id);
    };
    for (const list of input.subscribe) await write(list, 'subscribed');
    for (const list of input.unsubscribe) await write(list, 'unsubscribed');
    return done;
  }

  /**
   * The active lists among `ids` this member may join (unknown and archived ids dropped), read
   * through `handle` (inside a caller's transaction, SQLite has one connection: no second one).
   */
  async function joinable(
    handle: SharedHandle,
    memberId: string,
    ids: readonly string[],
  ): Promise<Newsletter[]> {
    const member = await deps.members.byId(memberId, handle);
    if (!member) throw notFound('Member');
    const audience = audienceOf(member, clock.now());
    const wanted = new Set(ids);
    return (await repo.all(lists(handle))).filter(
      (list) => wanted.has(list.id) && list.status === 'active' && mayJoin(list, audience),
    );
  }

  /** Work in the caller's transaction, or in a new one. */
  const inTransaction = <T>(
    trx: SharedHandle | undefined,
    work: (t: SharedHandle) => Promise<T>,
  ) =>
    trx ? work(trx) : deps.events.withTransaction(db, (t) => work(narrow(t).to<EventsTables>()));

  return {
    /** Every list, active first in reader order; archived ones only when asked. */
    async list(options: { includeArchived?: boolean } = {}): Promise<Newsletter[]> {
      const all = await repo.all(lists(db));
      return options.includeArchived ? all : all.filter((list) => list.status === 'active');
    },

    byId: (id: string) => repo.byId(lists(db), id),
    bySlug: (slug: string) => repo.bySlug(lists(db), slug),

    /** Subscribed members per list id. */
    subscriberCounts: () => repo.subscriberCounts(lists(db)),

    async create(input: NewsletterInput): Promise<Newsletter> {
      const id = newId();
      const slug = input.slug
        ? await requestedSlug(input.slug)
        : pickFreeSlug(slugify(input.name) || 'newsletter', (candidate) =>
            repo.slugTaken(lists(db), candidate),
          );
      const at = clock.now().toISOString();
      const row: NewslettersTable = {
        id,
        name: input.name,
        slug: await slug,
        description: input.description ?? '',
        cadence: input.cadence ?? '',
        digest_time: input.digestTime ?? null,
        sender_name: input.senderName ?? null,
        reply_to: input.replyTo ?? null,
        audience: input.audience ?? 'all',
        subscribe_on_signup: input.subscribeOnSignup ? 1 : 0,
        status: input.status ?? 'active',
        sort_order: input.sortOrder ?? 0,
        design: JSON.stringify(input.design ?? {}),
        next_digest_intro: input.nextDigestIntro || null,
        created_at: at,
        updated_at: at,
      };
      try {
        await changeLists((trx) => repo.insert(trx, row), id);
      } catch (error) {
        if (isUniqueViolation(error)) throw slugInUse(row.slug);
        throw error;
      }
      const created = await repo.byId(lists(db), id);
      if (!created) throw new Error('a newsletter just created could not be read back');
      return created;
    },

    async update(id: string, patch: NewsletterPatch): Promise<Newsletter> {
      const existing = await repo.byId(lists(db), id);
      if (!existing) throw notFound('Newsletter');
      const slug =
        patch.slug !== undefined && slugify(patch.slug) !== existing.slug
          ? await requestedSlug(patch.slug, id)
          : undefined;
      const set = {
        ...(patch.name !== undefined ? { name: patch.name } : {}),
        ...(slug !== undefined ? { slug } : {}),
        ...(patch.description !== undefined ? { description: patch.description } : {}),
        ...(patch.cadence !== undefined ? { cadence: patch.cadence } : {}),
        ...(patch.digestTime !== undefined ? { digest_time: patch.digestTime } : {}),
        ...(patch.senderName !== undefined ? { sender_name: patch.senderName } : {}),
        ...(patch.replyTo !== undefined ? { reply_to: patch.replyTo } : {}),
        ...(patch.audience !== undefined ? { audience: patch.audience } : {}),
        ...(patch.subscribeOnSignup !== undefined
          ? { subscribe_on_signup: patch.subscribeOnSignup ? 1 : 0 }
          : {}),
        ...(patch.status !== undefined ? { status: patch.status } : {}),
        ...(patch.sortOrder !== undefined ? { sort_order: patch.sortOrder } : {}),
        ...(patch.design !== undefined ? { design: JSON.stringify(patch.design) } : {}),
        ...(patch.nextDigestIntro !== undefined
          ? { next_digest_intro: patch.nextDigestIntro || null }
          : {}),
        updated_at: clock.now().toISOString(),
      };
      try {
        await changeLists((trx) => repo.update(trx, id, set), id);
      } catch (error) {
        if (isUniqueViolation(error) && slug) throw slugInUse(slug);
        throw error;
      }
      const updated = await repo.byId(lists(db), id);
      if (!updated) throw notFound('Newsletter');
      return updated;
    },

    /** A member's standing on each list they have ever been on. */
    subscriptionsOf: (memberId: string): Promise<NewsletterSubscription[]> =>
      repo.subscriptionsOf(lists(db), memberId),

    /** The active lists, each with whether this member is on it and may join it. */
    async forMember(memberId: string): Promise<MemberNewsletter[]> {
      const member = await deps.members.byId(memberId);
      if (!member) throw notFound('Member');
      const audience = audienceOf(member, clock.now());
      const on = new Set(
        (await repo.subscriptionsOf(lists(db), memberId))
          .filter((s) => s.status === 'subscribed')
          .map((s) => s.newsletterId),
      );
      return (await this.list()).map((newsletter) => ({
        newsletter,
        isSubscribed: on.has(newsletter.id),
        mayJoin: mayJoin(newsletter, audience),
      }));
    },

    /**
     * Puts a member on these lists (adds; never removes). `trx` makes it part of a larger
     * write, e.g. a sign-in link being used. Returns the ids newly subscribed.
     */
    async subscribe(
      input: { memberId: string; newsletterIds: readonly string[]; source: SubscriptionSource },
      trx?: SharedHandle,
    ): Promise<string[]> {
      return inTransaction(trx, async (t) => {
        const subscribe = await joinable(t, input.memberId, input.newsletterIds);
        const done = await applyChanges(t, {
          memberId: input.memberId,
          subscribe,
          unsubscribe: [],
          source: input.source,
        });
        return done.subscribed;
      });
    },

    /** New members' lists: the active ones that subscribe new members by default. */
    async subscribeToDefaults(
      input: { memberId: string; source: SubscriptionSource },
      trx?: SharedHandle,
    ): Promise<string[]> {
      return inTransaction(trx, async (t) => {
        const defaults = (await repo.all(lists(t))).filter((list) => list.subscribeOnSignup);
        return this.subscribe({ ...input, newsletterIds: defaults.map((list) => list.id) }, t);
      });
    },

    /** Takes a member off lists (archived ones included: leaving always works). */
    async unsubscribe(input: {
      memberId: string;
      newsletterIds: readonly string[];
      source: SubscriptionSource;
    }): Promise<string[]> {
      const wanted = new Set(input.newsletterIds);
      return inTransaction(undefined, async (t) => {
        const unsubscribe = (await repo.all(lists(t))).filter((list) => wanted.has(list.id));
        const done = await applyChanges(t, {
          memberId: input.memberId,
          subscribe: [],
          unsubscribe,
          source: input.source,
        });
        return done.unsubscribed;
      });
    },

    /**
     * Sets exactly which active lists a member is on (the /account/ form): the checked ones they
     * may join on, every other active list off.
     */
    async setSelection(input: {
      memberId: string;
      newsletterIds: readonly string[];
      source: SubscriptionSource;
    }): Promise<{ subscribed: string[]; unsubscribed: string[] }> {
      return inTransaction(undefined, async (t) => {
        const subscribe = await joinable(t, input.memberId, input.newsletterIds);
        const chosen = new Set(subscribe.map((list) => list.id));
        const unsubscribe = (await repo.all(lists(t))).filter(
          (list) => list.status === 'active' && !chosen.has(list.id),
        );
        return applyChanges(t, {
          memberId: input.memberId,
          subscribe,
          unsubscribe,
          source: input.source,
        });
      });
    },

    /** Every list's slug, archived ones too: what a members CSV's `newsletters` cell may name. */
    async knownSlugs(): Promise<string[]> {
      return (await repo.all(lists(db))).map((list) => list.slug);
    },

    /**
     * A members import's lists, one batch of rows inside the import's transaction (`trx`): a new member goes on exactly the named lists (archived
     * ones too: the file is the newsroom's own record, and an archived list sends nothing), else
     * on the active default lists their access allows when `subscribedToEmails` is true, else on
     * none; an existing member is put on exactly the named lists, or off every list on an
     * explicit false. Only what changes is written, in bulk (two or three statements a batch,
     * source `import`): no history event per subscription, unlike a reader's own change — the
     * subscription row keeps the source and time, and 100,000 rows stay one quick import.
     * Returns the members whose lists changed.
     */
    async applyImported(
      trx: SharedHandle,
      rows: readonly ImportedSubscriptionsRow[],
    ): Promise<Set<string>> {
      const changed = new Set<string>();
      if (rows.length === 0) return changed;
      const handle = lists(trx);
      const all = await repo.all(handle);
      const idOfSlug = new Map(all.map((list) => [list.slug, list.id]));
      const defaults = (hasPaidAccess: boolean) =>
        all
          .filter(
            (list) =>
              list.status === 'active' &&
              list.subscribeOnSignup &&
              mayJoin(list, hasPaidAccess ? 'paid' : 'member'),
          )
          .map((list) => list.id);
      const current = await subscribedListIdsOf(
        handle,
        rows.filter((row) => !row.isNew).map((row) => row.memberId),
      );
      const at = clock.now().toISOString();
      const writes: { member_id: string; newsletter_id: string; status: string }[] = [];
      for (const row of rows) {
        let target: string[];
        if (row.subscribedToEmails === false) target = [];
        else if (row.slugs !== undefined)
          target = row.slugs.flatMap((slug) => idOfSlug.get(slug) ?? []);
        else if (row.isNew) target = defaults(row.hasPaidAccess);
        else continue;
        const on = current.get(row.memberId) ?? new Set<string>();
        const wanted = new Set(target);
        for (const id of wanted)
          if (!on.has(id))
            writes.push({ member_id: row.memberId, newsletter_id: id, status: 'subscribed' });
        for (const id of on)
          if (!wanted.has(id))
            writes.push({ member_id: row.memberId, newsletter_id: id, status: 'unsubscribed' });
      }
      await upsertSubscriptions(
        handle,
        writes.map((w) => ({ ...w, source: 'import', changed_at: at })),
      );
      for (const w of writes) changed.add(w.member_id);
      return changed;
    },

    /** The slugs of the lists each member is on (the members CSV export, a page at a time). */
    subscribedSlugsOf: (memberIds: readonly string[]): Promise<Map<string, string[]>> =>
      subscribedSlugsOf(lists(db), memberIds),
  };
}

export type NewslettersService = ReturnType<typeof createNewslettersService>;

/**
 * One member's newsletters as a members CSV row sets them (the members import's
 * ImportedSubscriptions, which the composition root hands here). An explicit
 * `subscribedToEmails: false` wins over `slugs`: a row that says "no email" is never mailed.
 */
export interface ImportedSubscriptionsRow {
  memberId: string;
  /** A non-empty `newsletters` cell: exactly these lists. */
  slugs: readonly string[] | undefined;
  subscribedToEmails: boolean | undefined;
  isNew: boolean;
  /** Which default lists a new member may join (paid or complimentary access). */
  hasPaidAccess: boolean;
}
