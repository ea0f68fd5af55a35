import type { Insertable, Kysely, Selectable } from 'kysely';
import type { EmailSendTables } from './email-send.repository.js';
import type { EmailsTable } from './newsletters.table.js';

export type EmailRow = Selectable<EmailsTable>;

/** SQL for emails as editors see them: requests on stories, digests, the report's numbers. */
export function createEmailsRepository(db: Kysely<EmailSendTables>) {
  return {
    async insert(row: Insertable<EmailsTable>): Promise<void> {
      await db.insertInto('emails').values(row).execute();
    },

    byId(id: string): Promise<EmailRow | undefined> {
      return db.selectFrom('emails').selectAll().where('id', '=', id).executeTakeFirst();
    },

    /**
     * Makes a digest and moves the list's waiting intro line onto it, in one transaction (a
     * unique violation — another process made today's first — leaves the intro in place).
     */
    async insertDigest(row: Insertable<EmailsTable>): Promise<void> {
      await db.transaction().execute(async (trx) => {
        await trx.insertInto('emails').values(row).execute();
        if (row.intro !== null && row.intro !== undefined)
          await trx
            .updateTable('newsletters')
            .set({ next_digest_intro: null })
            .where('id', '=', row.newsletter_id)
            .where('next_digest_intro', '=', row.intro)
            .execute();
      });
    },

    forPost(postId: string): Promise<EmailRow | undefined> {
      return db.selectFrom('emails').selectAll().where('post_id', '=', postId).executeTakeFirst();
    },

    /** Changes a story's email while it still waits (compare-and-set on `pending`). */
    async updatePending(
      id: string,
      set: { newsletter_id: string; segment: string; subject: string; updated_at: string },
    ): Promise<boolean> {
      const result = await db
        .updateTable('emails')
        .set(set)
        .where('id', '=', id)
        .where('status', '=', 'pending')
        .executeTakeFirst();
      return Number(result.numUpdatedRows) > 0;
    },

    /** Drops a story's email that has not started (publish without email, unschedule). */
    async deletePendingForPost(postId: string): Promise<number> {
      const result = await db
        .deleteFrom('emails')
        .where('post_id', '=', postId)
        .where('status', '=', 'pending')
        .executeTakeFirst();
      return Number(result.numDeletedRows);
    },

    digestFor(newsletterId: string, date: string): Promise<EmailRow | undefined> {
      return db
        .selectFrom('emails')
        .selectAll()
        .where('newsletter_id', '=', newsletterId)
        .where('digest_date', '=', date)
        .executeTakeFirst();
    },

    /** Recipients that failed or may have been delivered, with the server's reply. */
    problems(emailId: string, limit: number) {
      return db
        .selectFrom('email_recipients')
        .select(['address', 'state', 'reply'])
        .where('email_id', '=', emailId)
        .where('state', 'in', ['failed', 'uncertain'])
        .orderBy('member_id')
        .limit(limit)
        .execute();
    },

    /** Recipients who have left the list since the email started. */
    async unsubscribedSince(emailId: string, newsletterId: string, since: string): Promise<number> {
      const row = await db
        .selectFrom('email_recipients as r')
        .innerJoin('newsletter_subscriptions as s', (join) =>
          join.onRef('s.member_id', '=', 'r.member_id').on('s.newsletter_id', '=', newsletterId),
        )
        .select((eb) => eb.fn.countAll<string | number>().as('n'))
        .where('r.email_id', '=', emailId)
        .where('s.status', '=', 'unsubscribed')
        .where('s.changed_at', '>=', since)
        .executeTakeFirst();
      return Number(row?.n ?? 0);
    },

    /** Recipients whose address is now suppressed (hard bounce, complaint). */
    async suppressedAmong(emailId: string): Promise<number> {
      const row = await db
        .selectFrom('email_recipients as r')
        .innerJoin('email_suppressions as x', 'x.address', 'r.address')
        .select((eb) => eb.fn.countAll<string | number>().as('n'))
        .where('r.email_id', '=', emailId)
        .executeTakeFirst();
      return Number(row?.n ?? 0);
    },

    /**
     * A member's emails, newest first (their page in the admin), with their opens and clicks
     * where the email was sent with per-member tracking.
     */
    forMember(memberId: string, limit: number) {
      return db
        .selectFrom('email_recipients as r')
        .innerJoin('emails as e', 'e.id', 'r.email_id')
        .leftJoin('member_email_activity as a', (join) =>
          join.onRef('a.email_id', '=', 'r.email_id').onRef('a.member_id', '=', 'r.member_id'),
        )
        .select([
          'e.id as emailId',
          'e.subject',
          'r.state',
          'r.reply',
          'r.updated_at as updatedAt',
          'e.track_members',
          'e.track_opens',
          'e.track_clicks',
          'a.open_count',
          'a.click_count',
          'a.last_opened_at',
          'a.last_clicked_at',
        ])
        .where('r.member_id', '=', memberId)
        .orderBy('r.email_id', 'desc')
        .limit(limit)
        .execute();
    },
  };
}
