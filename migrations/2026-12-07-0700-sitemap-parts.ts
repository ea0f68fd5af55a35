import type { Kysely } from 'kysely';

/**
 * Where the stories sitemap's parts start and end (issue #14): kept here by a background job, so
 * the sitemap index reads one row per part instead of every published story (1.5 s at 100k).
 * Only full parts are kept; the newest stories after the last one are counted live.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('post_sitemap_parts')
    // Which listing (the kinds it holds) and its part size: a change of either starts afresh.
    .addColumn('list', 'text', (c) => c.notNull())
    .addColumn('page_size', 'integer', (c) => c.notNull())
    .addColumn('part', 'integer', (c) => c.notNull())
    // The last (published_at, id) of the part: the next part starts after it.
    .addColumn('end_at', 'text', (c) => c.notNull())
    .addColumn('end_id', 'text', (c) => c.notNull())
    .addColumn('stories', 'integer', (c) => c.notNull())
    .addColumn('changed_at', 'text', (c) => c.notNull())
    // When this part was worked out: posts updated since then may have changed it.
    .addColumn('computed_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('post_sitemap_parts_pk', ['list', 'page_size', 'part'])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('post_sitemap_parts').execute();
}
