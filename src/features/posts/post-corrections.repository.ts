import { keysetAfter } from '../../platform/db/index.js';
import type { Cursor } from '../../platform/pagination.js';
import type { CorrectionKind } from './post.js';
import type { PostsDb } from './posts.repository.js';

/** A correction as the public record lists it, with the story it belongs to. */
export interface PublicCorrectionRow {
  id: string;
  post_id: string;
  kind: CorrectionKind;
  body: string;
  created_at: string;
  withdrawn_at: string | null;
}

/**
 * The site's corrections of the given kinds on published stories, newest first, straight off the
 * (created_at, id) index: the published check is a lookup by the posts' primary key per row, so
 * the walk stays in the index's order however many corrections there are.
 */
export function listPublicCorrectionRows(
  db: PostsDb,
  options: { limit: number; kinds: readonly CorrectionKind[]; before?: Cursor },
): Promise<PublicCorrectionRow[]> {
  let query = db
    .selectFrom('post_corrections')
    .select(['id', 'post_id', 'kind', 'body', 'created_at', 'withdrawn_at'])
    .where('kind', 'in', options.kinds)
    .where((eb) =>
      eb.exists(
        eb
          .selectFrom('posts')
          .select('posts.id')
          .whereRef('posts.id', '=', 'post_corrections.post_id')
          .where('posts.status', '=', 'published'),
      ),
    )
    .orderBy('created_at', 'desc')
    .orderBy('id', 'desc')
    .limit(options.limit + 1);
  if (options.before)
    query = query.where(
      keysetAfter({ key: 'created_at', id: 'id', cursor: options.before, order: 'desc' }),
    );
  return query.execute();
}

/** The headline and address of each of these posts (the record's links), by id. */
export async function headlinesOf(
  db: PostsDb,
  postIds: readonly string[],
): Promise<Map<string, { title: string; slug: string }>> {
  if (postIds.length === 0) return new Map();
  const rows = await db
    .selectFrom('posts')
    .select(['id', 'title', 'slug'])
    .where('id', 'in', [...new Set(postIds)])
    .execute();
  return new Map(rows.map((r) => [r.id, { title: r.title, slug: r.slug }]));
}

export function findCorrection(db: PostsDb, postId: string, correctionId: string) {
  return db
    .selectFrom('post_corrections')
    .select(['id', 'kind', 'body', 'created_at', 'withdrawn_at'])
    .where('id', '=', correctionId)
    .where('post_id', '=', postId)
    .executeTakeFirst();
}

/** Replaces a correction's text with its withdrawal note; false if it was already withdrawn. */
export async function markWithdrawn(
  trx: PostsDb,
  change: { id: string; note: string; at: string },
): Promise<boolean> {
  const result = await trx
    .updateTable('post_corrections')
    .set({ body: change.note, withdrawn_at: change.at })
    .where('id', '=', change.id)
    .where('withdrawn_at', 'is', null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}
