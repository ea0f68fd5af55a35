import type { AttemptStore, TakeResult } from './attempt-store.js';

/**
 * Attempt counters in this process's memory: for limits that must cost nothing per request
 * (the analytics beacon: a shared store would be one write per page view, undoing its batching).
 * Each process counts on its own, so N processes allow N times the limit. Bounded: expired
 * windows are swept when the map grows past `maxKeys`, and the oldest keys go if that is not enough.
 */
export function createMemoryAttemptStore(options: { maxKeys?: number } = {}): AttemptStore {
  const maxKeys = options.maxKeys ?? 100_000;
  const windows = new Map<string, { count: number; resetAt: number }>();

  const makeRoom = (now: number) => {
    if (windows.size < maxKeys) return;
    for (const [key, window] of windows) if (window.resetAt <= now) windows.delete(key);
    for (const key of windows.keys()) {
      if (windows.size < maxKeys) break;
      windows.delete(key);
    }
  };

  return {
    take({ key, max, windowMs, now }): Promise<TakeResult> {
      let window = windows.get(key);
      if (!window || window.resetAt <= now) {
        makeRoom(now);
        window = { count: 0, resetAt: now + windowMs };
        windows.set(key, window);
      }
      if (window.count >= max)
        return Promise.resolve({ isAllowed: false, resetAt: window.resetAt });
      window.count += 1;
      return Promise.resolve({ isAllowed: true, resetAt: window.resetAt });
    },
    release({ key, resetAt }): Promise<void> {
      const window = windows.get(key);
      if (window && window.resetAt === resetAt && window.count > 0) window.count -= 1;
      return Promise.resolve();
    },
    clear(key): Promise<void> {
      windows.delete(key);
      return Promise.resolve();
    },
    close(): Promise<void> {
      windows.clear();
      return Promise.resolve();
    },
  };
}
