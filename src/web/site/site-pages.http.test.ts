import type { FastifyInstance } from 'fastify';
import { beforeAll, expect, it } from 'vitest';
import { describeEachDatabase } from '../../../test/helpers/test-database.js';
import { appFor, tokenHeaders, type TestContext } from '../../../test/helpers/test-runtime.js';
import { loadDemoNewsroom } from '../../demo/index.js';

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

  it("error pages carry the newsroom's name and navigation (404, 403), never the platform's", async () => {
    const missing = await get('/no-such-story-anywhere/');
    expect(missing.statusCode).toBe(404);
    const refused = await app.inject({
      method: 'POST',
      url: '/signin/',
      headers: {
        'content-type': 'application/x-www-form-urlencoded',
        origin: 'https://evil.example',
      },
      payload: 'email=a%40example.com',
    });
    expect(refused.statusCode).toBe(403);
    const noRoute = await get('/assets/nothing-here.txt');
    expect(noRoute.statusCode).toBe(404);
    for (const response of [missing, refused, noRoute]) {
      expect(response.body).toContain('<title>');
      expect(response.body).toContain('The Velmora Courier');
      expect(response.body).toMatch(/<nav class="site-nav"[^>]*>.*href="\/tag\/war\/"/s);
      expect(response.body).not.toContain('Masthead');
    }
  });

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
      [...html.matchAll(/<li class="feed-item[^"]*" data-id="([^"]+)"/g)].map((m) => m[1]);
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

  it("heads the News Feed's days with absolute dates in the newsroom's zone", async () => {
    const html = (await get('/news/')).body;
    const rows = [
      ...html.matchAll(
        /<li class="feed-day" data-day="([\d-]+)"><h2 class="feed-day-heading"><time datetime="([\d-]+)">([^<]+)<\/time>|<li class="feed-item[^"]*" data-id="[^"]+"><time datetime="([^"]+)">/g,
      ),
    ];
    const days = rows.filter((m) => m[1]).map((m) => m[1]);
    expect(days.length).toBeGreaterThan(1);
    expect(new Set(days).size).toBe(days.length);
    let current: string | undefined;
    for (const m of rows) {
      if (m[1]) {
        current = m[1];
        expect(m[2]).toBe(m[1]);
        // "Thursday, January 15, 2026": the date itself; "Today" is the browser's to add.
        expect(m[3]).toMatch(/^[A-Z][a-z]+day, [A-Z][a-z]+ \d{1,2}, \d{4}$/);
        continue;
      }
      const day = new Intl.DateTimeFormat('en-CA', {
        timeZone: 'Europe/Bucharest',
        year: 'numeric',
        month: '2-digit',
        day: '2-digit',
      }).format(new Date(m[4] ?? ''));
      expect(day, `item at ${m[4]} sits under its own day`).toBe(current);
    }
    expect(html).toContain('data-timezone="Europe/Bucharest"');
    expect(html).not.toMatch(/>(Today|Yesterday)</);
  });

  it('renders the News Feed through a loaded page (?through=), so Back shows every loaded item', async () => {
    const ids = (html: string) =>
      [...html.matchAll(/<li class="feed-item[^"]*" data-id="([^"]+)"/g)].map((m) => m[1]);
    const showMore = (html: string) =>
      /<a class="show-more" href="([^"]+)"/.exec(html)?.[1]?.replace(/&amp;/g, '&') ?? '';
    const first = (await get('/news/')).body;
    const secondUrl = showMore(first);
    expect(secondUrl).toMatch(/^\/news\/\?before=/);
    expect(first).toContain('data-keep-in-url');
    const second = (await get(secondUrl)).body;
    const cursor = new URL(secondUrl, 'http://x').searchParams.get('before') ?? '';
    const through = await get(`/news/?through=${encodeURIComponent(cursor)}`);
    expect(through.statusCode).toBe(200);
    expect(ids(through.body)).toEqual([...ids(first), ...ids(second)]);
    expect(showMore(through.body)).toBe(showMore(second));
    expect(through.body).toContain('<meta name="robots" content="noindex');
    expect((await get('/news/?through=garbage')).statusCode).toBe(404);
  });

  it('shows date, section and byline on search results, and sorts by relevance or newest', async () => {
    const best = await get('/search?q=attack');
    expect(best.statusCode).toBe(200);
    expect(best.body).toContain('best first');
    expect(best.body).toMatch(/class="search-sort"[^]*aria-current="page">Best match</);
    const newest = await get('/search?q=attack&sort=newest');
    expect(newest.statusCode).toBe(200);
    expect(newest.body).toContain('newest first');
    const results = [
      ...newest.body.matchAll(/<article class="card search-result">([^]*?)<\/article>/g),
    ].map((m) => m[1] ?? '');
    expect(results.length).toBeGreaterThan(2);
    for (const result of results) {
      expect(result).toMatch(/<a class="kicker" href="\/tag\/[^"]+\/">/);
      expect(result).toMatch(/By [^<]+ · <\/span><time datetime="/);
      expect(result).toMatch(/<time datetime="[^"]+">[A-Z][a-z]+ \d{1,2}, \d{4} \d{1,2}:\d{2}/);
    }
    const times = results.map((r) => /<time datetime="([^"]+)"/.exec(r)?.[1] ?? '');
    expect(times).toEqual([...times].sort().reverse());
    expect(newest.body).toContain('<input type="hidden" name="sort" value="newest">');
    const bad = await get('/search?q=attack&sort=oldest');
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toMatch(/role="alert">Sort must be/);
  });

  it('labels gated stories "Members" / "Paid members" on cards, feed lines and search results', async () => {
    const pages = ['/', '/news/', '/tag/war/', '/search?q=attack'];
    const bodies = await Promise.all(pages.map(async (url) => (await get(url)).body));
    const all = bodies.join('');
    expect(all).toContain('<span class="gate-label gate-members">Members</span>');
    expect(all).toContain('<span class="gate-label gate-paid">Paid members</span>');
    // Every gated story a page links to by its headline carries the label.
    const gated = await ctx.services.posts.latestPublished({ limit: 100 });
    for (const [i, body] of bodies.entries()) {
      for (const post of gated.items.filter((p) => p.visibility !== 'public')) {
        const headline = `<a href="${post.url}">`;
        if (!body.includes(headline)) continue;
        expect(body, `${pages[i]}: ${post.url}`).toContain(
          `${post.visibility === 'paid' ? 'Paid members' : 'Members'}</span>${headline}`,
        );
      }
    }
  });

  it('shows each story once on the home page, with the News Feed right after the lead', async () => {
    const html = (await get('/')).body;
    const main = html.slice(html.indexOf('<main'), html.indexOf('</main>'));
    // Headline links (the image link of a card repeats its own headline's link, so it is left out).
    const links = [...main.matchAll(/<a href="(\/[^"/]+\/)">/g)]
      .map((m) => m[1])
      .filter((href) => href !== '/news/');
    expect(links.length).toBeGreaterThan(15);
    const repeated = links.filter((href, i) => links.indexOf(href) !== i);
    expect(repeated).toEqual([]);
    const lead = main.indexOf('class="home-lead"');
    const feed = main.indexOf('class="news-feed-column"');
    const top = main.indexOf('class="top-stories"');
    expect(lead).toBeGreaterThan(-1);
    expect(feed).toBeGreaterThan(lead);
    expect(top).toBeGreaterThan(feed);
  });
});
