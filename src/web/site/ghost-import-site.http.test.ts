import { readFile } from 'node:fs/promises';
import type { FastifyInstance } from 'fastify';
import { beforeAll, expect, it } from 'vitest';
import { describeEachDatabase } from '../../../test/helpers/test-database.js';
import { appFor, type TestContext } from '../../../test/helpers/test-runtime.js';
import type { ImportReport } from '../../features/imports/index.js';

const real = new URL('../../../test/fixtures/ghost/real/', import.meta.url).pathname;

/**
 * A real Ghost 5.130 export (written by Ghost's own exporter, test/fixtures/ghost/real) imported
 * into an empty newsroom, then read as a reader would: every published post at its old Ghost
 * address with its title, byline, tags and images (issue #15, done-when).
 */
describeEachDatabase('a Ghost site moved in, as readers see it', (getDb) => {
  let app: FastifyInstance;
  let ctx: TestContext;
  let report: ImportReport;

  const importReal = () =>
    ctx.services.imports.ghost({
      file: `${real}ghost-5-export.json`,
      siteUrl: 'http://127.0.0.1:2368',
      imagesDir: `${real}images`,
    });

  beforeAll(async () => {
    await getDb().truncate();
    const built = await appFor(getDb());
    app = built.app;
    ctx = built;
    report = await importReal();
    await ctx.services.imports.importGhostRedirects(`${real}redirects.json`, report);
  });

  it('answers every published post at its Ghost address, with its title, byline, tags and images', async () => {
    const page = await app.inject({ url: '/council-approves-harbour-wall-repairs/' });
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('Council approves harbour wall repairs');
    expect(page.body).toContain('<a href="/author/ines/">Ines Carvalho</a>');
    expect(page.body).toContain('<a href="/author/tomasz/">Tomasz Brennan</a>');
    expect(page.body).toContain('href="/tag/news/"');
    // Images now come from this site's media library, not the old Ghost server.
    expect(page.body).toMatch(/srcset="\/media\/[0-9a-f-]+\//);
    expect(page.body).not.toContain('127.0.0.1:2368/content/images');
    // The internal #tag never shows.
    expect(page.body).not.toContain('homepage-lead');

    const gallery = await app.inject({ url: '/photo-essay-a-morning-at-the-fish-market/' });
    expect(gallery.statusCode).toBe(200);
    expect(gallery.body).toContain('youtube');

    // The Mobiledoc-era post and a page.
    expect((await app.inject({ url: '/archive-1987-storm/' })).statusCode).toBe(200);
    expect((await app.inject({ url: '/about/' })).statusCode).toBe(200);
    expect((await app.inject({ url: '/author/ines/' })).statusCode).toBe(200);
    expect((await app.inject({ url: '/tag/council/' })).statusCode).toBe(200);
  });

  it('keeps drafts as drafts, members-only for members, and the old redirects', async () => {
    expect((await app.inject({ url: '/flood-barrier-consultation/' })).statusCode).toBe(404);
    expect(await ctx.services.posts.bySlug('flood-barrier-consultation')).toMatchObject({
      status: 'draft',
    });
    expect(await ctx.services.posts.bySlug('regatta-weekend-road-closures')).toMatchObject({
      status: 'scheduled',
    });
    const members = await app.inject({ url: '/what-the-new-ferry-timetable-means-for-you/' });
    expect(members.statusCode).toBe(200);
    expect(
      await ctx.services.posts.bySlug('what-the-new-ferry-timetable-means-for-you'),
    ).toMatchObject({ visibility: 'members' });
    expect(members.body).toMatch(/members|Sign in|subscribe/i);

    const storm = await app.inject({ url: '/2019/10/storm/' });
    expect({ status: storm.statusCode, to: storm.headers.location }).toEqual({
      status: 301,
      to: '/archive-1987-storm/',
    });
    const pattern = await app.inject({ url: '/old-news/about/' });
    expect({ status: pattern.statusCode, to: pattern.headers.location }).toEqual({
      status: 301,
      to: '/about/',
    });
  });

  it("keeps Ghost's ids in the Ghost Content API, so a front-end's stored ids still resolve", async () => {
    const { ghostKey } = await ctx.services.tokens.create({ name: 'Theme', kind: 'content' });
    const exported = JSON.parse(await readFile(`${real}ghost-5-export.json`, 'utf8')) as {
      db: Array<{ data: { posts: Array<{ id: string; slug: string }> } }>;
    };
    const old = exported.db[0]?.data.posts.find((p) => p.slug === 'archive-1987-storm');
    const bySlug = await app.inject({
      url: `/ghost/api/content/posts/slug/archive-1987-storm/?key=${ghostKey ?? ''}&include=authors`,
    });
    expect(bySlug.statusCode).toBe(200);
    const [post] = (bySlug.json() as { posts: Array<{ id: string; slug: string }> }).posts;
    expect(post?.id).toBe(old?.id);
    const byId = await app.inject({
      url: `/ghost/api/content/posts/${old?.id ?? ''}/?key=${ghostKey ?? ''}`,
    });
    expect((byId.json() as { posts: Array<{ slug: string }> }).posts[0]?.slug).toBe(
      'archive-1987-storm',
    );
  });

  it("never shows Ghost's internal #tag to readers, on any page, feed, sitemap or API", async () => {
    const internal = 'hash-homepage-lead';
    // No page and no feeds of its own: the same 404 as a tag that does not exist.
    for (const url of [`/tag/${internal}/`, `/tag/${internal}/rss/`, `/tag/${internal}/feed.json`])
      expect((await app.inject({ url })).statusCode, url).toBe(404);
    // Not among a story's chips, nor in feeds' categories, nor in the tags sitemap.
    for (const url of [
      '/council-approves-harbour-wall-repairs/',
      '/',
      '/tag/news/',
      '/rss/',
      '/feed.json',
      '/tag/news/rss/',
      '/sitemap-tags.xml',
    ]) {
      const page = await app.inject({ url });
      expect(page.statusCode, url).toBe(200);
      expect(page.body, url).not.toContain('homepage-lead');
    }
    expect((await app.inject({ url: '/sitemap-tags.xml' })).body).toContain('/tag/council/');

    // Masthead's Content API: neither listed nor on the post.
    const { secret, ghostKey } = await ctx.services.tokens.create({ name: 'App', kind: 'content' });
    for (const url of [
      '/api/content/v1/tags',
      '/api/content/v1/posts/slug/council-approves-harbour-wall-repairs',
    ]) {
      const answer = await app.inject({ url: `${url}?key=${secret}` });
      expect(answer.statusCode, url).toBe(200);
      expect(answer.body, url).not.toContain('homepage-lead');
    }

    // Ghost's Content API answers as Ghost does: `/tags/` never lists or reads an internal tag,
    // whatever the filter; a post's tags carry it marked `visibility: "internal"` (themes test
    // for it; Ghost's {{tags}} helper leaves it out) and `primary_tag` is a public tag.
    const ghost = (path: string) =>
      app.inject({
        url: `/ghost/api/content/${path}${path.includes('?') ? '&' : '?'}key=${ghostKey ?? ''}`,
      });
    const tags = await ghost('tags/?limit=all');
    expect(tags.statusCode).toBe(200);
    expect(tags.body).not.toContain('homepage-lead');
    expect((await ghost('tags/?filter=visibility:internal')).json()).toMatchObject({ tags: [] });
    expect((await ghost(`tags/slug/${internal}/`)).statusCode).toBe(404);
    const post = (await ghost(
      'posts/slug/council-approves-harbour-wall-repairs/?include=tags',
    ).then((r) => r.json())) as {
      posts: Array<{
        tags: Array<{ slug: string; visibility: string; url: string }>;
        primary_tag: { slug: string } | null;
      }>;
    };
    expect(post.posts[0]?.primary_tag?.slug).toBe('news');
    expect(post.posts[0]?.tags.find((t) => t.slug === internal)).toMatchObject({
      visibility: 'internal',
      url: expect.stringMatching(/\/404\/$/),
    });
  });

  it('reports what it did not carry over, and a second run changes nothing', async () => {
    const parts = report.lines.map((l) => `${l.item}: ${l.part}`);
    // The internal #tag is carried over as an internal tag: no line for it.
    expect(parts).not.toContain('tag "#homepage-lead": whole item');
    expect(parts).toContain('post "morning-briefing-1": visibility "tiers"');
    expect(parts).toContain('post "newsletter-extras-notes-from-the-newsroom": email');
    expect(report.countsOf('posts')).toMatchObject({ found: 10, created: 10 });
    expect(report.countsOf('pages')).toMatchObject({ found: 2, created: 2 });

    const again = await importReal();
    expect(again.countsOf('posts')).toMatchObject({ unchanged: 10, created: 0, updated: 0 });
    expect(again.countsOf('pages')).toMatchObject({ unchanged: 2 });
    expect(again.countsOf('staff')).toMatchObject({ created: 0 });
    expect(again.countsOf('tags')).toMatchObject({ created: 0, updated: 0 });
    expect(again.countsOf('media')).toMatchObject({ created: 0 });
  });
});
