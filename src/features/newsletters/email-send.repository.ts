import {
  sql,
  type Expression,
  type ExpressionBuilder,
  type Kysely,
  type RawBuilder,
  type SqlBool,
} from 'kysely';
import { skipLockedRows } from '../../platform/db/index.js';
import type { RecipientState } from './email-send.js';
import { createRecipientListRepository } from './email-recipient-list.repository.js';
import type { EmailSendTables } from './email-send-tables.js';

export type { EmailSendReadTables, EmailSendTables } from './email-send-tables.js';

type Db = Kysely<EmailSendTables>;

export interface ClaimedRecipient {
  memberId: string;
  address: string;
  name: string | null;
  access: string;
  attempts: number;
}

export interface ClaimedBatch {
  emailId: string;
  batch: number;
  recipients: ClaimedRecipient[];
}

export interface RecipientOutcome {
  state: Extract<RecipientState, 'sent' | 'failed' | 'uncertain' | 'queued'>;
  reply: string;
  attempts?: number;
  retryAt?: string | null;
}

/** Due for a claim: queued and not waiting out a 4xx backoff. */
const isDue = (
  eb: ExpressionBuilder<EmailSendTables, 'email_recipients'>,
  now: string,
): Expression<SqlBool> =>
  eb.and([
    eb('email_recipients.state', '=', 'queued'),
    eb.or([
      eb('email_recipients.retry_at', 'is', null),
      eb('email_recipients.retry_at', '<=', now),
    ]),
  ]);

export function createEmailSendRepository(db: Db) {
  /**
   * One lane step, in one statement (one commit, one round trip): records the server's answers
   * for rows this worker handed over, and moves the rows whose messages go next claimed →
   * handing. The hand-off is written before the message goes to the mailer: if this process
   * dies after it, the lease's end finds the row in handing and marks it uncertain, never
   * queued. A row its lease already turned uncertain gets the real answer too: knowing beats
   * guessing. Returns the rows moved to handing: one this worker no longer holds (its lease was
   * taken over, or a cancel) is not moved and must not be sent.
   */
  async function handOver(options: {
    emailId: string;
    workerId: string;
    now: string;
    leaseUntil: string;
    answered: ReadonlyArray<{ memberId: string; outcome: RecipientOutcome }>;
    handing: readonly string[];
  }): Promise<Set<string>> {
    const { answered, handing } = options;
    if (answered.length === 0 && handing.length === 0) return new Set();
    const answeredIds = answered.map((a) => a.memberId);
    // CASE member_id WHEN <answered row> THEN <its value> … ELSE <otherwise> END
    const perRow = <V>(
      value: (outcome: RecipientOutcome) => V | undefined,
      otherwise: RawBuilder<unknown>,
    ): RawBuilder<V> => {
      const cases = answered.flatMap(({ memberId, outcome }) => {
        const v = value(outcome);
        return v === undefined ? [] : [sql`when ${memberId} then ${v}`];
      });
      return cases.length === 0
        ? (otherwise as RawBuilder<V>)
        : sql<V>`case ${sql.ref('member_id')} ${sql.join(cases, sql` `)} else ${otherwise} end`;
    };
    const isAnswered =
      answered.length === 0
        ? sql<boolean>`1 = 0`
        : sql<boolean>`${sql.ref('member_id')} in (${sql.join(answeredIds)})`;
    const rows = await db
      .updateTable('email_recipients')
      .set({
        // Rows not answered are the ones being handed over (the WHERE below has no others).
        state: perRow((o) => o.state, sql`${'handing'}`),
        reply: perRow((o) => o.reply.slice(0, 1000), sql.ref('reply')),
        attempts: perRow((o) => o.attempts, sql.ref('attempts')),
        retry_at: perRow((o) => o.retryAt, sql.ref('retry_at')),
        claimed_by: perRow((o) => (o.state === 'queued' ? null : undefined), sql.ref('claimed_by')),
        lease_until: sql<
          string | null
        >`case when ${isAnswered} then null else ${options.leaseUntil} end`,
        updated_at: options.now,
      })
      .where('email_id', '=', options.emailId)
      // Every row named, so the primary key finds them (without it SQLite walks all of the
      // email's rows through the work index: ~0.2 ms a statement at 5,000 recipients, and
      // growing with the list).
      .where('member_id', 'in', [...answeredIds, ...handing])
      .where('claimed_by', '=', options.workerId)
      .where((eb) =>
        eb.or([
          ...(answered.length === 0
            ? []
            : [
                eb.and([
                  eb('member_id', 'in', answeredIds),
                  eb('state', 'in', ['handing', 'uncertain']),
                ]),
              ]),
          ...(handing.length === 0
            ? []
            : [eb.and([eb('member_id', 'in', handing), eb('state', '=', 'claimed')])]),
        ]),
      )
      .returning('member_id')
      .execute();
    const moved = new Set(handing);
    return new Set(rows.map((r) => r.member_id).filter((id) => moved.has(id)));
  }

  return {
    ...createRecipientListRepository(db),

    /** What starting a send needs: its status, list, segment and the story's visibility. */
    findEmailToStart(emailId: string) {
      return db
        .selectFrom('emails as e')
        .leftJoin('posts as p', 'p.id', 'e.post_id')
        .select(['e.id', 'e.status', 'e.newsletter_id', 'e.segment', 'p.visibility'])
        .where('e.id', '=', emailId)
        .executeTakeFirst();
    },

    /**
     * Oldest first: emails waiting for a sender to fix their recipients. A story's email waits
     * for its story to go live (a scheduled publish with email leaves when the story does).
     */
    async pendingEmailIds(limit: number): Promise<string[]> {
      const rows = await db
        .selectFrom('emails as e')
        .leftJoin('posts as p', 'p.id', 'e.post_id')
        .select('e.id')
        .where('e.status', '=', 'pending')
        .where((eb) => eb.or([eb('e.post_id', 'is', null), eb('p.status', '=', 'published')]))
        .orderBy('e.id')
        .limit(limit)
        .execute();
      return rows.map((r) => r.id);
    },

    async sendingEmailIds(): Promise<string[]> {
      const rows = await db
        .selectFrom('emails')
        .select('id')
        .where('status', '=', 'sending')
        .execute();
      return rows.map((r) => r.id);
    },

    /**
     * Claims one batch of one sending email: its due queued rows become `claimed` by this worker
     * until `leaseUntil`. The batch is picked, and its rows taken, with `FOR UPDATE SKIP LOCKED`
     * on PostgreSQL (another claimer's rows are passed over, not waited for); on SQLite the
     * transaction is IMMEDIATE, one writer at a time. The UPDATE's own `state = 'queued'` test
     * is the compare-and-set either way, so no row is ever claimed twice.
     */
    claimBatch(options: {
      workerId: string;
      now: string;
      leaseUntil: string;
    }): Promise<ClaimedBatch | null> {
      const { now } = options;
      return db.transaction().execute(async (trx) => {
        const sending = trx.selectFrom('emails').select('id').where('status', '=', 'sending');
        const pick = await skipLockedRows(
          trx,
          trx
            .selectFrom('email_recipients')
            .select(['email_id', 'batch'])
            .where('email_id', 'in', sending)
            .where((eb) => isDue(eb, now))
            .orderBy('email_id')
            .orderBy('batch')
            .limit(1),
        ).executeTakeFirst();
        if (!pick) return null;

        const rows = await trx
          .updateTable('email_recipients')
          .set({
            state: 'claimed',
            claimed_by: options.workerId,
            lease_until: options.leaseUntil,
            updated_at: now,
          })
          .where('email_id', '=', pick.email_id)
          .where('batch', '=', pick.batch)
          .where((eb) => isDue(eb, now))
          .where('member_id', 'in', () =>
            skipLockedRows(
              trx,
              trx
                .selectFrom('email_recipients')
                .select('member_id')
                .where('email_id', '=', pick.email_id)
                .where('batch', '=', pick.batch)
                .where((eb) => isDue(eb, now)),
            ),
          )
          .returning(['member_id', 'address', 'name', 'access', 'attempts'])
          .execute();
        if (rows.length === 0) return null;
        rows.sort((a, b) => (a.member_id < b.member_id ? -1 : 1));
        return {
          emailId: pick.email_id,
          batch: pick.batch,
          recipients: rows.map((r) => ({
            memberId: r.member_id,
            address: r.address,
            name: r.name,
            access: r.access,
            attempts: r.attempts,
          })),
        };
      });
    },

    /** Extends this worker's claims on an email while it works through them. */
    async renewLease(options: { emailId: string; workerId: string; leaseUntil: string }) {
      await db
        .updateTable('email_recipients')
        .set({ lease_until: options.leaseUntil })
        .where('email_id', '=', options.emailId)
        .where('claimed_by', '=', options.workerId)
        .where('state', 'in', ['claimed', 'handing'])
        .execute();
    },

    /**
     * This worker's claimed rows whose member unsubscribed, or whose address was suppressed,
     * since the list was fixed become `skipped` with the reason; returns their member ids.
     */
    async skipIneligible(options: {
      emailId: string;
      newsletterId: string;
      workerId: string;
      now: string;
    }): Promise<Set<string>> {
      const mine = (eb: ExpressionBuilder<EmailSendTables, 'email_recipients'>) =>
        eb.and([
          eb('email_recipients.email_id', '=', options.emailId),
          eb('email_recipients.claimed_by', '=', options.workerId),
          eb('email_recipients.state', '=', 'claimed'),
        ]);
      const suppressed = await db
        .updateTable('email_recipients')
        .set((eb) => ({
          state: 'skipped',
          reply: eb
            .selectFrom('email_suppressions as x')
            .select(sql<string>`'suppressed: ' || x.reason`.as('why'))
            .where('x.address', '=', sql<string>`lower(email_recipients.address)`),
          updated_at: options.now,
        }))
        .where(mine)
        .where((eb) =>
          eb.exists(
            eb
              .selectFrom('email_suppressions as x')
              .select('x.address')
              .where('x.address', '=', sql<string>`lower(email_recipients.address)`),
          ),
        )
        .returning('member_id')
        .execute();
      const unsubscribed = await db
        .updateTable('email_recipients')
        .set({ state: 'skipped', reply: 'unsubscribed', updated_at: options.now })
        .where(mine)
        .where((eb) =>
          eb.not(
            eb.exists(
              eb
                .selectFrom('newsletter_subscriptions as s')
                .select('s.member_id')
                .whereRef('s.member_id', '=', 'email_recipients.member_id')
                .where('s.newsletter_id', '=', options.newsletterId)
                .where('s.status', '=', 'subscribed'),
            ),
          ),
        )
        .returning('member_id')
        .execute();
      return new Set([...suppressed, ...unsubscribed].map((r) => r.member_id));
    },

    handOver,

    /** claimed → handing for one row (handOver without answers). */
    async markHanding(options: {
      emailId: string;
      memberId: string;
      workerId: string;
      now: string;
      leaseUntil: string;
    }): Promise<boolean> {
      const moved = await handOver({ ...options, answered: [], handing: [options.memberId] });
      return moved.has(options.memberId);
    },

    /**
     * Rows whose lease ran out: `handing` may have reached the server, so it becomes uncertain
     * (never resent by itself); `claimed` never left, so it goes back to the queue.
     */
    async expireLeases(now: string): Promise<{ uncertain: number; requeued: number }> {
      const uncertain = await db
        .updateTable('email_recipients')
        .set({ state: 'uncertain', reply: 'sender stopped during hand-off', updated_at: now })
        .where('state', '=', 'handing')
        .where('lease_until', '<', now)
        .executeTakeFirst();
      const requeued = await db
        .updateTable('email_recipients')
        .set({ state: 'queued', claimed_by: null, lease_until: null, updated_at: now })
        .where('state', '=', 'claimed')
        .where('lease_until', '<', now)
        .executeTakeFirst();
      return {
        uncertain: Number(uncertain.numUpdatedRows),
        requeued: Number(requeued.numUpdatedRows),
      };
    },

    /** What sending one message needs: the stored renders and the list's name and sender. */
    sendContext(emailId: string) {
      return db
        .selectFrom('emails as e')
        .innerJoin('newsletters as n', 'n.id', 'e.newsletter_id')
        .select([
          'e.id',
          'e.rendered',
          'e.newsletter_id',
          'n.name',
          'n.slug',
          'n.sender_name',
          'n.reply_to',
        ])
        .where('e.id', '=', emailId)
        .executeTakeFirst();
    },
  };
}

export type EmailSendRepository = ReturnType<typeof createEmailSendRepository>;
