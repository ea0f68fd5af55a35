import type { Kysely } from 'kysely';

/**
 * Content keys gain a second form for Ghost's clients (issue #15): `@tryghost/content-api`
 * refuses any key that is not 26 hexadecimal characters, so each content key made from now on
 * also has one of those, random, kept like the secret as a hash (unique: it alone finds the key).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('api_tokens').addColumn('ghost_key_hash', 'text').execute();
  await db.schema
    .createIndex('api_tokens_ghost_key_hash_idx')
    .unique()
    .on('api_tokens')
    .column('ghost_key_hash')
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropIndex('api_tokens_ghost_key_hash_idx').execute();
  await db.schema.alterTable('api_tokens').dropColumn('ghost_key_hash').execute();
}
