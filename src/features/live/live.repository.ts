import type { Kysely } from 'kysely';
import type { LiveTables, LiveUpdatesTable } from './live.table.js';

export type LiveDb = Kysely<LiveTables>;

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

  /** Key events of any live post, newest first (the News Feed), removed ones left out. */
  latestKeyEvents(db: LiveDb, limit: number): Promise<LiveUpdatesTable[]> {
    return db
      .selectFrom('live_updates')
      .selectAll()
      .where('is_key_event', '=', 1)
      .where('deleted_at', 'is', null)
      .orderBy('published_at', 'desc')
      .orderBy('id', 'desc')
      .limit(limit)
      .execute();
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

  /** Records the end once: a second call keeps the first time. */
  async end(trx: LiveDb, row: { post_id: string; ended_at: string; ended_by: string }) {
    await trx
      .insertInto('live_coverage')
      .values(row)
      .onConflict((oc) => oc.column('post_id').doNothing())
      .execute();
  },
};
