// What `export --format ghost` reads: posts page by page, and for each page the rows it refers
// to (bylines, tags, media, related posts, Ghost ids kept by an import). Nothing is read whole
// except the small tables (authors, staff, tags, newsletters).
import type { Kysely } from 'kysely';
import type { AppTables } from '../app-database.js';

export type ExportDb = Kysely<AppTables>;

export function postsPage(db: ExportDb, afterId: string | null, limit: number) {
  let query = db.selectFrom('posts').selectAll();
  if (afterId !== null) query = query.where('id', '>', afterId);
  return query.orderBy('id').limit(limit).execute();
}
export type PostRow = Awaited<ReturnType<typeof postsPage>>[number];

export function bylinesOf(db: ExportDb, postIds: readonly string[]) {
  if (postIds.length === 0) return Promise.resolve([]);
  return db
    .selectFrom('post_authors')
    .select(['post_id', 'author_id', 'position'])
    .where('post_id', 'in', postIds)
    .orderBy('post_id')
    .orderBy('position')
    .execute();
}

export function tagsOfPosts(db: ExportDb, postIds: readonly string[]) {
  if (postIds.length === 0) return Promise.resolve([]);
  return db
    .selectFrom('post_tags')
    .select(['post_id', 'tag_id', 'position'])
    .where('post_id', 'in', postIds)
    .orderBy('post_id')
    .orderBy('position')
    .execute();
}

export function mediaByIds(db: ExportDb, ids: readonly string[]) {
  if (ids.length === 0) return Promise.resolve([]);
  return db
    .selectFrom('media')
    .select(['id', 'storage_key', 'mime', 'width', 'height'])
    .where('id', 'in', ids)
    .execute();
}
export type MediaRow = Awaited<ReturnType<typeof mediaByIds>>[number];

export function postSummaries(db: ExportDb, ids: readonly string[]) {
  if (ids.length === 0) return Promise.resolve([]);
  return db
    .selectFrom('posts')
    .select(['id', 'slug', 'title', 'excerpt', 'custom_excerpt', 'status'])
    .where('id', 'in', ids)
    .execute();
}

/** Ghost ids an import kept, by local id (`ghost:<site>` sources only). */
export async function ghostIdsOf(
  db: ExportDb,
  entity: 'post' | 'author' | 'tag' | 'newsletter',
  localIds?: readonly string[],
): Promise<Map<string, string>> {
  if (localIds?.length === 0) return new Map();
  let query = db
    .selectFrom('import_links')
    .select(['local_id', 'external_id'])
    .where('source', 'like', 'ghost:%')
    .where('entity', '=', entity);
  if (localIds) query = query.where('local_id', 'in', localIds);
  const rows = await query.execute();
  return new Map(rows.map((row) => [row.local_id, row.external_id]));
}

export const allAuthors = (db: ExportDb) =>
  db.selectFrom('authors').selectAll().orderBy('id').execute();
export const allStaff = (db: ExportDb) =>
  db
    .selectFrom('staff_users')
    .select(['id', 'email', 'name', 'role', 'status', 'created_at', 'updated_at'])
    .orderBy('id')
    .execute();
export const allTags = (db: ExportDb) => db.selectFrom('tags').selectAll().orderBy('id').execute();
export const allNewsletters = (db: ExportDb) =>
  db.selectFrom('newsletters').selectAll().orderBy('id').execute();

export type AuthorRow = Awaited<ReturnType<typeof allAuthors>>[number];
export type StaffRow = Awaited<ReturnType<typeof allStaff>>[number];
export type TagRow = Awaited<ReturnType<typeof allTags>>[number];
export type NewsletterRow = Awaited<ReturnType<typeof allNewsletters>>[number];
