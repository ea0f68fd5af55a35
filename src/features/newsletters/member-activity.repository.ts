import { sql, type Kysely } from 'kysely';
import type { NewslettersTables } from './newsletters.table.js';

type Db = Kysely<NewslettersTables>;

/**
 * SQL of per-member tracking (the newsroom's opt-in): one row per member and email. A row is
 * written only for a recipient of an email sent with per-member tracking and with that kind of
 * tracking on — one `INSERT … SELECT … ON CONFLICT` checks both and counts, so a token for an
 * email sent untracked, or a member no longer on the list of recipients (deleted), writes nothing.
 */
export function createMemberActivityRepository(db: Db) {
  async function record(input: {
    emailId: string;
    memberId: string;
    kind: 'open' | 'click';
    at: string;
  }): Promise<boolean> {
    const { emailId, memberId, at } = input;
    const isOpen = input.kind === 'open';
    // The time for the kind recorded, null for the other (kept as it is by an update).
    const timeIf = (isKind: boolean) =>
      isKind ? sql<string | null>`${at}` : sql<string | null>`null`;
    const result = await db
      .insertInto('member_email_activity')
      .columns([
        'member_id',
        'email_id',
        'open_count',
        'click_count',
        'first_opened_at',
        'last_opened_at',
        'first_clicked_at',
        'last_clicked_at',
      ])
      .expression((eb) =>
        eb
          .selectFrom('email_recipients as r')
          .innerJoin('emails as e', 'e.id', 'r.email_id')
          .select([
            'r.member_id',
            'r.email_id',
            sql<number>`${sql.lit(isOpen ? 1 : 0)}`.as('open_count'),
            sql<number>`${sql.lit(isOpen ? 0 : 1)}`.as('click_count'),
            timeIf(isOpen).as('first_opened_at'),
            timeIf(isOpen).as('last_opened_at'),
            timeIf(!isOpen).as('first_clicked_at'),
            timeIf(!isOpen).as('last_clicked_at'),
          ])
          .where('r.email_id', '=', emailId)
          .where('r.member_id', '=', memberId)
          .where('e.track_members', '=', 1)
          .where(isOpen ? 'e.track_opens' : 'e.track_clicks', '=', 1),
      )
      .onConflict((oc) =>
        oc.columns(['member_id', 'email_id']).doUpdateSet(
          isOpen
            ? {
                open_count: sql<number>`member_email_activity.open_count + 1`,
                first_opened_at: sql<string>`coalesce(member_email_activity.first_opened_at, excluded.first_opened_at)`,
                last_opened_at: sql<string>`excluded.last_opened_at`,
              }
            : {
                click_count: sql<number>`member_email_activity.click_count + 1`,
                first_clicked_at: sql<string>`coalesce(member_email_activity.first_clicked_at, excluded.first_clicked_at)`,
                last_clicked_at: sql<string>`excluded.last_clicked_at`,
              },
        ),
      )
      .executeTakeFirst();
    return Number(result.numInsertedOrUpdatedRows ?? 0) > 0;
  }

  return {
    /** One more open of this email by this member; false when nothing was recorded. */
    recordOpen: (emailId: string, memberId: string, at: string) =>
      record({ emailId, memberId, kind: 'open', at }),

    /** One more click in this email by this member; false when nothing was recorded. */
    recordClick: (emailId: string, memberId: string, at: string) =>
      record({ emailId, memberId, kind: 'click', at }),

    /** Everything recorded about a member, newest email first (their data export). */
    ofMember(memberId: string) {
      return db
        .selectFrom('member_email_activity as a')
        .innerJoin('emails as e', 'e.id', 'a.email_id')
        .select([
          'a.email_id',
          'e.subject',
          'a.open_count',
          'a.click_count',
          'a.first_opened_at',
          'a.last_opened_at',
          'a.first_clicked_at',
          'a.last_clicked_at',
        ])
        .where('a.member_id', '=', memberId)
        .orderBy('a.email_id', 'desc')
        .execute();
    },
  };
}
