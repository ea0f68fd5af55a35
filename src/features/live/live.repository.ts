import type { Kysely } from 'kysely';
import { forUpdate, keysetAfter } from '../../platform/db/index.js';
import type { Cursor } from '../../platform/pagination.js';
import type { LivePostsReadTables, LiveTables, LiveUpdatesTable } from './live.table.js';

export type LiveDb = Kysely<LiveTables & LivePostsReadTables>;

/** The SQL of live blogs: updates newest first by post (indexed), coverage ends. */
export const liveRepository = {
  async insert(trx: LiveDb, row: LiveUpdatesTable): Promise<void> {
    await trx.insertInto('live_updates').values(row).execute();
  },

  byId(db: LiveDb, id: string): Promise<LiveUpdatesTable | undefined> {
    return db.selectFrom('live_updates').selectAll().where('id', '=', id).executeTakeFirst();
  },

  /** Changes an update if it is still at `version`; false when someone changed it first. */
  async update(
    trx: LiveDb,
    id: string,
    version: number,
    set: Partial<Omit<LiveUpdatesTable, 'id' | 'post_id' | 'version'>>,
  ): Promise<boolean> {
    const result = await trx
      .updateTable('live_updates')
      .set({ ...set, version: version + 1 })
      .where('id', '=', id)
      .where('version', '=', version)
      .executeTakeFirst();
    return Number(result.numUpdatedRows) > 0;
  },

  async remove(trx: LiveDb, id: string): Promise<void> {
    await trx.deleteFrom('live_updates').where('id', '=', id).execute();
  },

  /** A live post's updates, newest first (removed ones included: the page notes them). */
  listByPost(db: LiveDb, postId: string, limit: number): Promise<LiveUpdatesTable[]> {
    return db
      .selectFrom('live_updates')
      .selectAll()
      .where('post_id', '=', postId)
      .orderBy('published_at', 'desc')
      .orderBy('id', 'desc')
      .limit(limit)
      .execute();
  },

  /**
   * Key events of published live pages, newest first (the News Feed), removed ones left out,
   * `limit + 1` of them (the caller pages them): straight off the (is_key_event, published_at,
   * id) index, from a cursor too, with the published check a lookup by the posts' primary key
   * per row, so the walk stays in the index's order however many updates there are.
   */
  listKeyEvents(db: LiveDb, options: { limit: number; before?: Cursor }) {
    let query = db
      .selectFrom('live_updates')
      .selectAll()
      .where('is_key_event', '=', 1)
      .where('deleted_at', 'is', null)
      .where((eb) =>
        eb.exists(
          eb
            .selectFrom('posts')
            .select('posts.id')
            .whereRef('posts.id', '=', 'live_updates.post_id')
            .where('posts.status', '=', 'published')
            .where('posts.kind', '=', 'live'),
        ),
      )
      .orderBy('published_at', 'desc')
      .orderBy('id', 'desc')
      .limit(options.limit + 1);
    if (options.before)
      query = query.where(
        keysetAfter({ key: 'published_at', id: 'id', cursor: options.before, order: 'desc' }),
      );
    return query.execute();
  },

  /** The newest update's time for each of these posts (the home page's "Live" label). */
  async latestTimes(db: LiveDb, postIds: readonly string[]): Promise<Map<string, string>> {
    if (postIds.length === 0) return new Map();
    const rows = await db
      .selectFrom('live_updates')
      .select(['post_id', (eb) => eb.fn.max('published_at').as('latest')])
      .where('post_id', 'in', postIds)
      .where('deleted_at', 'is', null)
      .groupBy('post_id')
      .execute();
    return new Map(rows.map((r) => [r.post_id, String(r.latest)]));
  },

  endedAt(
    db: LiveDb,
    postIds: readonly string[],
  ): Promise<{ post_id: string; ended_at: string }[]> {
    if (postIds.length === 0) return Promise.resolve([]);
    return db
      .selectFrom('live_coverage')
      .select(['post_id', 'ended_at'])
      .where('post_id', 'in', postIds)
      .execute();
  },

  /**
   * Records the end once: a second call keeps the first time. True only when this call ended
   * it (the row was inserted), so the end is announced once however many ask for it.
   */
  async end(
    trx: LiveDb,
    row: { post_id: string; ended_at: string; ended_by: string },
  ): Promise<boolean> {
    const result = await trx
      .insertInto('live_coverage')
      .values(row)
      .onConflict((oc) => oc.column('post_id').doNothing())
      .executeTakeFirst();
    return Number(result.numInsertedOrUpdatedRows ?? 0) > 0;
  },

  /**
   * Locks the live page's row until the transaction ends (PostgreSQL; SQLite's writer lock
   * already serialises): a post and the end of coverage take turns, so the post's "has it
   * ended?" read, made after the lock, sees an end that committed first. There is no coverage
   * row to lock before the end (it is written by the end), so the page's own row is the lock.
   */
  async lockPage(trx: LiveDb, postId: string): Promise<void> {
    await forUpdate(trx, trx.selectFrom('posts').select('id').where('id', '=', postId)).execute();
  },
};
