import type { AddressInfo } from 'node:net';
import Fastify, { type FastifyInstance } from 'fastify';
import { afterEach, describe, expect, it } from 'vitest';
import { openSse } from '../../../test/helpers/sse-client.js';
import { createInProcessLiveHub, type LiveEvent, type LiveHub } from '../../platform/live/index.js';
import { addRequestHooks } from '../request-hooks.js';
import { createSecurityHeaders } from '../security-headers.js';
import { createEventStreams, type EventStreams, type EventStreamsOptions } from './event-stream.js';

const connect = (port: number, path: string, headers: Record<string, string> = {}) =>
  openSse(`http://127.0.0.1:${port}${path}`, headers);

/** Waits (without a deadline of its own) until `condition` holds. */
async function until(condition: () => boolean): Promise<void> {
  while (!condition()) await new Promise((resolve) => setImmediate(resolve));
}

const event = (id: string, name = 'update', extra: Record<string, unknown> = {}): LiveEvent => ({
  id,
  event: name,
  data: JSON.stringify({
    id,
    html: `<article id="update-${id}"><p>Update ${id}</p></article>`,
    ...extra,
  }),
});

interface Stand {
  app: FastifyInstance;
  hub: LiveHub;
  streams: EventStreams;
  port: number;
  tick: () => void;
  catchUps: string[];
}

let stands: Stand[] = [];
afterEach(async () => {
  for (const stand of stands) {
    stand.streams.close();
    await stand.app.close();
    await stand.hub.close();
  }
  stands = [];
});

/** A Fastify app with the site's request hooks and one live route, listening on a real port. */
async function stand(options: Partial<EventStreamsOptions> = {}): Promise<Stand> {
  const hub = createInProcessLiveHub();
  const ticks: Array<() => void> = [];
  const streams = createEventStreams({
    hub,
    every: (_ms, tick) => {
      ticks.push(tick);
      return () => ticks.splice(ticks.indexOf(tick), 1);
    },
    retryMs: () => 3000,
    ...options,
  });
  const app = Fastify();
  addRequestHooks(app, { securityHeaders: createSecurityHeaders({ isHttps: false }) });
  const catchUps: string[] = [];
  app.get<{ Params: { slug: string } }>('/:slug/live', (request, reply) =>
    streams.open(request, reply, {
      channel: `live:${request.params.slug}`,
      catchUp: (lastEventId) => {
        catchUps.push(lastEventId);
        return Promise.resolve([event('00-caught-up', 'update')]);
      },
    }),
  );
  await app.listen({ host: '127.0.0.1', port: 0 });
  const port = (app.server.address() as AddressInfo).port;
  const made = { app, hub, streams, port, tick: () => ticks.forEach((t) => t()), catchUps };
  stands.push(made);
  return made;
}

describe('GET /<slug>/live event stream', () => {
  it('answers text/event-stream, unbuffered, uncompressed and uncacheable, with the site’s security headers', async () => {
    const { port } = await stand();
    const client = await connect(port, '/ceasefire/live', { 'accept-encoding': 'gzip, br' });
    const { headers, statusCode } = client.response;
    expect(statusCode).toBe(200);
    expect(headers['content-type']).toBe('text/event-stream; charset=utf-8');
    expect(headers['x-accel-buffering']).toBe('no');
    expect(headers['cache-control']).toBe('no-store, no-transform');
    expect(headers['content-encoding']).toBeUndefined();
    expect(headers['content-length']).toBeUndefined();
    expect(headers['transfer-encoding']).toBe('chunked');
    expect(headers['content-security-policy']).toContain("default-src 'self'");
    expect(headers['x-request-id']).toBeTruthy();
    expect(await client.next()).toEqual({ retry: '3000' });
    client.close();
  });

  it('sends each published event of its page, with id, name and JSON data, in order', async () => {
    const { port, hub } = await stand();
    const reader = await connect(port, '/ceasefire/live');
    const elsewhere = await connect(port, '/elections/live');
    await reader.next();
    await elsewhere.next();
    await until(() => hub.subscriberCount() === 2);
    await hub.publish('live:ceasefire', event('01'));
    await hub.publish('live:elections', event('02'));
    await hub.publish('live:ceasefire', event('03', 'update-changed'));
    await hub.publish('live:ceasefire', event('04', 'update-deleted'));
    await hub.publish('live:ceasefire', { id: '05', event: 'ended', data: '{"id":"x"}' });
    const first = await reader.next();
    expect(first).toMatchObject({ id: '01', event: 'update' });
    expect(JSON.parse(first!.data!)).toEqual({
      id: '01',
      html: '<article id="update-01"><p>Update 01</p></article>',
    });
    expect(await reader.next()).toMatchObject({ id: '03', event: 'update-changed' });
    expect(await reader.next()).toMatchObject({ id: '04', event: 'update-deleted' });
    expect(await reader.next()).toMatchObject({ id: '05', event: 'ended' });
    expect(await elsewhere.next()).toMatchObject({ id: '02', event: 'update' });
    reader.close();
    elsewhere.close();
  });

  it('keeps a line break in the data inside one event', async () => {
    const { port, hub } = await stand();
    const reader = await connect(port, '/x/live');
    await reader.next();
    await until(() => hub.subscriberCount() === 1);
    await hub.publish('live:x', { id: '01', event: 'update', data: 'one\ntwo\r\nthree' });
    expect(await reader.next()).toEqual({ id: '01', event: 'update', data: 'one\ntwo\nthree' });
    reader.close();
  });

  it('resumes from Last-Event-ID: the missed events first, then live ones', async () => {
    const { port, hub } = await stand();
    const first = await connect(port, '/x/live');
    await first.next();
    await until(() => hub.subscriberCount() === 1);
    for (const id of ['01', '02', '03']) await hub.publish('live:x', event(id));
    expect((await first.next())?.id).toBe('01');
    first.close();
    await until(() => hub.subscriberCount() === 0);

    const resumed = await connect(port, '/x/live', { 'last-event-id': '01' });
    expect(await resumed.next()).toEqual({ retry: '3000' });
    expect((await resumed.next())?.id).toBe('02');
    expect((await resumed.next())?.id).toBe('03');
    await hub.publish('live:x', event('04'));
    expect((await resumed.next())?.id).toBe('04');
    resumed.close();
  });

  it('catches up from the page when the hub no longer holds the reader’s last event', async () => {
    const { port, hub, catchUps } = await stand();
    // In the ring, after the reader's id by order: the catch-up, read from the page, covers it.
    await hub.publish('live:x', event('g1'));
    const reader = await connect(port, '/x/live', { 'last-event-id': 'from-before-a-restart' });
    await reader.next();
    expect(await reader.next()).toMatchObject({ id: '00-caught-up', event: 'update' });
    expect(catchUps).toEqual(['from-before-a-restart']);
    await hub.publish('live:x', event('h1'));
    expect((await reader.next())?.id).toBe('h1');
    reader.close();
  });

  it('sends a heartbeat comment each time its timer fires, to every stream', async () => {
    const { port, hub, tick } = await stand();
    const a = await connect(port, '/x/live');
    const b = await connect(port, '/y/live');
    await a.next();
    await b.next();
    await until(() => hub.subscriberCount() === 2);
    tick();
    expect(await a.next()).toEqual({ comment: 'heartbeat' });
    expect(await b.next()).toEqual({ comment: 'heartbeat' });
    a.close();
    b.close();
  });

  it('refuses readers past the per-process cap with a 503, and takes them again once one leaves', async () => {
    const { port, hub, streams } = await stand({ maxStreams: 2 });
    const a = await connect(port, '/x/live');
    const b = await connect(port, '/x/live');
    await until(() => hub.subscriberCount() === 2);
    const refused = await connect(port, '/x/live');
    expect(refused.response.statusCode).toBe(503);
    expect(refused.response.headers['retry-after']).toBe('30');
    expect(refused.response.headers['cache-control']).toBe('no-store');
    a.close();
    await until(() => streams.count() === 1 && hub.subscriberCount() === 1);
    const c = await connect(port, '/x/live');
    expect(c.response.statusCode).toBe(200);
    b.close();
    c.close();
    await until(() => streams.count() === 0 && hub.subscriberCount() === 0);
  });

  it('drops a reader that stops reading once its unsent bytes pass the bound, and keeps serving the others', async () => {
    const { port, hub, streams } = await stand({ maxBufferedBytes: 128 * 1024 });
    const stalled = await connect(port, '/x/live');
    const reading = await connect(port, '/x/live');
    await until(() => hub.subscriberCount() === 2);
    stalled.response.pause();
    const big = 'x'.repeat(60 * 1024);
    let n = 0;
    let received = 0;
    void (async () => {
      while ((await reading.next()) !== undefined) received += 1;
    })();
    // Socket buffers take a few MB before the server holds anything itself.
    while (streams.count() === 2 && n < 1000) {
      n += 1;
      await hub.publish('live:x', { id: String(n).padStart(5, '0'), event: 'update', data: big });
      await until(() => received >= n);
    }
    expect(streams.count()).toBe(1);
    expect(hub.subscriberCount()).toBe(1);
    expect(received).toBeGreaterThanOrEqual(n);
    reading.close();
  }, 60_000);

  it('ends every stream on close, so a server shutdown is not held open', async () => {
    const { port, hub, streams } = await stand();
    const reader = await connect(port, '/x/live');
    await reader.next();
    await until(() => hub.subscriberCount() === 1);
    streams.close();
    expect(await reader.next()).toBeUndefined();
    expect(hub.subscriberCount()).toBe(0);
  });
});
