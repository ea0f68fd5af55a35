import { request as httpRequest } from 'node:http';
import type { AddressInfo } from 'node:net';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, expect, it, vi, type MockInstance } from 'vitest';
import { describeEachDatabase } from '../../../test/helpers/test-database.js';
import { servicesFor, tokenHeaders, type TestContext } from '../../../test/helpers/test-runtime.js';
import { loadDemoNewsroom } from '../../demo/index.js';
import { createLogger } from '../../platform/logger.js';
import { buildApp } from '../app.js';
import { memberCookieName } from './membership/member-cookie.js';

interface Answer {
  status: number;
  /** Raw header lines in wire order, names lower-cased. */
  headers: Array<[string, string]>;
  body: Buffer;
}

/** One request over a real socket (a new connection each), the headers as they came. */
function send(
  base: string,
  path: string,
  options: { method?: string; headers?: Record<string, string> } = {},
): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(
      `${base}${path}`,
      { method: options.method ?? 'GET', headers: options.headers ?? {}, agent: false },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () => {
          const headers: Array<[string, string]> = [];
          for (let i = 0; i < res.rawHeaders.length; i += 2)
            headers.push([res.rawHeaders[i]!.toLowerCase(), res.rawHeaders[i + 1]!]);
          resolve({ status: res.statusCode ?? 0, headers, body: Buffer.concat(chunks) });
        });
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    req.end();
  });
}

const header = (answer: Answer, name: string) => answer.headers.find(([n]) => n === name)?.[1];
/** Everything but what differs per answer anyway (Date, the request id). */
const comparable = (answer: Answer) =>
  answer.headers.filter(([name]) => name !== 'date' && name !== 'x-request-id');

describeEachDatabase('cached hits answered before routing (real HTTP)', (getDb) => {
  let context: TestContext;
  /** The app as deployed: hits answered first. */
  let fast: FastifyInstance;
  /** The same app with every request routed by Fastify, for comparison. */
  let routed: FastifyInstance;
  let fastUrl: string;
  let routedUrl: string;
  let storyUrl: string;
  /** The fast path's cache lookups: a returned page is a hit answered before routing. */
  let hitLookups: MockInstance;
  /** How many requests the fast path answered since the last call. */
  const answeredFirst = () => {
    const count = hitLookups.mock.results.filter((r) => r.value !== undefined).length;
    hitLookups.mockClear();
    return count;
  };

  const start = async (answerCachedHitsFirst: boolean) => {
    const app = await buildApp({
      services: context.services,
      logger: createLogger({ level: 'silent', pretty: false }),
      ping: () => Promise.resolve(true),
      publicUrl: 'http://localhost:3000',
      isProduction: false,
      clock: context.clock,
      answerCachedHitsFirst,
    });
    await app.listen({ port: 0, host: '127.0.0.1' });
    return { app, url: `http://127.0.0.1:${(app.server.address() as AddressInfo).port}` };
  };

  beforeAll(async () => {
    await getDb().truncate();
    context = servicesFor(getDb());
    await loadDemoNewsroom(context.services, {
      now: context.clock.now(),
      articles: 12,
      briefs: 4,
      photos: 1,
    });
    ({ app: fast, url: fastUrl } = await start(true));
    ({ app: routed, url: routedUrl } = await start(false));
    hitLookups = vi.spyOn(fast.siteCache.cache, 'hit');
    storyUrl = (await context.services.posts.latestPublished({ limit: 1, kinds: ['article'] }))
      .items[0]!.url;
  });
  afterAll(async () => {
    await fast?.close();
    await routed?.close();
  });

  /** The second request for a URL (the first renders it), from both apps. */
  const hitsFromBoth = async (
    path: string,
    options: { method?: string; headers?: Record<string, string> } = {},
  ) => {
    await send(fastUrl, path);
    await send(routedUrl, path);
    answeredFirst();
    const answers = {
      fast: await send(fastUrl, path, options),
      routed: await send(routedUrl, path, options),
    };
    return { ...answers, isAnsweredFirst: answeredFirst() === 1 };
  };

  it('sends the same status, headers (but Date and request id) and bytes as Fastify does', async () => {
    for (const path of ['/', storyUrl, '/news/', '/rss/', '/feed.json', '/no-such-story/']) {
      for (const encoding of [undefined, 'gzip', 'br', 'gzip, deflate, br;q=0.9']) {
        const {
          fast: a,
          routed: b,
          isAnsweredFirst,
        } = await hitsFromBoth(path, {
          headers: encoding ? { 'accept-encoding': encoding } : {},
        });
        expect(isAnsweredFirst, path).toBe(true);
        expect(header(a, 'x-cache'), path).toBe('HIT');
        expect(a.status, path).toBe(b.status);
        expect(comparable(a), `${path} ${encoding}`).toEqual(comparable(b));
        expect(a.body.equals(b.body), path).toBe(true);
        expect(header(a, 'x-request-id')).toMatch(/^[0-9a-f]{8}-[0-9a-z]+$/);
      }
    }
    const gzipped = await send(fastUrl, storyUrl, { headers: { 'accept-encoding': 'gzip' } });
    const brotli = await send(fastUrl, storyUrl, { headers: { 'accept-encoding': 'br' } });
    const plain = await send(fastUrl, storyUrl);
    expect(header(gzipped, 'content-encoding')).toBe('gzip');
    expect(header(brotli, 'content-encoding')).toBe('br');
    expect(gunzipSync(gzipped.body).equals(plain.body)).toBe(true);
    expect(brotliDecompressSync(brotli.body).equals(plain.body)).toBe(true);
  });

  it('answers If-None-Match with the same 304, and HEAD with the same headers and no body', async () => {
    const page = await send(fastUrl, storyUrl, { headers: { 'accept-encoding': 'br' } });
    const etag = header(page, 'etag')!;
    const {
      fast: a,
      routed: b,
      isAnsweredFirst,
    } = await hitsFromBoth(storyUrl, {
      headers: { 'if-none-match': etag, 'accept-encoding': 'br' },
    });
    expect(isAnsweredFirst).toBe(true);
    expect(a.status).toBe(304);
    expect(comparable(a)).toEqual(comparable(b));
    expect(a.body.length).toBe(0);

    const head = await hitsFromBoth(storyUrl, { method: 'HEAD' });
    expect(head.isAnsweredFirst).toBe(true);
    expect(head.fast.status).toBe(200);
    expect(comparable(head.fast)).toEqual(comparable(head.routed));
    expect(head.fast.body.length).toBe(0);
    const plain = await send(fastUrl, storyUrl);
    expect(Number(header(head.fast, 'content-length'))).toBe(plain.body.length);
  });

  it('leaves misses, other methods and uncached paths to Fastify', async () => {
    answeredFirst();
    const miss = await send(fastUrl, `${storyUrl}?fresh=1`);
    expect(header(miss, 'x-cache')).toBe('MISS');
    expect(header(miss, 'server-timing')).toMatch(/^render;dur=/);
    const post = await send(fastUrl, storyUrl, { method: 'POST' });
    expect(post.status).toBe(404);
    expect((await send(fastUrl, '/healthz')).status).toBe(200);
    // A HEAD revalidation: Fastify's 304 carries Content-Length: 0, so it answers that itself.
    const etag = header(await send(fastUrl, storyUrl), 'etag')!;
    answeredFirst();
    const headNotModified = await send(fastUrl, storyUrl, {
      method: 'HEAD',
      headers: { 'if-none-match': etag },
    });
    expect(headNotModified.status).toBe(304);
    expect(answeredFirst()).toBe(0);
  });

  it('never gives a signed-in member the anonymous page', async () => {
    const { member } = await context.services.members.findOrCreate({
      email: 'fastpath-reader@example.org',
      campaignId: null,
    });
    const session = await context.services.memberAuth.sessions.create(member.id);
    const cookie = `${memberCookieName(false)}=${session.secret}`;
    await send(fastUrl, storyUrl);
    const anonymous = await send(fastUrl, storyUrl);
    expect(header(anonymous, 'x-cache')).toBe('HIT');
    expect(header(anonymous, 'cache-control')).toContain('public');
    answeredFirst();
    const signedIn = await send(fastUrl, storyUrl, { headers: { cookie } });
    expect(header(signedIn, 'cache-control')).toBe('private, no-cache');
    expect(header(signedIn, 'x-cache')).toBe('MISS');
    const again = await send(fastUrl, storyUrl, { headers: { cookie: `theme=dark; ${cookie}` } });
    expect(header(again, 'cache-control')).toBe('private, no-cache');
    expect(header(again, 'x-cache')).toBe('HIT');
    expect(answeredFirst()).toBe(0);
    // Other cookies do not make a member: the anonymous page, before routing.
    const other = await send(fastUrl, storyUrl, { headers: { cookie: 'theme=dark' } });
    expect(header(other, 'cache-control')).toContain('public');
    expect(other.body.equals(anonymous.body)).toBe(true);
    expect(answeredFirst()).toBe(1);
  });

  it('shows a newly published story on the next request', async () => {
    await send(fastUrl, '/news/');
    expect(header(await send(fastUrl, '/news/'), 'x-cache')).toBe('HIT');
    const editor = await tokenHeaders(context.services, 'editor');
    const author = (await context.services.authors.list()).find((a) => !a.isDesk)!;
    const created = await fast.inject({
      method: 'POST',
      url: '/api/admin/v1/posts',
      headers: editor,
      payload: { title: 'Fast path sees the bridge reopen', authorIds: [author.id] },
    });
    const id = (created.json() as { post: { id: string } }).post.id;
    const published = await fast.inject({
      method: 'POST',
      url: `/api/admin/v1/posts/${id}/publish`,
      headers: editor,
    });
    expect(published.statusCode).toBe(200);
    answeredFirst();
    const next = await send(fastUrl, '/news/');
    expect(answeredFirst()).toBe(0);
    expect(header(next, 'x-cache')).toBe('MISS');
    expect(next.body.toString()).toContain('Fast path sees the bridge reopen');
    expect(header(await send(fastUrl, '/news/'), 'x-cache')).toBe('HIT');
    expect(answeredFirst()).toBe(1);
  });
});
