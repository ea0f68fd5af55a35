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
import { newslettersRepository as repo, type NewslettersDb } from './newsletters.repository.js';
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
    const at = clock.now().toISOString();
    const done = { subscribed: [] as string[], unsubscribed: [] as string[] };
    const write = async (list: Newsletter, status: 'subscribed' | 'unsubscribed') => {
      const isChanged = await repo.changeStanding(handle, {
        member_id: input.memberId,
        newsletter_id: list.id,
        status,
        source: input.source,
        changed_at: at,
      });
      if (!isChanged) return;
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
  };
}

export type NewslettersService = ReturnType<typeof createNewslettersService>;
