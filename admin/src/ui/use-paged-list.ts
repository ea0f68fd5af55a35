import {
  infiniteQueryOptions,
  keepPreviousData,
  useInfiniteQuery,
  useQueryClient,
  type InfiniteData,
  type QueryClient,
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

type PagedData<T> = InfiniteData<Page<T>, string | null>;

/**
 * The infinite query behind a paged list. TanStack refetches every loaded page of an infinite
 * query, one request each, when it is invalidated or shown again. So that a write, or coming
 * back to a list, costs one request: a list nobody shows is dropped at once (`gcTime: 0`; coming
 * back loads its first page, as a fresh visit does), and writes made while it shows reload it
 * with `reloadPagedLists`, which cuts it to its first page before the refetch.
 */
export function pagedListOptions<T>(
  queryKey: readonly unknown[],
  fetchPage: (cursor: string | null) => Promise<Page<T>>,
) {
  return infiniteQueryOptions({
    queryKey,
    queryFn: ({ pageParam }) => fetchPage(pageParam),
    initialPageParam: null as string | null,
    getNextPageParam: (last: Page<T>) => last.next,
    gcTime: 0,
  });
}

const isPaged = (data: unknown): data is PagedData<unknown> =>
  typeof data === 'object' &&
  data !== null &&
  Array.isArray((data as Partial<PagedData<unknown>>).pages) &&
  Array.isArray((data as Partial<PagedData<unknown>>).pageParams);

/**
 * After a write: the paged lists under `queryKey` go back to their first page and load it again
 * (one request each, not one per page shown); other queries under the key are invalidated as
 * usual.
 */
export function reloadPagedLists(
  queryClient: QueryClient,
  queryKey: readonly unknown[],
): Promise<void> {
  for (const query of queryClient.getQueryCache().findAll({ queryKey })) {
    const data: unknown = query.state.data;
    if (isPaged(data) && data.pages.length > 1)
      queryClient.setQueryData<PagedData<unknown>>(query.queryKey, {
        pages: data.pages.slice(0, 1),
        pageParams: data.pageParams.slice(0, 1),
      });
  }
  return queryClient.invalidateQueries({ queryKey });
}

/**
 * A cursor-paged list (`{ …, meta: { pagination: { next } } }`) over TanStack Query's infinite
 * query: `queryKey` names the list and everything it depends on (filters), so a new key loads
 * its first page and `reloadPagedLists` on the key reloads it; "Show more" appends the next page
 * with its cursor. With `rows`, focus moves to the first new row after Show more, so the
 * keyboard continues from there: `rows.container` holds the rows, `rows.selector` picks each
 * row's focusable element.
 */
export function usePagedList<T>(options: {
  queryKey: readonly unknown[];
  fetchPage: (cursor: string | null) => Promise<Page<T>>;
  rows?: { container: RefObject<HTMLElement | null>; selector: string };
}): PagedList<T> {
  const { queryKey, fetchPage, rows } = options;
  const queryClient = useQueryClient();
  const query = useInfiniteQuery({
    ...pagedListOptions(queryKey, fetchPage),
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
      queryClient.setQueryData<PagedData<T>>(queryKey, (data) =>
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
