import type * as IORedis from 'ioredis';
import { loadOnFirstUse } from '../load-on-first-use.js';
import type { AttemptStore } from './attempt-store.js';

/** ioredis, loaded when a Redis connection is first made (REDIS_URL set). */
const ioredis = loadOnFirstUse<typeof IORedis>('ioredis');

/**
 * The same decision as the SQL store, as one Lua script (Redis runs a script atomically): a hash
 * per key with the count and the window's end; the caller's clock decides, so both stores
 * behave alike and tests can move time. The key expires a little after its window (cleanup).
 */
const takeScript = `
local now = tonumber(ARGV[1])
local max = tonumber(ARGV[2])
local win = tonumber(ARGV[3])
local v = redis.call('HMGET', KEYS[1], 'used', 'reset')
local used = tonumber(v[1])
local reset = tonumber(v[2])
if (not reset) or reset <= now then
  used = 0
  reset = now + win
end
if used >= max then return {0, tostring(reset)} end
redis.call('HSET', KEYS[1], 'used', used + 1, 'reset', tostring(reset))
redis.call('PEXPIRE', KEYS[1], reset - now + 60000)
return {1, tostring(reset)}
`;

const releaseScript = `
local v = redis.call('HMGET', KEYS[1], 'used', 'reset')
if v[2] == ARGV[1] and tonumber(v[1]) and tonumber(v[1]) > 0 then
  redis.call('HINCRBY', KEYS[1], 'used', -1)
end
return 0
`;

export function createRedisAttemptStore(options: {
  url: string;
  /** Put before every key; lets tests (and several newsrooms on one Redis) keep apart. */
  prefix?: string;
  /** Connection problems (the limits fail closed meanwhile). Ignored by default. */
  onError?: (error: unknown) => void;
}): AttemptStore {
  const prefix = options.prefix ?? 'masthead:limit:';
  // No offline queue and a short command timeout: with Redis away, a limited request is refused
  // (503) at once instead of waiting for a reconnect.
  const client = new (ioredis().Redis)(options.url, {
    lazyConnect: true,
    enableOfflineQueue: false,
    maxRetriesPerRequest: 1,
    commandTimeout: 2000,
    connectionName: 'masthead-limits',
  });
  client.on('error', options.onError ?? (() => undefined));
  let connecting: Promise<void> | undefined;
  const ready = async () => {
    if (client.status === 'ready') return;
    if (client.status === 'wait') connecting ??= client.connect();
    if (connecting) {
      try {
        await connecting;
      } finally {
        connecting = undefined;
      }
    }
  };
  return {
    async take({ key, max, windowMs, now }) {
      await ready();
      const [counted, reset] = (await client.eval(
        takeScript,
        1,
        prefix + key,
        String(now),
        String(max),
        String(windowMs),
      )) as [number, string];
      return { isAllowed: counted === 1, resetAt: Number(reset) };
    },
    async release({ key, resetAt }) {
      await ready();
      await client.eval(releaseScript, 1, prefix + key, String(resetAt));
    },
    async clear(key) {
      await ready();
      await client.del(prefix + key);
    },
    async close() {
      if (client.status === 'wait' || client.status === 'end') client.disconnect();
      else await client.quit().catch(() => client.disconnect());
    },
  };
}
