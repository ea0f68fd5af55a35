import type { ApiClient } from '../../api.js';
import { queryKeys } from '../../query/queries.js';
import type { Media } from '../../types.js';
import { usePagedList } from '../../ui/use-paged-list.js';

const pageSize = 24;

/** The library, newest first, filtered by `q`, with a cursor for "Show more". */
export function useMediaList(api: ApiClient, q: string) {
  const { setItems, ...list } = usePagedList({
    queryKey: [...queryKeys.media, 'library', q.trim()],
    fetchPage: async (cursor) => {
      const query = { limit: pageSize, q: q.trim() || undefined, cursor: cursor ?? undefined };
      const answer = await api.get('/media', { params: { query } });
      return { items: answer.media, next: answer.meta.pagination.next };
    },
  });

  return {
    ...list,
    /** Puts an item first (a new upload) or replaces it in place (an edit). */
    upsert: (media: Media) =>
      setItems((current) =>
        current.some((m) => m.id === media.id)
          ? current.map((m) => (m.id === media.id ? media : m))
          : [media, ...current],
      ),
    remove: (id: string) => setItems((current) => current.filter((m) => m.id !== id)),
  };
}
