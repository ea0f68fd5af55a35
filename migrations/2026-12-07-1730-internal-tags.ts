import type { Kysely } from 'kysely';

/**
 * Tags gain a flag of their own for internal tags (issue #15: Ghost's `#tags`): kept for the
 * newsroom's own organising and filtering, never shown to readers — no tag page, chip, feed,
 * sitemap entry or Content API listing. Existing tags are all public.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .alterTable('tags')
    .addColumn('is_internal', 'integer', (c) => c.notNull().defaultTo(0))
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('tags').dropColumn('is_internal').execute();
}
