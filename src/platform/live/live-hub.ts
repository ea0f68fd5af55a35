/**
 * The port that fans live events (a live page's new, changed and removed updates) out to the
 * readers connected to every app process: in-process for one process, Redis pub/sub when
 * several serve the same site. Each process keeps the last events of each channel in a bounded
 * ring, so a reader whose connection dropped resumes from its `Last-Event-ID` without a reload.
 *
 * Delivery is at most once across processes (pub/sub keeps nothing); an adapter that may have
 * missed events (a dropped Redis connection) clears its rings and tells every subscription
 * (`onGap`), whose stream then closes so its reader resumes and catches up.
 */

/** One event as a stream sends it: `data` is already serialised (JSON), once for every reader. */
export interface LiveEvent {
  /**
   * Unique per event and sortable in publish order (UUIDv7, ULID): a resume compares ids when
   * the one it was given has left the ring.
   */
  readonly id: string;
  /** The SSE event name (`update`, `update-changed`, `update-deleted`, `ended`). */
  readonly event: string;
  readonly data: string;
}

export type LiveListener = (event: LiveEvent) => void;

export interface LiveSubscribeOptions {
  /** The last event the reader had: the events after it are returned as `missed`. */
  lastEventId?: string | undefined;
  /** Told that events may have been lost while subscribed (the adapter's link dropped). */
  onGap?: (() => void) | undefined;
}

export interface LiveSubscription {
  /** Events after `lastEventId` this process still holds, oldest first (none without one). */
  readonly missed: readonly LiveEvent[];
  /**
   * `lastEventId` was not in the ring (it fell out, or this process never saw it): `missed` then
   * holds what the ring has after it by id, and there may be more the caller must load itself.
   */
  readonly hasGap: boolean;
  unsubscribe(): void;
}

export interface LiveHub {
  /** Sends to the subscribers of `channel` on every hub on the same medium, this one's included. */
  publish(channel: string, event: LiveEvent): Promise<void>;
  /**
   * Resolves once events published afterwards will reach the listener. Listeners are called
   * synchronously, in order, each event once even when it was published twice (by id).
   */
  subscribe(
    channel: string,
    listener: LiveListener,
    options?: LiveSubscribeOptions,
  ): Promise<LiveSubscription>;
  /** How many subscriptions this hub holds (metrics, tests). */
  subscriberCount(): number;
  close(): Promise<void>;
}

export interface LiveRingOptions {
  /** Events kept per channel for resuming; 100 by default. */
  ringSize?: number;
  /** Channels kept; the least recently used without subscribers go first. 200 by default. */
  maxChannels?: number;
  /** A listener that threw; delivery to the others goes on. Ignored by default. */
  onError?: (error: unknown) => void;
}

interface Channel {
  readonly ring: LiveEvent[];
  readonly ids: Set<string>;
  readonly subscribers: Set<Subscriber>;
}

interface Subscriber {
  readonly listener: LiveListener;
  readonly onGap: (() => void) | undefined;
}

/**
 * The local half every adapter shares: per-channel rings, duplicate suppression by id, and the
 * fan-out to this process's listeners. Memory is bounded by `ringSize × maxChannels` events.
 */
export function createLiveFanout(options: LiveRingOptions = {}) {
  const ringSize = options.ringSize ?? 100;
  const maxChannels = options.maxChannels ?? 200;
  const onError = options.onError ?? (() => undefined);
  const channels = new Map<string, Channel>();
  let count = 0;

  function channelOf(name: string): Channel {
    let channel = channels.get(name);
    if (channel) {
      // Map order is the LRU order: move to the newest end.
      channels.delete(name);
      channels.set(name, channel);
      return channel;
    }
    channel = { ring: [], ids: new Set(), subscribers: new Set() };
    channels.set(name, channel);
    if (channels.size > maxChannels) {
      for (const [oldName, old] of channels) {
        if (channels.size <= maxChannels) break;
        if (old.subscribers.size === 0 && old !== channel) channels.delete(oldName);
      }
    }
    return channel;
  }

  return {
    /** Keeps the event and calls the channel's listeners; false for an id already delivered. */
    deliver(name: string, event: LiveEvent): boolean {
      const channel = channelOf(name);
      if (channel.ids.has(event.id)) return false;
      channel.ring.push(event);
      channel.ids.add(event.id);
      if (channel.ring.length > ringSize) channel.ids.delete(channel.ring.shift()!.id);
      for (const subscriber of [...channel.subscribers]) {
        try {
          subscriber.listener(event);
        } catch (error) {
          onError(error);
        }
      }
      return true;
    },

    subscribe(name: string, listener: LiveListener, opts: LiveSubscribeOptions = {}) {
      const channel = channelOf(name);
      const subscriber: Subscriber = { listener, onGap: opts.onGap };
      channel.subscribers.add(subscriber);
      count += 1;
      let missed: LiveEvent[] = [];
      let hasGap = false;
      const { lastEventId } = opts;
      if (lastEventId !== undefined) {
        const at = channel.ring.findIndex((event) => event.id === lastEventId);
        if (at >= 0) missed = channel.ring.slice(at + 1);
        else {
          hasGap = true;
          missed = channel.ring.filter((event) => event.id > lastEventId);
        }
      }
      let isSubscribed = true;
      const subscription: LiveSubscription = {
        missed,
        hasGap,
        unsubscribe() {
          if (!isSubscribed) return;
          isSubscribed = false;
          channel.subscribers.delete(subscriber);
          count -= 1;
        },
      };
      return subscription;
    },

    /** Events may have been lost: forget every ring and tell every subscription. */
    gap(): void {
      const told: Subscriber[] = [];
      for (const channel of channels.values()) {
        channel.ring.length = 0;
        channel.ids.clear();
        told.push(...channel.subscribers);
      }
      for (const subscriber of told) {
        try {
          subscriber.onGap?.();
        } catch (error) {
          onError(error);
        }
      }
    },

    subscriberCount: () => count,

    clear(): void {
      for (const channel of channels.values()) channel.subscribers.clear();
      channels.clear();
      count = 0;
    },
  };
}

export type LiveFanout = ReturnType<typeof createLiveFanout>;

/** What in-process hubs share: several hubs on one medium behave like processes on one Redis. */
export interface InProcessLiveMedium {
  readonly fanouts: Set<LiveFanout>;
}

export const createInProcessLiveMedium = (): InProcessLiveMedium => ({ fanouts: new Set() });

/** Delivers synchronously to the hubs on the same medium (one of its own by default). */
export function createInProcessLiveHub(
  options: LiveRingOptions & { medium?: InProcessLiveMedium } = {},
): LiveHub {
  const medium = options.medium ?? createInProcessLiveMedium();
  const fanout = createLiveFanout(options);
  medium.fanouts.add(fanout);
  let isClosed = false;
  return {
    publish(channel, event) {
      if (isClosed) return Promise.reject(new Error('the live hub is closed'));
      const copy: LiveEvent = { id: event.id, event: event.event, data: event.data };
      for (const each of [...medium.fanouts]) each.deliver(channel, copy);
      return Promise.resolve();
    },
    subscribe(channel, listener, opts) {
      if (isClosed) return Promise.reject(new Error('the live hub is closed'));
      return Promise.resolve(fanout.subscribe(channel, listener, opts));
    },
    subscriberCount: () => fanout.subscriberCount(),
    close() {
      isClosed = true;
      medium.fanouts.delete(fanout);
      fanout.clear();
      return Promise.resolve();
    },
  };
}
