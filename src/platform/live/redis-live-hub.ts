import { randomUUID } from 'node:crypto';
import type * as IORedis from 'ioredis';
import type { Redis } from 'ioredis';
import { z } from 'zod';
import { loadOnFirstUse } from '../load-on-first-use.js';
import { createLiveFanout, type LiveHub, type LiveRingOptions } from './live-hub.js';

/** ioredis, loaded when a Redis connection is first made (REDIS_URL set). */
const ioredis = loadOnFirstUse<typeof IORedis>('ioredis');

export const defaultLiveChannel = 'masthead:live';

const messageSchema = z.object({
  channel: z.string(),
  id: z.string(),
  event: z.string(),
  data: z.string(),
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
 * Live events between app processes over Redis pub/sub. One Redis channel carries every live
 * page's events (a newsroom runs a handful at once, a few events a minute each), so a process
 * holds exactly two connections whatever its number of readers: one publishes, one listens and
 * fans out locally. Listening to every page also keeps each process's resume rings full for
 * pages none of its readers has open yet.
 *
 * Pub/sub keeps nothing for a disconnected listener: after a reconnect the hub subscribes again,
 * forgets its rings and tells every subscription (`onGap`), so streams close and readers resume.
 */
export function createRedisLiveHub(
  options: LiveRingOptions & {
    url: string;
    /** The Redis channel; one per site sharing a Redis. */
    redisChannel?: string;
    /** Names its Redis connections (`masthead-live-subscribe-<name>`); random by default. */
    name?: string;
    /** Connection problems, unreadable messages, listeners that threw. Ignored by default. */
    onError?: (error: unknown) => void;
  },
): LiveHub {
  const redisChannel = options.redisChannel ?? defaultLiveChannel;
  const onError = options.onError ?? (() => undefined);
  const name = options.name ?? randomUUID();
  const fanout = createLiveFanout(options);
  const common = { lazyConnect: true, maxRetriesPerRequest: 3 } as const;
  // Connected at once, not on the first update: a first publish that waits for a connection
  // would reach readers after a later update published by a process already connected.
  const publisher = new (ioredis().Redis)(options.url, {
    ...common,
    lazyConnect: false,
    connectionName: `masthead-live-publish-${name}`,
  });
  const subscriber = new (ioredis().Redis)(options.url, {
    ...common,
    connectionName: `masthead-live-subscribe-${name}`,
    // Resubscribed by hand below, so subscriptions hear that events may have been missed.
    autoResubscribe: false,
  });
  publisher.on('error', onError);
  subscriber.on('error', onError);

  let subscribed: Promise<unknown> | undefined;
  let hasBeenReady = false;
  let isClosed = false;

  subscriber.on('message', (from: string, raw: string) => {
    if (from !== redisChannel) return;
    let message: z.output<typeof messageSchema>;
    try {
      message = messageSchema.parse(JSON.parse(raw));
    } catch (error) {
      onError(new Error(`unreadable live event on ${redisChannel}`, { cause: error }));
      return;
    }
    fanout.deliver(message.channel, { id: message.id, event: message.event, data: message.data });
  });

  subscriber.on('ready', () => {
    if (!hasBeenReady) {
      hasBeenReady = true;
      return;
    }
    if (isClosed || subscribed === undefined) return;
    subscriber.subscribe(redisChannel).then(
      () => fanout.gap(),
      (error: unknown) => onError(error),
    );
  });

  function ensureSubscribed(): Promise<unknown> {
    subscribed ??= subscriber.subscribe(redisChannel).catch((error: unknown) => {
      subscribed = undefined;
      throw error;
    });
    return subscribed;
  }

  return {
    async publish(channel, event) {
      if (isClosed) throw new Error('the live hub is closed');
      const message = { channel, id: event.id, event: event.event, data: event.data };
      await publisher.publish(redisChannel, JSON.stringify(message));
    },
    async subscribe(channel, listener, opts) {
      if (isClosed) throw new Error('the live hub is closed');
      // Resolving on the server's acknowledgement is what makes the promise true.
      await ensureSubscribed();
      return fanout.subscribe(channel, listener, opts);
    },
    subscriberCount: () => fanout.subscriberCount(),
    async close() {
      isClosed = true;
      fanout.clear();
      await Promise.all([end(publisher), end(subscriber)]);
    },
  };
}
