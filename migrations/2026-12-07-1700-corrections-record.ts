import type { Kysely } from 'kysely';

/**
 * The public corrections record (issue #16).
 *
 * `/corrections/` lists every correction and clarification of the site newest first, by keyset
 * cursor: `post_corrections_created_idx` gives that order across all stories (the join to
 * `posts` for the published check is by primary key, row by row).
 *
 * A correction is never deleted: an editor withdraws it, which replaces its text with a public
 * note and sets `withdrawn_at` (the original text stays in the audit log).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('post_corrections').addColumn('withdrawn_at', 'text').execute();
  await db.schema
    .createIndex('post_corrections_created_idx')
    .on('post_corrections')
    .columns(['created_at', 'id'])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropIndex('post_corrections_created_idx').execute();
  await db.schema.alterTable('post_corrections').dropColumn('withdrawn_at').execute();
}
