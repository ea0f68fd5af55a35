import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import Fastify, { type FastifyInstance } from 'fastify';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createPageCache, type PageCache } from '../../platform/cache/index.js';
import { FakeClock } from '../../platform/clock.js';
import { notFound } from '../../platform/errors.js';
import { mapError } from '../../platform/http/index.js';
import { pageTags } from './page-tags.js';
import {
  isOutageError,
  matchesIfNoneMatch,
  negotiateEncoding,
  servePage,
  type PageRender,
} from './page-cache-http.js';

const storyHtml = `<!doctype html><h1>Ceasefire talks resume</h1>${'<p>Delegations met again.</p>'.repeat(100)}`;
const anonymousCacheControl =
  'public, max-age=0, s-maxage=60, stale-while-revalidate=600, stale-if-error=86400';

describe('servePage', () => {
  let app: FastifyInstance;
  let cache: PageCache;
  let render: () => Promise<PageRender>;
  let renders: number;

  beforeEach(async () => {
    cache = createPageCache({ clock: new FakeClock(), canServeStale: isOutageError });
    render = () => Promise.resolve({ html: storyHtml });
    renders = 0;
    app = Fastify();
    // The app's own handler, reduced: what servePage rethrows (404s) lands here.
    app.setErrorHandler(async (error, _request, reply) =>
      reply.code(mapError(error).status).send('handled by the app'),
    );
    app.get('/story', (request, reply) =>
      servePage(request, reply, {
        cache,
        audience: (request.headers['x-audience'] as string | undefined) ?? 'anonymous',
        tags: [pageTags.post('1'), pageTags.slug('story')],
        render: () => {
          renders += 1;
          return render();
        },
      }),
    );
    await app.ready();
  });
  afterEach(() => app.close());

  const get = (headers: Record<string, string> = {}) =>
    app.inject({ method: 'GET', url: '/story', headers });

  it('answers 304 to a matching If-None-Match, in any encoding and weakened', async () => {
    const first = await get();
    expect(first.statusCode).toBe(200);
    const etag = first.headers.etag as string;
    expect(etag).toMatch(/^"[0-9a-f]{32}"$/);

    const again = await get({ 'if-none-match': etag });
    expect(again.statusCode).toBe(304);
    expect(again.body).toBe('');
    expect(again.headers.etag).toBe(etag);
    expect(again.headers['cache-control']).toBe(anonymousCacheControl);

    const brotli = await get({ 'accept-encoding': 'br' });
    expect(brotli.headers.etag).toBe(etag.replace(/"$/, '-br"'));
    expect((await get({ 'if-none-match': `W/${etag}`, 'accept-encoding': 'br' })).statusCode).toBe(
      304,
    );
    expect((await get({ 'if-none-match': '"something-else", *' })).statusCode).toBe(304);
    expect((await get({ 'if-none-match': '"something-else"' })).statusCode).toBe(200);
    expect(renders).toBe(1);
  });

  it('sends the brotli, gzip or plain body that Accept-Encoding asks for', async () => {
    const br = await get({ 'accept-encoding': 'gzip, deflate, br' });
    expect(br.headers['content-encoding']).toBe('br');
    expect(br.headers.vary).toBe('Accept-Encoding, Cookie');
    expect(brotliDecompressSync(br.rawPayload).toString()).toBe(storyHtml);

    const gzip = await get({ 'accept-encoding': 'gzip, br;q=0' });
    expect(gzip.headers['content-encoding']).toBe('gzip');
    expect(gunzipSync(gzip.rawPayload).toString()).toBe(storyHtml);

    const plain = await get();
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(plain.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(plain.body).toBe(storyHtml);
    expect(renders).toBe(1);
  });

  it('sends Cache-Control by audience', async () => {
    expect((await get()).headers['cache-control']).toBe(anonymousCacheControl);
    const member = await get({ 'x-audience': 'member' });
    expect(member.headers['cache-control']).toBe('private, no-cache');
    expect((await get({ 'x-audience': 'paid' })).headers['cache-control']).toBe(
      'private, no-cache',
    );
    expect(renders).toBe(3);
  });

  it('names the page’s cache tags for a CDN on shared (anonymous) pages only', async () => {
    const anonymous = await get();
    expect(anonymous.headers['surrogate-key']).toBe('post:1 slug:story');
    expect(anonymous.headers['cache-tag']).toBe('post:1,slug:story');
    const member = await get({ 'x-audience': 'member' });
    expect(member.headers['surrogate-key']).toBeUndefined();
    expect(member.headers['cache-tag']).toBeUndefined();
  });

  it('answers a friendly 503 with Retry-After when the render fails and nothing is cached', async () => {
    render = () => Promise.reject(new Error('connect ECONNREFUSED 127.0.0.1:5432'));
    const response = await get({ 'accept-encoding': 'br' });
    expect(response.statusCode).toBe(503);
    expect(response.headers['retry-after']).toBe('30');
    expect(response.headers['cache-control']).toBe('no-store');
    expect(response.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(response.body).toContain('We will be right back');
    expect(response.body).not.toContain('ECONNREFUSED');
  });

  it('serves the stale copy with 200 when the render fails after an invalidation', async () => {
    await get();
    cache.invalidateTags(['slug:story']);
    render = () => Promise.reject(new Error('database unavailable'));
    const response = await get();
    expect(response.statusCode).toBe(200);
    expect(response.body).toBe(storyHtml);
    expect(response.headers['x-cache']).toBe('STALE');
    expect(renders).toBe(2);
  });

  it('hands a "not found" to the app instead of serving the old copy', async () => {
    await get();
    cache.invalidateTags(['post:1']);
    render = () => Promise.reject(notFound('Post'));
    const response = await get();
    expect(response.statusCode).toBe(404);
    expect(response.body).toBe('handled by the app');
  });

  it('adds the tags a render reports to the ones known beforehand', async () => {
    render = () => Promise.resolve({ html: 'front', tags: [pageTags.post('7')] });
    await get();
    expect(cache.invalidateTags(['post:7'])).toBe(1);
    expect((await get()).headers['x-cache']).toBe('MISS');
    expect(cache.invalidateTags(['slug:story'])).toBe(1);
  });
});

describe('negotiateEncoding', () => {
  it.each([
    [undefined, 'identity'],
    ['', 'identity'],
    ['gzip', 'gzip'],
    ['br', 'br'],
    ['gzip, br', 'br'],
    ['br;q=0, gzip', 'gzip'],
    ['br;q=0.5, gzip;q=0.8', 'gzip'],
    ['BR;Q=1, gzip', 'br'],
    ['x-gzip', 'gzip'],
    ['*', 'br'],
    ['*;q=0', 'identity'],
    ['br;q=0, gzip;q=0', 'identity'],
    ['identity', 'identity'],
    ['deflate', 'identity'],
    ['gzip;q=0, *;q=0.5', 'br'],
    ['identity;q=1, gzip;q=0.5', 'identity'],
    ['br;q=nonsense, gzip', 'gzip'],
  ])('%s → %s', (header, expected) => {
    expect(negotiateEncoding(header)).toBe(expected);
  });
});

describe('matchesIfNoneMatch', () => {
  it('matches the page’s validator in each encoding, and nothing else', async () => {
    const cache = createPageCache({ clock: new FakeClock() });
    const { page } = await cache.get('/', 'anonymous', () => Promise.resolve({ body: 'x' }));
    const bare = page.etag.slice(1, -1);
    expect(matchesIfNoneMatch(`"${bare}"`, page)).toBe(true);
    expect(matchesIfNoneMatch(`"${bare}-gzip"`, page)).toBe(true);
    expect(matchesIfNoneMatch(`"other", W/"${bare}-br"`, page)).toBe(true);
    expect(matchesIfNoneMatch(`"${bare}-deflate"`, page)).toBe(false);
    expect(matchesIfNoneMatch(bare, page)).toBe(false);
    expect(matchesIfNoneMatch(undefined, page)).toBe(false);
  });
});
