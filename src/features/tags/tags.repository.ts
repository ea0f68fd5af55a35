import type { Kysely, Selectable, Updateable } from 'kysely';
import type { Tag } from './tag.js';
import type { TagsTable, TagsTables } from './tags.table.js';

export const toTag = (row: Selectable<TagsTable>): Tag => ({
  id: row.id,
  name: row.name,
  slug: row.slug,
  description: row.description,
  imageMediaId: row.image_media_id,
  isNavigation: row.is_navigation === 1,
  isInternal: row.is_internal === 1,
  navigationOrder: row.navigation_order,
  createdAt: row.created_at,
  updatedAt: row.updated_at,
});

export function createTagsRepository(db: Kysely<TagsTables>) {
  return {
    async insert(row: TagsTable): Promise<void> {
      await db.insertInto('tags').values(row).execute();
    },
    /** Whether another tag (not `exceptId`) already has this slug. */
    async slugTaken(slug: string, exceptId?: string): Promise<boolean> {
      let query = db.selectFrom('tags').select('id').where('slug', '=', slug);
      if (exceptId !== undefined) query = query.where('id', '!=', exceptId);
      return (await query.executeTakeFirst()) !== undefined;
    },
    findById(id: string) {
      return db.selectFrom('tags').selectAll().where('id', '=', id).executeTakeFirst();
    },
    findBySlug(slug: string) {
      return db.selectFrom('tags').selectAll().where('slug', '=', slug).executeTakeFirst();
    },
    findByIds(ids: readonly string[]) {
      if (ids.length === 0) return Promise.resolve([]);
      return db.selectFrom('tags').selectAll().where('id', 'in', ids).execute();
    },
    /** Returns how many rows changed (0: no such tag). */
    async update(id: string, set: Updateable<TagsTable>): Promise<number> {
      const result = await db.updateTable('tags').set(set).where('id', '=', id).executeTakeFirst();
      return Number(result.numUpdatedRows);
    },
    /** Deletes tags; their links to posts go with them (post_tags cascades). */
    async deleteByIds(ids: readonly string[]): Promise<number> {
      if (ids.length === 0) return 0;
      const result = await db.deleteFrom('tags').where('id', 'in', ids).executeTakeFirst();
      return Number(result.numDeletedRows);
    },
    listNavigation() {
      return (
        db
          .selectFrom('tags')
          .selectAll()
          .where('is_navigation', '=', 1)
          // An internal tag is never a section, even if flagged so before it became internal.
          .where('is_internal', '=', 0)
          .orderBy('navigation_order')
          .orderBy('name')
          .execute()
      );
    },
    list(options: { publicOnly?: boolean } = {}) {
      let query = db.selectFrom('tags').selectAll();
      if (options.publicOnly) query = query.where('is_internal', '=', 0);
      return query.orderBy('name').orderBy('id').execute();
    },
  };
}
