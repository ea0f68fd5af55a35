import type { FastifyInstance } from 'fastify';
import { beforeAll, expect, it } from 'vitest';
import { describeEachDatabase } from '../../../test/helpers/test-database.js';
import { appFor, tokenHeaders, type TestContext } from '../../../test/helpers/test-runtime.js';
import { loadDemoNewsroom } from '../../features/demo/index.js';

const doc = (...paragraphs: string[]) => ({
  type: 'doc',
  content: paragraphs.map((text) => ({ type: 'paragraph', content: [{ type: 'text', text }] })),
});

describeEachDatabase('the reader site', (getDb) => {
  let app: FastifyInstance;
  let ctx: TestContext;
  let editor: Record<string, string>;
  let storyId: string;

  beforeAll(async () => {
    await getDb().truncate();
    const built = await appFor(getDb());
    app = built.app;
    ctx = built;
    await loadDemoNewsroom(ctx.services, {
      now: ctx.clock.now(),
      articles: 30,
      briefs: 45,
      photos: 3,
    });
    editor = await tokenHeaders(ctx.services, 'editor');
    const [war] = await ctx.services.tags.navigation();
    const authors = (await ctx.services.authors.list()).filter((a) => !a.isDesk).slice(0, 2);
    const created = await app.inject({
      method: 'POST',
      url: '/api/admin/v1/posts',
      headers: editor,
      payload: {
        title: 'Grain corridor reopens & ships sail <again>',
        dek: 'Three vessels left the port at dawn.',
        body: doc('The first paragraph of the story.', 'A second paragraph with more detail.'),
        authorIds: authors.map((a) => a.id),
        tagIds: [war?.id],
      },
    });
    storyId = (created.json() as { post: { id: string } }).post.id;
    await app.inject({
      method: 'POST',
      url: `/api/admin/v1/posts/${storyId}/publish`,
      headers: editor,
    });
  });

  const get = (url: string) => app.inject({ method: 'GET', url });

  it('renders a story with everything the reference page shows', async () => {
    const response = await get('/grain-corridor-reopens-ships-sail-again/');
    expect(response.statusCode).toBe(200);
    const html = response.body;
    expect(html.match(/<h1/g)).toHaveLength(1);
    expect(html).toContain('Grain corridor reopens &amp; ships sail &lt;again&gt;');
    expect(html).toContain('class="story-dek"');
    expect(html).toMatch(/By <span><a href="\/author\/[^"]+\/">/);
    expect(html).toMatch(
      /<time datetime="[^"]+">[A-Z][a-z]+ \d{1,2}, \d{4} \d{1,2}:\d{2} (AM|PM)<\/time>/,
    );
    expect(html).toContain('min read');
    expect(html).toContain('A second paragraph with more detail.');
    expect(html).toContain('class="author-card"');
    expect(html).toContain('Read more');
    expect(html).toContain('class="cta"');
    expect(html).toContain('class="story-tags"');
    expect(html).toContain('Related stories');
    expect(html).toContain(
      '<link rel="canonical" href="http://localhost:3000/grain-corridor-reopens-ships-sail-again/">',
    );
    expect(html).toContain('property="og:title"');
    const jsonLd = [...html.matchAll(/<script type="application\/ld\+json">(.*?)<\/script>/g)].map(
      (m) => JSON.parse(m[1] ?? '{}') as { '@type': string },
    );
    expect(jsonLd.map((j) => j['@type'])).toEqual(['NewsArticle', 'BreadcrumbList']);
    expect(jsonLd[0]).toMatchObject({
      headline: 'Grain corridor reopens & ships sail <again>',
      isAccessibleForFree: true,
      author: [{ '@type': 'Person' }, { '@type': 'Person' }],
    });
  });

  it('gives demo stories a lead figure with caption, credit, srcset and declared size', async () => {
    const home = (await get('/')).body;
    const story = /<h2><a href="(\/[^"]+\/)">/.exec(home)?.[1] ?? '';
    const html = (await get(story)).body;
    expect(html).toMatch(
      /<figure class="lead-figure"><picture><source type="image\/webp" srcset="[^"]+ 320w/,
    );
    expect(html).toMatch(
      /<img src="\/media\/[^"]+" srcset="[^"]+" sizes="[^"]+" alt="[^"]*" width="\d+" height="\d+" decoding="async" loading="eager" fetchpriority="high">/,
    );
    expect(html).toMatch(/<figcaption>[^<]+<span class="credit"> \([^)]+\)<\/span><\/figcaption>/);
  });

  it('shows members-only stories as a teaser with a join prompt', async () => {
    const created = await app.inject({
      method: 'POST',
      url: '/api/admin/v1/posts',
      headers: editor,
      payload: {
        title: 'Members briefing',
        body: doc('The teaser paragraph.', 'The members-only analysis.'),
        visibility: 'members',
        authorIds: [(await ctx.services.authors.list())[0]?.id],
      },
    });
    const id = (created.json() as { post: { id: string } }).post.id;
    await app.inject({ method: 'POST', url: `/api/admin/v1/posts/${id}/publish`, headers: editor });
    const html = (await get('/members-briefing/')).body;
    expect(html).toContain('The teaser paragraph.');
    expect(html).not.toContain('The members-only analysis.');
    expect(html).toContain('This story is for members.');
    expect(html).toContain('"isAccessibleForFree":false');
  });

  it('redirects old slugs with 301, answers taken-down stories with 410 and unknown ones with 404', async () => {
    const post = await ctx.services.posts.byId(storyId);
    await app.inject({
      method: 'PATCH',
      url: `/api/admin/v1/posts/${storyId}`,
      headers: editor,
      payload: { version: post.version, slug: 'grain-corridor' },
    });
    const moved = await get('/grain-corridor-reopens-ships-sail-again/');
    expect(moved.statusCode).toBe(301);
    expect(moved.headers.location).toBe('/grain-corridor/');
    expect((await get('/grain-corridor')).statusCode).toBe(301);
    await app.inject({
      method: 'POST',
      url: `/api/admin/v1/posts/${storyId}/unpublish`,
      headers: editor,
    });
    const gone = await get('/grain-corridor/');
    expect(gone.statusCode).toBe(410);
    expect(gone.body).toContain('no longer available');
    const missing = await get('/never-existed/');
    expect(missing.statusCode).toBe(404);
    expect(missing.body).toContain('type="search"');
  });

  it('pages the News Feed 20 at a time with a plain Show More link, skipping nothing', async () => {
    const first = (await get('/news/')).body;
    const ids = (html: string) =>
      [...html.matchAll(/<li class="feed-item" data-id="([^"]+)"/g)].map((m) => m[1]);
    expect(ids(first)).toHaveLength(20);
    const next =
      /<a class="show-more" href="([^"]+)"/.exec(first)?.[1]?.replace(/&amp;/g, '&') ?? '';
    expect(next).toMatch(/^\/news\/\?before=/);
    const second = (await get(next)).body;
    expect(ids(second)).toHaveLength(20);
    expect(new Set([...ids(first), ...ids(second)]).size).toBe(40);
    expect((await get('/news/?before=garbage')).statusCode).toBe(404);
  });

  it('lists an author’s and a section’s stories with feeds advertised', async () => {
    const [author] = (await ctx.services.authors.list()).filter((a) => !a.isDesk);
    const authorPage = await get(`/author/${author?.slug}/`);
    expect(authorPage.statusCode).toBe(200);
    expect(authorPage.body).toContain(`<h1>${author?.name}</h1>`);
    expect(authorPage.body).toContain('type="application/rss+xml"');
    const section = await get('/tag/war/');
    expect(section.statusCode).toBe(200);
    expect(section.body).toMatch(/<ol class="story-list">/);
    expect(section.body).toContain('aria-current="page"');
    expect((await get('/tag/no-such-section/')).statusCode).toBe(404);
  });

  it('searches title, dek and body with highlighted, escaped snippets', async () => {
    const response = await get('/search?q=Velmora');
    expect(response.statusCode).toBe(200);
    expect(response.body).toMatch(/<mark>/);
    const hostile = await get(`/search?q=${encodeURIComponent('<script>alert(1)</script>')}`);
    expect(hostile.statusCode).toBe(200);
    expect(hostile.body).not.toContain('<script>alert(1)');
    expect((await get('/search')).statusCode).toBe(200);
  });

  it('carries Organization and WebSite search JSON-LD on the home page, with the section blocks', async () => {
    const html = (await get('/')).body;
    expect(html).toContain('"@type":"WebSite"');
    expect(html).toContain('"urlTemplate":"http://localhost:3000/search?q={search_term_string}"');
    expect(html).toContain('class="section-block"');
    expect(html).toContain('class="drive-banner"');
  });
});
