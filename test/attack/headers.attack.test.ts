// Every kind of answer a real server gives carries the documented security headers
// (src/web/security-headers.ts, docs/security.md): reader pages, the signed-in account page,
// forms, errors, feeds, the admin app and both APIs — and a reader page served a second time,
// from the page cache's fast path, carries exactly the same ones. A second server with an https
// PUBLIC_URL sends HSTS on all of them. Headers do not depend on the database: SQLite only.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSmtpTestServer, type SmtpTestServer } from '../helpers/smtp-test-server.js';
import type { SiteServer } from '../e2e/site-server.js';
import { memberSignIn, startAttackServer, type AttackServer } from './attack-server.js';

type Kind = 'reader' | 'unframeable' | 'admin' | 'api';

const securityHeaderNames = [
  'content-security-policy',
  'x-frame-options',
  'x-content-type-options',
  'referrer-policy',
  'permissions-policy',
  'cross-origin-opener-policy',
  'strict-transport-security',
];
const securityHeaders = (headers: Headers) =>
  Object.fromEntries(securityHeaderNames.map((name) => [name, headers.get(name)]));

/** What every answer carries, whatever it is. */
function expectCommonHeaders(headers: Headers, what: string, isHttps: boolean): void {
  expect(headers.get('x-content-type-options'), what).toBe('nosniff');
  expect(headers.get('permissions-policy'), what).toContain('camera=()');
  expect(headers.get('permissions-policy'), what).toContain('geolocation=()');
  expect(headers.get('cross-origin-opener-policy'), what).toBe('same-origin');
  expect(headers.get('referrer-policy'), what).toMatch(
    /^(strict-origin-when-cross-origin|same-origin)$/,
  );
  if (isHttps)
    expect(headers.get('strict-transport-security'), what).toBe(
      'max-age=31536000; includeSubDomains',
    );
  else expect(headers.get('strict-transport-security'), what).toBeNull();
}

function expectHeadersOf(kind: Kind, headers: Headers, what: string, isHttps: boolean): void {
  expectCommonHeaders(headers, what, isHttps);
  const csp = headers.get('content-security-policy') ?? '';
  if (kind === 'api') {
    expect(csp, what).toBe('');
    return;
  }
  expect(csp, what).toContain("script-src 'self'");
  expect(csp, what).not.toMatch(/script-src[^;]*unsafe-(inline|eval)/);
  expect(csp, what).toContain("object-src 'none'");
  if (kind === 'reader') {
    expect(csp, what).toContain("frame-ancestors 'self'");
    expect(csp, what).toContain('frame-src https://www.youtube-nocookie.com');
  } else {
    expect(csp, what).toContain("frame-ancestors 'none'");
    expect(headers.get('x-frame-options'), what).toBe('DENY');
  }
}

/** The first <loc> of a sitemap, as a path on the server. */
async function firstLocation(server: SiteServer, sitemap: string): Promise<string> {
  const xml = await (await fetch(server.url(sitemap))).text();
  const paths = [...xml.matchAll(/<loc>([^<]+)<\/loc>/g)].map((m) => new URL(m[1] ?? '/').pathname);
  const path = paths.find((p) => p !== '/');
  if (!path) throw new Error(`${sitemap} lists nothing but the home page`);
  return path;
}

/** Every page type, with the kind of headers it must carry. */
async function pageTypes(server: SiteServer): Promise<Array<{ path: string; kind: Kind }>> {
  const home = await (await fetch(server.url('/'))).text();
  // A section: the first entry of the site's section navigation.
  const nav = /<nav class="site-nav"[^>]*>([\s\S]*?)<\/nav>/.exec(home)?.[1] ?? '';
  const section = /href="(\/[^"]+)"/.exec(nav)?.[1];
  if (!section) throw new Error('the home page has no section navigation');
  return [
    { path: '/', kind: 'reader' },
    { path: await firstLocation(server, '/sitemap-posts.xml'), kind: 'reader' },
    { path: section, kind: 'reader' },
    { path: await firstLocation(server, '/sitemap-tags.xml'), kind: 'reader' },
    { path: await firstLocation(server, '/sitemap-authors.xml'), kind: 'reader' },
    { path: await firstLocation(server, '/sitemap-pages.xml'), kind: 'reader' },
    { path: '/search?q=city', kind: 'reader' },
    { path: '/news/', kind: 'reader' },
    { path: '/no-such-page/', kind: 'reader' },
    { path: '/rss/', kind: 'reader' },
    { path: '/feed.json', kind: 'reader' },
    { path: '/sitemap.xml', kind: 'reader' },
    { path: '/sitemap-news.xml', kind: 'reader' },
    { path: '/robots.txt', kind: 'reader' },
    { path: '/signin/', kind: 'unframeable' },
    { path: '/signin/confirm?token=not-a-real-one', kind: 'unframeable' },
    { path: '/account/', kind: 'unframeable' },
    { path: '/membership/', kind: 'unframeable' },
    { path: '/membership/gift/', kind: 'unframeable' },
    { path: '/gift/redeem', kind: 'unframeable' },
    { path: '/admin/', kind: 'admin' },
    { path: '/admin/posts', kind: 'admin' },
    { path: '/api/admin/v1/openapi.json', kind: 'api' },
    { path: '/api/admin/v1/session', kind: 'api' },
    { path: '/api/admin/v1/no-such-route', kind: 'api' },
    { path: '/api/content/v1/posts?key=not-a-key', kind: 'api' },
    { path: '/api/content/v1/openapi.json', kind: 'api' },
  ];
}

describe('security headers on every page type of a real server [sqlite]', () => {
  let attack: AttackServer;
  let smtp: SmtpTestServer;
  beforeAll(async () => {
    smtp = await startSmtpTestServer();
    attack = await startAttackServer({
      dialect: 'sqlite',
      isDemo: true,
      env: { SMTP_URL: smtp.url, MAIL_FROM: 'newsroom@example.org' },
    });
  });
  afterAll(async () => {
    await attack?.stop();
    await smtp?.close();
  });

  it('every page type carries its documented headers, and a cached page the same ones twice', async () => {
    const { server } = attack;
    const pages = await pageTypes(server);
    for (const { path, kind } of pages) {
      const first = await fetch(server.url(path), { redirect: 'manual' });
      await first.arrayBuffer();
      expect(first.status, path).toBeLessThan(500);
      expectHeadersOf(kind, first.headers, `${path} (${first.status})`, false);
      if (first.headers.get('x-cache')) {
        // The second answer comes from the page cache's fast path: the same headers.
        const second = await fetch(server.url(path), { redirect: 'manual' });
        await second.arrayBuffer();
        expect(second.headers.get('x-cache'), path).toBe('HIT');
        expect(securityHeaders(second.headers), path).toEqual(securityHeaders(first.headers));
      }
    }
    // The cache served at least the home page, a story and the feeds.
    const cached = await fetch(server.url('/'));
    await cached.arrayBuffer();
    expect(cached.headers.get('x-cache')).toBe('HIT');
  });

  it("a signed-in reader's account page refuses framing", async () => {
    const { server } = attack;
    const cookie = await memberSignIn(server, smtp, 'framed-reader@example.org');
    const account = await fetch(server.url('/account/'), { headers: { cookie } });
    const html = await account.text();
    expect(account.status).toBe(200);
    expect(html).toContain('framed-reader@example.org');
    expectHeadersOf('unframeable', account.headers, '/account/ signed in', false);
    expect(account.headers.get('cache-control')).toContain('no-store');
    // A signed-in reader's reader pages carry the reader policy too (no cache fast path).
    const home = await fetch(server.url('/'), { headers: { cookie } });
    await home.arrayBuffer();
    expectHeadersOf('reader', home.headers, '/ signed in', false);
  });
});

describe('HSTS when PUBLIC_URL is https [sqlite]', () => {
  let attack: AttackServer;
  beforeAll(async () => {
    attack = await startAttackServer({
      dialect: 'sqlite',
      env: { PUBLIC_URL: 'https://news.example.org' },
    });
  });
  afterAll(async () => {
    await attack?.stop();
  });

  it('every answer, cached or not, carries Strict-Transport-Security', async () => {
    const { server } = attack;
    const paths: Array<{ path: string; kind: Kind }> = [
      { path: '/', kind: 'reader' },
      { path: '/', kind: 'reader' },
      { path: '/no-such-page/', kind: 'reader' },
      { path: '/signin/', kind: 'unframeable' },
      { path: '/admin/', kind: 'admin' },
      { path: '/api/admin/v1/session', kind: 'api' },
      { path: '/rss/', kind: 'reader' },
      { path: '/healthz', kind: 'reader' },
    ];
    for (const { path, kind } of paths) {
      const response = await fetch(server.url(path), { redirect: 'manual' });
      await response.arrayBuffer();
      expectHeadersOf(
        kind,
        response.headers,
        `${path} ${response.headers.get('x-cache') ?? ''}`,
        true,
      );
    }
  });
});
