import type { Insertable, Kysely } from 'kysely';
import type {
  MemberAuthTables,
  MemberSessionsTable,
  MemberSignInTokensTable,
} from './member-auth.table.js';

type Db = Kysely<MemberAuthTables>;

/** SQL of member sign-in: emailed single-use links and member sessions. */
export const memberAuthRepository = {
  insertLink: (db: Db, row: Insertable<MemberSignInTokensTable>) =>
    db.insertInto('member_sign_in_tokens').values(row).execute(),

  deleteLinksExpiredBefore: (db: Db, email: string, before: string) =>
    db
      .deleteFrom('member_sign_in_tokens')
      .where('email', '=', email)
      .where('expires_at', '<', before)
      .execute(),

  /** Uses a live, unused link up (a compare-and-set on used_at); undefined when it was not one. */
  claimLink: (db: Db, tokenHash: string, now: string) =>
    db
      .updateTable('member_sign_in_tokens')
      .set({ used_at: now })
      .where('token_hash', '=', tokenHash)
      .where('used_at', 'is', null)
      .where('expires_at', '>', now)
      .returning(['email', 'purpose', 'data'])
      .executeTakeFirst(),

  useUpLinksOf: (db: Db, email: string, purpose: string, now: string) =>
    db
      .updateTable('member_sign_in_tokens')
      .set({ used_at: now })
      .where('email', '=', email)
      .where('purpose', '=', purpose)
      .where('used_at', 'is', null)
      .execute(),

  insertSession: (db: Db, row: Insertable<MemberSessionsTable>) =>
    db.insertInto('member_sessions').values(row).execute(),

  deleteSessionsExpiredBefore: (db: Db, memberId: string, before: string) =>
    db
      .deleteFrom('member_sessions')
      .where('member_id', '=', memberId)
      .where('expires_at', '<', before)
      .execute(),

  liveSession: (db: Db, tokenHash: string, now: string) =>
    db
      .selectFrom('member_sessions')
      .select(['id', 'member_id', 'expires_at', 'last_seen_at'])
      .where('token_hash', '=', tokenHash)
      .where('expires_at', '>', now)
      .executeTakeFirst(),

  slideSession: (db: Db, id: string, seenAt: string, expiresAt: string) =>
    db
      .updateTable('member_sessions')
      .set({ last_seen_at: seenAt, expires_at: expiresAt })
      .where('id', '=', id)
      .execute(),

  deleteSession: (db: Db, id: string) =>
    db.deleteFrom('member_sessions').where('id', '=', id).execute(),

  async deleteSessionsOf(db: Db, memberId: string): Promise<number> {
    const result = await db
      .deleteFrom('member_sessions')
      .where('member_id', '=', memberId)
      .executeTakeFirst();
    return Number(result.numDeletedRows);
  },
};
