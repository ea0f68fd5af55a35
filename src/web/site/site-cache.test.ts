import { describe, expect, it } from 'vitest';
import type { EventListener, OutboxEvent } from '../../features/events/index.js';
import {
  createInProcessHub,
  createInProcessInvalidationBus,
  type InvalidationBus,
} from '../../platform/cache/index.js';
import { FakeClock } from '../../platform/clock.js';
import { createSiteCache } from './site-cache.js';

/** The outbox's listener side, which is all the site cache uses. */
function fakeEvents() {
  const listeners = new Set<EventListener>();
  return {
    onEvents(listener: EventListener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    announce(events: OutboxEvent[]) {
      for (const listener of listeners) listener(events);
    },
    get listenerCount() {
      return listeners.size;
    },
  };
}

const published = (postId: string, slug: string): OutboxEvent => ({
  id: `evt-${postId}`,
  type: 'post.published',
  subjectId: postId,
  payload: { slug, kind: 'article', authorIds: ['author-a'], tagIds: ['tag-politics'] },
  actor: 'staff:ana',
  createdAt: '2026-01-15T09:00:00.000Z',
});

const silentLog = { warn: () => undefined };

async function processWith(bus: InvalidationBus) {
  const events = fakeEvents();
  const site = await createSiteCache({ clock: new FakeClock(), bus, events, log: silentLog });
  const renders = { home: 0, story: 0, about: 0 };
  const warm = async () => {
    await site.cache.get('/', 'anonymous', () => {
      renders.home += 1;
      return Promise.resolve({ body: 'front', tags: ['home'] });
    });
    await site.cache.get('/politics', 'anonymous', () => {
      renders.story += 1;
      return Promise.resolve({ body: 'politics', tags: ['tag:tag-politics'] });
    });
    await site.cache.get('/about', 'anonymous', () => {
      renders.about += 1;
      return Promise.resolve({ body: 'about', tags: ['page:about'] });
    });
  };
  return { site, events, renders, warm };
}

describe('createSiteCache', () => {
  it('drops the pages an outbox event touches, here and in the other processes', async () => {
    const hub = createInProcessHub();
    const busA = createInProcessInvalidationBus({ hub });
    const busB = createInProcessInvalidationBus({ hub });
    const a = await processWith(busA);
    const b = await processWith(busB);
    await a.warm();
    await b.warm();

    a.events.announce([published('post-1', 'ceasefire')]);
    await a.warm();
    await b.warm();
    expect(a.renders).toEqual({ home: 2, story: 2, about: 1 });
    expect(b.renders).toEqual({ home: 2, story: 2, about: 1 });

    await a.site.close();
    await b.site.close();
    expect(a.events.listenerCount).toBe(0);
  });

  it('does not drop its own pages twice when its message comes back', async () => {
    const bus = createInProcessInvalidationBus();
    const { site, events } = await processWith(bus);
    const seen: string[] = [];
    await bus.subscribe((message) => seen.push(message.origin));
    await site.cache.get('/', 'anonymous', () => Promise.resolve({ body: 'old', tags: ['home'] }));

    events.announce([published('post-1', 'ceasefire')]);
    // Re-rendered straight after the change; the echo of our own message must not drop it.
    await site.cache.get('/', 'anonymous', () => Promise.resolve({ body: 'new', tags: ['home'] }));
    await bus.publish(['home']);
    expect(seen).toEqual([bus.origin, bus.origin]);
    expect(site.cache.stats().staleEntries).toBe(0);
    await site.close();
  });

  it('invalidates by hand for changes without events, and drops everything on "all"', async () => {
    const hub = createInProcessHub();
    const a = await processWith(createInProcessInvalidationBus({ hub }));
    const b = await processWith(createInProcessInvalidationBus({ hub }));
    await a.warm();
    await b.warm();
    await a.site.invalidate('all');
    expect(a.site.cache.stats().staleEntries).toBe(3);
    expect(b.site.cache.stats().staleEntries).toBe(3);
  });

  it('still drops its own pages when the bus cannot publish, and logs it', async () => {
    const warnings: string[] = [];
    const failing: InvalidationBus = {
      origin: 'broken',
      publish: () => Promise.reject(new Error('redis down')),
      subscribe: () => Promise.resolve(() => Promise.resolve()),
      close: () => Promise.resolve(),
    };
    const site = await createSiteCache({
      clock: new FakeClock(),
      bus: failing,
      events: fakeEvents(),
      log: { warn: (_details, message) => warnings.push(message) },
    });
    await site.cache.get('/', 'anonymous', () => Promise.resolve({ body: 'x', tags: ['home'] }));
    await site.invalidate(['home']);
    expect(site.cache.stats().staleEntries).toBe(1);
    expect(warnings).toHaveLength(1);
  });
});
