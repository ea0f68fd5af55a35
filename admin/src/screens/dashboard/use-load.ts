import { useQuery } from '@tanstack/react-query';
import { messageOf } from '../../api.js';

export type Loaded<T> =
  { kind: 'loading' } | { kind: 'error'; message: string } | { kind: 'done'; value: T };

/**
 * One dashboard panel's data through the app's query cache, as the panel's three states. The
 * key puts it among the queries a write invalidates (a story saved elsewhere refreshes the
 * story panels).
 */
export function useLoad<T>(queryKey: readonly unknown[], load: () => Promise<T>): Loaded<T> {
  const query = useQuery({ queryKey, queryFn: load });
  if (query.isPending) return { kind: 'loading' };
  if (query.isError) return { kind: 'error', message: messageOf(query.error) };
  return { kind: 'done', value: query.data };
}
