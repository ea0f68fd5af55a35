// A live page's updates (newest first, removed ones included) and its coverage, as one query.
import { queryOptions } from '@tanstack/react-query';
import type { ApiClient } from '../../api.js';

export const liveKeys = { updates: (postId: string) => ['live', postId, 'updates'] as const };

export const liveUpdatesQuery = (api: ApiClient, postId: string) =>
  queryOptions({
    queryKey: liveKeys.updates(postId),
    queryFn: () => api.get('/posts/{id}/updates', { params: { path: { id: postId } } }),
  });
