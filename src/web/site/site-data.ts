import type { Author } from '../../features/authors/index.js';
import type { MediaItem } from '../../features/media/index.js';
import type { Post } from '../../features/posts/index.js';
import type { ServicesOf } from '../../runtime/services.js';

/** Every image a page shows (lead photos, avatars), in one query. */
export async function mediaFor(
  services: ServicesOf<'media'>,
  posts: readonly Post[],
  authors: readonly Author[] = [],
): Promise<Map<string, MediaItem>> {
  const ids = new Set<string>();
  for (const post of posts) if (post.leadImage) ids.add(post.leadImage.mediaId);
  for (const author of authors) if (author.avatarMediaId) ids.add(author.avatarMediaId);
  const items = await services.media.byIds([...ids]);
  return new Map(items.map((m) => [m.id, m]));
}

/** Posts in the order of `ids`, dropping any that are missing. */
export function inOrder<T extends { id: string }>(
  ids: readonly string[],
  items: readonly T[],
): T[] {
  const byId = new Map(items.map((i) => [i.id, i]));
  return ids.flatMap((id) => byId.get(id) ?? []);
}
