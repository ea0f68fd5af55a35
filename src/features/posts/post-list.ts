import { sql } from 'kysely';
import { ilike, keysetAfter, likeEscape, likePattern } from '../../platform/db/index.js';
import { decodeCursor, pageOf, type Page } from '../../platform/pagination.js';
import type { PostListQuery } from '../../shared/contracts/posts.js';
import type { PostReadScope } from './post-access.js';
import type { PostRow, PostsDb } from './posts.repository.js';

const sortColumns = {
  updatedAt: 'updated_at',
  createdAt: 'created_at',
  publishedAt: 'published_at',
  scheduledAt: 'scheduled_at',
} as const;

/**
 * The Admin API's post list: every filter is a bound parameter, the sort is one of four
 * whitelisted columns with the id as tie-breaker, and paging is by keyset cursor. The read
 * scope is a filter like the others, so every page is full of posts the reader may see.
 */
export async function listPostRows(
  db: PostsDb,
  scope: PostReadScope,
  query: PostListQuery,
): Promise<Page<PostRow>> {
  const column = sortColumns[query.sort];
  const direction = query.order;
  // Drafts have no publication time; they sort as the empty string so the cursor stays total.
  // (Scheduled time is sorted on only among scheduled posts, which all have one.)
  const sortKey =
    column === 'published_at'
      ? sql<string>`coalesce(posts.published_at, '')`
      : sql.ref<string>(`posts.${column}`);
  let q = db.selectFrom('posts').selectAll('posts');
  if (scope.kind === 'published-and-own') {
    const { userId, tokenId, authorId } = scope;
    q = q.where((eb) =>
      eb.or([
        eb('posts.status', '=', 'published'),
        ...(userId !== null ? [eb('posts.created_by', '=', userId)] : []),
        ...(tokenId !== null ? [eb('posts.created_by_token', '=', tokenId)] : []),
        ...(authorId !== null
          ? [
              eb.exists(
                eb
                  .selectFrom('post_authors')
                  .select('post_authors.post_id')
                  .whereRef('post_authors.post_id', '=', 'posts.id')
                  .where('post_authors.author_id', '=', authorId),
              ),
            ]
          : []),
      ]),
    );
  }
  if (query.status) q = q.where('posts.status', 'in', query.status);
  if (query.kind) q = q.where('posts.kind', 'in', query.kind);
  if (query.updatedSince)
    q = q.where('posts.updated_at', '>=', new Date(query.updatedSince).toISOString());
  if (query.author) {
    const author = query.author;
    q = q.where((eb) =>
      eb.exists(
        eb
          .selectFrom('post_authors')
          .select('post_authors.post_id')
          .whereRef('post_authors.post_id', '=', 'posts.id')
          .where('post_authors.author_id', '=', author),
      ),
    );
  }
  if (query.tag) {
    const tag = query.tag;
    q = q.where((eb) =>
      eb.exists(
        eb
          .selectFrom('post_tags')
          .select('post_tags.post_id')
          .whereRef('post_tags.post_id', '=', 'posts.id')
          .where('post_tags.tag_id', '=', tag),
      ),
    );
  }
  if (query.q) {
    const pattern = likePattern(query.q);
    const op = ilike(db);
    q = q.where((eb) =>
      eb.or([
        eb(sql`posts.title`, op, sql`${pattern} ${likeEscape}`),
        eb(sql`posts.slug`, op, sql`${pattern} ${likeEscape}`),
      ]),
    );
  }
  if (query.cursor) {
    const cursor = decodeCursor(query.cursor);
    q = q.where(keysetAfter({ key: sortKey, id: 'posts.id', cursor, order: direction }));
  }
  const rows = await q
    .orderBy(sortKey, direction)
    .orderBy('posts.id', direction)
    .limit(query.limit + 1)
    .execute();
  return pageOf(rows, query.limit, (row) => ({ key: row[column] ?? '', id: row.id }));
}
