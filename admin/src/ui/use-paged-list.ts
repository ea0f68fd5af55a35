import {
  keepPreviousData,
  useInfiniteQuery,
  useQueryClient,
  type InfiniteData,
} from '@tanstack/react-query';
import { useEffect, useRef, type RefObject } from 'react';
import { messageOf } from '../api.js';

/** One page of a cursor-paged list: its items and the cursor of the next page, if any. */
export interface Page<T> {
  items: T[];
  next: string | null;
}

export interface PagedList<T> {
  items: T[];
  /** The cursor of the next page; null when everything is shown. */
  next: string | null;
  isLoading: boolean;
  error: string | null;
  /** Appends the next page (nothing when there is none), then focuses its first row. */
  showMore: () => Promise<void>;
  /** For local changes between loads: an upload put first, a deleted item taken out. */
  setItems: (update: (items: T[]) => T[]) => void;
}

/**
 * A cursor-paged list (`{ …, meta: { pagination: { next } } }`) over TanStack Query's infinite
 * query: `queryKey` names the list and everything it depends on (filters), so a new key loads
 * its first page and invalidating the key reloads it; "Show more" appends the next page with its
 * cursor. With `rows`, focus moves to the first new row after Show more, so the keyboard
 * continues from there: `rows.container` holds the rows, `rows.selector` picks each row's
 * focusable element.
 */
export function usePagedList<T>(options: {
  queryKey: readonly unknown[];
  fetchPage: (cursor: string | null) => Promise<Page<T>>;
  rows?: { container: RefObject<HTMLElement | null>; selector: string };
}): PagedList<T> {
  const { queryKey, fetchPage, rows } = options;
  const queryClient = useQueryClient();
  const query = useInfiniteQuery({
    queryKey,
    queryFn: ({ pageParam }) => fetchPage(pageParam),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.next,
    // A new filter keeps the rows shown until its first page answers, as the list did before.
    placeholderData: keepPreviousData,
  });
  const firstNewRow = useRef<number | null>(null);
  const items = query.data?.pages.flatMap((page) => page.items) ?? [];
  const next = query.data?.pages.at(-1)?.next ?? null;

  useEffect(() => {
    if (firstNewRow.current === null || !rows) return;
    const row = rows.container.current?.querySelectorAll<HTMLElement>(rows.selector)[
      firstNewRow.current
    ];
    if (row) {
      row.focus();
      firstNewRow.current = null;
    }
  }, [query.data, rows]);

  return {
    items,
    next,
    isLoading: query.isFetching,
    error: query.error ? messageOf(query.error) : null,
    showMore: async () => {
      if (!next) return;
      firstNewRow.current = items.length;
      await query.fetchNextPage();
    },
    // The changed items become one page that keeps the last cursor, so Show more goes on
    // from where the list was.
    setItems: (update) =>
      queryClient.setQueryData<InfiniteData<Page<T>, string | null>>(queryKey, (data) =>
        data
          ? {
              pages: [
                {
                  items: update(data.pages.flatMap((p) => p.items)),
                  next: data.pages.at(-1)?.next ?? null,
                },
              ],
              pageParams: [null],
            }
          : data,
      ),
  };
}
