// Titles of related stories for their cards, fetched once per editor and shared by all cards.
import { ApiError, type ApiClient } from '../api.js';
import type { Post } from '../types.js';

export interface PostSummary {
  id: string;
  title: string;
  status: Post['status'];
}

export interface PostTitles {
  /** Resolves to null when the story no longer exists. */
  load(id: string): Promise<PostSummary | null>;
  /** Seeds the cache from search results, so a new card shows its title at once. */
  remember(post: PostSummary): void;
  peek(id: string): PostSummary | null | undefined;
}

export function createPostTitles(api: ApiClient): PostTitles {
  const settled = new Map<string, PostSummary | null>();
  const pending = new Map<string, Promise<PostSummary | null>>();
  return {
    peek: (id) => settled.get(id),
    remember: (post) => settled.set(post.id, post),
    load(id) {
      if (settled.has(id)) return Promise.resolve(settled.get(id) ?? null);
      let request = pending.get(id);
      if (!request) {
        request = api
          .get('/posts/{id}', { params: { path: { id } } })
          .then(({ post }) => ({ id: post.id, title: post.title, status: post.status }))
          .catch((error: unknown) => {
            if (error instanceof ApiError && error.is('NOT_FOUND')) return null;
            throw error;
          })
          .then((summary) => {
            settled.set(id, summary);
            return summary;
          })
          .finally(() => pending.delete(id));
        pending.set(id, request);
      }
      return request;
    },
  };
}
