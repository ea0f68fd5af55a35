// The post loader: a read model owned by posts. A post as every front door shows it joins the
// posts row with its bylines (authors), sections (tags) and corrections. Posts own this query
// even though it reads the authors' and tags' tables: those features own their rows and
// writes, and expose the tables' types (AuthorsTables, TagsTables) for this join only, so a
// list of posts costs a fixed number of queries instead of one lookup per post and feature.
import { correctionKindSchema, postStatusSchema } from '../../shared/contracts/posts.js';
import { contentOf } from './post-fields.js';
import { postPath, type Post } from './post.js';
import type { PostRow, PostsDb } from './posts.repository.js';

/** Everything needed to show posts, in a fixed number of queries whatever their count (no N+1). */
export async function loadPosts(db: PostsDb, rows: readonly PostRow[]): Promise<Post[]> {
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
      .select(['id', 'post_id', 'kind', 'body', 'created_at', 'withdrawn_at'])
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
    ...contentOf(row),
    id: row.id,
    url: postPath(row.slug),
    status: postStatusSchema.parse(row.status),
    excerpt: row.custom_excerpt ?? row.excerpt,
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
    publishedAt: row.published_at,
    scheduledAt: row.scheduled_at,
    publishedLate: row.published_late === 1,
    wordCount: row.word_count,
    readingMinutes: row.reading_minutes,
    corrections: (correctionsBy.get(row.id) ?? []).map((c) => ({
      id: c.id,
      kind: correctionKindSchema.parse(c.kind),
      text: c.body,
      createdAt: c.created_at,
      withdrawnAt: c.withdrawn_at,
    })),
    version: row.version,
    createdBy: row.created_by,
    createdByToken: row.created_by_token,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  }));
}
