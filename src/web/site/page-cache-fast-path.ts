import type { IncomingMessage, ServerResponse } from 'node:http';
import type { FastifyRequest } from 'fastify';
import type { CachedPage, PageCache } from '../../platform/cache/index.js';
import { routeGroupOf, type RouteGroup } from '../metrics/route-groups.js';
import { mayHaveMemberCookieHeader } from './membership/member-cookie.js';
import {
  anonymousAudience,
  bodyFor,
  cachedAnswerHeaders,
  matchesIfNoneMatch,
  negotiateEncoding,
  type CachedHitRecorder,
  type PageEncoding,
} from './page-cache-http.js';

/**
 * Cached hits answered before Fastify routes the request (docs/decisions/0016): on a traffic
 * spike nearly every request is an anonymous hit, and the router, the request and reply objects
 * and the hooks cost more than writing the page. A first `request` listener looks the URL up in
 * the page cache and, for a fresh page that Fastify itself already answered at that URL for an
 * anonymous reader, writes precomputed header lists and the stored bytes; everything else (other
 * methods, a member cookie, a miss, a stale page, a page never answered at its URL, a HEAD 304)
 * goes to Fastify unchanged.
 *
 * What makes it the same answer: `servePage` and this listener take their headers from one
 * function (`cachedAnswerHeaders`), the security headers from the same lookup, the request id
 * from the same generator; Content-Length comes last as Fastify sets it; Node adds Date,
 * Connection and Keep-Alive to both alike.
 */

/** One page's answers, built once (when `servePage` first answers it) and kept with the page. */
interface PageAnswers {
  /** Flat header lists by encoding: the full answer (GET and HEAD alike) and the 304. */
  readonly full: Readonly<Record<PageEncoding, string[]>>;
  readonly notModified: Readonly<Record<PageEncoding, string[]>>;
  /** Where the request id goes in each list. */
  readonly idIndex: number;
  readonly group: RouteGroup;
}

export interface CachedHitsOptions {
  cache: PageCache;
  /** The security headers the request hooks set for a URL (security-headers.ts). */
  securityHeaders: (url: string) => Readonly<Record<string, string>>;
  /** The request ids Fastify gives (server-options.ts). */
  nextRequestId: () => string;
  isProduction: boolean;
  /** Counts the answer as the request metrics count Fastify's (request-metrics.ts). */
  observeRequest?: ((group: RouteGroup, statusCode: number, seconds: number) => void) | undefined;
}

export interface CachedHits extends CachedHitRecorder {
  /** Answers the request and returns true, or returns false having touched nothing. */
  answer(request: IncomingMessage, response: ServerResponse): boolean;
}

/** Accept-Encoding values seen (a handful of browsers send most of them): no parse per hit. */
const maxRememberedEncodings = 64;

export function createCachedHits(options: CachedHitsOptions): CachedHits {
  const { cache, observeRequest } = options;
  const answersOf = new WeakMap<CachedPage, PageAnswers>();
  const isAnswerable = (page: CachedPage) => answersOf.has(page);
  const encodings = new Map<string, PageEncoding>();

  function encodingFor(header: string | undefined): PageEncoding {
    if (header === undefined) return 'identity';
    let encoding = encodings.get(header);
    if (encoding === undefined) {
      encoding = negotiateEncoding(header);
      if (encodings.size >= maxRememberedEncodings) encodings.clear();
      encodings.set(header, encoding);
    }
    return encoding;
  }

  function buildAnswers(request: FastifyRequest, page: CachedPage): PageAnswers {
    const security = Object.entries(options.securityHeaders(page.key)).flat();
    const prefix = [...security, 'x-request-id', ''];
    const idIndex = prefix.length - 1;
    const list = (encoding: PageEncoding, isNotModified: boolean) => {
      const headers = [
        ...prefix,
        ...cachedAnswerHeaders(page, { encoding, outcome: 'hit', isShared: true, isNotModified }),
      ];
      if (!isNotModified) headers.push('content-length', String(bodyFor(page, encoding).length));
      return headers;
    };
    const byEncoding = (isNotModified: boolean) => ({
      br: list('br', isNotModified),
      gzip: list('gzip', isNotModified),
      identity: list('identity', isNotModified),
    });
    return {
      full: byEncoding(false),
      notModified: byEncoding(true),
      idIndex,
      group: routeGroupOf(request.routeOptions.url),
    };
  }

  return {
    remember(request, page) {
      if (answersOf.has(page)) return;
      if (request.method !== 'GET' && request.method !== 'HEAD') return;
      // What the fast path checks: only then is the reader anonymous on every route that
      // remembers pages (site pages, feeds).
      if (mayHaveMemberCookieHeader(request.headers.cookie, options.isProduction)) return;
      answersOf.set(page, buildAnswers(request, page));
    },

    answer(request, response) {
      const { method } = request;
      const isHead = method === 'HEAD';
      if (method !== 'GET' && !isHead) return false;
      const { url, headers } = request;
      if (url === undefined) return false;
      if (mayHaveMemberCookieHeader(headers.cookie, options.isProduction)) return false;
      const ifNoneMatch = headers['if-none-match'];
      // Fastify adds Content-Length: 0 to a HEAD's 304; rare enough to leave to it.
      if (isHead && ifNoneMatch !== undefined) return false;
      const page = cache.hit(url, anonymousAudience, isAnswerable);
      if (!page) return false;
      const started = observeRequest ? performance.now() : 0;
      const answers = answersOf.get(page)!;
      const encoding = encodingFor(headers['accept-encoding']);
      const isNotModified =
        ifNoneMatch !== undefined &&
        page.status >= 200 &&
        page.status < 300 &&
        matchesIfNoneMatch(ifNoneMatch, page);
      const list = (isNotModified ? answers.notModified : answers.full)[encoding];
      // Written into the shared list: writeHead copies it at once, synchronously.
      list[answers.idIndex] = options.nextRequestId();
      const status = isNotModified ? 304 : page.status;
      response.writeHead(status, list);
      if (isNotModified) response.end();
      else response.end(bodyFor(page, encoding));
      observeRequest?.(answers.group, status, (performance.now() - started) / 1000);
      return true;
    },
  };
}
