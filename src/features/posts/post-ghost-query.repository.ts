import { ghostPostCondition } from './post-ghost-filter.repository.js';
import { loadPosts } from './post-loader.repository.js';
import type { Post, PostKind } from './post.js';
import { ghostPostOrderColumns, type GhostPostsQuery } from './post-ghost-query.js';
import type { PostsDb } from './posts.repository.js';

/**
 * Ghost's Content API reads of published posts: the (kind, status, published_at, id) index
 * finds them, the filter narrows them with EXISTS on the link tables' primary keys, and the
 * count is bounded by `countCap`. Drafts, scheduled and unpublished posts are never reachable:
 * `status` is fixed here and is not a filter field.
 */
export function createPostGhostReads(db: PostsDb) {
  const base = (query: Pick<GhostPostsQuery, 'kinds' | 'filter'>) => {
    const { filter } = query;
    return db
      .selectFrom('posts')
      .where('posts.status', '=', 'published')
      .where('posts.kind', 'in', [...query.kinds])
      .$if(filter !== undefined, (q) => q.where((eb) => ghostPostCondition(eb, filter!)));
  };

  return {
    /** One page of published posts, and how many there are (counted up to `countCap`). */
    async browse(query: GhostPostsQuery): Promise<{ posts: Post[]; total: number }> {
      let rows = base(query).selectAll('posts');
      for (const { field, direction } of query.order)
        rows = rows.orderBy(`posts.${ghostPostOrderColumns[field]}`, direction);
      const last = query.order[query.order.length - 1]?.direction ?? 'desc';
      const [found, counted] = await Promise.all([
        rows.orderBy('posts.id', last).limit(query.limit).offset(query.offset).execute(),
        db
          .selectFrom(base(query).select('posts.id').limit(query.countCap).as('shown'))
          .select((eb) => eb.fn.countAll<number | string>().as('n'))
          .executeTakeFirstOrThrow(),
      ]);
      return { posts: await loadPosts(db, found), total: Number(counted.n) };
    },

    /** One published post of these kinds by id or slug. */
    async one(query: {
      kinds: readonly PostKind[];
      by: 'id' | 'slug';
      value: string;
    }): Promise<Post | undefined> {
      const row = await base(query)
        .selectAll('posts')
        .where(query.by === 'id' ? 'posts.id' : 'posts.slug', '=', query.value)
        .executeTakeFirst();
      return row ? (await loadPosts(db, [row]))[0] : undefined;
    },

    /** Published post ids in a primary-key range (the ids of one millisecond: ghost-id.ts). */
    async publishedIdsBetween(from: string, to: string): Promise<string[]> {
      const rows = await db
        .selectFrom('posts')
        .select('id')
        .where('id', '>=', from)
        .where('id', '<', to)
        .where('status', '=', 'published')
        .limit(1000)
        .execute();
      return rows.map((r) => r.id);
    },

    /** How many published posts (not pages) each of these tags or authors is on (the link tables' index). */
    async publishedCounts(link: 'tags' | 'authors', ids: readonly string[]) {
      const counts = new Map<string, number>();
      if (ids.length === 0) return counts;
      // Ghost counts posts, not pages: the posts row (by primary key) says which a link is.
      const rows =
        link === 'tags'
          ? await db
              .selectFrom('post_tags')
              .innerJoin('posts', 'posts.id', 'post_tags.post_id')
              .select(['post_tags.tag_id as id', (eb) => eb.fn.countAll<number | string>().as('n')])
              .where('post_tags.tag_id', 'in', [...ids])
              .where('post_tags.published_at', 'is not', null)
              .where('posts.kind', '<>', 'page')
              .groupBy('post_tags.tag_id')
              .execute()
          : await db
              .selectFrom('post_authors')
              .innerJoin('posts', 'posts.id', 'post_authors.post_id')
              .select([
                'post_authors.author_id as id',
                (eb) => eb.fn.countAll<number | string>().as('n'),
              ])
              .where('post_authors.author_id', 'in', [...ids])
              .where('post_authors.published_at', 'is not', null)
              .where('posts.kind', '<>', 'page')
              .groupBy('post_authors.author_id')
              .execute();
      for (const row of rows) counts.set(row.id, Number(row.n));
      return counts;
    },
  };
}

export type PostGhostReads = ReturnType<typeof createPostGhostReads>;
