import type { Kysely, Selectable, Updateable } from 'kysely';
import { parseStoredJson } from '../../platform/db/index.js';
import {
  newsletterAudienceSchema,
  newsletterDesignSchema,
  newsletterStatusSchema,
  subscriptionSourceSchema,
} from '../../shared/contracts/newsletters.js';
import type { Newsletter, NewsletterSubscription } from './newsletter.js';
import type {
  NewsletterSubscriptionsTable,
  NewslettersTable,
  NewslettersTables,
} from './newsletters.table.js';

export type NewslettersDb = Kysely<NewslettersTables>;

export const toNewsletter = (row: Selectable<NewslettersTable>): Newsletter => ({
  id: row.id,
  name: row.name,
  slug: row.slug,
  description: row.description,
  cadence: row.cadence,
  digestTime: row.digest_time,
  senderName: row.sender_name,
  replyTo: row.reply_to,
  audience: newsletterAudienceSchema.catch('all').parse(row.audience),
  subscribeOnSignup: row.subscribe_on_signup === 1,
  status: newsletterStatusSchema.catch('active').parse(row.status),
  sortOrder: row.sort_order,
  design: parseStoredJson(newsletterDesignSchema.catch({}), row.design),
  nextDigestIntro: row.next_digest_intro,
  createdAt: row.created_at,
  updatedAt: row.updated_at,
});

const toSubscription = (row: Selectable<NewsletterSubscriptionsTable>): NewsletterSubscription => ({
  newsletterId: row.newsletter_id,
  status: row.status === 'subscribed' ? 'subscribed' : 'unsubscribed',
  source: subscriptionSourceSchema.catch('admin').parse(row.source),
  changedAt: row.changed_at,
});

/** The newsletters feature's SQL for lists and subscriptions. */
export const newslettersRepository = {
  async insert(db: NewslettersDb, row: NewslettersTable): Promise<void> {
    await db.insertInto('newsletters').values(row).execute();
  },

  async update(db: NewslettersDb, id: string, set: Updateable<NewslettersTable>): Promise<number> {
    const result = await db
      .updateTable('newsletters')
      .set(set)
      .where('id', '=', id)
      .executeTakeFirst();
    return Number(result.numUpdatedRows);
  },

  async slugTaken(db: NewslettersDb, slug: string, exceptId?: string): Promise<boolean> {
    let query = db.selectFrom('newsletters').select('id').where('slug', '=', slug);
    if (exceptId !== undefined) query = query.where('id', '!=', exceptId);
    return (await query.executeTakeFirst()) !== undefined;
  },

  /** Every list in the order readers see them (a newsroom has a handful). */
  async all(db: NewslettersDb): Promise<Newsletter[]> {
    const rows = await db
      .selectFrom('newsletters')
      .selectAll()
      .orderBy('sort_order')
      .orderBy('name')
      .orderBy('id')
      .execute();
    return rows.map(toNewsletter);
  },

  async byId(db: NewslettersDb, id: string): Promise<Newsletter | undefined> {
    const row = await db
      .selectFrom('newsletters')
      .selectAll()
      .where('id', '=', id)
      .executeTakeFirst();
    return row ? toNewsletter(row) : undefined;
  },

  async bySlug(db: NewslettersDb, slug: string): Promise<Newsletter | undefined> {
    const row = await db
      .selectFrom('newsletters')
      .selectAll()
      .where('slug', '=', slug)
      .executeTakeFirst();
    return row ? toNewsletter(row) : undefined;
  },

  /** Subscribed members per list (one grouped read over the list index). */
  async subscriberCounts(db: NewslettersDb): Promise<Map<string, number>> {
    const rows = await db
      .selectFrom('newsletter_subscriptions')
      .select(['newsletter_id', (eb) => eb.fn.countAll<string | number>().as('count')])
      .where('status', '=', 'subscribed')
      .groupBy('newsletter_id')
      .execute();
    return new Map(rows.map((row) => [row.newsletter_id, Number(row.count)]));
  },

  async subscriptionsOf(db: NewslettersDb, memberId: string): Promise<NewsletterSubscription[]> {
    const rows = await db
      .selectFrom('newsletter_subscriptions')
      .selectAll()
      .where('member_id', '=', memberId)
      .execute();
    return rows.map(toSubscription);
  },

  /**
   * Moves a member onto or off a list, only if that changes their standing; answers whether it
   * did. One conditional statement, so of a burst of identical requests exactly one changes it
   * (PostgreSQL: the row lock makes the others see the new status and match nothing).
   */
  async changeStanding(
    db: NewslettersDb,
    row: Selectable<NewsletterSubscriptionsTable>,
  ): Promise<boolean> {
    if (row.status === 'unsubscribed') {
      // Never on the list: nothing to leave (no row is written).
      const result = await db
        .updateTable('newsletter_subscriptions')
        .set({ status: row.status, source: row.source, changed_at: row.changed_at })
        .where('member_id', '=', row.member_id)
        .where('newsletter_id', '=', row.newsletter_id)
        .where('status', '=', 'subscribed')
        .executeTakeFirst();
      return Number(result.numUpdatedRows) > 0;
    }
    const result = await db
      .insertInto('newsletter_subscriptions')
      .values(row)
      .onConflict((oc) =>
        oc
          .columns(['member_id', 'newsletter_id'])
          .doUpdateSet({ status: row.status, source: row.source, changed_at: row.changed_at })
          .where('newsletter_subscriptions.status', '<>', row.status),
      )
      .executeTakeFirst();
    return Number(result.numInsertedOrUpdatedRows ?? 0) > 0;
  },
};

/** Rows per statement in the bulk reads and writes below (5 parameters a written row). */
const bulkSize = 1000;

const inChunks = <T>(items: readonly T[], size = bulkSize): T[][] => {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
};

/** The lists each of these members is subscribed to (ids), one query per 1,000 members. */
export async function subscribedListIdsOf(
  db: NewslettersDb,
  memberIds: readonly string[],
): Promise<Map<string, Set<string>>> {
  const on = new Map<string, Set<string>>();
  for (const chunk of inChunks([...new Set(memberIds)])) {
    const rows = await db
      .selectFrom('newsletter_subscriptions')
      .select(['member_id', 'newsletter_id'])
      .where('member_id', 'in', chunk)
      .where('status', '=', 'subscribed')
      .execute();
    for (const r of rows) {
      const lists = on.get(r.member_id) ?? new Set<string>();
      lists.add(r.newsletter_id);
      on.set(r.member_id, lists);
    }
  }
  return on;
}

/** The slugs of the lists each of these members is on, in reader order (one query per 1,000). */
export async function subscribedSlugsOf(
  db: NewslettersDb,
  memberIds: readonly string[],
): Promise<Map<string, string[]>> {
  const slugs = new Map<string, string[]>();
  for (const chunk of inChunks([...new Set(memberIds)])) {
    const rows = await db
      .selectFrom('newsletter_subscriptions as s')
      .innerJoin('newsletters as n', 'n.id', 's.newsletter_id')
      .select(['s.member_id', 'n.slug'])
      .where('s.member_id', 'in', chunk)
      .where('s.status', '=', 'subscribed')
      .orderBy('n.sort_order')
      .orderBy('n.name')
      .orderBy('n.id')
      .execute();
    for (const r of rows) slugs.set(r.member_id, [...(slugs.get(r.member_id) ?? []), r.slug]);
  }
  return slugs;
}

/**
 * Writes many members' standing on lists: multi-row inserts of 1,000 that update a row already
 * there (ON CONFLICT … DO UPDATE with the excluded values, on both databases).
 */
export async function upsertSubscriptions(
  db: NewslettersDb,
  rows: readonly Selectable<NewsletterSubscriptionsTable>[],
): Promise<void> {
  for (const chunk of inChunks(rows)) {
    await db
      .insertInto('newsletter_subscriptions')
      .values(chunk)
      .onConflict((oc) =>
        oc.columns(['member_id', 'newsletter_id']).doUpdateSet((eb) => ({
          status: eb.ref('excluded.status'),
          source: eb.ref('excluded.source'),
          changed_at: eb.ref('excluded.changed_at'),
        })),
      )
      .execute();
  }
}
