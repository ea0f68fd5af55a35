import { randomUUID } from 'node:crypto';
import { MessageChannel } from 'node:worker_threads';
import { Redis } from 'ioredis';
import { afterEach, describe, expect, it } from 'vitest';
import { describeWithRedis } from '../../../test/helpers/test-redis.js';
import {
  createInProcessHub,
  createInProcessInvalidationBus,
  type InvalidationBus,
  type InvalidationMessage,
} from './invalidation-bus.js';
import {
  createInvalidationRelay,
  createIpcInvalidationBus,
  type IpcLink,
  type InvalidationRelay,
} from './ipc-invalidation-bus.js';
import { createRedisInvalidationBus } from './redis-invalidation-bus.js';

/** Messages a subscription received, read in order; `next` waits for one not yet read. */
interface Inbox {
  next(): Promise<InvalidationMessage>;
  /** How many arrived and were not read yet. */
  unread(): number;
  unsubscribe(): Promise<void>;
}

async function listen(bus: InvalidationBus): Promise<Inbox> {
  const queue: InvalidationMessage[] = [];
  const waiting: Array<(message: InvalidationMessage) => void> = [];
  const unsubscribe = await bus.subscribe((message) => {
    const waiter = waiting.shift();
    if (waiter) waiter(message);
    else queue.push(message);
  });
  return {
    next: () => {
      const first = queue.shift();
      if (first) return Promise.resolve(first);
      return new Promise((resolve) => waiting.push(resolve));
    },
    unread: () => queue.length,
    unsubscribe,
  };
}

/** Two buses on one medium: two processes on one Redis, or two buses on one in-process hub. */
type MakePair = () => { a: InvalidationBus; b: InvalidationBus };

function contract(makePair: MakePair): void {
  let buses: InvalidationBus[] = [];
  const pair = () => {
    const made = makePair();
    buses.push(made.a, made.b);
    return made;
  };
  afterEach(async () => {
    await Promise.all(buses.map((bus) => bus.close()));
    buses = [];
  });

  it('delivers published tags to a subscriber on another connection, with the origin', async () => {
    const { a, b } = pair();
    const inbox = await listen(b);
    await a.publish(['home', 'post:0192', 'slug:ceasefire-talks']);
    expect(await inbox.next()).toEqual({
      origin: a.origin,
      tags: ['home', 'post:0192', 'slug:ceasefire-talks'],
    });
    expect(a.origin).not.toEqual(b.origin);
  });

  it('delivers "all", and delivers to the publisher’s own subscribers too', async () => {
    const { a, b } = pair();
    const own = await listen(a);
    const other = await listen(b);
    await a.publish('all');
    expect(await own.next()).toEqual({ origin: a.origin, tags: 'all' });
    expect(await other.next()).toEqual({ origin: a.origin, tags: 'all' });
  });

  it('delivers in order to every subscriber, and no longer to one that unsubscribed', async () => {
    const { a, b } = pair();
    const first = await listen(b);
    const second = await listen(b);
    await a.publish(['one']);
    expect((await first.next()).tags).toEqual(['one']);
    expect((await second.next()).tags).toEqual(['one']);
    await first.unsubscribe();
    await a.publish(['two']);
    await a.publish(['three']);
    expect((await second.next()).tags).toEqual(['two']);
    expect((await second.next()).tags).toEqual(['three']);
    // Delivery is in order: had `first` still been listening, "two" would have reached it by now.
    expect(first.unread()).toBe(0);
  });

  it('refuses to publish once closed', async () => {
    const { a } = pair();
    await a.close();
    await expect(a.publish(['home'])).rejects.toThrow(/closed/);
  });
}

describe('InvalidationBus contract [in-process]', () => {
  contract(() => {
    const hub = createInProcessHub();
    return {
      a: createInProcessInvalidationBus({ hub }),
      b: createInProcessInvalidationBus({ hub }),
    };
  });

  it('keeps a throwing handler from blocking the others, and reports it', async () => {
    const bus = createInProcessInvalidationBus();
    const reached: string[] = [];
    await bus.subscribe(() => {
      throw new Error('handler broke');
    });
    await bus.subscribe(() => reached.push('second'));
    await expect(bus.publish(['home'])).rejects.toThrow(/handler threw/);
    expect(reached).toEqual(['second']);
  });
});

/**
 * A worker's link to the primary over a real message channel (structured clone, asynchronous,
 * like a cluster's IPC): one port for the worker's bus, the other attached to the relay.
 */
function linkThrough(relay: InvalidationRelay): IpcLink {
  const { port1, port2 } = new MessageChannel();
  // Ports would keep the test process alive; the buses are closed in afterEach anyway.
  port1.unref();
  port2.unref();
  const linkOf = (port: typeof port1): IpcLink => ({
    send: (message) => Promise.resolve(port.postMessage(message)),
    onMessage(listener) {
      port.on('message', listener);
      return () => void port.off('message', listener);
    },
  });
  relay.attach(linkOf(port2));
  return linkOf(port1);
}

describe('InvalidationBus contract [cluster IPC]', () => {
  contract(() => {
    const relay = createInvalidationRelay();
    return {
      a: createIpcInvalidationBus({ link: linkThrough(relay) }),
      b: createIpcInvalidationBus({ link: linkThrough(relay) }),
    };
  });

  it('passes over messages that are not invalidations (other traffic on the same channel)', async () => {
    const relay = createInvalidationRelay();
    const a = linkThrough(relay);
    const bus = createIpcInvalidationBus({ link: linkThrough(relay) });
    try {
      const inbox = await listen(bus);
      await a.send({ kind: 'masthead:shutdown' });
      await a.send({ kind: 'masthead:cache-invalidate', origin: 'x', tags: [1] });
      await bus.publish(['home']);
      expect((await inbox.next()).tags).toEqual(['home']);
      expect(inbox.unread()).toBe(0);
    } finally {
      await bus.close();
    }
  });

  it('keeps relaying to the other workers when one has gone', async () => {
    const relay = createInvalidationRelay({ onError: () => undefined });
    const a = createIpcInvalidationBus({ link: linkThrough(relay) });
    const b = createIpcInvalidationBus({ link: linkThrough(relay) });
    relay.attach({
      send: () => Promise.reject(new Error('channel closed')),
      onMessage: () => () => undefined,
    });
    try {
      const inbox = await listen(b);
      await a.publish(['post:1']);
      expect(await inbox.next()).toEqual({ origin: a.origin, tags: ['post:1'] });
    } finally {
      await Promise.all([a.close(), b.close()]);
    }
  });
});

describeWithRedis('InvalidationBus contract', (url) => {
  // A channel of this run's own, so parallel runs on the same Redis do not hear each other.
  const channel = `masthead:test:cache-invalidate:${randomUUID()}`;
  contract(() => ({
    a: createRedisInvalidationBus({ url, channel }),
    b: createRedisInvalidationBus({ url, channel }),
  }));

  it('after its connection drops, subscribes again and tells subscribers to drop everything', async () => {
    const a = createRedisInvalidationBus({ url, channel });
    // The killed connection reports an error before it reconnects; that is expected here.
    const b = createRedisInvalidationBus({ url, channel, onError: () => undefined });
    const admin = new Redis(url);
    try {
      const inbox = await listen(b);
      const clients = (await admin.client('LIST')) as string;
      const line = clients
        .split('\n')
        .find((l) => l.includes(`name=masthead-subscribe-${b.origin}`));
      const id = /\bid=(\d+)/.exec(line ?? '')?.[1];
      expect(id).toBeDefined();
      await admin.client('KILL', 'ID', id ?? '');
      expect(await inbox.next()).toEqual({ origin: b.origin, tags: 'all' });
      await a.publish(['after-reconnect']);
      expect(await inbox.next()).toEqual({ origin: a.origin, tags: ['after-reconnect'] });
    } finally {
      await Promise.all([a.close(), b.close()]);
      admin.disconnect();
    }
  });

  it('skips messages it cannot read and reports them', async () => {
    const errors: unknown[] = [];
    const bus = createRedisInvalidationBus({ url, channel, onError: (e) => errors.push(e) });
    const raw = new Redis(url);
    try {
      const inbox = await listen(bus);
      await raw.publish(channel, 'not json');
      await raw.publish(channel, JSON.stringify({ origin: 'x', tags: [1] }));
      await bus.publish(['home']);
      expect((await inbox.next()).tags).toEqual(['home']);
      expect(errors).toHaveLength(2);
    } finally {
      await bus.close();
      raw.disconnect();
    }
  });
});
