import { useCallback } from 'react';
import type { ApiClient } from '../../api.js';
import type { Media, Paginated } from '../../types.js';
import { usePagedList } from '../../ui/use-paged-list.js';

type MediaList = { media: Media[] } & Paginated;

const pageSize = 24;

/** The library, newest first, filtered by `q`, with a cursor for "Show more". */
export function useMediaList(api: ApiClient, q: string) {
  const fetchPage = useCallback(
    async (cursor: string | null) => {
      const params = new URLSearchParams({ limit: String(pageSize) });
      if (q.trim()) params.set('q', q.trim());
      if (cursor) params.set('cursor', cursor);
      const answer = await api.get<MediaList>(`/media?${params.toString()}`);
      return { items: answer.media, next: answer.meta.pagination.next };
    },
    [api, q],
  );
  const { setItems, ...list } = usePagedList(fetchPage);

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
