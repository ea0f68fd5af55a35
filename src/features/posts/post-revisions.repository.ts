import type { Insertable } from 'kysely';
import type { PostRevisionsTable } from './posts.table.js';
import type { PostsDb } from './posts.repository.js';

/** Every save's snapshot, kept as JSON text; read back through the snapshot schema. */
export function createPostRevisionsRepository(db: PostsDb) {
  return {
    async insert(trx: PostsDb, row: Insertable<PostRevisionsTable>): Promise<void> {
      await trx.insertInto('post_revisions').values(row).execute();
    },

    find(postId: string, revisionId: string) {
      return db
        .selectFrom('post_revisions')
        .selectAll()
        .where('post_id', '=', postId)
        .where('id', '=', revisionId)
        .executeTakeFirst();
    },

    /** A post's latest revisions, newest first. */
    list(postId: string, limit: number) {
      return db
        .selectFrom('post_revisions')
        .selectAll()
        .where('post_id', '=', postId)
        .orderBy('version', 'desc')
        .limit(limit)
        .execute();
    },
  };
}
