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
import { buildNumberedPostsSitemap, buildPostsSitemap } from './post-sitemaps.js';

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

    it('splits the stories into keyset parts that cover each story once, oldest first', async () => {
      const pageSize = 3;
      const index = parseXml(await buildSitemapIndex(f.ctx.services, publicUrl, { pageSize })) as {
        sitemapindex: { sitemap: Array<{ loc: string; lastmod?: string }> };
      };
      const parts = index.sitemapindex.sitemap.filter((s) => s.loc.includes('sitemap-posts'));
      expect(parts).toHaveLength(Math.ceil(f.published.length / pageSize));
      // The first part starts at the beginning; each later one after the cursor it names; each
      // full one ends at the cursor of its last story (`until`), the newest is still filling.
      const afterOf = (loc: string) => new URL(loc).searchParams.get('after') ?? undefined;
      const untilOf = (loc: string) => new URL(loc).searchParams.get('until') ?? undefined;
      const seen: string[] = [];
      for (const [i, part] of parts.entries()) {
        const isNewest = i === parts.length - 1;
        expect(afterOf(part.loc) === undefined).toBe(i === 0);
        expect(untilOf(part.loc) === undefined).toBe(
          isNewest && f.published.length % pageSize !== 0,
        );
        const xml = await buildPostsSitemap(f.ctx.services, publicUrl, {
          after: afterOf(part.loc),
          until: untilOf(part.loc),
          pageSize,
        });
        const urls = (parseXml(xml) as unknown as UrlSet).urlset.url ?? [];
        expect(urls.length).toBe(Math.min(pageSize, f.published.length - i * pageSize));
        expect(part.lastmod).toBe(
          urls
            .map((u) => u.lastmod ?? '')
            .sort()
            .at(-1),
        );
        seen.push(...urls.map((u) => u.loc));
      }
      // Every published story and brief exactly once, oldest first (the News Feed's reverse).
      expect(seen).toEqual([...f.published].reverse().map((p) => `${publicUrl}${p.url}`));

      // Over HTTP a part is the stories after its cursor (10,000 a part there), up to `until`.
      const third = afterOf(parts[2]?.loc ?? '');
      const rest = await urlSet(`/sitemap-posts.xml?after=${third}`);
      expect(rest.map((u) => u.loc)).toEqual(seen.slice(2 * pageSize));
      const second = new URL(parts[1]?.loc ?? '');
      const range = await urlSet(`${second.pathname}${second.search}`);
      expect(range.map((u) => u.loc)).toEqual(seen.slice(pageSize, 2 * pageSize));
      for (const field of ['after', 'until']) {
        const bad = await f.app.inject(`/sitemap-posts.xml?${field}=nonsense`);
        expect(bad.statusCode).toBe(400);
        expect(bad.body).toContain('is not a cursor this server issued');
      }
      // Numbered parts, as earlier indexes listed them, still answer.
      const numbered = await buildNumberedPostsSitemap(f.ctx.services, publicUrl, {
        page: 2,
        pageSize,
      });
      expect(
        ((parseXml(numbered) as unknown as UrlSet).urlset.url ?? []).map((u) => u.loc),
      ).toEqual(seen.slice(pageSize, 2 * pageSize));
      await expect(
        buildNumberedPostsSitemap(f.ctx.services, publicUrl, { page: parts.length + 1, pageSize }),
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
