import type { FastifyInstance } from 'fastify';
import type { EventsService, OutboxEvent } from '../../features/events/index.js';
import type { Clock } from '../../platform/clock.js';
import { escapeHtml } from '../../shared/richtext/index.js';
import { pageScopeForEvents } from '../../web/site/page-tags.js';
import { createMirrorFiles, type MirrorFiles } from './mirror-files.js';
import { mirrorTarget, type MirrorTarget } from './mirror-paths.js';
import {
  rewriteFeed,
  rewriteHtml,
  rewriteUrl,
  sitemapLinks,
  type RewriteContext,
} from './mirror-rewrite.js';
import {
  lockMirror,
  readMirrorState,
  writeMirrorState,
  type MirroredEntry,
  type MirrorState,
} from './mirror-state.js';

export interface MirrorRunOptions {
  /** The reader site, built and not listening: every page is asked for with `inject`, signed out. */
  app: Pick<FastifyInstance, 'inject'>;
  events: Pick<EventsService, 'readFrom'>;
  clock: Clock;
  /** The folder the tree is written to (made if missing); its state file lives there too. */
  dir: string;
  /** PUBLIC_URL: the live site the pages name. */
  publicUrl: string;
  /** Where the mirror is served, for absolute links; relative links without it. */
  baseUrl?: string | undefined;
  /** 'last': write only what the outbox says changed since the last run (full when there was none). */
  since?: 'last' | undefined;
  /** Pages rendered at once (4 by default). */
  concurrency?: number;
  onProgress?: (done: number, known: number) => void;
}

export interface MirrorReport {
  mode: 'full' | 'incremental';
  /** Why a run asked to be incremental wrote everything. */
  fullBecause?: string;
  /** Outbox events read that the tree did not reflect yet. */
  events: number;
  /** Addresses asked of the app (pages, feeds, sitemaps, media not already in the tree). */
  rendered: number;
  /** Files written (their bytes changed or they are new), relative to DIR, sorted. */
  written: string[];
  /** Files rendered again with the same bytes, left as they were. */
  unchanged: number;
  /** Files removed (unpublished, deleted, or no longer linked from anywhere), sorted. */
  removed: string[];
  /** Addresses the app did not answer with a page (a 5xx, a private answer): their old files stay. */
  failed: Array<{ url: string; status: number }>;
  lastEventId: string | null;
}

/** Where every run starts: what a reader or crawler finds first, and what nothing links to. */
const seedUrls = [
  '/',
  '/news/',
  '/rss/',
  '/feed.json',
  '/sitemap.xml',
  '/robots.txt',
  '/corrections/',
  '/corrections/rss/',
  '/search',
];

/** Marks an old address written as a page that sends the reader on (kept while its target is). */
const redirectTag = 'mirror:redirect';

/** As the outbox's durable consumers assume: an event created this long ago has committed. */
const settleMs = 5 * 60_000;
/** Older state is not trusted to find its events (the outbox keeps them 30 days): a full run. */
const maxIncrementalAgeMs = 7 * 24 * 60 * 60_000;

/**
 * Writes the public site as static files (docs/mirror.md). A full run crawls the site from the
 * home page, the feeds and the sitemaps; `since: 'last'` reads the outbox events since the last
 * run, turns them into page tags the way the page cache does (pageScopeForEvents), and renders
 * again only the pages carrying those tags, the new addresses they link to, and the pages that
 * linked to something now gone. Files whose bytes did not change are not rewritten; files no
 * longer reachable from the home page, feeds and sitemaps are removed.
 */
export async function runMirror(options: MirrorRunOptions): Promise<MirrorReport> {
  const files = createMirrorFiles(options.dir);
  await files.prepare();
  const unlock = await lockMirror(files.root);
  try {
    return await run(options, files);
  } finally {
    await unlock();
  }
}

async function run(options: MirrorRunOptions, files: MirrorFiles): Promise<MirrorReport> {
  const publicUrl = options.publicUrl.replace(/\/+$/, '');
  const baseUrl = options.baseUrl?.replace(/\/+$/, '');
  const now = options.clock.now();
  const checkpoint = new Date(now.getTime() - settleMs).toISOString();
  const previous = await readMirrorState(files.root);
  const fullBecause = whyFull(options, previous, { publicUrl, baseUrl, now });
  const isFull = fullBecause !== undefined;

  // Events since the last checkpoint (or, on a full run, the last few minutes, which the
  // pages rendered now include): the ones not handled yet are what this run reflects.
  const read = await readEvents(
    options.events,
    isFull || !previous ? checkpoint : minIso(previous.checkpoint, checkpoint),
  );
  const handledBefore = new Set(isFull ? [] : (previous?.handled ?? []));
  const fresh = read.events.filter((event) => !handledBefore.has(event.id));

  const entries = new Map<string, MirroredEntry>(isFull ? [] : previous?.entries);
  const report: MirrorReport = {
    mode: isFull ? 'full' : 'incremental',
    ...(fullBecause && options.since === 'last' ? { fullBecause } : {}),
    events: isFull ? 0 : fresh.length,
    rendered: 0,
    written: [],
    unchanged: 0,
    removed: [],
    failed: [],
    lastEventId: maxId(previous?.lastEventId ?? null, read.lastId),
  };

  const queue: MirrorTarget[] = [];
  const queued = new Set<string>();
  const enqueue = (target: MirrorTarget | undefined) => {
    if (!target || queued.has(target.url)) return;
    queued.add(target.url);
    queue.push(target);
  };
  const gone = new Set<string>();
  const seeds = seedUrls.map(mirrorTarget).filter((t) => t !== undefined);

  if (isFull) {
    for (const seed of seeds) enqueue(seed);
    // Old addresses nothing links to any more, kept for bookmarks and search engines.
    for (const [url, entry] of previous?.entries ?? [])
      if (entry.tags.includes(redirectTag)) enqueue(mirrorTarget(url));
  } else {
    const scope = pageScopeForEvents(fresh);
    for (const [url, entry] of entries) {
      const target = mirrorTarget(url);
      if (!target || target.kind === 'media' || target.kind === 'asset') continue;
      if (scope === 'all' || entry.tags.some((tag) => (scope as readonly string[]).includes(tag)))
        enqueue(target);
    }
    for (const seed of seeds) if (!entries.has(seed.url)) enqueue(seed);
  }

  const ctxFor = (from: MirrorTarget): RewriteContext => ({ publicUrl, baseUrl, from });
  const previouslyKnown = (url: string) => previous?.entries.has(url) === true;

  const processTarget = async (target: MirrorTarget): Promise<void> => {
    const isFile = target.kind === 'media' || target.kind === 'asset';
    // Media and assets never change under their address: copied once.
    if (isFile && previouslyKnown(target.url) && (await files.exists(target.file))) {
      entries.set(target.url, { tags: [], links: [] });
      return;
    }
    const response = await options.app.inject({ method: 'GET', url: target.url });
    report.rendered += 1;
    const status = response.statusCode;
    if (status === 404 || status === 410) {
      gone.add(target.url);
      entries.delete(target.url);
      if (await files.remove(target.file)) report.removed.push(target.file);
      return;
    }
    if ([301, 302, 307, 308].includes(status) && !isFile) {
      const location = String(response.headers.location ?? '');
      const moved = rewriteUrl(location, ctxFor(target));
      const canonical = new URL(location, `${publicUrl}${target.url}`).href;
      await write(target.file, redirectPage(moved.value, canonical));
      entries.set(target.url, {
        tags: [redirectTag, ...tagsOf(response.headers)],
        links: moved.target ? [moved.target.url] : [],
      });
      enqueueNew(moved.target);
      return;
    }
    const cacheControl = String(response.headers['cache-control'] ?? '');
    if (status !== 200 || (!isFile && !cacheControl.startsWith('public'))) {
      report.failed.push({ url: target.url, status });
      // Its old file stays, and the state keeps knowing it.
      const old = previous?.entries.get(target.url);
      if (old) entries.set(target.url, old);
      return;
    }
    if (isFile) {
      await write(target.file, response.rawPayload);
      entries.set(target.url, { tags: [], links: [] });
      return;
    }
    const ctx = ctxFor(target);
    let body: string;
    let links: MirrorTarget[] = [];
    if (target.kind === 'html') {
      ({ body, links } = rewriteHtml(response.body, ctx));
      links.push(...feedsOf(target));
    } else {
      body = rewriteFeed(response.body, ctx, target.kind);
      if (target.kind === 'xml' && /^\/sitemap[^/]*\.xml/.test(target.url))
        links = sitemapLinks(response.body, ctx);
    }
    await write(target.file, Buffer.from(body));
    entries.set(target.url, { tags: tagsOf(response.headers), links: links.map((l) => l.url) });
    for (const link of links) enqueueNew(link);
  };

  /** A full run follows every link; an incremental one only to what the tree does not hold. */
  function enqueueNew(target: MirrorTarget | undefined) {
    if (!target) return;
    if (isFull || !entries.has(target.url) || gone.has(target.url)) enqueue(target);
  }

  async function write(file: string, bytes: Buffer) {
    if (await files.write(file, bytes)) report.written.push(file);
    else report.unchanged += 1;
  }

  let next = 0;
  const drain = async () => {
    const concurrency = Math.max(1, options.concurrency ?? 4);
    while (next < queue.length) {
      await Promise.all(
        Array.from({ length: concurrency }, async () => {
          while (next < queue.length) {
            const target = queue[next++]!;
            await processTarget(target);
            options.onProgress?.(next, queue.length);
          }
        }),
      );
    }
  };
  await drain();
  // Pages linking to something the tree held and no longer does (a story's related list naming
  // an unpublished story) are rendered again, until nothing left links to a removed address. A
  // full run rendered every page it keeps already.
  for (let round = 0; !isFull && round < 5; round += 1) {
    const removed = new Set([...gone].filter(previouslyKnown));
    if (removed.size === 0) break;
    const before = queue.length;
    for (const [url, entry] of entries)
      if (entry.links.some((link) => removed.has(link)) && !queued.has(url))
        enqueue(mirrorTarget(url));
    if (queue.length === before) break;
    await drain();
  }

  // Whatever the home page, feeds and sitemaps no longer lead to goes: an old page of a list
  // whose cursors moved, a media file no page shows, everything a full run did not reach.
  const redirects = [...entries]
    .filter(([, e]) => e.tags.includes(redirectTag))
    .map(([url]) => url);
  const reachable = reachableFrom([...seeds.map((seed) => seed.url), ...redirects], entries);
  const keptByFailure = new Set(report.failed.map((f) => f.url));
  const candidates = new Set([...entries.keys(), ...(previous?.entries.keys() ?? [])]);
  for (const url of candidates) {
    if (reachable.has(url) || keptByFailure.has(url)) continue;
    entries.delete(url);
    const target = mirrorTarget(url);
    if (target && (await files.remove(target.file))) report.removed.push(target.file);
  }

  await writeMirrorState(files.root, {
    publicUrl,
    baseUrl: baseUrl ?? null,
    checkpoint,
    handled: read.events.filter((e) => e.createdAt >= checkpoint).map((e) => e.id),
    lastEventId: report.lastEventId,
    ranAt: now.toISOString(),
    fullAt: isFull ? now.toISOString() : (previous?.fullAt ?? now.toISOString()),
    entries,
  } satisfies MirrorState);
  report.written.sort();
  report.removed.sort();
  return report;
}

function whyFull(
  options: MirrorRunOptions,
  previous: MirrorState | undefined,
  current: { publicUrl: string; baseUrl: string | undefined; now: Date },
): string | undefined {
  if (options.since !== 'last') return 'a full run was asked for';
  if (!previous) return 'no earlier run in this folder';
  if (previous.publicUrl !== current.publicUrl) return 'PUBLIC_URL changed';
  if (previous.baseUrl !== (current.baseUrl ?? null)) return '--base-url changed';
  if (current.now.getTime() - Date.parse(previous.ranAt) > maxIncrementalAgeMs)
    return 'the last run is more than 7 days old';
  return undefined;
}

async function readEvents(events: MirrorRunOptions['events'], from: string) {
  const all: OutboxEvent[] = [];
  let after: string | undefined;
  let lastId: string | undefined;
  for (;;) {
    const page = await events.readFrom(from, after, 500);
    all.push(...page.events);
    if (page.lastId !== undefined) lastId = page.lastId;
    if (page.isLastPage || page.lastId === undefined) break;
    after = page.lastId;
  }
  return { events: all, lastId };
}

const minIso = (a: string, b: string) => (a < b ? a : b);
const maxId = (a: string | null, b: string | undefined) =>
  b === undefined ? a : a === null || b > a ? b : a;

const tagsOf = (headers: { [name: string]: string | string[] | number | undefined }): string[] => {
  const value = headers['surrogate-key'];
  return (typeof value === 'string' ? value : '').split(' ').filter(Boolean);
};

/** A section's or author's page: its RSS and JSON feeds, which no page may link to. */
function feedsOf(target: MirrorTarget): MirrorTarget[] {
  if (!/^\/(tag|author)\/[^/]+\/$/.test(target.url)) return [];
  return [mirrorTarget(`${target.url}rss/`), mirrorTarget(`${target.url}feed.json`)].filter(
    (t) => t !== undefined,
  );
}

/** An old address (a story's previous slug): a page that sends the reader on, for any server. */
function redirectPage(to: string, canonical: string): Buffer {
  const href = escapeHtml(to);
  return Buffer.from(
    `<!doctype html><html><head><meta charset="utf-8"><title>Moved</title>` +
      `<link rel="canonical" href="${escapeHtml(canonical)}">` +
      `<meta http-equiv="refresh" content="0; url=${href}"></head>` +
      `<body><p>This page has moved: <a href="${href}">${href}</a>.</p></body></html>`,
  );
}

function reachableFrom(seeds: string[], entries: Map<string, MirroredEntry>): Set<string> {
  const seen = new Set<string>();
  const stack = seeds.filter((url) => entries.has(url));
  while (stack.length > 0) {
    const url = stack.pop()!;
    if (seen.has(url)) continue;
    seen.add(url);
    for (const link of entries.get(url)?.links ?? [])
      if (!seen.has(link) && entries.has(link)) stack.push(link);
  }
  return seen;
}
