import type { EventPayloadInputs } from '../events/index.js';
import type { Post } from './post.js';

/** The fields every post event shares, and what one kind adds (lateness, a correction…). */
type PostEventPayload = EventPayloadInputs['post.published'] &
  EventPayloadInputs['post.updated'] &
  EventPayloadInputs['post.deleted'];

/**
 * What every post event carries: enough for a cache to know which pages showed the post (its
 * sections and bylines, before and after a change) without reading it back, even once deleted.
 */
export function postEventPayload(
  post: Post,
  extra: { isLate?: boolean; correction?: string; wasPublished?: boolean } = {},
  previous?: Post,
): PostEventPayload {
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
