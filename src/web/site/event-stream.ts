import type { ServerResponse } from 'node:http';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { LiveEvent, LiveHub, LiveSubscription } from '../../platform/live/index.js';

/**
 * Server-Sent Events for live pages (`GET /<slug>/live`): each reader holds one response open
 * and the live hub's events are written to it as they come, the same bytes for every reader.
 *
 * - Every event carries `id:`; a reconnecting EventSource sends `Last-Event-ID` and gets what it
 *   missed from the hub's ring (or, past it, from `catchUp`).
 * - Nothing may hold the bytes back: no compression (the app compresses only cached pages, and
 *   `no-transform` keeps proxies and CDNs from doing it), `X-Accel-Buffering: no` for nginx,
 *   `no-store` so neither the page cache nor a CDN keeps it, no Content-Length (chunked).
 * - A comment line every 25 s keeps idle proxies and load balancers from closing the connection.
 * - A reader that does not read (a stalled phone) is dropped once its unsent bytes pass a
 *   bound, rather than growing the process's memory; its browser reconnects and resumes.
 * - At most `maxStreams` per process: the next reader gets a 503 and keeps the reload link.
 */

/** Runs `tick` every `ms` until the returned function is called (setInterval, unref'd). */
export type Every = (ms: number, tick: () => void) => () => void;

const realEvery: Every = (ms, tick) => {
  const timer = setInterval(tick, ms);
  timer.unref();
  return () => clearInterval(timer);
};

export interface EventStreamsOptions {
  hub: LiveHub;
  /** Concurrent streams per process; 10,000 by default. */
  maxStreams?: number;
  /** Heartbeat comment interval; 25 s by default. */
  heartbeatMs?: number;
  /** The heartbeat's timer (tests pass one they tick by hand). */
  every?: Every;
  /** Unsent bytes a stream may hold before it is dropped; 256 KiB by default. */
  maxBufferedBytes?: number;
  /** The reconnection delay sent to each browser (ms); 2–5 s, spread so a restart is not a stampede. */
  retryMs?: () => number;
}

export interface OpenStreamOptions {
  /** The hub channel to follow, e.g. `live:<postId>`. */
  channel: string;
  /**
   * Events a resuming reader missed that the hub no longer holds (its ring moved past the id, or
   * this process restarted); given the reader's `Last-Event-ID`.
   */
  catchUp?: (lastEventId: string) => Promise<readonly LiveEvent[]>;
}

export interface EventStreams {
  /** Answers the request with a stream (or a 503 past the cap); resolves once it is open. */
  open(request: FastifyRequest, reply: FastifyReply, options: OpenStreamOptions): Promise<void>;
  /** Streams open now. */
  count(): number;
  /** Ends every stream (server shutdown: open streams would hold `close()` forever). */
  close(): void;
}

const encoder = new TextEncoder();

/** One event as SSE bytes; a line break inside a field would end it, so data is split by line. */
function frame(event: LiveEvent): Buffer {
  const id = event.id.replace(/[\r\n\0]/g, '');
  const name = event.event.replace(/[\r\n]/g, '');
  const data = event.data
    .split(/\r\n|\r|\n/)
    .map((line) => `data: ${line}\n`)
    .join('');
  return Buffer.from(encoder.encode(`id: ${id}\nevent: ${name}\n${data}\n`));
}

const heartbeat = Buffer.from(': heartbeat\n\n');

interface Stream {
  readonly raw: ServerResponse;
  subscription?: LiveSubscription;
}

export function createEventStreams(options: EventStreamsOptions): EventStreams {
  const { hub } = options;
  const maxStreams = options.maxStreams ?? 10_000;
  const maxBuffered = options.maxBufferedBytes ?? 256 * 1024;
  const retryMs = options.retryMs ?? (() => 2000 + Math.floor(Math.random() * 3000));
  const streams = new Set<Stream>();
  // Encoded once per event object, whatever the number of readers it goes to.
  const frames = new WeakMap<LiveEvent, Buffer>();
  let stopHeartbeat: (() => void) | undefined;

  const bytesOf = (event: LiveEvent): Buffer => {
    let bytes = frames.get(event);
    if (!bytes) {
      bytes = frame(event);
      frames.set(event, bytes);
    }
    return bytes;
  };

  /** Writes, or drops a reader whose unsent bytes passed the bound. */
  const send = (stream: Stream, bytes: Buffer): void => {
    const { raw } = stream;
    if (raw.destroyed || raw.writableEnded) return;
    if (raw.writableLength + bytes.length > maxBuffered) {
      raw.destroy();
      return;
    }
    raw.write(bytes);
  };

  const beat = () => {
    for (const stream of streams) send(stream, heartbeat);
  };

  function forget(stream: Stream): void {
    if (!streams.delete(stream)) return;
    stream.subscription?.unsubscribe();
    if (streams.size === 0 && stopHeartbeat) {
      stopHeartbeat();
      stopHeartbeat = undefined;
    }
  }

  return {
    async open(request, reply, open) {
      if (streams.size >= maxStreams) {
        await reply
          .code(503)
          .header('retry-after', '30')
          .header('cache-control', 'no-store')
          .type('text/plain; charset=utf-8')
          .send('Too many live readers on this server right now; reload the page to catch up.');
        return;
      }
      const header = request.headers['last-event-id'];
      const lastEventId = typeof header === 'string' && header !== '' ? header : undefined;
      void reply.hijack();
      const raw = reply.raw;
      const stream: Stream = { raw };
      streams.add(stream);
      stopHeartbeat ??= (options.every ?? realEvery)(options.heartbeatMs ?? 25_000, beat);
      raw.on('close', () => forget(stream));
      request.raw.socket.setNoDelay(true);
      // The security headers and request id the hooks set on the reply.
      const headers: Record<string, string | number | string[]> = {};
      for (const [name, value] of Object.entries(reply.getHeaders()))
        if (value !== undefined) headers[name] = value;
      raw.writeHead(200, {
        ...headers,
        'content-type': 'text/event-stream; charset=utf-8',
        'cache-control': 'no-store, no-transform',
        'x-accel-buffering': 'no',
      });
      // Sends the headers at once, so the browser's `open` fires before any event.
      raw.write(`retry: ${retryMs()}\n\n`);

      // Live events that arrive while the missed ones are sent wait behind them, in order; an
      // event both missed and live (or caught up and missed) goes once.
      let queue: LiveEvent[] | undefined = [];
      const sent = new Set<string>();
      const deliver = (event: LiveEvent) => {
        if (sent.has(event.id)) return;
        sent.add(event.id);
        send(stream, bytesOf(event));
      };
      try {
        stream.subscription = await hub.subscribe(
          open.channel,
          (event) => (queue ? queue.push(event) : send(stream, bytesOf(event))),
          // Events may have been lost (the hub's link dropped): close, so the browser resumes.
          { lastEventId, onGap: () => raw.end() },
        );
      } catch (error) {
        forget(stream);
        raw.destroy();
        request.log.warn({ err: error }, 'live stream could not subscribe');
        return;
      }
      if (!streams.has(stream)) {
        // The reader left while we subscribed.
        stream.subscription.unsubscribe();
        return;
      }
      const { missed, hasGap } = stream.subscription;
      if (hasGap && lastEventId !== undefined && open.catchUp) {
        // The catch-up covers what the ring still has after the id, from the source itself.
        try {
          for (const event of await open.catchUp(lastEventId)) deliver(event);
        } catch (error) {
          request.log.warn({ err: error }, 'live stream catch-up failed');
          for (const event of missed) deliver(event);
        }
      } else for (const event of missed) deliver(event);
      const waiting = queue;
      queue = undefined;
      for (const event of waiting) deliver(event);
    },

    count: () => streams.size,

    close() {
      for (const stream of [...streams]) {
        forget(stream);
        stream.raw.end();
      }
    },
  };
}
