import { sql, type Kysely } from 'kysely';

/**
 * Admin API tokens die with their creator: `created_via` tells a token made by a staff member
 * (`staff`, which dies when that person is suspended or removed — `created_by` then goes null)
 * from one made with the CLI (`cli`, the owner's). Tokens made before this migration without a
 * creator came from the CLI. `expires_at` is an optional end of life.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .alterTable('api_tokens')
    .addColumn('created_via', 'text', (c) => c.notNull().defaultTo('staff'))
    .execute();
  await db.schema.alterTable('api_tokens').addColumn('expires_at', 'text').execute();
  await sql`update api_tokens set created_via = 'cli' where created_by is null`.execute(db);
  await db.schema
    .createIndex('api_tokens_created_by_idx')
    .on('api_tokens')
    .column('created_by')
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropIndex('api_tokens_created_by_idx').execute();
  await db.schema.alterTable('api_tokens').dropColumn('expires_at').execute();
  await db.schema.alterTable('api_tokens').dropColumn('created_via').execute();
}
