import type { Serializable } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import {
  deliver,
  type InvalidationBus,
  type InvalidationHandler,
  type InvalidationMessage,
} from './invalidation-bus.js';

/**
 * One end of an IPC channel between processes: a cluster worker's `process`, the primary's
 * handle on a worker, or a MessagePort (tests). Messages other than the bus's own pass by.
 */
export interface IpcLink {
  send(message: Serializable): Promise<void>;
  /** Returns the way to stop listening. */
  onMessage(listener: (message: unknown) => void): () => void;
}

/** What node:cluster's `process` (in a worker) and `Worker` (in the primary) both offer. */
interface IpcEndpoint {
  send?: (message: Serializable, callback: (error: Error | null) => void) => boolean;
  on(event: 'message', listener: (message: unknown) => void): unknown;
  off(event: 'message', listener: (message: unknown) => void): unknown;
}

/** An IpcLink over a child process's channel: `process` in a worker, a `Worker` in the primary. */
export function ipcLinkOf(endpoint: IpcEndpoint): IpcLink {
  return {
    send: (message) =>
      new Promise((resolve, reject) => {
        if (!endpoint.send) {
          reject(new Error('this process has no IPC channel (not started by a cluster primary)'));
          return;
        }
        endpoint.send(message, (error) => (error ? reject(error) : resolve()));
      }),
    onMessage(listener) {
      endpoint.on('message', listener);
      return () => void endpoint.off('message', listener);
    },
  };
}

const messageKind = 'masthead:cache-invalidate';

interface WireMessage extends InvalidationMessage {
  readonly kind: typeof messageKind;
}

function isWireMessage(value: unknown): value is WireMessage {
  if (typeof value !== 'object' || value === null) return false;
  const message = value as Partial<WireMessage>;
  return (
    message.kind === messageKind &&
    typeof message.origin === 'string' &&
    (message.tags === 'all' ||
      (Array.isArray(message.tags) && message.tags.every((tag) => typeof tag === 'string')))
  );
}

/**
 * Invalidations between the workers of one machine without Redis (`masthead start --workers N`):
 * a worker sends to the primary, whose relay (below) sends to every worker, the sender included,
 * so the bus behaves like Redis pub/sub. IPC keeps order per channel; a worker that restarts
 * starts with an empty cache, so nothing it missed while down needs replaying.
 */
export function createIpcInvalidationBus(options: {
  link: IpcLink;
  origin?: string;
  /** Handlers that threw. Ignored by default. */
  onError?: (error: unknown) => void;
}): InvalidationBus {
  const origin = options.origin ?? randomUUID();
  const onError = options.onError ?? (() => undefined);
  const handlers = new Set<InvalidationHandler>();
  let isClosed = false;
  const stopListening = options.link.onMessage((raw) => {
    if (!isWireMessage(raw)) return;
    deliver(handlers, { origin: raw.origin, tags: raw.tags }, onError);
  });
  return {
    origin,
    async publish(tags) {
      if (isClosed) throw new Error('the invalidation bus is closed');
      const message: WireMessage = {
        kind: messageKind,
        origin,
        tags: tags === 'all' ? 'all' : [...tags],
      };
      await options.link.send(message);
    },
    subscribe(handler) {
      if (isClosed) return Promise.reject(new Error('the invalidation bus is closed'));
      const wrapped: InvalidationHandler = (message) => handler(message);
      handlers.add(wrapped);
      return Promise.resolve(() => {
        handlers.delete(wrapped);
        return Promise.resolve();
      });
    },
    close() {
      isClosed = true;
      handlers.clear();
      stopListening();
      return Promise.resolve();
    },
  };
}

/**
 * The primary's half: every invalidation a worker sends goes to every attached worker. A worker
 * that has just exited cannot be reached; that send fails (reported) and the others go on.
 */
export function createInvalidationRelay(options: { onError?: (error: unknown) => void } = {}) {
  const onError = options.onError ?? (() => undefined);
  const links = new Set<IpcLink>();
  return {
    /** Relays what `link` sends and sends it what the others do; returns the way to detach it. */
    attach(link: IpcLink): () => void {
      links.add(link);
      const stop = link.onMessage((message) => {
        if (!isWireMessage(message)) return;
        for (const to of links) to.send(message).catch(onError);
      });
      return () => {
        stop();
        links.delete(link);
      };
    },
  };
}

export type InvalidationRelay = ReturnType<typeof createInvalidationRelay>;
