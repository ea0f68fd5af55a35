import type { Kysely } from 'kysely';
import type { StaffAuthTables, StaffInvitationsTable } from './staff-auth.table.js';

/** The staff_invitations table's SQL; "pending" means not accepted (expired ones included). */
export function createInvitationsRepository(db: Kysely<StaffAuthTables>) {
  return {
    findPending(id: string) {
      return db
        .selectFrom('staff_invitations')
        .selectAll()
        .where('id', '=', id)
        .where('accepted_at', 'is', null)
        .executeTakeFirst();
    },
    /** Newest first, at most 200. */
    listPending() {
      return db
        .selectFrom('staff_invitations')
        .selectAll()
        .where('accepted_at', 'is', null)
        .orderBy('created_at', 'desc')
        .orderBy('id', 'desc')
        .limit(200)
        .execute();
    },
    findByTokenHash(tokenHash: string) {
      return db
        .selectFrom('staff_invitations')
        .selectAll()
        .where('token_hash', '=', tokenHash)
        .executeTakeFirst();
    },
    async renewPending(
      id: string,
      renewal: { tokenHash: string; expiresAt: string },
      trx: Kysely<StaffAuthTables>,
    ): Promise<void> {
      await trx
        .updateTable('staff_invitations')
        .set({ token_hash: renewal.tokenHash, expires_at: renewal.expiresAt })
        .where('id', '=', id)
        .where('accepted_at', 'is', null)
        .execute();
    },
    async deletePending(id: string, trx: Kysely<StaffAuthTables>): Promise<void> {
      await trx
        .deleteFrom('staff_invitations')
        .where('id', '=', id)
        .where('accepted_at', 'is', null)
        .execute();
    },
    /** A newer invitation replaces the pending ones for the same email. */
    async replacePendingFor(row: StaffInvitationsTable, trx: Kysely<StaffAuthTables>) {
      await trx
        .deleteFrom('staff_invitations')
        .where('email', '=', row.email)
        .where('accepted_at', 'is', null)
        .execute();
      await trx.insertInto('staff_invitations').values(row).execute();
    },
    /** Marks it accepted; false when another request accepted it first. */
    async claim(id: string, at: string): Promise<boolean> {
      const result = await db
        .updateTable('staff_invitations')
        .set({ accepted_at: at })
        .where('id', '=', id)
        .where('accepted_at', 'is', null)
        .executeTakeFirst();
      return Number(result.numUpdatedRows) === 1;
    },
    /** Gives a claim back (the account could not be created). */
    async unclaim(id: string): Promise<void> {
      await db
        .updateTable('staff_invitations')
        .set({ accepted_at: null })
        .where('id', '=', id)
        .execute();
    },
  };
}
