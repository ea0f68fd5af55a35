import type { Kysely } from 'kysely';

/**
 * Search ranks only the newest matches (issue #14): on PostgreSQL the matches are taken newest
 * first by published_at, and for a word in most stories walking this index (checking each row's
 * vector) beats reading every match and sorting them.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createIndex('post_search_published_idx')
    .on('post_search')
    .columns(['published_at', 'post_id'])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropIndex('post_search_published_idx').execute();
}
