import type { Kysely } from 'kysely';
import type { StaffTables } from '../staff/index.js';
import type { ApiTokensTable, TokensTables } from './tokens.table.js';

/**
 * The api_tokens table's SQL. Reads join staff_users for the creator's name, role and status:
 * a read model this feature owns (the staff feature does not know tokens exist).
 */
export function createTokensRepository(db: Kysely<TokensTables & StaffTables>) {
  return {
    findOwner(id: string) {
      return db
        .selectFrom('api_tokens')
        .select(['created_by', 'created_via'])
        .where('id', '=', id)
        .executeTakeFirst();
    },
    async insert(row: ApiTokensTable): Promise<void> {
      await db.insertInto('api_tokens').values(row).execute();
    },
    /**
     * A token not revoked, with its creator's current role and status, by the hash of its
     * secret (or of a content key's Ghost form, `ghost_key_hash`).
     */
    findUnrevokedByHash(
      tokenHash: string,
      kind: string,
      column: 'token_hash' | 'ghost_key_hash' = 'token_hash',
    ) {
      return db
        .selectFrom('api_tokens')
        .leftJoin('staff_users', 'staff_users.id', 'api_tokens.created_by')
        .selectAll('api_tokens')
        .select([
          'staff_users.role as creator_role',
          'staff_users.status as creator_status',
          'staff_users.name as creator_name',
        ])
        .where(`api_tokens.${column}`, '=', tokenHash)
        .where('api_tokens.kind', '=', kind)
        .where('api_tokens.revoked_at', 'is', null)
        .executeTakeFirst();
    },
    async touch(id: string, at: string): Promise<void> {
      await db.updateTable('api_tokens').set({ last_used_at: at }).where('id', '=', id).execute();
    },
    listWithCreators() {
      return db
        .selectFrom('api_tokens')
        .leftJoin('staff_users', 'staff_users.id', 'api_tokens.created_by')
        .selectAll('api_tokens')
        .select('staff_users.name as creator_name')
        .orderBy('api_tokens.created_at', 'desc')
        .execute();
    },
    /** Returns whether a live token was revoked. */
    async revoke(id: string, at: string): Promise<boolean> {
      const result = await db
        .updateTable('api_tokens')
        .set({ revoked_at: at })
        .where('id', '=', id)
        .where('revoked_at', 'is', null)
        .executeTakeFirst();
      return Number(result.numUpdatedRows) > 0;
    },
    async revokeAdminTokensMadeBy(userId: string, at: string, trx: Kysely<TokensTables>) {
      await trx
        .updateTable('api_tokens')
        .set({ revoked_at: at })
        .where('created_by', '=', userId)
        .where('kind', '=', 'admin')
        .where('revoked_at', 'is', null)
        .execute();
    },
  };
}
