import type { Kysely } from 'kysely';
import { createFullTextIndex, dropFullTextIndex } from '../src/platform/db/index.js';

/**
 * Full-text search of posts. `post_search` is the portable source of truth, one row per post,
 * written in the same transaction as the post itself; the engine's index over it (FTS5 on
 * SQLite, a generated tsvector with a GIN index on PostgreSQL) lives behind platform/db.
 */
const source = {
  table: 'post_search',
  key: 'post_id',
  columns: ['title', 'dek', 'body_text'],
} as const;

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('post_search')
    .addColumn('post_id', 'text', (c) => c.primaryKey().references('posts.id').onDelete('cascade'))
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('published_at', 'text')
    .addColumn('title', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('dek', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('body_text', 'text', (c) => c.notNull().defaultTo(''))
    .execute();
  await createFullTextIndex(db, source);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await dropFullTextIndex(db, source);
  await db.schema.dropTable('post_search').ifExists().execute();
}
