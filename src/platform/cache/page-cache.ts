import { createHash } from 'node:crypto';
import { promisify } from 'node:util';
import { brotliCompress, constants as zlibConstants, gzip } from 'node:zlib';
import type { Clock } from '../clock.js';

const brotliAsync = promisify(brotliCompress);
const gzipAsync = promisify(gzip);

/** What a render hands the cache: the body, and the tags of everything the page shows. */
export interface RenderedPage {
  readonly body: string;
  /** 200 when omitted. Answers of 500 and above are returned but never stored. */
  readonly status?: number;
  /** `text/html; charset=utf-8` when omitted. */
  readonly contentType?: string;
  /** Dependency tags: invalidating any of them makes the page stale. */
  readonly tags?: Iterable<string>;
}

/** One stored answer: the body once, plus its precompressed copies, its ETag and its tags. */
export interface CachedPage {
  readonly key: string;
  readonly audience: string;
  readonly status: number;
  readonly contentType: string;
  readonly body: Buffer;
  readonly brotli: Buffer;
  readonly gzip: Buffer;
  /** Strong validator, quoted: a hash of the uncompressed body. */
  readonly etag: string;
  readonly tags: ReadonlySet<string>;
  /** Clock time (ms) of the render. */
  readonly renderedAt: number;
  /** What the entry counts against `maxBytes`. */
  readonly bytes: number;
}

/** `hit`: fresh from memory; `miss`: rendered for this call (or a call it joined); `stale`: the render threw and an older copy was served. */
export type PageOutcome = 'hit' | 'miss' | 'stale';

export interface PageLookup {
  readonly page: CachedPage;
  readonly outcome: PageOutcome;
  /** With `stale`: what the failed render threw, for the log. */
  readonly error?: unknown;
}

export interface PageCacheOptions {
  clock: Clock;
  /** Memory budget for bodies and their compressed copies; least recently used go first. 256 MB by default. */
  maxBytes?: number;
  /** A page older than this is re-rendered even without an invalidation. No limit by default. */
  maxAgeMs?: number;
  /** How long after going stale a page may still stand in for a failed render. 24 h by default. */
  staleIfErrorMs?: number;
  /**
   * Whether an error thrown by render is an outage a stale copy may hide. Default: every error.
   * Answer false for outcomes such as "not found" so that a deleted page is never resurrected;
   * the stale copy is then dropped and the error rethrown.
   */
  canServeStale?: (error: unknown) => boolean;
  /** Hears lookups, evictions and render times (metrics); nothing by default. */
  observer?: PageCacheObserver;
}

/**
 * What a cache reports as it works, for metrics. Called synchronously on the request's path:
 * implementations must be cheap and must not throw.
 */
export interface PageCacheObserver {
  /** Each answer of `get`: every caller counts, including those that joined another's render. A render that throws with no copy to stand in is a `miss`. */
  lookup(outcome: PageOutcome): void;
  /** A page dropped to keep the cache within `maxBytes`. */
  evicted(page: CachedPage): void;
  /** How long a render took (ms), whether it succeeded or not; compression not included. */
  rendered(ms: number): void;
}

export interface PageCacheStats {
  readonly entries: number;
  readonly staleEntries: number;
  readonly bytes: number;
  readonly rendersInFlight: number;
}

export interface PageCache {
  /**
   * The fresh page for key and audience, or a new render of it. Simultaneous calls for the same
   * key and audience share one render. When the render throws and `canServeStale` allows, the
   * last copy (invalidated or expired) is returned as `stale`; otherwise the error is rethrown.
   */
  get(key: string, audience: string, render: () => Promise<RenderedPage>): Promise<PageLookup>;
  /** The stored page, fresh or stale, without rendering or touching recency. */
  peek(key: string, audience: string): CachedPage | undefined;
  /**
   * The fresh page for key and audience when `canServe` accepts it, counted as a hit and touched
   * as `get` does; otherwise undefined, with nothing counted or touched (the caller goes on to
   * `get`). Synchronous and allocation-free: for answering hits before any routing.
   */
  hit(
    key: string,
    audience: string,
    canServe: (page: CachedPage) => boolean,
  ): CachedPage | undefined;
  /** Makes stale every page carrying any of the tags (kept for stale-if-error); returns how many. */
  invalidateTags(tags: Iterable<string>): number;
  /** Makes every page stale (kept for stale-if-error). */
  invalidateAll(): void;
  /** Forgets everything, stale copies included. */
  clear(): void;
  stats(): PageCacheStats;
}

interface Entry {
  readonly page: CachedPage;
  /** Clock time (ms) the page was invalidated; undefined while no invalidation touched it. */
  invalidatedAt: number | undefined;
}

/** What happened while a render ran: invalidations its result may already be older than. */
interface FlightState {
  readonly invalidatedTags: Set<string>;
  isInvalidatedAll: boolean;
}

interface Flight {
  readonly state: FlightState;
  readonly promise: Promise<PageLookup>;
}

const defaultMaxBytes = 256 * 1024 * 1024;
const defaultStaleIfErrorMs = 24 * 60 * 60 * 1000;
/** Rough cost of the entry's bookkeeping beyond its buffers. */
const entryOverheadBytes = 512;

const entryId = (key: string, audience: string) => `${audience}\u0000${key}`;

async function buildPage(
  key: string,
  audience: string,
  rendered: RenderedPage,
  renderedAt: number,
): Promise<CachedPage> {
  const body = Buffer.from(rendered.body, 'utf8');
  const [brotli, gzipped] = await Promise.all([
    brotliAsync(body, {
      params: {
        [zlibConstants.BROTLI_PARAM_QUALITY]: 5,
        [zlibConstants.BROTLI_PARAM_SIZE_HINT]: body.length,
      },
    }),
    gzipAsync(body, { level: 6 }),
  ]);
  const hash = createHash('sha256').update(body).digest('hex').slice(0, 32);
  const tags = new Set(rendered.tags ?? []);
  let tagBytes = 0;
  for (const tag of tags) tagBytes += tag.length * 2;
  return {
    key,
    audience,
    status: rendered.status ?? 200,
    contentType: rendered.contentType ?? 'text/html; charset=utf-8',
    body,
    brotli,
    gzip: gzipped,
    etag: `"${hash}"`,
    tags,
    renderedAt,
    bytes:
      body.length +
      brotli.length +
      gzipped.length +
      (key.length + audience.length) * 2 +
      tagBytes +
      entryOverheadBytes,
  };
}

/**
 * An in-memory cache of rendered pages, one per process: keyed by URL and audience, invalidated
 * by dependency tags, bounded by bytes (LRU), single-flight on misses, and able to stand a stale
 * copy in for a render that fails. Knows nothing of what the pages are.
 */
export function createPageCache(options: PageCacheOptions): PageCache {
  const { clock } = options;
  const maxBytes = options.maxBytes ?? defaultMaxBytes;
  const staleIfErrorMs = options.staleIfErrorMs ?? defaultStaleIfErrorMs;
  const canServeStale = options.canServeStale ?? (() => true);
  const { observer } = options;
  /** Insertion order is recency order: the first entry is the least recently used. */
  const entries = new Map<string, Entry>();
  const tagIndex = new Map<string, Set<string>>();
  const flights = new Map<string, Flight>();
  let totalBytes = 0;
  /** The most recently used entry's id: touching it again changes nothing (the hot page of a spike). */
  let newestId: string | undefined;

  const now = () => clock.now().getTime();

  /** When the entry stopped being fresh (invalidation or age), or undefined while fresh. */
  function staleSince(entry: Entry, at: number): number | undefined {
    const expiresAt =
      options.maxAgeMs === undefined ? undefined : entry.page.renderedAt + options.maxAgeMs;
    const expired = expiresAt !== undefined && at >= expiresAt ? expiresAt : undefined;
    if (entry.invalidatedAt === undefined) return expired;
    if (expired === undefined) return entry.invalidatedAt;
    return Math.min(entry.invalidatedAt, expired);
  }

  /** Makes the entry the most recently used. */
  function touch(id: string, entry: Entry): void {
    if (id === newestId) return;
    entries.delete(id);
    entries.set(id, entry);
    newestId = id;
  }

  function remove(id: string): void {
    const entry = entries.get(id);
    if (!entry) return;
    if (id === newestId) newestId = undefined;
    entries.delete(id);
    totalBytes -= entry.page.bytes;
    for (const tag of entry.page.tags) {
      const ids = tagIndex.get(tag);
      if (!ids) continue;
      ids.delete(id);
      if (ids.size === 0) tagIndex.delete(tag);
    }
  }

  function store(id: string, page: CachedPage, invalidatedAt: number | undefined): void {
    remove(id);
    if (page.bytes > maxBytes) return;
    entries.set(id, { page, invalidatedAt });
    newestId = id;
    totalBytes += page.bytes;
    for (const tag of page.tags) {
      let ids = tagIndex.get(tag);
      if (!ids) {
        ids = new Set();
        tagIndex.set(tag, ids);
      }
      ids.add(id);
    }
    while (totalBytes > maxBytes) {
      const oldest = entries.keys().next();
      if (oldest.done) break;
      const evicted = entries.get(oldest.value);
      remove(oldest.value);
      if (evicted) observer?.evicted(evicted.page);
    }
  }

  async function renderAndStore(
    id: string,
    key: string,
    audience: string,
    render: () => Promise<RenderedPage>,
    flight: FlightState,
  ): Promise<PageLookup> {
    try {
      const started = performance.now();
      let rendered: RenderedPage;
      try {
        rendered = await render();
      } finally {
        observer?.rendered(performance.now() - started);
      }
      const page = await buildPage(key, audience, rendered, now());
      if (page.status < 500) {
        const isOutdated =
          flight.isInvalidatedAll || [...page.tags].some((tag) => flight.invalidatedTags.has(tag));
        // Rendered from data older than an invalidation that arrived meanwhile: stored stale, so
        // the next request renders again, but still good enough for the requests that waited.
        store(id, page, isOutdated ? now() : undefined);
      }
      return { page, outcome: 'miss' };
    } catch (error) {
      const entry = entries.get(id);
      if (!entry) throw error;
      if (!canServeStale(error)) {
        remove(id);
        throw error;
      }
      const at = now();
      const since = staleSince(entry, at) ?? at;
      if (at - since > staleIfErrorMs) throw error;
      return { page: entry.page, outcome: 'stale', error };
    }
  }

  /** Counts a lookup that waits on a render, once per caller (only on misses: hits stay allocation-free). */
  function observed(promise: Promise<PageLookup>): Promise<PageLookup> {
    if (!observer) return promise;
    return promise.then(
      (lookup) => {
        observer.lookup(lookup.outcome);
        return lookup;
      },
      (error: unknown) => {
        observer.lookup('miss');
        throw error;
      },
    );
  }

  /** The fresh page under `id` that `canServe` accepts, counted as a hit and touched; else undefined. */
  function freshHit(id: string, canServe?: (page: CachedPage) => boolean): CachedPage | undefined {
    const entry = entries.get(id);
    if (!entry || staleSince(entry, now()) !== undefined) return undefined;
    if (canServe && !canServe(entry.page)) return undefined;
    touch(id, entry);
    observer?.lookup('hit');
    return entry.page;
  }

  return {
    get(key, audience, render) {
      const id = entryId(key, audience);
      const fresh = freshHit(id);
      if (fresh) return Promise.resolve({ page: fresh, outcome: 'hit' });
      const running = flights.get(id);
      if (running) return observed(running.promise);
      const state: FlightState = { invalidatedTags: new Set(), isInvalidatedAll: false };
      const promise = renderAndStore(id, key, audience, render, state).finally(() => {
        if (flights.get(id)?.state === state) flights.delete(id);
      });
      flights.set(id, { state, promise });
      return observed(promise);
    },

    peek(key, audience) {
      return entries.get(entryId(key, audience))?.page;
    },

    hit(key, audience, canServe) {
      return freshHit(entryId(key, audience), canServe);
    },

    invalidateTags(tags) {
      const at = now();
      const list = [...new Set(tags)];
      let count = 0;
      for (const tag of list) {
        for (const id of tagIndex.get(tag) ?? []) {
          const entry = entries.get(id);
          if (entry && entry.invalidatedAt === undefined) {
            entry.invalidatedAt = at;
            count += 1;
          }
        }
      }
      for (const { state } of flights.values()) {
        for (const tag of list) state.invalidatedTags.add(tag);
      }
      return count;
    },

    invalidateAll() {
      const at = now();
      for (const entry of entries.values()) entry.invalidatedAt ??= at;
      for (const { state } of flights.values()) state.isInvalidatedAll = true;
    },

    clear() {
      entries.clear();
      newestId = undefined;
      tagIndex.clear();
      totalBytes = 0;
      for (const { state } of flights.values()) state.isInvalidatedAll = true;
    },

    stats() {
      const at = now();
      let staleEntries = 0;
      for (const entry of entries.values()) {
        if (staleSince(entry, at) !== undefined) staleEntries += 1;
      }
      return {
        entries: entries.size,
        staleEntries,
        bytes: totalBytes,
        rendersInFlight: flights.size,
      };
    },
  };
}
