import type { PostsDb } from './posts.repository.js';

/** A post's bylines and sections, in order, with the published time public lists sort by. */
interface PostLinks {
  postId: string;
  authorIds: readonly string[];
  tagIds: readonly string[];
  publishedAt: string | null;
}

/**
 * Links posts to their bylines and sections (position = index), with the published time the
 * public lists sort by. One insert per table for the whole batch.
 */
export async function insertLinks(trx: PostsDb, posts: readonly PostLinks[]): Promise<void> {
  const linksOf = (ids: (p: PostLinks) => readonly string[]) =>
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

/** Replaces a post's bylines and sections (after an edit). */
export async function replaceLinks(trx: PostsDb, post: PostLinks): Promise<void> {
  await trx.deleteFrom('post_authors').where('post_id', '=', post.postId).execute();
  await trx.deleteFrom('post_tags').where('post_id', '=', post.postId).execute();
  await insertLinks(trx, [post]);
}

/** Copies a post's published time (null once unpublished) onto its links. */
export async function setLinkTimes(
  trx: PostsDb,
  postId: string,
  publishedAt: string | null,
): Promise<void> {
  await trx
    .updateTable('post_authors')
    .set({ published_at: publishedAt })
    .where('post_id', '=', postId)
    .execute();
  await trx
    .updateTable('post_tags')
    .set({ published_at: publishedAt })
    .where('post_id', '=', postId)
    .execute();
}
