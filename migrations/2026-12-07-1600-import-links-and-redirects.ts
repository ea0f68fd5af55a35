import type { Kysely } from 'kysely';

/**
 * Moving in from Ghost or WordPress (issue #15).
 *
 * `import_links` keeps, for every item an import wrote, where it came from: the source platform
 * and site, the item's id there, and a checksum of the source row. A second import of the same
 * export finds its items here (never by slug alone: Ghost's posts and pages may share a slug),
 * skips what has not changed, and updates the rest. Ghost's 24-hex ids stay the ids the Ghost
 * Content API layer shows for imported items.
 *
 * `redirects` answers old addresses (WordPress's `/?p=12`, date permalinks, Ghost's
 * redirects file) with a 301 to the new one. Exact paths only: looked up by primary key when a
 * reader's request finds nothing else.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('import_links')
    .addColumn('source', 'text', (c) => c.notNull())
    .addColumn('entity', 'text', (c) => c.notNull())
    .addColumn('external_id', 'text', (c) => c.notNull())
    .addColumn('local_id', 'text', (c) => c.notNull())
    .addColumn('checksum', 'text', (c) => c.notNull())
    .addColumn('local_version', 'integer')
    .addColumn('imported_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('import_links_pk', ['source', 'entity', 'external_id'])
    .execute();
  await db.schema
    .createIndex('import_links_local_idx')
    .on('import_links')
    .columns(['entity', 'local_id'])
    .execute();
  // The Ghost Content API finds an imported item by its Ghost id, whatever site it came from.
  await db.schema
    .createIndex('import_links_external_idx')
    .on('import_links')
    .columns(['entity', 'external_id'])
    .execute();

  await db.schema
    .createTable('redirects')
    .addColumn('from_path', 'text', (c) => c.primaryKey())
    .addColumn('to_path', 'text', (c) => c.notNull())
    .addColumn('status', 'integer', (c) => c.notNull())
    .addColumn('origin', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('redirects').execute();
  await db.schema.dropIndex('import_links_external_idx').execute();
  await db.schema.dropIndex('import_links_local_idx').execute();
  await db.schema.dropTable('import_links').execute();
}
