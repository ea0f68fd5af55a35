import type { FastifyReply, FastifyRequest } from 'fastify';
import type { CachedPage, PageCache, PageLookup, PageOutcome } from '../../platform/cache/index.js';
import { cdnTagHeaders } from '../../platform/cdn/index.js';
import { mapError } from '../../platform/http/index.js';
import { renderErrorPage } from './pages/error-page.js';
import type { SiteContext } from './site-context.js';
import type { PageTag } from './page-tags.js';

/** The audience of readers who are not signed in: the only one whose pages are shared caches' to keep. */
export const anonymousAudience = 'anonymous' as const;

export const cacheControl = {
  /** Browsers revalidate every time (cheap: a 304); a CDN keeps the page a minute, longer when we fail. */
  anonymous: 'public, max-age=0, s-maxage=60, stale-while-revalidate=600, stale-if-error=86400',
  /** Pages for signed-in readers: never in a shared cache; the browser revalidates with its ETag. */
  member: 'private, no-cache',
  /** Answers that must not be kept anywhere (the 503). */
  none: 'no-store',
} as const;

const varyHeader = 'Accept-Encoding, Cookie';
const retryAfterSeconds = 30;

export type PageEncoding = 'br' | 'gzip' | 'identity';

/** Unnamed identity loses to any coding the client named (the smallest q a client can send). */
const implicitIdentityWeight = 0.001;

/**
 * The best encoding we have that Accept-Encoding allows (RFC 9110 §12.5.3): highest q wins,
 * brotli before gzip before identity on a tie; `q=0` forbids; `*` stands for codings not named.
 * Identity is acceptable unless excluded, but only as the last resort when not named; when
 * everything is excluded we still send identity rather than a 406.
 */
export function negotiateEncoding(header: string | undefined): PageEncoding {
  if (!header) return 'identity';
  const weights = new Map<string, number>();
  for (const part of header.split(',')) {
    const [rawCoding, ...params] = part.split(';');
    const coding = rawCoding?.trim().toLowerCase();
    if (!coding) continue;
    let q = 1;
    for (const param of params) {
      const [name, value] = param.split('=').map((s) => s.trim());
      if (name?.toLowerCase() !== 'q' || value === undefined) continue;
      const parsed = Number(value);
      q = Number.isFinite(parsed) && parsed >= 0 && parsed <= 1 ? parsed : 0;
    }
    const name = coding === 'x-gzip' ? 'gzip' : coding;
    weights.set(name, Math.max(q, weights.get(name) ?? 0));
  }
  const wildcard = weights.get('*');
  const candidates: Array<[PageEncoding, number]> = [
    ['br', weights.get('br') ?? wildcard ?? 0],
    ['gzip', weights.get('gzip') ?? wildcard ?? 0],
    ['identity', weights.get('identity') ?? wildcard ?? implicitIdentityWeight],
  ];
  let best: [PageEncoding, number] = ['identity', 0];
  for (const candidate of candidates) if (candidate[1] > best[1]) best = candidate;
  return best[0];
}

/** One representation per encoding, so each gets its own strong validator. */
const suffixes: Record<PageEncoding, string> = { br: '-br', gzip: '-gzip', identity: '' };

export function etagFor(page: CachedPage, encoding: PageEncoding): string {
  return `${page.etag.slice(0, -1)}${suffixes[encoding]}"`;
}

/**
 * Whether If-None-Match names the page in any encoding (weak comparison, as RFC 9110 asks for
 * this header; a CDN that recompresses or weakens our ETag still gets its 304).
 */
export function matchesIfNoneMatch(header: string | undefined, page: CachedPage): boolean {
  if (!header) return false;
  const known = new Set(
    (Object.keys(suffixes) as PageEncoding[]).map((encoding) => etagFor(page, encoding)),
  );
  return header
    .split(',')
    .map((tag) => tag.trim())
    .some((tag) => tag === '*' || known.has(tag.startsWith('W/') ? tag.slice(2) : tag));
}

/** Each cached page's CDN tag headers, worked out on its first anonymous hit, not on every one. */
const cdnHeadersOf = new WeakMap<CachedPage, ReturnType<typeof cdnTagHeaders>>();

function cdnHeaders(page: CachedPage): ReturnType<typeof cdnTagHeaders> {
  if (!cdnHeadersOf.has(page)) cdnHeadersOf.set(page, cdnTagHeaders(page.tags));
  return cdnHeadersOf.get(page);
}

/** An error a stale copy (or a 503) should stand in for: anything the app would answer with 5xx. */
export const isOutageError = (error: unknown): boolean => mapError(error).status >= 500;

/** The styled 503, or a bare one should even that fail. */
function unavailablePage(site: SiteContext | undefined): string {
  try {
    return renderErrorPage({
      ...(site ? { site } : {}),
      status: 503,
      message: 'This page is taking a moment to load. Please try again in a little while.',
    });
  } catch {
    return '<!doctype html><html lang="en"><title>We will be right back (503)</title><h1>We will be right back</h1></html>';
  }
}

/** What a page's render returns: its HTML, and tags known only once rendered (the stories it lists). */
export interface PageRender {
  html: string;
  /** 200 when omitted. A 404 is cached like any page (tag it so that publishing drops it). */
  status?: number;
  tags?: readonly PageTag[];
  /** text/html unless said (feeds and sitemaps go through the same cache). */
  contentType?: string;
}

export interface ServePageOptions {
  cache: PageCache;
  /** Defaults to the request URL (path and query). Pass a normalised key where queries vary freely. */
  key?: string;
  /** `anonymous`, or the signed-in reader's tier (e.g. `member`, `paid`). Never a reader's id. */
  audience: string;
  /** Dependency tags known before rendering (see page-tags.ts). */
  tags: readonly PageTag[];
  render: () => Promise<PageRender>;
  /** The newsroom as last seen (kept in memory), so a 503 still carries its name and navigation. */
  lastKnownSite?: () => SiteContext | undefined;
  /**
   * For answers that are not reader pages (the Content API): one Cache-Control for every
   * audience (no CDN tag headers then), the Vary to send, and an outage with no copy to serve
   * rethrown for the caller's own error answer instead of the HTML 503.
   */
  api?: { cacheControl: string; vary: string };
  /** Told of each fresh anonymous page answered at its own URL (page-cache-fast-path.ts). */
  hits?: CachedHitRecorder;
}

/**
 * Learns which cached pages may be answered before routing: `servePage` tells it of a fresh
 * anonymous page it answered for a request whose URL is the page's key.
 */
export interface CachedHitRecorder {
  remember(request: FastifyRequest, page: CachedPage): void;
}

/**
 * Answers a reader page from the page cache: precompressed bodies picked by Accept-Encoding,
 * strong ETags and 304s, Cache-Control by audience. A render that fails (an outage, not a 404)
 * is answered with the last copy if there is one, else with a friendly 503 that asks to retry.
 * Errors under 500 (not found, gone) are rethrown for the app's error handler.
 */
export async function servePage(
  request: FastifyRequest,
  reply: FastifyReply,
  options: ServePageOptions,
): Promise<FastifyReply> {
  const { cache, audience } = options;
  const key = options.key ?? request.url;
  let lookup: PageLookup;
  // Time spent rendering (database and templates), sent as Server-Timing on a miss.
  let renderMs: number | undefined;
  try {
    lookup = await cache.get(key, audience, async () => {
      const started = performance.now();
      const rendered = await options.render();
      renderMs = performance.now() - started;
      return {
        body: rendered.html,
        status: rendered.status ?? 200,
        tags: [...options.tags, ...(rendered.tags ?? [])],
        ...(rendered.contentType ? { contentType: rendered.contentType } : {}),
      };
    });
  } catch (error) {
    if (!isOutageError(error) || options.api) throw error;
    request.log.error({ err: error, key, audience }, 'page render failed, no copy to serve: 503');
    return reply
      .code(503)
      .type('text/html; charset=utf-8')
      .header('cache-control', cacheControl.none)
      .header('retry-after', String(retryAfterSeconds))
      .send(unavailablePage(options.lastKnownSite?.()));
  }

  const { page, outcome } = lookup;
  if (outcome === 'stale') {
    request.log.warn({ err: lookup.error, key, audience }, 'page render failed, served stale copy');
  }
  const encoding = negotiateEncoding(request.headers['accept-encoding']);
  const isShared = audience === anonymousAudience && !options.api;
  const isNotModified =
    isSuccess(page) && matchesIfNoneMatch(request.headers['if-none-match'], page);
  const headers = cachedAnswerHeaders(page, {
    encoding,
    outcome,
    isShared,
    isNotModified,
    ...(options.api ? { api: options.api } : {}),
    ...(renderMs === undefined ? {} : { renderMs }),
  });
  for (let i = 0; i < headers.length; i += 2) void reply.header(headers[i]!, headers[i + 1]!);
  // A fresh anonymous page at its own URL: later hits may be answered before routing.
  if (isShared && outcome !== 'stale' && key === request.url) options.hits?.remember(request, page);
  if (isNotModified) return reply.code(304).send();
  return reply.code(page.status).send(bodyFor(page, encoding));
}

const isSuccess = (page: CachedPage) => page.status >= 200 && page.status < 300;

/** The page's bytes in the chosen encoding. */
export const bodyFor = (page: CachedPage, encoding: PageEncoding): Buffer =>
  encoding === 'br' ? page.brotli : encoding === 'gzip' ? page.gzip : page.body;

export interface CachedAnswerOptions {
  encoding: PageEncoding;
  outcome: PageOutcome;
  /** An anonymous reader page (not the API): shared caches may keep it, CDN tags go with it. */
  isShared: boolean;
  /** A 304: no Content-Type or Content-Encoding. */
  isNotModified: boolean;
  api?: { cacheControl: string; vary: string };
  /** Render time of a miss (Server-Timing). */
  renderMs?: number;
}

/**
 * The headers an answer from the page cache carries beyond the request hooks' own (security
 * headers, request id) and Content-Length, in the order they are set, as a flat list of
 * lower-case names and values. One source for `servePage` and for hits answered before routing
 * (page-cache-fast-path.ts), so both send the same bytes.
 */
export function cachedAnswerHeaders(page: CachedPage, options: CachedAnswerOptions): string[] {
  const { api, isShared, encoding } = options;
  const headers = [
    'vary',
    api?.vary ?? varyHeader,
    'cache-control',
    api?.cacheControl ?? (isShared ? cacheControl.anonymous : cacheControl.member),
    'etag',
    etagFor(page, encoding),
    'x-cache',
    options.outcome.toUpperCase(),
  ];
  // Shared caches may keep anonymous pages: tell a CDN what each depends on, so a change purges
  // exactly those (CDN_PURGE). Pages for members never reach one.
  const cdn = isShared ? cdnHeaders(page) : undefined;
  if (cdn) headers.push('surrogate-key', cdn.surrogateKey, 'cache-tag', cdn.cacheTag);
  if (options.renderMs !== undefined)
    headers.push('server-timing', `render;dur=${options.renderMs.toFixed(2)}`);
  if (options.isNotModified) return headers;
  headers.push('content-type', page.contentType);
  if (encoding !== 'identity') headers.push('content-encoding', encoding);
  return headers;
}
