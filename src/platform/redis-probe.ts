import type * as IORedis from 'ioredis';
import { loadOnFirstUse } from './load-on-first-use.js';

/** ioredis, loaded when a Redis connection is first made (REDIS_URL set). */
const ioredis = loadOnFirstUse<typeof IORedis>('ioredis');

/**
 * Answers whether Redis responds (readiness): one small connection of its own, PING with a short
 * deadline. Never throws; a Redis that is away answers false until it is back.
 */
export function createRedisProbe(options: { url: string; timeoutMs?: number }) {
  const timeoutMs = options.timeoutMs ?? 1500;
  const client = new (ioredis().Redis)(options.url, {
    lazyConnect: true,
    connectTimeout: timeoutMs,
    commandTimeout: timeoutMs,
    // Queued while connecting, failed after one reconnect attempt: an answer within the deadline.
    maxRetriesPerRequest: 1,
    connectionName: 'masthead-readiness',
  });
  // Connection errors are what `isUp` reports; nothing to log on every retry.
  client.on('error', () => undefined);
  return {
    isUp: async (): Promise<boolean> => {
      let timer: NodeJS.Timeout | undefined;
      const late = new Promise<false>((resolve) => {
        timer = setTimeout(() => resolve(false), timeoutMs);
      });
      const answer = (async () => {
        if (client.status === 'wait') await client.connect();
        return (await client.ping()) === 'PONG';
      })().catch(() => false);
      try {
        return await Promise.race([answer, late]);
      } finally {
        clearTimeout(timer);
      }
    },
    close: async (): Promise<void> => {
      if (client.status === 'wait' || client.status === 'end') client.disconnect();
      else await client.quit().catch(() => client.disconnect());
    },
  };
}

export type RedisProbe = ReturnType<typeof createRedisProbe>;
