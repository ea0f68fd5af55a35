import type { Kysely } from 'kysely';

/**
 * An editor's intro line for a daily list's next digest: kept on the list until the digest is
 * made, then moved onto that email (`emails.intro`) and cleared.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('newsletters').addColumn('next_digest_intro', 'text').execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('newsletters').dropColumn('next_digest_intro').execute();
}
