import {
  useCallback,
  useEffect,
  useRef,
  useState,
  type Dispatch,
  type RefObject,
  type SetStateAction,
} from 'react';
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
  setItems: Dispatch<SetStateAction<T[]>>;
}

/**
 * A cursor-paged list (`{ …, meta: { pagination: { next } } }`): the first page loads whenever
 * `fetchPage` changes (make it with useCallback over what the list depends on) or `reloadKey`
 * does; "Show more" appends the next page with its cursor. An answer that arrives after the list
 * changed is dropped. With `rows`, focus moves to the first new row after Show more, so the
 * keyboard continues from there: `rows.container` holds the rows, `rows.selector` picks each
 * row's focusable element.
 */
export function usePagedList<T>(
  fetchPage: (cursor: string | null) => Promise<Page<T>>,
  options: {
    reloadKey?: unknown;
    rows?: { container: RefObject<HTMLElement | null>; selector: string };
  } = {},
): PagedList<T> {
  const [items, setItems] = useState<T[]>([]);
  const [next, setNext] = useState<string | null>(null);
  const [isLoading, setIsLoading] = useState(true);
  const [error, setError] = useState<string | null>(null);
  const firstNewRow = useRef<number | null>(null);
  const { reloadKey, rows } = options;

  const load = useCallback(
    async (cursor: string | null, signal?: { cancelled: boolean }) => {
      setIsLoading(true);
      setError(null);
      try {
        const page = await fetchPage(cursor);
        if (signal?.cancelled) return;
        setItems((current) => (cursor ? [...current, ...page.items] : page.items));
        setNext(page.next);
      } catch (caught) {
        if (!signal?.cancelled) setError(messageOf(caught));
      } finally {
        if (!signal?.cancelled) setIsLoading(false);
      }
    },
    [fetchPage],
  );

  useEffect(() => {
    const signal = { cancelled: false };
    void load(null, signal);
    return () => {
      signal.cancelled = true;
    };
  }, [load, reloadKey]);

  useEffect(() => {
    if (firstNewRow.current === null || !rows) return;
    const row = rows.container.current?.querySelectorAll<HTMLElement>(rows.selector)[
      firstNewRow.current
    ];
    if (row) {
      row.focus();
      firstNewRow.current = null;
    }
  }, [items, rows]);

  return {
    items,
    next,
    isLoading,
    error,
    showMore: () => {
      if (!next) return Promise.resolve();
      firstNewRow.current = items.length;
      return load(next);
    },
    setItems,
  };
}
