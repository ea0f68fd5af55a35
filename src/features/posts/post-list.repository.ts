import { sql } from 'kysely';
import { ilike, keysetAfter, likeEscape, likePattern } from '../../platform/db/index.js';
import { decodeCursor, pageOf, type Cursor, type Page } from '../../platform/pagination.js';
import type { PostListQuery } from '../../shared/contracts/posts.js';
import type { PostReadScope } from './post-access.js';
import type { PostKind } from './post.js';
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

/** Published posts newest first, from the (status, published_at, id) index. */
export function listPublishedRows(
  db: PostsDb,
  options: { limit: number; before?: Cursor; kinds?: readonly PostKind[] },
): Promise<PostRow[]> {
  let query = db
    .selectFrom('posts')
    .selectAll()
    .where('status', '=', 'published')
    .orderBy('published_at', 'desc')
    .orderBy('id', 'desc')
    .limit(options.limit + 1);
  if (options.kinds) query = query.where('kind', 'in', options.kinds);
  const before = options.before;
  if (before) {
    query = query.where(
      keysetAfter({ key: 'published_at', id: 'id', cursor: before, order: 'desc' }),
    );
  }
  return query.execute();
}

/**
 * An author's or a section's published posts, newest first, straight off the link table's
 * (author_id|tag_id, published_at, post_id) index, however many posts there are.
 */
export async function listPublishedRowsVia(
  db: PostsDb,
  options: { link: 'author' | 'tag'; id: string; limit: number; before?: Cursor },
) {
  const table = options.link === 'author' ? 'post_authors' : 'post_tags';
  const column = options.link === 'author' ? 'post_authors.author_id' : 'post_tags.tag_id';
  let query = db
    .selectFrom(table as 'post_authors')
    .select([
      `${table as 'post_authors'}.post_id as post_id`,
      `${table as 'post_authors'}.published_at as published_at`,
    ])
    .where(column as 'post_authors.author_id', '=', options.id)
    .where(`${table as 'post_authors'}.published_at`, 'is not', null)
    .orderBy(`${table as 'post_authors'}.published_at`, 'desc')
    .orderBy(`${table as 'post_authors'}.post_id`, 'desc')
    .limit(options.limit + 1);
  const before = options.before;
  if (before) {
    const at = `${table as 'post_authors'}.published_at` as const;
    const id = `${table as 'post_authors'}.post_id` as const;
    query = query.where(keysetAfter({ key: at, id, cursor: before, order: 'desc' }));
  }
  const links = await query.execute();
  if (links.length === 0) return { links, rows: [] as PostRow[] };
  const rows = await db
    .selectFrom('posts')
    .selectAll()
    .where(
      'id',
      'in',
      links.map((l) => l.post_id),
    )
    .execute();
  const byId = new Map(rows.map((r) => [r.id, r]));
  return { links, rows: links.flatMap((l) => byId.get(l.post_id) ?? []) };
}
