import type { Kysely } from 'kysely';
import type { StaffSessionsTable, StaffSessionsTables } from './staff-sessions.table.js';

/** The staff_sessions table's SQL. */
export function createStaffSessionsRepository(db: Kysely<StaffSessionsTables>) {
  return {
    async insert(row: StaffSessionsTable): Promise<void> {
      await db.insertInto('staff_sessions').values(row).execute();
    },
    /** The session with this hash, unless it expired or was created before `createdAfter`. */
    findLive(tokenHash: string, at: { now: string; createdAfter: string }) {
      return db
        .selectFrom('staff_sessions')
        .selectAll()
        .where('token_hash', '=', tokenHash)
        .where('expires_at', '>', at.now)
        .where('created_at', '>', at.createdAfter)
        .executeTakeFirst();
    },
    async slide(id: string, at: { lastSeenAt: string; expiresAt: string }): Promise<void> {
      await db
        .updateTable('staff_sessions')
        .set({ last_seen_at: at.lastSeenAt, expires_at: at.expiresAt })
        .where('id', '=', id)
        .execute();
    },
    async delete(id: string): Promise<void> {
      await db.deleteFrom('staff_sessions').where('id', '=', id).execute();
    },
    async findCsrfToken(id: string): Promise<string | undefined> {
      const row = await db
        .selectFrom('staff_sessions')
        .select('csrf_token')
        .where('id', '=', id)
        .executeTakeFirst();
      return row?.csrf_token;
    },
    /** Deletes every session of the user but `except`; returns how many went. */
    async deleteAllOf(
      userId: string,
      except: string | undefined,
      trx: Kysely<StaffSessionsTables>,
    ): Promise<number> {
      let query = trx.deleteFrom('staff_sessions').where('user_id', '=', userId);
      if (except) query = query.where('id', '!=', except);
      const result = await query.executeTakeFirst();
      return Number(result.numDeletedRows);
    },
  };
}
