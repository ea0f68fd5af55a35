import type { Clock } from '../clock.js';

/**
 * One shared value recomputed at most every `ttlMs` (or when cleared): for data many pages show
 * and that changes rarely (site settings, navigation, the latest briefs). Concurrent callers
 * share one computation; a failed computation is not kept.
 */
export function createTtlMemo<T>(options: {
  ttlMs: number;
  clock: Clock;
  compute: () => Promise<T>;
}) {
  let value: { at: number; promise: Promise<T> } | undefined;
  return {
    get(): Promise<T> {
      const now = options.clock.now().getTime();
      if (value && now - value.at < options.ttlMs) return value.promise;
      const promise = options.compute();
      const entry = { at: now, promise };
      value = entry;
      promise.catch(() => {
        if (value === entry) value = undefined;
      });
      return promise;
    },
    clear(): void {
      value = undefined;
    },
  };
}

export type TtlMemo<T> = ReturnType<typeof createTtlMemo<T>>;
