import type { Kysely, Selectable } from 'kysely';
import type { Tag } from './tag.js';
import type { TagsTable, TagsTables } from './tags.table.js';

export const toTag = (row: Selectable<TagsTable>): Tag => ({
  id: row.id,
  name: row.name,
  slug: row.slug,
  description: row.description,
  imageMediaId: row.image_media_id,
  isNavigation: row.is_navigation === 1,
  navigationOrder: row.navigation_order,
  createdAt: row.created_at,
  updatedAt: row.updated_at,
});

export function createTagsRepository(db: Kysely<TagsTables>) {
  return {
    async insert(row: TagsTable): Promise<void> {
      await db.insertInto('tags').values(row).execute();
    },
    async slugTaken(slug: string): Promise<boolean> {
      return (
        (await db.selectFrom('tags').select('id').where('slug', '=', slug).executeTakeFirst()) !==
        undefined
      );
    },
    findBySlug(slug: string) {
      return db.selectFrom('tags').selectAll().where('slug', '=', slug).executeTakeFirst();
    },
    findByIds(ids: readonly string[]) {
      if (ids.length === 0) return Promise.resolve([]);
      return db.selectFrom('tags').selectAll().where('id', 'in', ids).execute();
    },
    listNavigation() {
      return db
        .selectFrom('tags')
        .selectAll()
        .where('is_navigation', '=', 1)
        .orderBy('navigation_order')
        .orderBy('name')
        .execute();
    },
    list() {
      return db.selectFrom('tags').selectAll().orderBy('name').orderBy('id').execute();
    },
  };
}
