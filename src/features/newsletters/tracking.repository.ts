import type { Kysely } from 'kysely';
import type { NewslettersTables } from './newsletters.table.js';

type Db = Kysely<NewslettersTables>;

/** SQL of newsletter tracking: counts per email and per link (per member: member-activity). */
export function createTrackingRepository(db: Db) {
  return {
    /** Records what a send starting now tracks, while the email still waits. */
    async markTracked(
      emailId: string,
      flags: { track_opens: number; track_clicks: number; track_members: number },
    ): Promise<void> {
      await db
        .updateTable('emails')
        .set(flags)
        .where('id', '=', emailId)
        .where('status', '=', 'pending')
        .execute();
    },

    /** One UPDATE; nothing for an email sent without open tracking (or no such email). */
    async countOpen(emailId: string): Promise<void> {
      await db
        .updateTable('emails')
        .set((eb) => ({ open_count: eb('open_count', '+', 1) }))
        .where('id', '=', emailId)
        .where('track_opens', '=', 1)
        .execute();
    },

    /** The email's click count and the link's row, together; false when clicks are untracked. */
    countClick(emailId: string, url: string): Promise<boolean> {
      return db.transaction().execute(async (trx) => {
        const result = await trx
          .updateTable('emails')
          .set((eb) => ({ click_count: eb('click_count', '+', 1) }))
          .where('id', '=', emailId)
          .where('track_clicks', '=', 1)
          .executeTakeFirst();
        if (Number(result.numUpdatedRows) === 0) return false;
        await trx
          .insertInto('email_link_clicks')
          .values({ email_id: emailId, url, count: 1 })
          .onConflict((oc) =>
            oc
              .columns(['email_id', 'url'])
              .doUpdateSet((eb) => ({ count: eb('email_link_clicks.count', '+', 1) })),
          )
          .execute();
        return true;
      });
    },

    counts(emailId: string) {
      return db
        .selectFrom('emails')
        .select(['track_opens', 'track_clicks', 'open_count', 'click_count'])
        .where('id', '=', emailId)
        .executeTakeFirst();
    },

    topLinks(emailId: string, limit: number) {
      return db
        .selectFrom('email_link_clicks')
        .select(['url', 'count'])
        .where('email_id', '=', emailId)
        .orderBy('count', 'desc')
        .orderBy('url')
        .limit(limit)
        .execute();
    },
  };
}
