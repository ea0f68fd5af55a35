import { describe, expect, it } from 'vitest';
import {
  hourMs,
  now,
  parseXml,
  publicUrl,
  trickyTitle,
  useFeedsSite,
  type UrlSet,
} from '../../../../test/helpers/feeds-site.js';
import { describeEachDatabase } from '../../../../test/helpers/test-database.js';
import { buildSitemapIndex } from './sitemap-index.js';
import { buildPostsSitemap } from './post-sitemaps.js';

describeEachDatabase('sitemaps and robots.txt', (getDb) => {
  const f = useFeedsSite(getDb);
  const { get, urlSet } = f;

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
        f.published.map((p) => `${publicUrl}${p.url}`).sort(),
      );
      expect(
        urls.every((u) => /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/.test(u.lastmod ?? '')),
      ).toBe(true);
      const images = urls.flatMap((u) => u['image:image'] ?? []);
      expect(images.length).toBeGreaterThanOrEqual(30);
      for (const image of images)
        expect(image['image:loc']).toMatch(/^http:\/\/localhost:3000\/media\/.+\.jpg$/);
      expect(urls.some((u) => u.loc.endsWith('/corrections-policy/'))).toBe(false);
      expect((await f.app.inject('/sitemap-posts-1.xml')).statusCode).toBe(200);
      expect((await f.app.inject('/sitemap-posts-2.xml')).statusCode).toBe(404);
      expect((await f.app.inject('/sitemap-posts-x.xml')).statusCode).toBe(404);
    });

    it('splits the stories into numbered pages when there are more than a page holds', async () => {
      const index = parseXml(
        await buildSitemapIndex(f.ctx.services, publicUrl, { pageSize: 20 }),
      ) as {
        sitemapindex: { sitemap: Array<{ loc: string }> };
      };
      const postPages = index.sitemapindex.sitemap
        .map((s) => s.loc)
        .filter((loc) => loc.includes('sitemap-posts'));
      expect(postPages).toEqual([1, 2, 3].map((n) => `${publicUrl}/sitemap-posts-${n}.xml`));
      const seen: string[] = [];
      for (const page of [1, 2, 3]) {
        const xml = await buildPostsSitemap(f.ctx.services, publicUrl, { page, pageSize: 20 });
        const urls = (parseXml(xml) as unknown as UrlSet).urlset.url ?? [];
        expect(urls.length).toBe(page < 3 ? 20 : f.published.length - 40);
        seen.push(...urls.map((u) => u.loc));
      }
      expect(new Set(seen).size).toBe(f.published.length);
      await expect(
        buildPostsSitemap(f.ctx.services, publicUrl, { page: 4, pageSize: 20 }),
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
      expect(authors).toHaveLength((await f.ctx.services.authors.list()).length);
      expect(authors.every((loc) => loc.startsWith(`${publicUrl}/author/`))).toBe(true);
      const tags = (await urlSet('/sitemap-tags.xml')).map((u) => u.loc);
      expect(tags).toHaveLength((await f.ctx.services.tags.list()).length);
      expect(tags.every((loc) => loc.startsWith(`${publicUrl}/tag/`))).toBe(true);
    });

    it('gives Google News exactly the stories of the last 48 hours', async () => {
      const urls = await urlSet('/sitemap-news.xml');
      const since = Date.parse(now) - 48 * hourMs;
      const expected = f.published.filter((p) => Date.parse(p.publishedAt ?? '') >= since);
      expect(expected.length).toBeGreaterThan(0);
      expect(expected.length).toBeLessThan(f.published.length);
      expect(urls.map((u) => u.loc)).toEqual(expected.map((p) => `${publicUrl}${p.url}`));
      const settings = await f.ctx.services.settings.get();
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
