import type { Kysely } from 'kysely';

/**
 * Live blogs (issue #16): a post of kind `live` carries timestamped updates, each its own row so
 * several editors post at once without clobbering each other.
 *
 * `live_updates`: one short document per update, its author (the staff member's author profile,
 * and who acted), when it went out and was last edited, the pinned and key-event flags, and a
 * deletion marker: a removed update keeps its row (body emptied) so the page can say "An update
 * was removed at …". `version` is the optimistic lock a PATCH names (409 when stale).
 * Listed newest first by post; key events newest first for the News Feed.
 *
 * `live_coverage`: when coverage of a live post ended ("This live page has ended"). It starts
 * when the post is first published (its `published_at`).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('live_updates')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('post_id', 'text', (c) => c.notNull().references('posts.id').onDelete('cascade'))
    .addColumn('body', 'text', (c) => c.notNull())
    .addColumn('author_id', 'text')
    .addColumn('created_by', 'text', (c) => c.notNull())
    .addColumn('published_at', 'text', (c) => c.notNull())
    .addColumn('edited_at', 'text')
    .addColumn('is_pinned', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('is_key_event', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('deleted_at', 'text')
    .addColumn('deleted_note', 'text')
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .execute();
  await db.schema
    .createIndex('live_updates_post_published_idx')
    .on('live_updates')
    .columns(['post_id', 'published_at', 'id'])
    .execute();
  await db.schema
    .createIndex('live_updates_key_events_idx')
    .on('live_updates')
    .columns(['is_key_event', 'published_at', 'id'])
    .execute();

  await db.schema
    .createTable('live_coverage')
    .addColumn('post_id', 'text', (c) => c.primaryKey().references('posts.id').onDelete('cascade'))
    .addColumn('ended_at', 'text', (c) => c.notNull())
    .addColumn('ended_by', 'text', (c) => c.notNull())
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('live_coverage').execute();
  await db.schema.dropIndex('live_updates_key_events_idx').execute();
  await db.schema.dropIndex('live_updates_post_published_idx').execute();
  await db.schema.dropTable('live_updates').execute();
}
