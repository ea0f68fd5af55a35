import { keysetAfter } from '../../platform/db/index.js';
import type { Kysely, Selectable } from 'kysely';
import type { Cursor } from '../../platform/pagination.js';
import type { Doc } from '../../shared/richtext/index.js';
import type { AuthorsTables } from '../authors/index.js';
import type { EventsTables } from '../events/index.js';
import type { TagsTables } from '../tags/index.js';
import {
  postPath,
  type CorrectionKind,
  type Post,
  type PostKind,
  type PostStatus,
  type Visibility,
} from './post.js';
import type { PostsTable, PostsTables } from './posts.table.js';

export type PostsDb = Kysely<PostsTables & AuthorsTables & TagsTables & EventsTables>;
export type PostRow = Selectable<PostsTable>;

/** Everything needed to show posts, in a fixed number of queries whatever their count (no N+1). */
export async function loadPosts(db: PostsDb, rows: PostRow[]): Promise<Post[]> {
  if (rows.length === 0) return [];
  const ids = rows.map((r) => r.id);
  const [authorRows, tagRows, correctionRows] = await Promise.all([
    db
      .selectFrom('post_authors')
      .innerJoin('authors', 'authors.id', 'post_authors.author_id')
      .select([
        'post_authors.post_id',
        'post_authors.position',
        'authors.id',
        'authors.name',
        'authors.slug',
        'authors.role_title',
      ])
      .where('post_authors.post_id', 'in', ids)
      .orderBy('post_authors.position')
      .execute(),
    db
      .selectFrom('post_tags')
      .innerJoin('tags', 'tags.id', 'post_tags.tag_id')
      .select([
        'post_tags.post_id',
        'post_tags.position',
        'tags.id',
        'tags.name',
        'tags.slug',
        'tags.is_navigation',
      ])
      .where('post_tags.post_id', 'in', ids)
      .orderBy('post_tags.position')
      .execute(),
    db
      .selectFrom('post_corrections')
      .select(['id', 'post_id', 'kind', 'body', 'created_at'])
      .where('post_id', 'in', ids)
      .orderBy('created_at')
      .execute(),
  ]);
  const group = <T extends { post_id: string }>(items: T[]) => {
    const map = new Map<string, T[]>();
    for (const item of items) map.set(item.post_id, [...(map.get(item.post_id) ?? []), item]);
    return map;
  };
  const authorsBy = group(authorRows);
  const tagsBy = group(tagRows);
  const correctionsBy = group(correctionRows);
  return rows.map((row) => ({
    id: row.id,
    kind: row.kind as PostKind,
    slug: row.slug,
    url: postPath(row.slug),
    status: row.status as PostStatus,
    visibility: row.visibility as Visibility,
    title: row.title,
    dek: row.dek,
    body: JSON.parse(row.body) as Doc,
    excerpt: row.custom_excerpt ?? row.excerpt,
    customExcerpt: row.custom_excerpt,
    leadImage: row.lead_media_id
      ? {
          mediaId: row.lead_media_id,
          alt: row.lead_alt ?? '',
          caption: row.lead_caption ?? '',
          credit: row.lead_credit ?? '',
        }
      : null,
    authors: (authorsBy.get(row.id) ?? []).map((a) => ({
      id: a.id,
      name: a.name,
      slug: a.slug,
      roleTitle: a.role_title,
    })),
    tags: (tagsBy.get(row.id) ?? []).map((t) => ({
      id: t.id,
      name: t.name,
      slug: t.slug,
      isNavigation: t.is_navigation === 1,
    })),
    isFeatured: row.is_featured === 1,
    topStoryOrder: row.top_story_order,
    isBreaking: row.is_breaking === 1,
    publishedAt: row.published_at,
    scheduledAt: row.scheduled_at,
    publishedLate: row.published_late === 1,
    publicUpdatedAt: row.public_updated_at,
    seo: {
      title: row.seo_title,
      description: row.seo_description,
      socialImageUrl: row.social_image_url,
    },
    canonicalUrl: row.canonical_url,
    language: row.language,
    wordCount: row.word_count,
    readingMinutes: row.reading_minutes,
    corrections: (correctionsBy.get(row.id) ?? []).map((c) => ({
      id: c.id,
      kind: c.kind as CorrectionKind,
      text: c.body,
      createdAt: c.created_at,
    })),
    version: row.version,
    createdBy: row.created_by,
    createdByToken: row.created_by_token,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  }));
}

/**
 * Links posts to their bylines and sections, in order (position = index), with the
 * published time the public lists sort by. One insert per table for the whole batch.
 */
async function insertLinks(
  trx: PostsDb,
  posts: readonly {
    postId: string;
    authorIds: readonly string[];
    tagIds: readonly string[];
    publishedAt: string | null;
  }[],
): Promise<void> {
  const linksOf = (ids: (p: (typeof posts)[number]) => readonly string[]) =>
    posts.flatMap((p) =>
      ids(p).map((id, position) => ({
        post_id: p.postId,
        id,
        position,
        published_at: p.publishedAt,
      })),
    );
  const authorLinks = linksOf((p) => p.authorIds).map(({ id, ...link }) => ({
    ...link,
    author_id: id,
  }));
  const tagLinks = linksOf((p) => p.tagIds).map(({ id, ...link }) => ({ ...link, tag_id: id }));
  if (authorLinks.length > 0) await trx.insertInto('post_authors').values(authorLinks).execute();
  if (tagLinks.length > 0) await trx.insertInto('post_tags').values(tagLinks).execute();
}

export function createPostsRepository(db: PostsDb) {
  return {
    insertLinks,

    /** Replaces a post's bylines and sections (after an edit, publish or unpublish). */
    async replaceLinks(
      trx: PostsDb,
      post: {
        postId: string;
        authorIds: readonly string[];
        tagIds: readonly string[];
        publishedAt: string | null;
      },
    ): Promise<void> {
      await trx.deleteFrom('post_authors').where('post_id', '=', post.postId).execute();
      await trx.deleteFrom('post_tags').where('post_id', '=', post.postId).execute();
      await insertLinks(trx, [post]);
    },

    async slugTaken(slug: string, trx: PostsDb = db): Promise<boolean> {
      const current = await trx
        .selectFrom('posts')
        .select('id')
        .where('slug', '=', slug)
        .executeTakeFirst();
      if (current) return true;
      const old = await trx
        .selectFrom('post_slug_history')
        .select('post_id')
        .where('slug', '=', slug)
        .executeTakeFirst();
      return old !== undefined;
    },

    findBySlug(slug: string) {
      return db.selectFrom('posts').selectAll().where('slug', '=', slug).executeTakeFirst();
    },

    findById(id: string, trx: PostsDb = db) {
      return trx.selectFrom('posts').selectAll().where('id', '=', id).executeTakeFirst();
    },

    /** Published posts newest first, from the (status, published_at, id) index. */
    listPublished(options: { limit: number; before?: Cursor; kinds?: readonly PostKind[] }) {
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
    },

    /**
     * An author's or a section's published posts, newest first, straight off the link table's
     * (author_id|tag_id, published_at, post_id) index, however many posts there are.
     */
    async listPublishedVia(options: {
      link: 'author' | 'tag';
      id: string;
      limit: number;
      before?: Cursor;
    }) {
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
    },

    async countByStatus(): Promise<Record<string, number>> {
      const rows = await db
        .selectFrom('posts')
        .select(['status', (eb) => eb.fn.countAll<number>().as('n')])
        .groupBy('status')
        .execute();
      return Object.fromEntries(rows.map((r) => [r.status, Number(r.n)]));
    },
  };
}

export type PostsRepository = ReturnType<typeof createPostsRepository>;
