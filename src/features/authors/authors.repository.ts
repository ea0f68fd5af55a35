import type { Kysely, Selectable, Updateable } from 'kysely';
import type { Author } from './author.js';
import type { AuthorsTable, AuthorsTables } from './authors.table.js';

export const toAuthor = (row: Selectable<AuthorsTable>): Author => ({
  id: row.id,
  userId: row.user_id,
  name: row.name,
  slug: row.slug,
  roleTitle: row.role_title,
  bio: row.bio,
  avatarMediaId: row.avatar_media_id,
  location: row.location,
  links: { website: row.website, x: row.x_handle, telegram: row.telegram, email: row.public_email },
  isDesk: row.is_desk === 1,
  createdAt: row.created_at,
  updatedAt: row.updated_at,
});

export function createAuthorsRepository(db: Kysely<AuthorsTables>) {
  return {
    async insert(row: AuthorsTable, trx: Kysely<AuthorsTables> = db): Promise<void> {
      await trx.insertInto('authors').values(row).execute();
    },
    async slugTaken(slug: string, trx: Kysely<AuthorsTables> = db): Promise<boolean> {
      const row = await trx
        .selectFrom('authors')
        .select('id')
        .where('slug', '=', slug)
        .executeTakeFirst();
      return row !== undefined;
    },
    findBySlug(slug: string) {
      return db.selectFrom('authors').selectAll().where('slug', '=', slug).executeTakeFirst();
    },
    findById(id: string) {
      return db.selectFrom('authors').selectAll().where('id', '=', id).executeTakeFirst();
    },
    findByIds(ids: readonly string[]) {
      if (ids.length === 0) return Promise.resolve([]);
      return db.selectFrom('authors').selectAll().where('id', 'in', ids).execute();
    },
    findByUserId(userId: string, trx: Kysely<AuthorsTables> = db) {
      return trx.selectFrom('authors').selectAll().where('user_id', '=', userId).executeTakeFirst();
    },
    async update(
      id: string,
      set: Updateable<AuthorsTable>,
      trx: Kysely<AuthorsTables>,
    ): Promise<void> {
      await trx.updateTable('authors').set(set).where('id', '=', id).execute();
    },
    /** Deletes the bylines and returns which there were (id and slug, for their events). */
    async deleteMany(ids: readonly string[], trx: Kysely<AuthorsTables>) {
      // One statement: the rows returned are exactly the rows deleted.
      return trx.deleteFrom('authors').where('id', 'in', ids).returning(['id', 'slug']).execute();
    },
    list() {
      return db.selectFrom('authors').selectAll().orderBy('name').orderBy('id').execute();
    },
  };
}
