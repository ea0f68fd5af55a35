import { Redis } from 'ioredis';
import { beforeAll, describe } from 'vitest';

export const redisUrl = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
const isCi = process.env.CI === 'true';

async function canReachRedis(): Promise<boolean> {
  const client = new Redis(redisUrl, {
    lazyConnect: true,
    connectTimeout: 2000,
    maxRetriesPerRequest: 0,
    retryStrategy: () => null,
  });
  client.on('error', () => undefined);
  try {
    await client.connect();
    return (await client.ping()) === 'PONG';
  } catch {
    return false;
  } finally {
    client.disconnect();
  }
}

// Decided once per test file, before any suite is collected.
const redisAvailable = await canReachRedis();
if (!redisAvailable && !isCi) {
  console.warn(
    `\n⚠️  Redis is not reachable at ${redisUrl}: the redis lane of the cache suites is SKIPPED.\n` +
      '   Start it or set REDIS_URL. In CI (CI=true) this is a failure, not a skip.\n',
  );
}

/**
 * A suite that needs a real Redis: skipped (with a warning) when none answers, except in CI,
 * where that is a failure. `body` receives the URL.
 */
export function describeWithRedis(name: string, body: (url: string) => void): void {
  const skip = !redisAvailable && !isCi;
  (skip ? describe.skip : describe)(`${name} [redis]`, () => {
    beforeAll(() => {
      if (!redisAvailable) throw new Error(`CI=true but Redis is not reachable at ${redisUrl}`);
    });
    body(redisUrl);
  });
}
