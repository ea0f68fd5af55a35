import { sql, type Insertable, type Kysely, type Selectable } from 'kysely';
import { ilike, likeEscape, likePattern } from '../../platform/db/index.js';
import type { Cursor } from '../../platform/pagination.js';
import type { EmailSuppressionsTable, NewslettersTables } from './newsletters.table.js';

/** The two tables suppressions write: the list itself and the subscriptions a bounce ends. */
export type SuppressionsDb = Kysely<
  Pick<NewslettersTables, 'email_suppressions' | 'newsletter_subscriptions'>
>;
export type SuppressionRow = Selectable<EmailSuppressionsTable>;

/** Rows per INSERT in an import: 5 parameters each, far under either database's limit. */
export const suppressionInsertBatch = 500;

/** SQL over `email_suppressions`, and the subscription change a bounce or complaint makes. */
export const suppressionsRepository = {
  /** Inserts the rows whose address is not suppressed yet; answers the addresses inserted. */
  async insertNew(
    db: SuppressionsDb,
    rows: ReadonlyArray<Insertable<EmailSuppressionsTable>>,
  ): Promise<string[]> {
    if (rows.length === 0) return [];
    const inserted = await db
      .insertInto('email_suppressions')
      .values([...rows])
      .onConflict((oc) => oc.column('address').doNothing())
      .returning('address')
      .execute();
    return inserted.map((r) => r.address);
  },

  find: (db: SuppressionsDb, address: string): Promise<SuppressionRow | undefined> =>
    db
      .selectFrom('email_suppressions')
      .selectAll()
      .where('address', '=', address)
      .executeTakeFirst(),

  /** Which of these addresses are suppressed. */
  async suppressedAmong(db: SuppressionsDb, addresses: readonly string[]): Promise<string[]> {
    if (addresses.length === 0) return [];
    const rows = await db
      .selectFrom('email_suppressions')
      .select('address')
      .where('address', 'in', [...addresses])
      .execute();
    return rows.map((r) => r.address);
  },

  /**
   * Newest first (then address), `limit + 1` rows after the cursor, for `pageOf`; with `q`, only
   * addresses containing it (a bound, escaped LIKE pattern: part of an address or a domain).
   */
  page: (
    db: SuppressionsDb,
    options: { after?: Cursor; limit: number; q?: string },
  ): Promise<SuppressionRow[]> => {
    let query = db.selectFrom('email_suppressions').selectAll();
    if (options.q)
      query = query.where(
        sql<string>`address`,
        ilike(db),
        sql<string>`${likePattern(options.q)} ${likeEscape}`,
      );
    const after = options.after;
    if (after)
      query = query.where((eb) =>
        eb.or([
          eb('created_at', '<', after.key),
          eb.and([eb('created_at', '=', after.key), eb('address', '>', after.id)]),
        ]),
      );
    return query
      .orderBy('created_at', 'desc')
      .orderBy('address', 'asc')
      .limit(options.limit + 1)
      .execute();
  },

  async delete(db: SuppressionsDb, address: string): Promise<boolean> {
    const result = await db
      .deleteFrom('email_suppressions')
      .where('address', '=', address)
      .executeTakeFirst();
    return Number(result.numDeletedRows) > 0;
  },

  /**
   * Unsubscribes the member from every list they are still on (subscribed or pending); answers
   * the lists changed, none when a redelivery finds them already unsubscribed.
   */
  async unsubscribeFromAll(
    db: SuppressionsDb,
    change: { memberId: string; source: string; at: string },
  ): Promise<string[]> {
    const rows = await db
      .updateTable('newsletter_subscriptions')
      .set({ status: 'unsubscribed', source: change.source, changed_at: change.at })
      .where('member_id', '=', change.memberId)
      .where('status', '<>', 'unsubscribed')
      .returning('newsletter_id')
      .execute();
    return rows.map((r) => r.newsletter_id).sort();
  },
};
