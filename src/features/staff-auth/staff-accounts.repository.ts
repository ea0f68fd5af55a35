import type { Kysely, Updateable } from 'kysely';
import type { StaffAccountColumns, StaffAuthTables } from './staff-auth.table.js';

type AccountChange = Omit<Updateable<StaffAccountColumns>, 'id' | 'email'>;

/** The account state and second factor of staff_users (the staff feature owns the rest). */
export function createStaffAccountsRepository(db: Kysely<StaffAuthTables>) {
  return {
    /** The ids of the accounts with two-factor sign-in on. */
    async twoFactorUserIds(): Promise<Set<string>> {
      const rows = await db
        .selectFrom('staff_users')
        .select('id')
        .where('totp_enabled_at', 'is not', null)
        .execute();
      return new Set(rows.map((r) => r.id));
    },
    findOwnerId: async (): Promise<string | undefined> =>
      (
        await db
          .selectFrom('staff_users')
          .select('id')
          .where('role', '=', 'owner')
          .executeTakeFirst()
      )?.id,
    findTwoFactor(userId: string) {
      return db
        .selectFrom('staff_users')
        .select(['id', 'email', 'totp_secret', 'totp_enabled_at', 'totp_last_step'])
        .where('id', '=', userId)
        .executeTakeFirst();
    },
    async update(id: string, set: AccountChange, trx: Kysely<StaffAuthTables> = db): Promise<void> {
      await trx.updateTable('staff_users').set(set).where('id', '=', id).execute();
    },
    /**
     * Marks an imported account as invited, only while it still waits for an invitation
     * (suspended, no password, not the owner): false when another invitation claimed it first.
     */
    async claimForInvitation(
      id: string,
      at: string,
      trx: Kysely<StaffAuthTables> = db,
    ): Promise<boolean> {
      const result = await trx
        .updateTable('staff_users')
        .set({ status: 'invited', updated_at: at })
        .where('id', '=', id)
        .where('status', '=', 'suspended')
        .where('password_hash', 'is', null)
        .where('role', '<>', 'owner')
        .executeTakeFirst();
      return Number(result.numUpdatedRows) === 1;
    },
    /**
     * Records a used TOTP step (and a re-encrypted secret) only if no later step was used:
     * returns false when the code was used already.
     */
    async claimTotpStep(
      userId: string,
      step: number,
      resealedSecret: string | undefined,
    ): Promise<boolean> {
      const result = await db
        .updateTable('staff_users')
        .set({
          totp_last_step: step,
          ...(resealedSecret !== undefined ? { totp_secret: resealedSecret } : {}),
        })
        .where('id', '=', userId)
        .where((eb) => eb.or([eb('totp_last_step', 'is', null), eb('totp_last_step', '<', step)]))
        .executeTakeFirst();
      return Number(result.numUpdatedRows) === 1;
    },
    async listStoredTotpSecrets() {
      const rows = await db
        .selectFrom('staff_users')
        .select(['id', 'totp_secret'])
        .where('totp_secret', 'is not', null)
        .orderBy('id')
        .execute();
      return rows.map((r) => ({ id: r.id, stored: r.totp_secret ?? '' }));
    },
    /** Replaces a stored secret only if the row still holds what was read. */
    async replaceTotpSecret(id: string, stored: string, encrypted: string): Promise<boolean> {
      const result = await db
        .updateTable('staff_users')
        .set({ totp_secret: encrypted })
        .where('id', '=', id)
        .where('totp_secret', '=', stored)
        .executeTakeFirst();
      return Number(result.numUpdatedRows) === 1;
    },
    async deleteRecoveryCodes(userId: string, trx: Kysely<StaffAuthTables>): Promise<void> {
      await trx.deleteFrom('staff_recovery_codes').where('user_id', '=', userId).execute();
    },
    async insertRecoveryCodes(
      rows: { id: string; user_id: string; code_hash: string; created_at: string }[],
      trx: Kysely<StaffAuthTables>,
    ): Promise<void> {
      await trx
        .insertInto('staff_recovery_codes')
        .values(rows.map((r) => ({ ...r, used_at: null })))
        .execute();
    },
    /** Uses an unused recovery code; returns false when there is none with this hash. */
    async claimRecoveryCode(userId: string, codeHash: string, at: string): Promise<boolean> {
      const result = await db
        .updateTable('staff_recovery_codes')
        .set({ used_at: at })
        .where('user_id', '=', userId)
        .where('code_hash', '=', codeHash)
        .where('used_at', 'is', null)
        .executeTakeFirst();
      return Number(result.numUpdatedRows) === 1;
    },
  };
}
