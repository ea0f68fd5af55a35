import type { Post } from './post.js';

/**
 * What every post event carries: enough for a cache to know which pages showed the post (its
 * sections and bylines, before and after a change) without reading it back, even once deleted.
 */
export function postEventPayload(
  post: Post,
  extra: Record<string, unknown> = {},
  previous?: Post,
): Record<string, unknown> {
  const union = (a: string[], b: string[] = []) => [...new Set([...a, ...b])];
  return {
    slug: post.slug,
    kind: post.kind,
    authorIds: union(
      post.authors.map((a) => a.id),
      previous?.authors.map((a) => a.id),
    ),
    tagIds: union(
      post.tags.map((t) => t.id),
      previous?.tags.map((t) => t.id),
    ),
    ...(previous && previous.slug !== post.slug ? { previousSlug: previous.slug } : {}),
    ...extra,
  };
}
