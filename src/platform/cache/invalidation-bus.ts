import { randomUUID } from 'node:crypto';

/** Which cached pages to drop: those carrying any of the tags, or every page. */
export type InvalidationScope = readonly string[] | 'all';

export interface InvalidationMessage {
  /** The `origin` of the bus that published it, so a process can skip its own messages. */
  readonly origin: string;
  readonly tags: InvalidationScope;
}

export type InvalidationHandler = (message: InvalidationMessage) => void;

/**
 * The port that carries cache invalidations between app processes: in-process for one process
 * (the embedded default), Redis pub/sub when several processes serve the same site. Delivery
 * is at most once; an adapter that may have missed messages (a dropped connection) tells its
 * subscribers to drop everything (`tags: 'all'`).
 */
export interface InvalidationBus {
  /** This bus's id, carried by every message it publishes. */
  readonly origin: string;
  /** Sends to every subscriber of every bus on the same medium, this one's included. */
  publish(tags: InvalidationScope): Promise<void>;
  /** Resolves once messages published afterwards will reach the handler; returns the unsubscribe. */
  subscribe(handler: InvalidationHandler): Promise<() => Promise<void>>;
  close(): Promise<void>;
}

/** Calls each handler, so that one that throws does not keep the message from the others. */
export function deliver(
  handlers: Iterable<InvalidationHandler>,
  message: InvalidationMessage,
  onError: (error: unknown) => void,
): void {
  for (const handler of [...handlers]) {
    try {
      handler(message);
    } catch (error) {
      onError(error);
    }
  }
}

/** The medium in-process buses share: several buses on one hub behave like processes on one Redis. */
export interface InProcessHub {
  readonly handlers: Set<InvalidationHandler>;
}

export const createInProcessHub = (): InProcessHub => ({ handlers: new Set() });

/**
 * Delivers synchronously to the subscribers on the same hub (a hub of its own by default): for
 * one process, and for tests that stand in for several.
 */
export function createInProcessInvalidationBus(
  options: {
    hub?: InProcessHub;
    origin?: string;
    /** A handler that threw; delivery to the others goes on. Rethrown from publish by default. */
    onError?: (error: unknown) => void;
  } = {},
): InvalidationBus {
  const hub = options.hub ?? createInProcessHub();
  const origin = options.origin ?? randomUUID();
  const own = new Set<InvalidationHandler>();
  let isClosed = false;
  return {
    origin,
    publish(tags) {
      if (isClosed) return Promise.reject(new Error('the invalidation bus is closed'));
      const errors: unknown[] = [];
      const message: InvalidationMessage = { origin, tags: tags === 'all' ? 'all' : [...tags] };
      deliver(hub.handlers, message, options.onError ?? ((error) => errors.push(error)));
      if (errors.length > 0) {
        return Promise.reject(new AggregateError(errors, 'an invalidation handler threw'));
      }
      return Promise.resolve();
    },
    subscribe(handler) {
      if (isClosed) return Promise.reject(new Error('the invalidation bus is closed'));
      // A wrapper per subscription, so the same function subscribed twice unsubscribes once.
      const wrapped: InvalidationHandler = (message) => handler(message);
      hub.handlers.add(wrapped);
      own.add(wrapped);
      return Promise.resolve(() => {
        hub.handlers.delete(wrapped);
        own.delete(wrapped);
        return Promise.resolve();
      });
    },
    close() {
      isClosed = true;
      for (const handler of own) hub.handlers.delete(handler);
      own.clear();
      return Promise.resolve();
    },
  };
}
