import { randomUUID } from 'node:crypto';
import { Redis } from 'ioredis';
import { afterEach, describe, expect, it } from 'vitest';
import { describeWithRedis } from '../../../test/helpers/test-redis.js';
import {
  createInProcessLiveHub,
  createInProcessLiveMedium,
  type LiveEvent,
  type LiveHub,
  type LiveSubscription,
} from './live-hub.js';
import { createRedisLiveHub } from './redis-live-hub.js';

/** Events a subscription received, read in order; `next` waits for one not yet read. */
interface Inbox {
  next(): Promise<LiveEvent>;
  unread(): number;
  subscription: LiveSubscription;
  gaps: number;
}

async function listen(
  hub: LiveHub,
  channel: string,
  options: { lastEventId?: string } = {},
): Promise<Inbox> {
  const queue: LiveEvent[] = [];
  const waiting: Array<(event: LiveEvent) => void> = [];
  const inbox = {
    next: () => {
      const first = queue.shift();
      if (first) return Promise.resolve(first);
      return new Promise<LiveEvent>((resolve) => waiting.push(resolve));
    },
    unread: () => queue.length,
    gaps: 0,
  } as Inbox;
  inbox.subscription = await hub.subscribe(
    channel,
    (event) => {
      const waiter = waiting.shift();
      if (waiter) waiter(event);
      else queue.push(event);
    },
    { ...options, onGap: () => (inbox.gaps += 1) },
  );
  return inbox;
}

const event = (id: string, name = 'update'): LiveEvent => ({
  id,
  event: name,
  data: JSON.stringify({ id, html: `<p>${id}</p>` }),
});

/** Two hubs on one medium: two processes on one Redis, or two hubs on one in-process medium. */
type MakePair = (ringSize?: number) => { a: LiveHub; b: LiveHub };

function contract(makePair: MakePair): void {
  let hubs: LiveHub[] = [];
  const pair = (ringSize?: number) => {
    const made = makePair(ringSize);
    hubs.push(made.a, made.b);
    return made;
  };
  afterEach(async () => {
    await Promise.all(hubs.map((hub) => hub.close()));
    hubs = [];
  });

  it('delivers an event published on one hub to the subscribers of its channel on another, in order', async () => {
    const { a, b } = pair();
    const inbox = await listen(b, 'live:ceasefire');
    const other = await listen(b, 'live:elections');
    await a.publish('live:ceasefire', event('01', 'update'));
    await a.publish('live:ceasefire', event('02', 'update-changed'));
    await a.publish('live:elections', event('03'));
    expect(await inbox.next()).toEqual(event('01', 'update'));
    expect(await inbox.next()).toEqual(event('02', 'update-changed'));
    expect(await other.next()).toEqual(event('03'));
    expect(inbox.unread()).toBe(0);
  });

  it('delivers to the publisher’s own subscribers too, and no longer to one that unsubscribed', async () => {
    const { a, b } = pair();
    const own = await listen(a, 'live:x');
    const gone = await listen(b, 'live:x');
    const stays = await listen(b, 'live:x');
    expect(b.subscriberCount()).toBe(2);
    gone.subscription.unsubscribe();
    gone.subscription.unsubscribe();
    expect(b.subscriberCount()).toBe(1);
    await a.publish('live:x', event('01'));
    await a.publish('live:x', event('02'));
    expect((await own.next()).id).toBe('01');
    expect((await stays.next()).id).toBe('01');
    expect((await stays.next()).id).toBe('02');
    // In order: had `gone` still been listening, "01" would have reached it by now.
    expect(gone.unread()).toBe(0);
  });

  it('returns the events after Last-Event-ID to a subscriber that resumes', async () => {
    const { a, b } = pair();
    const first = await listen(b, 'live:x');
    for (const id of ['01', '02', '03']) await a.publish('live:x', event(id));
    expect((await first.next()).id).toBe('01');
    expect((await first.next()).id).toBe('02');
    expect((await first.next()).id).toBe('03');
    first.subscription.unsubscribe();

    const resumed = await listen(b, 'live:x', { lastEventId: '01' });
    expect(resumed.subscription.missed.map((e) => e.id)).toEqual(['02', '03']);
    expect(resumed.subscription.hasGap).toBe(false);
    const fresh = await listen(b, 'live:x');
    expect(fresh.subscription.missed).toEqual([]);
    const upToDate = await listen(b, 'live:x', { lastEventId: '03' });
    expect(upToDate.subscription.missed).toEqual([]);
  });

  it('says when Last-Event-ID fell out of the bounded ring, returning what it still has after it', async () => {
    const { a, b } = pair(3);
    const keep = await listen(b, 'live:x');
    for (const id of ['01', '02', '03', '04', '05']) await a.publish('live:x', event(id));
    for (let i = 0; i < 5; i += 1) await keep.next();
    const resumed = await listen(b, 'live:x', { lastEventId: '01' });
    expect(resumed.subscription.hasGap).toBe(true);
    expect(resumed.subscription.missed.map((e) => e.id)).toEqual(['03', '04', '05']);
    const unknown = await listen(b, 'live:x', { lastEventId: 'zz' });
    expect(unknown.subscription.hasGap).toBe(true);
    expect(unknown.subscription.missed).toEqual([]);
  });

  it('delivers an event published twice (by two processes) once', async () => {
    const { a, b } = pair();
    const inbox = await listen(b, 'live:x');
    await a.publish('live:x', event('01'));
    await b.publish('live:x', event('01'));
    await a.publish('live:x', event('02'));
    expect((await inbox.next()).id).toBe('01');
    expect((await inbox.next()).id).toBe('02');
    expect(inbox.unread()).toBe(0);
  });

  it('keeps a throwing listener from blocking the others', async () => {
    const { a, b } = pair();
    await b.subscribe('live:x', () => {
      throw new Error('listener broke');
    });
    const inbox = await listen(b, 'live:x');
    await a.publish('live:x', event('01'));
    expect((await inbox.next()).id).toBe('01');
  });

  it('refuses to publish or subscribe once closed', async () => {
    const { a } = pair();
    await a.close();
    await expect(a.publish('live:x', event('01'))).rejects.toThrow(/closed/);
    await expect(a.subscribe('live:x', () => undefined)).rejects.toThrow(/closed/);
  });
}

describe('LiveHub contract [in-process]', () => {
  contract((ringSize) => {
    const medium = createInProcessLiveMedium();
    return {
      a: createInProcessLiveHub({ medium, ringSize }),
      b: createInProcessLiveHub({ medium, ringSize }),
    };
  });

  it('forgets the least recently used channels without subscribers past its limit', async () => {
    const hub = createInProcessLiveHub({ maxChannels: 2 });
    try {
      const held = await listen(hub, 'live:held');
      await hub.publish('live:held', event('01'));
      await held.next();
      await hub.publish('live:a', event('02'));
      await hub.publish('live:b', event('03'));
      // live:a went to make room; live:held has a subscriber and stays.
      expect((await hub.subscribe('live:a', () => undefined, { lastEventId: '02' })).hasGap).toBe(
        true,
      );
      expect(
        (await hub.subscribe('live:held', () => undefined, { lastEventId: '01' })).hasGap,
      ).toBe(false);
    } finally {
      await hub.close();
    }
  });
});

describeWithRedis('LiveHub contract', (url) => {
  // A Redis channel of this run's own, so parallel runs on the same Redis do not hear each other.
  const redisChannel = `masthead:test:live:${randomUUID()}`;
  contract((ringSize) => ({
    a: createRedisLiveHub({ url, redisChannel, ringSize }),
    b: createRedisLiveHub({ url, redisChannel, ringSize }),
  }));

  it('holds one listening connection per process, whatever its number of subscribers', async () => {
    const hub = createRedisLiveHub({ url, redisChannel });
    const admin = new Redis(url);
    try {
      for (let i = 0; i < 50; i += 1) await hub.subscribe(`live:${i % 5}`, () => undefined);
      const numsub = (await admin.call('PUBSUB', 'NUMSUB', redisChannel)) as [string, number];
      expect(Number(numsub[1])).toBe(1);
    } finally {
      await hub.close();
      admin.disconnect();
    }
  });

  it('after its connection drops, subscribes again, forgets its rings and tells subscriptions', async () => {
    const a = createRedisLiveHub({ url, redisChannel });
    // The killed connection reports an error before it reconnects; that is expected here.
    const name = randomUUID();
    const b = createRedisLiveHub({ url, redisChannel, name, onError: () => undefined });
    const admin = new Redis(url);
    try {
      const inbox = await listen(b, 'live:x');
      await a.publish('live:x', event('01'));
      await inbox.next();
      const clients = (await admin.client('LIST')) as string;
      const line = clients
        .split('\n')
        .find((l) => l.includes(`name=masthead-live-subscribe-${name}`));
      const id = /\bid=(\d+)/.exec(line ?? '')?.[1];
      expect(id).toBeDefined();
      await admin.client('KILL', 'ID', id ?? '');
      await new Promise<void>((resolve) => {
        const check = () => (inbox.gaps > 0 ? resolve() : setTimeout(check, 20));
        check();
      });
      const resumed = await b.subscribe('live:x', () => undefined, { lastEventId: '01' });
      expect(resumed.hasGap).toBe(true);
      await a.publish('live:x', event('02'));
      expect((await inbox.next()).id).toBe('02');
    } finally {
      await Promise.all([a.close(), b.close()]);
      admin.disconnect();
    }
  });

  it('skips messages it cannot read and reports them', async () => {
    const errors: unknown[] = [];
    const hub = createRedisLiveHub({ url, redisChannel, onError: (e) => errors.push(e) });
    const raw = new Redis(url);
    try {
      const inbox = await listen(hub, 'live:x');
      await raw.publish(redisChannel, 'not json');
      await raw.publish(redisChannel, JSON.stringify({ channel: 'live:x', id: 1 }));
      await hub.publish('live:x', event('01'));
      expect((await inbox.next()).id).toBe('01');
      expect(errors).toHaveLength(2);
    } finally {
      await hub.close();
      raw.disconnect();
    }
  });
});
