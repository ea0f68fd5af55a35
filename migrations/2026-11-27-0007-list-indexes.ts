import type { Kysely } from 'kysely';

/**
 * Indexes for two admin lists: scheduled stories soonest first (status, scheduled_at, id — the
 * id completes the keyset order, so no sort step is left; it replaces the (status, scheduled_at)
 * index, its prefix, which the scheduler's due-post query uses as well), and members by tier.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createIndex('posts_status_scheduled_id_idx')
    .on('posts')
    .columns(['status', 'scheduled_at', 'id'])
    .execute();
  await db.schema.dropIndex('posts_status_scheduled_idx').execute();
  await db.schema.createIndex('members_tier_idx').on('members').column('tier_id').execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropIndex('members_tier_idx').execute();
  await db.schema
    .createIndex('posts_status_scheduled_idx')
    .on('posts')
    .columns(['status', 'scheduled_at'])
    .execute();
  await db.schema.dropIndex('posts_status_scheduled_id_idx').execute();
}
