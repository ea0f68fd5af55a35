import type { AttemptStore, TakeResult } from './attempt-store.js';

/**
 * Attempt counters in this process's memory: for limits that must cost nothing per request
 * (the analytics beacon: a shared store would be one write per page view, undoing its batching).
 * Each process counts on its own, so N processes allow N times the limit. Bounded: when the map
 * reaches `maxKeys`, expired windows are swept, and the oldest keys go if that is not enough,
 * down to nine tenths of the bound. Making room for a tenth at a time keeps the sweep (a pass
 * over every key) rare: a busy site sees more than `maxKeys` addresses a minute, and sweeping
 * for each new one would cost a full pass per request.
 */
export function createMemoryAttemptStore(options: { maxKeys?: number } = {}): AttemptStore {
  const maxKeys = options.maxKeys ?? 100_000;
  const lowWater = Math.max(0, Math.min(maxKeys - 1, Math.floor(maxKeys * 0.9)));
  const windows = new Map<string, { count: number; resetAt: number }>();

  const makeRoom = (now: number) => {
    if (windows.size < maxKeys) return;
    for (const [key, window] of windows) if (window.resetAt <= now) windows.delete(key);
    for (const key of windows.keys()) {
      if (windows.size <= lowWater) break;
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
