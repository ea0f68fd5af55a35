import type { StoredHit } from './analytics-writes.repository.js';

/**
 * Hits wait here until the next flush (once a second, and when the process stops), so a
 * thousand views a second cost the database a few statements, not a thousand. Bounded: past
 * `maxBuffered` waiting hits (the database is down or far behind), new ones are dropped and
 * counted rather than filling memory. One flush at a time; a flush that fails puts its hits back.
 */
export function createHitBuffer(options: {
  maxBuffered: number;
  write: (hits: readonly StoredHit[]) => Promise<void>;
}) {
  let waiting: StoredHit[] = [];
  let flushing: Promise<number> | undefined;
  let dropped = 0;

  async function flushOnce(): Promise<number> {
    const batch = waiting;
    waiting = [];
    if (batch.length === 0) return 0;
    try {
      await options.write(batch);
    } catch (error) {
      // Put them back in front (still bounded), so a brief outage loses nothing.
      const room = Math.max(0, options.maxBuffered - waiting.length);
      dropped += Math.max(0, batch.length - room);
      waiting = [...batch.slice(0, room), ...waiting];
      throw error;
    }
    return batch.length;
  }

  return {
    /** Queues a hit; false when the buffer is full (the hit is dropped). */
    push(hit: StoredHit): boolean {
      if (waiting.length >= options.maxBuffered) {
        dropped += 1;
        return false;
      }
      waiting.push(hit);
      return true;
    },
    /** Writes every waiting hit (after any flush in progress); answers how many were written. */
    async flush(): Promise<number> {
      while (flushing) await flushing.catch(() => undefined);
      flushing = flushOnce();
      try {
        return await flushing;
      } finally {
        flushing = undefined;
      }
    },
    stats: () => ({ waiting: waiting.length, dropped }),
  };
}
