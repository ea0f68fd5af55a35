import { sql, type Expression, type ExpressionBuilder, type Kysely, type SqlBool } from 'kysely';
import type { EmailSegment } from './email-send.js';
import type { EmailSendTables } from './email-send-tables.js';

/** Paid access now: the members feature's audienceOf in SQL (status not free, access not over). */
const hasPaidAccess = (
  eb: ExpressionBuilder<EmailSendTables & { m: EmailSendTables['members'] }, 'm'>,
  now: string,
): Expression<SqlBool> =>
  eb.and([
    eb('m.status', '<>', 'free'),
    eb.or([eb('m.access_until', 'is', null), eb('m.access_until', '>', now)]),
  ]);

/** The SQL that starts a send: its recipient list, fixed once (issue #13 §6). */
export function createRecipientListRepository(db: Kysely<EmailSendTables>) {
  return {
    /**
     * Moves the email pending → sending and fixes its recipients, in one transaction: only the
     * caller whose compare-and-set moved it inserts, so two processes starting the same send
     * make one list: the newsletter's subscribed members within the segment, minus suppressed
     * addresses, in member order, numbered into contiguous batches. It is written by INSERT …
     * SELECTs of `chunkSize` members at a time (a multiple of the batch size, after the last
     * member written, along the list's index), so no statement grows with the list: one INSERT
     * of 100,000 rows came near PostgreSQL's 5-second statement limit on a loaded machine.
     * Returns the recipient count, or null when the send had already been started.
     */
    fixRecipients(options: {
      emailId: string;
      newsletterId: string;
      segment: EmailSegment;
      fullFor: 'everyone' | 'paid';
      rendered: string;
      batchSize: number;
      now: string;
      /** Members written per statement (rounded up to whole batches); 10,000 by default. */
      chunkSize?: number;
    }): Promise<number | null> {
      const { emailId, now } = options;
      return db.transaction().execute(async (trx) => {
        const moved = await trx
          .updateTable('emails')
          .set({ status: 'sending', started_at: now, rendered: options.rendered, updated_at: now })
          .where('id', '=', emailId)
          .where('status', '=', 'pending')
          .executeTakeFirst();
        if (Number(moved.numUpdatedRows) === 0) return null;

        const batchSize = Math.max(1, Math.floor(options.batchSize));
        const chunk = batchSize * Math.max(1, Math.ceil((options.chunkSize ?? 10_000) / batchSize));
        const recipients = (written: number, after: string | undefined) =>
          trx
            .selectFrom('newsletter_subscriptions as s')
            .innerJoin('members as m', 'm.id', 's.member_id')
            .where('s.newsletter_id', '=', options.newsletterId)
            .where('s.status', '=', 'subscribed')
            .$if(after !== undefined, (q) => q.where('s.member_id', '>', after!))
            .where((eb) => {
              if (options.segment === 'paid') return hasPaidAccess(eb, now);
              if (options.segment === 'free') return eb.not(hasPaidAccess(eb, now));
              return eb.lit(true);
            })
            .where((eb) =>
              eb.not(
                eb.exists(
                  eb
                    .selectFrom('email_suppressions as x')
                    .select('x.address')
                    .where('x.address', '=', sql<string>`lower(m.email)`),
                ),
              ),
            )
            .select((eb) => [
              eb.val(emailId).as('email_id'),
              'm.id as member_id',
              'm.email as address',
              'm.name as name',
              eb
                .case()
                .when(options.fullFor === 'everyone' ? eb.lit(true) : hasPaidAccess(eb, now))
                .then(sql<string>`'full'`)
                .else(sql<string>`'teaser'`)
                .end()
                .as('access'),
              sql<number>`(${sql.lit(written)} + row_number() over (order by s.member_id) - 1) / ${sql.lit(batchSize)}`.as(
                'batch',
              ),
              eb.val(now).as('updated_at'),
            ])
            .orderBy('s.member_id')
            .limit(chunk);
        let count = 0;
        let after: string | undefined;
        for (;;) {
          const inserted = await trx
            .insertInto('email_recipients')
            .columns(['email_id', 'member_id', 'address', 'name', 'access', 'batch', 'updated_at'])
            .expression(recipients(count, after))
            .executeTakeFirst();
          const written = Number(inserted.numInsertedOrUpdatedRows ?? 0);
          count += written;
          if (written < chunk) break;
          const last = await trx
            .selectFrom('email_recipients')
            .select((eb) => eb.fn.max('member_id').as('last'))
            .where('email_id', '=', emailId)
            .executeTakeFirstOrThrow();
          after = last.last ?? undefined;
        }
        await trx
          .updateTable('emails')
          .set({ recipient_count: count })
          .where('id', '=', emailId)
          .execute();
        return count;
      });
    },
  };
}
