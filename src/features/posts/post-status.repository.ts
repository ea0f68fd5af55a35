import { sql } from 'kysely';
import type { PostStatus } from './post.js';
import type { PostsDb } from './posts.repository.js';

/**
 * A post's workflow columns. Every change also moves the version on (`version` is the one the
 * caller read) and, where two processes may race, is a compare-and-set on the status.
 */
export function createPostStatusRepository(db: PostsDb) {
  return {
    /** Publishes the post if its status is still one of `from`; false when another got there first. */
    async publish(
      trx: PostsDb,
      change: {
        id: string;
        from: readonly PostStatus[];
        publishedAt: string;
        isLate: boolean;
        at: string;
        version: number;
      },
    ): Promise<boolean> {
      const result = await trx
        .updateTable('posts')
        .set({
          status: 'published',
          published_at: change.publishedAt,
          scheduled_at: null,
          published_late: change.isLate ? 1 : 0,
          updated_at: change.at,
          version: change.version + 1,
        })
        .where('id', '=', change.id)
        .where('status', 'in', change.from)
        .executeTakeFirst();
      return Number(result.numUpdatedRows) > 0;
    },

    /** Sets the status (and scheduled time: kept only while scheduled), if it is still `from`. */
    async setStatus(
      trx: PostsDb,
      change: {
        id: string;
        to: Exclude<PostStatus, 'published'>;
        from?: PostStatus;
        scheduledAt?: string;
        at: string;
        version: number;
      },
    ): Promise<void> {
      let query = trx
        .updateTable('posts')
        .set({
          status: change.to,
          scheduled_at: change.scheduledAt ?? null,
          updated_at: change.at,
          version: change.version + 1,
        })
        .where('id', '=', change.id);
      if (change.from) query = query.where('status', '=', change.from);
      await query.execute();
    },

    /**
     * A change beside the row (a correction) still makes a new version: counted up by the
     * database, so an edit committed since the caller read the post is never counted over.
     */
    async touch(trx: PostsDb, change: { id: string; at: string }): Promise<void> {
      await trx
        .updateTable('posts')
        .set({ updated_at: change.at, version: sql`version + 1` })
        .where('id', '=', change.id)
        .execute();
    },

    /** Scheduled posts whose time has come, the most overdue first. */
    dueBy(now: string, limit: number) {
      return db
        .selectFrom('posts')
        .select(['id', 'scheduled_at'])
        .where('status', '=', 'scheduled')
        .where('scheduled_at', '<=', now)
        .orderBy('scheduled_at')
        .limit(limit)
        .execute();
    },
  };
}
