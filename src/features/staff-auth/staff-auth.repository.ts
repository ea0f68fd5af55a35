import type { Kysely } from 'kysely';
import type {
  StaffAuthTables,
  StaffPasswordResetsTable,
  StaffTwoFactorChallengesTable,
} from './staff-auth.table.js';

/** Password-reset links and pending two-factor sign-ins: single-use rows claimed by updates. */
export function createStaffAuthRepository(db: Kysely<StaffAuthTables>) {
  return {
    async insertPasswordReset(row: StaffPasswordResetsTable): Promise<void> {
      await db.insertInto('staff_password_resets').values(row).execute();
    },
    findPasswordReset(tokenHash: string) {
      return db
        .selectFrom('staff_password_resets')
        .selectAll()
        .where('token_hash', '=', tokenHash)
        .executeTakeFirst();
    },
    /** Uses up the link; false when another request used it first. */
    async claimPasswordReset(id: string, at: string, trx: Kysely<StaffAuthTables>) {
      const result = await trx
        .updateTable('staff_password_resets')
        .set({ used_at: at })
        .where('id', '=', id)
        .where('used_at', 'is', null)
        .executeTakeFirst();
      return Number(result.numUpdatedRows) === 1;
    },
    async usePasswordResetsOf(userId: string, at: string, trx: Kysely<StaffAuthTables>) {
      await trx
        .updateTable('staff_password_resets')
        .set({ used_at: at })
        .where('user_id', '=', userId)
        .where('used_at', 'is', null)
        .execute();
    },

    async insertChallenge(row: StaffTwoFactorChallengesTable): Promise<void> {
      await db.insertInto('staff_two_factor_challenges').values(row).execute();
    },
    findLiveChallenge(tokenHash: string, now: string) {
      return db
        .selectFrom('staff_two_factor_challenges')
        .selectAll()
        .where('token_hash', '=', tokenHash)
        .where('expires_at', '>', now)
        .executeTakeFirst();
    },
    /** Counts an attempt unless the challenge has had `maxAttempts`; false then. */
    async countChallengeAttempt(id: string, maxAttempts: number): Promise<boolean> {
      const result = await db
        .updateTable('staff_two_factor_challenges')
        .set((eb) => ({ attempts: eb('attempts', '+', 1) }))
        .where('id', '=', id)
        .where('attempts', '<', maxAttempts)
        .executeTakeFirst();
      return Number(result.numUpdatedRows) === 1;
    },
    /** Deletes the challenge (only once it has `minAttempts`, when given); false if it was gone. */
    async deleteChallenge(id: string, options: { minAttempts?: number } = {}): Promise<boolean> {
      let query = db.deleteFrom('staff_two_factor_challenges').where('id', '=', id);
      if (options.minAttempts !== undefined)
        query = query.where('attempts', '>=', options.minAttempts);
      const result = await query.executeTakeFirst();
      return Number(result.numDeletedRows) > 0;
    },
  };
}
