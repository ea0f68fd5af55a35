import { randomUUID } from 'node:crypto';
import type * as IORedis from 'ioredis';
import type { Redis } from 'ioredis';
import { loadOnFirstUse } from '../load-on-first-use.js';
import { z } from 'zod';
import {
  deliver,
  type InvalidationBus,
  type InvalidationHandler,
  type InvalidationMessage,
} from './invalidation-bus.js';

/** ioredis, loaded when a Redis connection is first made (REDIS_URL set). */
const ioredis = loadOnFirstUse<typeof IORedis>('ioredis');

export const defaultInvalidationChannel = 'masthead:cache-invalidate';

const messageSchema = z.object({
  origin: z.string(),
  tags: z.union([z.literal('all'), z.array(z.string())]),
});

async function end(client: Redis): Promise<void> {
  if (client.status === 'wait' || client.status === 'end') {
    client.disconnect();
    return;
  }
  try {
    await client.quit();
  } catch {
    client.disconnect();
  }
}

/**
 * Redis pub/sub between app processes: one connection publishes, one listens (a connection in
 * subscriber mode can do nothing else). Pub/sub keeps nothing for a disconnected listener, so
 * after a reconnect the bus subscribes again and then tells its subscribers to drop everything.
 */
export function createRedisInvalidationBus(options: {
  url: string;
  channel?: string;
  origin?: string;
  /** Connection problems, unreadable messages and handlers that threw. Ignored by default. */
  onError?: (error: unknown) => void;
}): InvalidationBus {
  const channel = options.channel ?? defaultInvalidationChannel;
  const origin = options.origin ?? randomUUID();
  const onError = options.onError ?? (() => undefined);
  // Fail a command after a few reconnect attempts rather than queue it for as long as Redis is down.
  const common = { lazyConnect: true, maxRetriesPerRequest: 3 } as const;
  const publisher = new (ioredis().Redis)(options.url, {
    ...common,
    connectionName: `masthead-publish-${origin}`,
  });
  const subscriber = new (ioredis().Redis)(options.url, {
    ...common,
    connectionName: `masthead-subscribe-${origin}`,
    // Resubscribed by hand below, so subscribers hear that messages may have been missed.
    autoResubscribe: false,
  });
  publisher.on('error', onError);
  subscriber.on('error', onError);

  const handlers = new Set<InvalidationHandler>();
  let hasBeenReady = false;
  let isClosed = false;

  subscriber.on('message', (from: string, raw: string) => {
    if (from !== channel) return;
    let message: InvalidationMessage;
    try {
      message = messageSchema.parse(JSON.parse(raw));
    } catch (error) {
      onError(new Error(`unreadable cache invalidation message on ${channel}`, { cause: error }));
      return;
    }
    deliver(handlers, message, onError);
  });

  subscriber.on('ready', () => {
    if (!hasBeenReady) {
      hasBeenReady = true;
      return;
    }
    if (isClosed || handlers.size === 0) return;
    subscriber.subscribe(channel).then(
      () => deliver(handlers, { origin, tags: 'all' }, onError),
      (error: unknown) => onError(error),
    );
  });

  return {
    origin,
    async publish(tags) {
      if (isClosed) throw new Error('the invalidation bus is closed');
      const message: InvalidationMessage = { origin, tags: tags === 'all' ? 'all' : [...tags] };
      await publisher.publish(channel, JSON.stringify(message));
    },
    async subscribe(handler) {
      if (isClosed) throw new Error('the invalidation bus is closed');
      const wrapped: InvalidationHandler = (message) => handler(message);
      handlers.add(wrapped);
      try {
        // Idempotent on the server; resolving on its acknowledgement is what makes the promise true.
        await subscriber.subscribe(channel);
      } catch (error) {
        handlers.delete(wrapped);
        throw error;
      }
      return async () => {
        handlers.delete(wrapped);
        if (handlers.size === 0 && !isClosed) await subscriber.unsubscribe(channel);
      };
    },
    async close() {
      isClosed = true;
      handlers.clear();
      await Promise.all([end(publisher), end(subscriber)]);
    },
  };
}
