import type { ExpressionBuilder, Kysely } from 'kysely';
import { progressOf, type EmailProgress, type RecipientState } from './email-send.js';
import type { EmailSendTables } from './email-send.repository.js';

/** The reply a cancelled recipient keeps; the email's final status is derived from it. */
export const cancelledReply = 'cancelled';

const active: RecipientState[] = ['queued', 'claimed', 'handing'];

/** SQL for an email's outcome: counts and final status from its rows, cancel, retry, progress. */
export function createEmailStatusRepository(db: Kysely<EmailSendTables>) {
  return {
    /** Recipients of emails being sent that have not left yet (the job-queue-depth metric). */
    async countWaiting(): Promise<number> {
      const row = await db
        .selectFrom('email_recipients')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .where('email_id', 'in', (eb) =>
          eb.selectFrom('emails').select('id').where('status', '=', 'sending'),
        )
        .where('state', 'in', active)
        .executeTakeFirst();
      return Number(row?.n ?? 0);
    },

    /**
     * Recomputes the counts from the rows (one statement), then, when no row can still leave,
     * finishes the email: failed when every recipient that was tried failed, cancelled when it
     * was cancelled, sent otherwise. Only one caller's compare-and-set finishes it, and it counts
     * again in that same statement: a refresh whose first count missed answers stored meanwhile
     * (by another lane or process) cannot finish the email with stale counts.
     */
    async refreshCounts(emailId: string, now: string): Promise<void> {
      const countsOf = (eb: ExpressionBuilder<EmailSendTables, 'emails'>) => {
        const countOf = (state: RecipientState) =>
          eb
            .selectFrom('email_recipients as r')
            .select((inner) => inner.fn.countAll<number>().as('n'))
            .whereRef('r.email_id', '=', 'emails.id')
            .where('r.state', '=', state);
        return {
          sent: countOf('sent'),
          failed: countOf('failed'),
          uncertain: countOf('uncertain'),
          skipped: countOf('skipped'),
        };
      };
      await db.transaction().execute(async (trx) => {
        await trx
          .updateTable('emails')
          .set((eb) => {
            const counts = countsOf(eb);
            return {
              sent_count: counts.sent,
              failed_count: counts.failed,
              uncertain_count: counts.uncertain,
              skipped_count: counts.skipped,
              updated_at: now,
            };
          })
          .where('id', '=', emailId)
          .execute();
        await trx
          .updateTable('emails')
          .set((eb) => {
            const counts = countsOf(eb);
            return {
              sent_count: counts.sent,
              failed_count: counts.failed,
              uncertain_count: counts.uncertain,
              skipped_count: counts.skipped,
              status: eb
                .case()
                .when(
                  eb.exists(
                    eb
                      .selectFrom('email_recipients as r')
                      .select('r.member_id')
                      .whereRef('r.email_id', '=', 'emails.id')
                      .where('r.state', '=', 'skipped')
                      .where('r.reply', '=', cancelledReply),
                  ),
                )
                .then('cancelled')
                .when(
                  eb.and([
                    eb(counts.sent, '=', 0),
                    eb(counts.uncertain, '=', 0),
                    eb(counts.failed, '>', 0),
                  ]),
                )
                .then('failed')
                .else('sent')
                .end(),
              finished_at: now,
            };
          })
          .where('id', '=', emailId)
          .where('status', '=', 'sending')
          .where((eb) =>
            eb.not(
              eb.exists(
                eb
                  .selectFrom('email_recipients as r')
                  .select('r.member_id')
                  .whereRef('r.email_id', '=', 'emails.id')
                  .where('r.state', 'in', active),
              ),
            ),
          )
          .execute();
      });
    },

    /**
     * Stops what has not left: queued and claimed rows (a claimed row's sender finds it gone at
     * its claimed → handing step) become skipped; a pending email is cancelled at once, a sending
     * one when its in-flight rows have finished (refreshCounts).
     */
    cancel(emailId: string, now: string): Promise<{ found: boolean }> {
      return db.transaction().execute(async (trx) => {
        const email = await trx
          .selectFrom('emails')
          .select('status')
          .where('id', '=', emailId)
          .executeTakeFirst();
        if (!email) return { found: false };
        await trx
          .updateTable('email_recipients')
          .set({ state: 'skipped', reply: cancelledReply, updated_at: now })
          .where('email_id', '=', emailId)
          .where('state', 'in', ['queued', 'claimed'])
          .execute();
        await trx
          .updateTable('emails')
          .set({ status: 'cancelled', finished_at: now, updated_at: now })
          .where('id', '=', emailId)
          .where('status', '=', 'pending')
          .execute();
        return { found: true };
      });
    },

    /** failed (and uncertain when asked) → queued with fresh attempts; the email sends again. */
    retry(emailId: string, options: { includeUncertain: boolean; now: string }): Promise<number> {
      const states: RecipientState[] = options.includeUncertain
        ? ['failed', 'uncertain']
        : ['failed'];
      return db.transaction().execute(async (trx) => {
        const moved = await trx
          .updateTable('email_recipients')
          .set({
            state: 'queued',
            attempts: 0,
            retry_at: null,
            claimed_by: null,
            lease_until: null,
            updated_at: options.now,
          })
          .where('email_id', '=', emailId)
          .where('state', 'in', states)
          .executeTakeFirst();
        const count = Number(moved.numUpdatedRows);
        if (count > 0)
          await trx
            .updateTable('emails')
            .set({ status: 'sending', finished_at: null, updated_at: options.now })
            .where('id', '=', emailId)
            .where('status', 'in', ['sent', 'failed', 'cancelled', 'sending'])
            .execute();
        return count;
      });
    },

    async progress(emailId: string): Promise<EmailProgress | undefined> {
      const row = await db
        .selectFrom('emails')
        .select([
          'id',
          'newsletter_id',
          'status',
          'recipient_count',
          'sent_count',
          'failed_count',
          'uncertain_count',
          'started_at',
          'finished_at',
        ])
        .where('id', '=', emailId)
        .executeTakeFirst();
      return row ? progressOf(row) : undefined;
    },
  };
}
