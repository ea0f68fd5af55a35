import { CdnPurgeError, type CdnPurgeClient } from './purge-client.js';

/** Where purge failures go; a pino or Fastify logger fits. */
export interface CdnPurgeLog {
  warn(details: Record<string, unknown>, message: string): void;
  error(details: Record<string, unknown>, message: string): void;
}

export interface CdnPurgerOptions {
  client: CdnPurgeClient;
  log: CdnPurgeLog;
  /** How long tags gather before a purge leaves: one publish touches many pages at once. */
  batchDelayMs?: number;
  /** Attempts per request (the first included), backing off exponentially from `retryDelayMs`. */
  attempts?: number;
  retryDelayMs?: number;
}

/**
 * Purges the CDN's copies of pages the page cache dropped. `purge` never waits and never
 * throws, so the request that made the change is not held up by the CDN; tags gathered within
 * `batchDelayMs` leave together, deduplicated and split to the API's request size, and a failed
 * request is retried with backoff (a 4xx other than 429 is not: the token or id is wrong).
 */
export interface CdnPurger {
  readonly cdn: string;
  purge(scope: readonly string[] | 'all'): void;
  /** Sends what is queued now and resolves when every purge so far has been sent or given up. */
  flush(): Promise<void>;
  /** Flushes, then drops later purges. */
  close(): Promise<void>;
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

const isRetryable = (error: unknown) =>
  !(error instanceof CdnPurgeError) ||
  error.status === undefined ||
  error.status === 429 ||
  error.status >= 500;

export function createCdnPurger(options: CdnPurgerOptions): CdnPurger {
  const { client, log } = options;
  const batchDelayMs = options.batchDelayMs ?? 200;
  const attempts = options.attempts ?? 5;
  const retryDelayMs = options.retryDelayMs ?? 1000;
  const pending = new Set<string>();
  let pendingAll = false;
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<void> | undefined;
  let isClosed = false;

  const sendWithRetries = async (what: string, send: () => Promise<void>) => {
    for (let attempt = 1; ; attempt++) {
      try {
        await send();
        return;
      } catch (error) {
        if (attempt >= attempts || !isRetryable(error)) {
          log.error(
            { err: error, cdn: client.name, purge: what, attempts: attempt },
            'CDN purge failed: the edge keeps these pages until their s-maxage (60 s) runs out',
          );
          return;
        }
        log.warn({ err: error, cdn: client.name, attempt }, 'CDN purge failed, retrying');
        await sleep(retryDelayMs * 2 ** (attempt - 1));
      }
    }
  };

  const drain = async () => {
    while (pendingAll || pending.size > 0) {
      if (pendingAll) {
        pendingAll = false;
        pending.clear();
        await sendWithRetries('all', () => client.purgeAll());
        continue;
      }
      const tags = [...pending];
      pending.clear();
      for (let i = 0; i < tags.length; i += client.maxTagsPerRequest) {
        const chunk = tags.slice(i, i + client.maxTagsPerRequest);
        await sendWithRetries(`${chunk.length} tags`, () => client.purgeTags(chunk));
      }
    }
  };

  const start = () => {
    timer = undefined;
    if (running) return running;
    running = drain().finally(() => {
      running = undefined;
      // Purges queued while the last request was out wait for the next batch.
      if (pendingAll || pending.size > 0) schedule();
    });
    return running;
  };

  function schedule() {
    if (timer || running || isClosed) return;
    timer = setTimeout(() => void start(), batchDelayMs);
    timer.unref();
  }

  const flush = async () => {
    if (timer) clearTimeout(timer);
    timer = undefined;
    while (running || pendingAll || pending.size > 0) await (running ?? start());
  };

  return {
    cdn: client.name,
    purge(scope) {
      if (isClosed) return;
      if (scope === 'all') {
        pendingAll = true;
        pending.clear();
      } else if (!pendingAll) {
        for (const tag of scope) pending.add(tag);
      } else return;
      schedule();
    },
    flush,
    async close() {
      await flush();
      isClosed = true;
    },
  };
}
