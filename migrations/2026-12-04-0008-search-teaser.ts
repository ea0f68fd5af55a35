import { sql, type Kysely } from 'kysely';
import {
  createFullTextIndex,
  dropFullTextIndex,
  indexExistingRows,
} from '../src/platform/db/index.js';

/**
 * Search must not reveal what is past a paywall: readers not entitled to a members-only or paid
 * story may find it by its teaser (title, dek, excerpt) only. The search row gains the post's
 * visibility and its excerpt, and the index is remade over four columns — title, dek, excerpt,
 * body (PostgreSQL weights A, B, C, D) — so a query can be limited to the teaser's columns.
 */
const before = {
  table: 'post_search',
  key: 'post_id',
  columns: ['title', 'dek', 'body_text'],
} as const;
const after = {
  table: 'post_search',
  key: 'post_id',
  columns: ['title', 'dek', 'excerpt', 'body_text'],
} as const;

export async function up(db: Kysely<unknown>): Promise<void> {
  await dropFullTextIndex(db, before);
  await db.schema
    .alterTable('post_search')
    .addColumn('visibility', 'text', (c) => c.notNull().defaultTo('public'))
    .execute();
  await db.schema
    .alterTable('post_search')
    .addColumn('excerpt', 'text', (c) => c.notNull().defaultTo(''))
    .execute();
  await sql`update post_search set
    visibility = (select p.visibility from posts p where p.id = post_search.post_id),
    excerpt = (select coalesce(p.custom_excerpt, p.excerpt, '') from posts p where p.id = post_search.post_id)`.execute(
    db,
  );
  await createFullTextIndex(db, after);
  await indexExistingRows(db, after);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await dropFullTextIndex(db, after);
  await db.schema.alterTable('post_search').dropColumn('excerpt').execute();
  await db.schema.alterTable('post_search').dropColumn('visibility').execute();
  await createFullTextIndex(db, before);
  await indexExistingRows(db, before);
}
