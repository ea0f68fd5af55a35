import type { FastifyInstance } from 'fastify';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { beforeAll, describe, expect, it } from 'vitest';
import { countQueries } from '../../../../test/helpers/query-counter.js';
import { describeEachDatabase, type TestDatabase } from '../../../../test/helpers/test-database.js';
import { appFor, servicesFor, type TestContext } from '../../../../test/helpers/test-runtime.js';
import { loadDemoNewsroom } from '../../../demo/index.js';
import type { ImportedPost, Post } from '../../../features/posts/index.js';
import { FakeClock } from '../../../platform/clock.js';
import { newId } from '../../../platform/ids.js';
import { buildSitemapIndex } from './sitemap-index.js';
import { buildPostsSitemap } from './post-sitemaps.js';
import { buildSiteRss } from './rss-feed.js';

const publicUrl = 'http://localhost:3000';
const now = '2026-03-02T10:00:00.000Z';
const hourMs = 3_600_000;
const secret = 'The second paragraph is for members only.';
const trickyTitle = 'Bread & <Butter> "prices" rise';

const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '@_',
  parseTagValue: false,
  isArray: (name) =>
    ['item', 'url', 'sitemap', 'dc:creator', 'category', 'image:image'].includes(name),
});

/** Validates, then parses; fails the test with the validator's report if the XML is not well formed. */
function parseXml(xml: string): Record<string, unknown> {
  const valid = XMLValidator.validate(xml);
  expect(valid).toBe(true);
  return parser.parse(xml) as Record<string, unknown>;
}

interface RssItem {
  title: string;
  link: string;
  guid: { '#text': string; '@_isPermaLink': string };
  pubDate: string;
  'dc:creator'?: string[];
  category?: string[];
  description: string;
  'content:encoded': string;
  'media:content'?: { '@_url': string; '@_type': string; '@_width': string; '@_height': string };
}
interface RssDoc {
  rss: {
    channel: {
      title: string;
      link: string;
      description: string;
      language: string;
      lastBuildDate: string;
      'atom:link': { '@_href': string; '@_rel': string };
      item?: RssItem[];
    };
  };
}
interface UrlSet {
  urlset: {
    url?: Array<{
      loc: string;
      lastmod?: string;
      'image:image'?: Array<{ 'image:loc': string }>;
      'news:news'?: {
        'news:publication': { 'news:name': string; 'news:language': string };
        'news:publication_date': string;
        'news:title': string;
      };
    }>;
  };
}

const paragraphs = (...texts: string[]) =>
  ({
    type: 'doc',
    content: texts.map((text) => ({ type: 'paragraph', content: [{ type: 'text', text }] })),
  }) as unknown as ImportedPost['body'];

describeEachDatabase('reader feeds and sitemaps', (getDb) => {
  let app: FastifyInstance;
  let ctx: TestContext;
  let published: Post[];
  let membersPostId: string;

  beforeAll(async () => {
    await getDb().truncate();
    const clock = new FakeClock(now);
    const built = await appFor(getDb(), servicesFor(getDb(), clock));
    app = built.app;
    ctx = built;
    await loadDemoNewsroom(ctx.services, {
      now: clock.now(),
      articles: 30,
      briefs: 20,
      photos: 2,
    });
    const [author] = await ctx.services.authors.list();
    const [tag] = await ctx.services.tags.list();
    const at = (minutesAgo: number) =>
      new Date(Date.parse(now) - minutesAgo * 60_000).toISOString();
    const base = {
      kind: 'article' as const,
      status: 'published' as const,
      authorIds: author ? [author.id] : [],
      tagIds: tag ? [tag.id] : [],
    };
    membersPostId = newId();
    await ctx.services.posts.importBatch([
      {
        ...base,
        id: membersPostId,
        slug: 'members-only-story',
        title: 'A story for members',
        body: paragraphs('The teaser everyone may read.', secret),
        visibility: 'members',
        publishedAt: at(1),
      },
      {
        ...base,
        id: newId(),
        slug: 'bread-and-butter',
        title: trickyTitle,
        body: paragraphs('Prices of bread & butter rose by 5% <again>.'),
        publishedAt: at(2),
      },
      {
        ...base,
        id: newId(),
        kind: 'page',
        slug: 'corrections-policy',
        title: 'How we correct mistakes',
        body: paragraphs('What we do when we get it wrong.'),
        publishedAt: at(60 * 24 * 30),
      },
    ]);
    published = (
      await ctx.services.posts.latestPublished({ limit: 500, kinds: ['article', 'brief'] })
    ).items;
  });

  const get = async (url: string) => {
    const response = await app.inject(url);
    expect(response.statusCode, `${url}: ${response.body.slice(0, 200)}`).toBe(200);
    expect(response.headers['cache-control']).toMatch(/^public, .*s-maxage=/);
    return response;
  };
  const rss = async (url: string) => {
    const response = await get(url);
    expect(response.headers['content-type']).toBe('application/rss+xml; charset=utf-8');
    return parseXml(response.body) as unknown as RssDoc;
  };
  const urlSet = async (url: string) => {
    const response = await get(url);
    expect(response.headers['content-type']).toBe('application/xml; charset=utf-8');
    return (parseXml(response.body) as unknown as UrlSet).urlset.url ?? [];
  };

  describe('RSS', () => {
    it('gives the newest 50 stories and briefs with absolute links and a channel', async () => {
      const { channel } = (await rss('/rss/')).rss;
      const settings = await ctx.services.settings.get();
      expect(channel.title).toBe(settings.siteName);
      expect(channel.link).toBe(`${publicUrl}/`);
      expect(channel.language).toBe(settings.language);
      expect(channel['atom:link']).toMatchObject({
        '@_href': `${publicUrl}/rss/`,
        '@_rel': 'self',
      });
      expect(new Date(channel.lastBuildDate).toString()).not.toBe('Invalid Date');
      const items = channel.item ?? [];
      expect(items).toHaveLength(50);
      expect(items.map((i) => i.guid['#text'])).toEqual(published.slice(0, 50).map((p) => p.id));
      for (const item of items) {
        expect(item.link).toMatch(/^http:\/\/localhost:3000\/[a-z0-9-]+\/$/);
        expect(item.guid['@_isPermaLink']).toBe('false');
        expect(item.pubDate).toMatch(/^\w{3}, \d{2} \w{3} \d{4} \d{2}:\d{2}:\d{2} GMT$/);
        expect(item['dc:creator']?.length).toBeGreaterThan(0);
        // Every site URL in the body is absolute, so feed readers can follow it.
        expect(item['content:encoded']).not.toMatch(/(?:href|src)="\/(?!\/)/);
      }
      const withImage = items.filter((i) => i['media:content']);
      expect(withImage.length).toBeGreaterThan(20);
      for (const item of withImage) {
        expect(item['media:content']?.['@_url']).toMatch(
          /^http:\/\/localhost:3000\/media\/.+\.jpg$/,
        );
        expect(item['media:content']?.['@_type']).toBe('image/jpeg');
        expect(Number(item['media:content']?.['@_width'])).toBeGreaterThan(0);
      }
      const article = items.find((i) => i.category && i.category.length > 0);
      expect(article).toBeDefined();
    });

    it('gives members-only stories as their teaser, never the body', async () => {
      const response = await get('/rss/');
      expect(response.body).not.toContain(secret);
      const items = (parseXml(response.body) as unknown as RssDoc).rss.channel.item ?? [];
      const members = items.find((i) => i.guid['#text'] === membersPostId);
      expect(members?.description).toBe('The teaser everyone may read.');
      expect(members?.['content:encoded']).toContain('The teaser everyone may read.');
      const open = items.find((i) => i.title === trickyTitle);
      expect(open?.['content:encoded']).toContain('Prices of bread &amp; butter rose');
    });

    it('escapes XML special characters in titles', async () => {
      const response = await get('/rss/');
      expect(response.body).toContain(
        '<title>Bread &amp; &lt;Butter&gt; &quot;prices&quot; rise</title>',
      );
      const items = (parseXml(response.body) as unknown as RssDoc).rss.channel.item ?? [];
      expect(items.map((i) => i.title)).toContain(trickyTitle);
    });

    it('scopes feeds to a section or an author, and answers 404 for unknown ones', async () => {
      const [tag] = await ctx.services.tags.navigation();
      const tagFeed = (await rss(`/tag/${tag?.slug}/rss/`)).rss.channel;
      expect(tagFeed.title).toContain(tag?.name);
      expect(tagFeed['atom:link']['@_href']).toBe(`${publicUrl}/tag/${tag?.slug}/rss/`);
      const tagged = (tagFeed.item ?? []).map((i) => i.guid['#text']);
      expect(tagged.length).toBeGreaterThan(0);
      for (const post of await ctx.services.posts.publishedByIds(tagged))
        expect(post.tags.map((t) => t.id)).toContain(tag?.id);
      const expected = published.filter((p) => p.tags.some((t) => t.id === tag?.id));
      expect(tagged).toEqual(expected.slice(0, 50).map((p) => p.id));

      const author = published[5]?.authors[0];
      const authorFeed = (await rss(`/author/${author?.slug}/rss/`)).rss.channel;
      const bylined = (authorFeed.item ?? []).map((i) => i.guid['#text']);
      expect(bylined).toEqual(
        published
          .filter((p) => p.authors.some((a) => a.id === author?.id))
          .slice(0, 50)
          .map((p) => p.id),
      );

      expect((await app.inject('/tag/no-such-tag/rss/')).statusCode).toBe(404);
      expect((await app.inject('/author/no-such-author/rss/')).statusCode).toBe(404);
    });

    it('redirects the bare feed paths', async () => {
      const response = await app.inject('/rss');
      expect(response.statusCode).toBe(301);
      expect(response.headers.location).toBe('/rss/');
      expect((await app.inject('/tag/war/rss')).headers.location).toBe('/tag/war/rss/');
    });

    it('reads a feed in a fixed number of queries', async () => {
      const testDb = getDb();
      const { db, counter } = countQueries(ctx.db);
      const counted = servicesFor(
        { ...testDb, database: { ...testDb.database, db } } as TestDatabase,
        new FakeClock(now),
      );
      await buildSiteRss(counted.services, publicUrl);
      expect(counter.count).toBeGreaterThan(3);
      expect(counter.count).toBeLessThanOrEqual(15);
    });
  });

  describe('JSON Feed', () => {
    it('has the fields JSON Feed 1.1 requires, and the teaser rule', async () => {
      const response = await get('/feed.json');
      expect(response.headers['content-type']).toBe('application/feed+json; charset=utf-8');
      expect(response.body).not.toContain(secret);
      const feed = response.json() as {
        version: string;
        title: string;
        home_page_url: string;
        feed_url: string;
        language: string;
        items: Array<Record<string, unknown>>;
      };
      expect(feed.version).toBe('https://jsonfeed.org/version/1.1');
      expect(typeof feed.title).toBe('string');
      expect(feed.home_page_url).toBe(`${publicUrl}/`);
      expect(feed.feed_url).toBe(`${publicUrl}/feed.json`);
      expect(feed.language).toBe((await ctx.services.settings.get()).language);
      expect(feed.items).toHaveLength(50);
      const rfc3339 = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/;
      for (const item of feed.items) {
        expect(typeof item.id).toBe('string');
        expect(typeof item.content_html === 'string' || typeof item.content_text === 'string').toBe(
          true,
        );
        expect(item.url).toMatch(/^http:\/\/localhost:3000\//);
        expect(item.date_published).toMatch(rfc3339);
        if (item.date_modified !== undefined) expect(item.date_modified).toMatch(rfc3339);
        const authors = item.authors as Array<{ name: string; url: string }>;
        expect(authors.length).toBeGreaterThan(0);
        for (const a of authors) expect(a.url).toMatch(/^http:\/\/localhost:3000\/author\//);
        expect(Array.isArray(item.tags)).toBe(true);
      }
      expect(feed.items.filter((i) => typeof i.image === 'string').length).toBeGreaterThan(20);
      expect(feed.items.find((i) => i.id === membersPostId)?.summary).toBe(
        'The teaser everyone may read.',
      );
    });
  });

  describe('sitemaps', () => {
    it('indexes the child sitemaps, each of which parses', async () => {
      const response = await get('/sitemap.xml');
      expect(response.headers['content-type']).toBe('application/xml; charset=utf-8');
      const index = parseXml(response.body) as unknown as {
        sitemapindex: { sitemap: Array<{ loc: string; lastmod?: string }> };
      };
      const locs = index.sitemapindex.sitemap.map((s) => s.loc);
      expect(locs).toEqual(
        [
          '/sitemap-posts.xml',
          '/sitemap-pages.xml',
          '/sitemap-authors.xml',
          '/sitemap-tags.xml',
          '/sitemap-news.xml',
        ].map((path) => `${publicUrl}${path}`),
      );
      for (const loc of locs) {
        const urls = await urlSet(loc.slice(publicUrl.length));
        expect(urls.length).toBeGreaterThan(0);
        for (const url of urls) expect(url.loc).toMatch(/^http:\/\/localhost:3000\//);
      }
    });

    it('lists every story and brief with its last change and lead image', async () => {
      const urls = await urlSet('/sitemap-posts.xml');
      expect(urls.map((u) => u.loc).sort()).toEqual(
        published.map((p) => `${publicUrl}${p.url}`).sort(),
      );
      expect(
        urls.every((u) => /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/.test(u.lastmod ?? '')),
      ).toBe(true);
      const images = urls.flatMap((u) => u['image:image'] ?? []);
      expect(images.length).toBeGreaterThanOrEqual(30);
      for (const image of images)
        expect(image['image:loc']).toMatch(/^http:\/\/localhost:3000\/media\/.+\.jpg$/);
      expect(urls.some((u) => u.loc.endsWith('/corrections-policy/'))).toBe(false);
      expect((await app.inject('/sitemap-posts-1.xml')).statusCode).toBe(200);
      expect((await app.inject('/sitemap-posts-2.xml')).statusCode).toBe(404);
      expect((await app.inject('/sitemap-posts-x.xml')).statusCode).toBe(404);
    });

    it('splits the stories into numbered pages when there are more than a page holds', async () => {
      const index = parseXml(
        await buildSitemapIndex(ctx.services, publicUrl, { pageSize: 20 }),
      ) as {
        sitemapindex: { sitemap: Array<{ loc: string }> };
      };
      const postPages = index.sitemapindex.sitemap
        .map((s) => s.loc)
        .filter((loc) => loc.includes('sitemap-posts'));
      expect(postPages).toEqual([1, 2, 3].map((n) => `${publicUrl}/sitemap-posts-${n}.xml`));
      const seen: string[] = [];
      for (const page of [1, 2, 3]) {
        const xml = await buildPostsSitemap(ctx.services, publicUrl, { page, pageSize: 20 });
        const urls = (parseXml(xml) as unknown as UrlSet).urlset.url ?? [];
        expect(urls.length).toBe(page < 3 ? 20 : published.length - 40);
        seen.push(...urls.map((u) => u.loc));
      }
      expect(new Set(seen).size).toBe(published.length);
      await expect(
        buildPostsSitemap(ctx.services, publicUrl, { page: 4, pageSize: 20 }),
      ).rejects.toMatchObject({ status: 404 });
    });

    it('lists pages, authors and sections', async () => {
      const pages = (await urlSet('/sitemap-pages.xml')).map((u) => u.loc);
      // The home page, the newsroom's standard pages (the demo has them) and the page added here.
      expect(pages[0]).toBe(`${publicUrl}/`);
      expect(pages).toEqual(
        expect.arrayContaining([`${publicUrl}/about/`, `${publicUrl}/corrections-policy/`]),
      );
      expect(pages.every((loc) => !loc.includes('/sitemap'))).toBe(true);
      const authors = (await urlSet('/sitemap-authors.xml')).map((u) => u.loc);
      expect(authors).toHaveLength((await ctx.services.authors.list()).length);
      expect(authors.every((loc) => loc.startsWith(`${publicUrl}/author/`))).toBe(true);
      const tags = (await urlSet('/sitemap-tags.xml')).map((u) => u.loc);
      expect(tags).toHaveLength((await ctx.services.tags.list()).length);
      expect(tags.every((loc) => loc.startsWith(`${publicUrl}/tag/`))).toBe(true);
    });

    it('gives Google News exactly the stories of the last 48 hours', async () => {
      const urls = await urlSet('/sitemap-news.xml');
      const since = Date.parse(now) - 48 * hourMs;
      const expected = published.filter((p) => Date.parse(p.publishedAt ?? '') >= since);
      expect(expected.length).toBeGreaterThan(0);
      expect(expected.length).toBeLessThan(published.length);
      expect(urls.map((u) => u.loc)).toEqual(expected.map((p) => `${publicUrl}${p.url}`));
      const settings = await ctx.services.settings.get();
      for (const url of urls) {
        const news = url['news:news'];
        expect(news?.['news:publication']['news:name']).toBe(settings.siteName);
        expect(news?.['news:publication']['news:language']).toBe(settings.language.split('-')[0]);
        expect(news?.['news:publication_date']).toMatch(/Z$/);
      }
      expect(urls.map((u) => u['news:news']?.['news:title'])).toContain(trickyTitle);
    });
  });

  it('serves robots.txt naming the sitemap', async () => {
    const response = await get('/robots.txt');
    expect(response.headers['content-type']).toBe('text/plain; charset=utf-8');
    expect(response.body).toContain('Disallow: /admin/');
    expect(response.body).toContain('Disallow: /api/');
    expect(response.body).toContain('Disallow: /account/');
    expect(response.body).toContain(`Sitemap: ${publicUrl}/sitemap.xml`);
  });
});
