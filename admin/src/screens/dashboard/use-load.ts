import { useEffect, useState } from 'react';
import { messageOf } from '../../api.js';

export type Loaded<T> =
  { kind: 'loading' } | { kind: 'error'; message: string } | { kind: 'done'; value: T };

/**
 * Runs `load` once per change of `key` and keeps its answer; a newer run wins over an older one
 * that answers late. `load` of null means nothing to load (e.g. the role may not see it).
 */
export function useLoad<T>(load: (() => Promise<T>) | null, key: string): Loaded<T> {
  const [state, setState] = useState<Loaded<T>>({ kind: 'loading' });
  useEffect(() => {
    if (!load) return;
    let cancelled = false;
    setState({ kind: 'loading' });
    load().then(
      (value) => !cancelled && setState({ kind: 'done', value }),
      (error: unknown) => !cancelled && setState({ kind: 'error', message: messageOf(error) }),
    );
    return () => {
      cancelled = true;
    };
    // `key` stands for everything `load` depends on, so a new closure each render is fine.
  }, [key]);
  return state;
}
