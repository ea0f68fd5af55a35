import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, beforeEach, expect, it } from 'vitest';
import type { CdnPurger } from '../../src/platform/cdn/index.js';
import { cdnPurgerFor } from '../../src/runtime/cdn-purger.js';
import { startCdnStandIn, type CdnStandIn } from '../helpers/cdn-stand-in.js';
import { paragraph } from '../helpers/member-site.js';
import { describeEachDatabase } from '../helpers/test-database.js';
import { appFor, servicesFor, tokenHeaders } from '../helpers/test-runtime.js';

/**
 * Issue #14 §4, a CDN in front: reader pages name their cache tags (Surrogate-Key for Fastly,
 * Cache-Tag for Cloudflare), and a change purges exactly the tags of the pages it dropped —
 * through the provider's documented purge API, here a local stand-in (Fastly's API cannot be
 * reached from here).
 */
describeEachDatabase('CDN purge by tag (Fastly API, local stand-in)', (getDb) => {
  let cdn: CdnStandIn;
  let purger: CdnPurger;
  let app: FastifyInstance;
  let editor: Record<string, string>;
  let admin: Record<string, string>;
  let authorId: string;
  beforeAll(async () => {
    await getDb().truncate();
    cdn = await startCdnStandIn();
    const silent = { warn: () => undefined, error: () => undefined };
    purger = cdnPurgerFor(
      { provider: 'fastly', apiToken: 'fastly-token', serviceId: 'SVC', apiBase: cdn.url },
      silent,
    )!;
    const ctx = servicesFor(getDb());
    ({ app } = await appFor(getDb(), ctx, { cdnPurger: purger }));
    editor = await tokenHeaders(ctx.services, 'editor');
    admin = await tokenHeaders(ctx.services, 'administrator');
    const author = await ctx.services.staff.create({
      email: 'desk@example.org',
      name: 'News Desk',
      role: 'author',
      password: 'a long password 1',
    });
    authorId = author.author.id;
  });
  afterAll(async () => {
    await app.close();
    await purger.close();
    await cdn.close();
  });
  beforeEach(async () => {
    await purger.flush();
    cdn.calls.length = 0;
  });

  const keysOf = (header: string | number | string[] | undefined) =>
    new Set((typeof header === 'string' ? header : '').split(' ').filter(Boolean));
  const purgedKeys = () =>
    new Set(
      cdn.calls
        .filter((call) => call.path === '/service/SVC/purge')
        .flatMap((call) => String(call.headers['surrogate-key']).split(' ')),
    );

  async function publishStory(title: string) {
    const created = await app.inject({
      method: 'POST',
      url: '/api/admin/v1/posts',
      headers: editor,
      payload: { title, authorIds: [authorId], body: paragraph(`${title}.`) },
    });
    const { id, slug } = created.json<{ post: { id: string; slug: string } }>().post;
    const published = await app.inject({
      method: 'POST',
      url: `/api/admin/v1/posts/${id}/publish`,
      headers: editor,
    });
    expect(published.statusCode).toBe(200);
    return { id, slug, version: published.json<{ post: { version: number } }>().post.version };
  }

  it('purges exactly the tags of the pages an edit drops, and those cover the story and home pages', async () => {
    const story = await publishStory('Bridge reopens after repairs');
    await purger.flush();
    cdn.calls.length = 0;

    const page = await app.inject({ url: `/${story.slug}/` });
    expect(page.statusCode).toBe(200);
    const storyKeys = keysOf(page.headers['surrogate-key']);
    expect(storyKeys).toContain(`post:${story.id}`);
    expect(storyKeys).toContain(`slug:${story.slug}`);
    expect(new Set(String(page.headers['cache-tag']).split(','))).toEqual(storyKeys);
    const home = await app.inject({ url: '/' });
    const homeKeys = keysOf(home.headers['surrogate-key']);
    expect(homeKeys).toContain('home');

    const edited = await app.inject({
      method: 'PATCH',
      url: `/api/admin/v1/posts/${story.id}`,
      headers: editor,
      payload: { version: story.version, title: 'Bridge reopens after two months of repairs' },
    });
    expect(edited.statusCode, edited.body).toBe(200);
    await purger.flush();

    // One batched request with the post.updated event's tags: nothing more, nothing less.
    expect(cdn.calls).toHaveLength(1);
    expect(cdn.calls[0]!.headers['fastly-key']).toBe('fastly-token');
    expect(purgedKeys()).toEqual(
      new Set([
        'home',
        'news',
        'feeds',
        'sitemaps',
        'search',
        'corrections',
        `post:${story.id}`,
        `slug:${story.slug}`,
        `author:${authorId}`,
      ]),
    );
    // Both pages the edit changed carry a purged key, so the CDN drops them.
    expect([...storyKeys].some((key) => purgedKeys().has(key))).toBe(true);
    expect([...homeKeys].some((key) => purgedKeys().has(key))).toBe(true);
  });

  it('purges everything when a change touches every page (settings)', async () => {
    const changed = await app.inject({
      method: 'PATCH',
      url: '/api/admin/v1/settings',
      headers: admin,
      payload: { siteName: 'The River Port Tribune' },
    });
    expect(changed.statusCode, changed.body).toBe(200);
    await purger.flush();
    expect(cdn.calls.map((call) => call.path)).toEqual(['/service/SVC/purge_all']);
  });

  it('answers the editor at once while the CDN is slow, then purges', async () => {
    cdn.hold();
    const story = await publishStory('Ferries run again');
    // The publish answered (above) while the purge request is still unanswered.
    await cdn.waitForCalls(1);
    expect(purgedKeys()).toContain(`post:${story.id}`);
    cdn.release();
    await purger.flush();
  });
});
