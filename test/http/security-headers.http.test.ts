import type { FastifyInstance } from 'fastify';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadDemoNewsroom } from '../../src/demo/index.js';
import { createSecurityHeaders } from '../../src/web/security-headers.js';
import { describeEachDatabase } from '../helpers/test-database.js';
import { appFor, type TestContext } from '../helpers/test-runtime.js';

const csp = (headers: Record<string, unknown>): string => {
  const value = headers['content-security-policy'];
  return typeof value === 'string' ? value : '';
};

describeEachDatabase('security headers on every page type', (getDb) => {
  let app: FastifyInstance;
  let ctx: TestContext;
  let storyUrl: string;
  beforeAll(async () => {
    await getDb().truncate();
    const built = await appFor(getDb());
    app = built.app;
    ctx = built;
    await loadDemoNewsroom(ctx.services, {
      now: ctx.clock.now(),
      articles: 3,
      briefs: 2,
      photos: 1,
    });
    const [story] = (await ctx.services.posts.latestPublished({ limit: 1, kinds: ['article'] }))
      .items;
    storyUrl = story?.url ?? '/';
  });

  it('gives reader pages a CSP with our own scripts only, and never lets account pages be framed', async () => {
    const readerPages = ['/', storyUrl, '/news/', '/search?q=war', '/tag/war/', '/no-such-page/'];
    for (const url of readerPages) {
      // Twice: the second answer comes from the page cache and must carry the same headers.
      for (const round of [1, 2]) {
        const response = await app.inject(url);
        const policy = csp(response.headers);
        expect(policy, `${url} #${round}`).toContain("script-src 'self'");
        expect(policy).not.toMatch(/script-src[^;]*unsafe-inline/);
        expect(policy).toContain("object-src 'none'");
        expect(policy).toContain('frame-src https://www.youtube-nocookie.com');
        expect(policy).toContain("frame-ancestors 'self'");
        expect(response.headers['cross-origin-opener-policy']).toBe('same-origin');
        expect(response.headers['permissions-policy']).toContain('camera=()');
        expect(response.headers['x-content-type-options']).toBe('nosniff');
        expect(response.headers['strict-transport-security']).toBeUndefined();
      }
    }
    for (const url of ['/signin/', '/account/', '/membership/', '/membership/gift/']) {
      const response = await app.inject(url);
      expect(csp(response.headers), url).toContain("frame-ancestors 'none'");
      expect(response.headers['x-frame-options']).toBe('DENY');
    }
  });

  it('keeps the admin app on its own stricter policy and APIs without a page policy', async () => {
    const admin = await app.inject('/admin/');
    expect(csp(admin.headers)).toContain("frame-ancestors 'none'");
    expect(csp(admin.headers)).not.toContain('youtube');
    const api = await app.inject('/api/admin/v1/openapi.json');
    expect(api.headers['content-security-policy']).toBeUndefined();
    expect(api.headers['cross-origin-opener-policy']).toBe('same-origin');
  });
});

describe('HSTS', () => {
  it('is sent only when the site is served over https', () => {
    expect(createSecurityHeaders({ isHttps: true })('/')['strict-transport-security']).toBe(
      'max-age=31536000; includeSubDomains',
    );
    expect(
      createSecurityHeaders({ isHttps: false })('/')['strict-transport-security'],
    ).toBeUndefined();
  });
});
