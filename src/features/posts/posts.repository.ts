import { sql } from 'kysely';
import type { Insertable, Kysely, Selectable } from 'kysely';
import type { AuthorsTables } from '../authors/index.js';
import type { EventsTables } from '../events/index.js';
import type { TagsTables } from '../tags/index.js';
import type { PostCorrectionsTable, PostsTable, PostsTables } from './posts.table.js';

export type PostsDb = Kysely<PostsTables & AuthorsTables & TagsTables & EventsTables>;
export type PostRow = Selectable<PostsTable>;

/** The posts table and its slug history: finding, writing and removing post rows. */
export function createPostsRepository(db: PostsDb) {
  async function formerOwnerOf(slug: string): Promise<string | undefined> {
    const old = await db
      .selectFrom('post_slug_history')
      .select('post_id')
      .where('slug', '=', slug)
      .executeTakeFirst();
    return old?.post_id;
  }

  return {
    findById(id: string, trx: PostsDb = db) {
      return trx.selectFrom('posts').selectAll().where('id', '=', id).executeTakeFirst();
    },

    /** Which of these slugs a post already has (one query for an import's batch). */
    async slugsTaken(slugs: readonly string[]): Promise<Set<string>> {
      if (slugs.length === 0) return new Set();
      const rows = await db.selectFrom('posts').select('slug').where('slug', 'in', slugs).execute();
      return new Set(rows.map((row) => row.slug));
    },
    findBySlug(slug: string) {
      return db.selectFrom('posts').selectAll().where('slug', '=', slug).executeTakeFirst();
    },

    async exists(id: string): Promise<boolean> {
      const row = await db.selectFrom('posts').select('id').where('id', '=', id).executeTakeFirst();
      return row !== undefined;
    },

    /** Published posts by id, in no particular order. */
    async publishedByIds(ids: readonly string[]): Promise<PostRow[]> {
      if (ids.length === 0) return [];
      return db
        .selectFrom('posts')
        .selectAll()
        .where('id', 'in', ids)
        .where('status', '=', 'published')
        .execute();
    },

    /** The ids of the published posts with these (current) slugs, by slug; others are absent. */
    async publishedIdsBySlugs(slugs: readonly string[]): Promise<Map<string, string>> {
      const found = new Map<string, string>();
      // Chunks keep each statement well under both databases' parameter limits.
      for (let i = 0; i < slugs.length; i += 500) {
        const rows = await db
          .selectFrom('posts')
          .select(['id', 'slug'])
          .where('slug', 'in', slugs.slice(i, i + 500))
          .where('status', '=', 'published')
          .execute();
        for (const row of rows) found.set(row.slug, row.id);
      }
      return found;
    },

    /** The titles of these posts, whatever their status, by id (deleted ones are absent). */
    async titlesByIds(ids: readonly string[]): Promise<Map<string, string>> {
      if (ids.length === 0) return new Map();
      const rows = await db
        .selectFrom('posts')
        .select(['id', 'title'])
        .where('id', 'in', ids)
        .execute();
      return new Map(rows.map((row) => [row.id, row.title]));
    },

    /** Published posts with a top-story order, in that order. */
    topStories(limit: number): Promise<PostRow[]> {
      return db
        .selectFrom('posts')
        .selectAll()
        .where('top_story_order', 'is not', null)
        .where('status', '=', 'published')
        .orderBy('top_story_order')
        .limit(limit)
        .execute();
    },

    /** The post a slug named before it was renamed, if one did. */
    formerOwnerOf,

    /** True when a post other than `postId` has (or had) this slug. */
    async slugTakenByOther(slug: string, postId: string | null): Promise<boolean> {
      const current = await db
        .selectFrom('posts')
        .select('id')
        .where('slug', '=', slug)
        .executeTakeFirst();
      if (current && current.id !== postId) return true;
      const former = await formerOwnerOf(slug);
      return former !== undefined && former !== postId;
    },

    async insert(trx: PostsDb, rows: readonly Insertable<PostsTable>[]): Promise<void> {
      if (rows.length > 0) await trx.insertInto('posts').values(rows).execute();
    },

    /** Writes `values` only if the post is still at `expectedVersion`; false when it was not. */
    async updateIfVersion(
      trx: PostsDb,
      update: { id: string; expectedVersion: number; values: Partial<Insertable<PostsTable>> },
    ): Promise<boolean> {
      const result = await trx
        .updateTable('posts')
        .set(update.values)
        .where('id', '=', update.id)
        .where('version', '=', update.expectedVersion)
        .executeTakeFirst();
      return Number(result.numUpdatedRows) > 0;
    },

    /** The old address keeps working after a rename: it redirects (301) to the new one. */
    async recordRename(
      trx: PostsDb,
      rename: { postId: string; from: string; to: string; at: string },
    ): Promise<void> {
      await trx.deleteFrom('post_slug_history').where('slug', '=', rename.to).execute();
      await trx
        .insertInto('post_slug_history')
        .values({ slug: rename.from, post_id: rename.postId, created_at: rename.at })
        .execute();
    },

    async delete(trx: PostsDb, id: string): Promise<void> {
      await trx.deleteFrom('posts').where('id', '=', id).execute();
    },

    /**
     * Before a re-imported post is written again: its bylines, sections and corrections (the
     * import brings them anew) and its search document (indexed anew in the same transaction).
     */
    async replaceImported(trx: PostsDb, rows: readonly Insertable<PostsTable>[]): Promise<void> {
      const ids = rows.map((row) => row.id);
      await trx.deleteFrom('post_authors').where('post_id', 'in', ids).execute();
      await trx.deleteFrom('post_tags').where('post_id', 'in', ids).execute();
      await trx.deleteFrom('post_corrections').where('post_id', 'in', ids).execute();
      for (const row of rows) {
        // The import's content, as a new version of the same post (its id and birth kept).
        const { id, created_at: _createdAt, version: _version, ...values } = row;
        await trx
          .updateTable('posts')
          .set({ ...values, version: sql<number>`version + 1` })
          .where('id', '=', id)
          .execute();
      }
    },

    async versionsOf(trx: PostsDb, ids: readonly string[]): Promise<Map<string, number>> {
      if (ids.length === 0) return new Map();
      const rows = await trx
        .selectFrom('posts')
        .select(['id', 'version'])
        .where('id', 'in', ids)
        .execute();
      return new Map(rows.map((row) => [row.id, row.version]));
    },

    async insertCorrections(
      trx: PostsDb,
      rows: readonly Insertable<PostCorrectionsTable>[],
    ): Promise<void> {
      if (rows.length > 0) await trx.insertInto('post_corrections').values(rows).execute();
    },

    async countByStatus(): Promise<Record<string, number>> {
      const rows = await db
        .selectFrom('posts')
        .select(['status', (eb) => eb.fn.countAll<number>().as('n')])
        .groupBy('status')
        .execute();
      return Object.fromEntries(rows.map((r) => [r.status, Number(r.n)]));
    },

    /** Which of these tags at least one post still carries. */
    async tagIdsInUse(tagIds: readonly string[]): Promise<Set<string>> {
      if (tagIds.length === 0) return new Set();
      const rows = await db
        .selectFrom('post_tags')
        .select('tag_id')
        .distinct()
        .where('tag_id', 'in', tagIds)
        .execute();
      return new Set(rows.map((r) => r.tag_id));
    },

    /** Deletes every post that any of these authors is on, in batches; returns how many went. */
    async deleteByAuthors(authorIds: readonly string[]): Promise<number> {
      if (authorIds.length === 0) return 0;
      let deleted = 0;
      for (;;) {
        const batch = await db
          .selectFrom('post_authors')
          .select('post_id')
          .where('author_id', 'in', authorIds)
          .limit(2000)
          .execute();
        if (batch.length === 0) return deleted;
        const ids = [...new Set(batch.map((r) => r.post_id))];
        await db.deleteFrom('posts').where('id', 'in', ids).execute();
        deleted += ids.length;
      }
    },
  };
}

export type PostsRepository = ReturnType<typeof createPostsRepository>;
