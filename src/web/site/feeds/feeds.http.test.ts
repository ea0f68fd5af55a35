import { describe, expect, it } from 'vitest';
import { countQueries } from '../../../../test/helpers/query-counter.js';
import {
  now,
  parseXml,
  publicUrl,
  secret,
  trickyTitle,
  useFeedsSite,
  type RssDoc,
} from '../../../../test/helpers/feeds-site.js';
import { describeEachDatabase, type TestDatabase } from '../../../../test/helpers/test-database.js';
import { servicesFor } from '../../../../test/helpers/test-runtime.js';
import { FakeClock } from '../../../platform/clock.js';
import { buildSiteRss } from './rss-feed.js';

describeEachDatabase('reader feeds', (getDb) => {
  const f = useFeedsSite(getDb);
  const { get, rss } = f;

  describe('RSS', () => {
    it('gives the newest 50 stories and briefs with absolute links and a channel', async () => {
      const { channel } = (await rss('/rss/')).rss;
      const settings = await f.ctx.services.settings.get();
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
      expect(items.map((i) => i.guid['#text'])).toEqual(f.published.slice(0, 50).map((p) => p.id));
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
      const members = items.find((i) => i.guid['#text'] === f.membersPostId);
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
      const [tag] = await f.ctx.services.tags.navigation();
      const tagFeed = (await rss(`/tag/${tag?.slug}/rss/`)).rss.channel;
      expect(tagFeed.title).toContain(tag?.name);
      expect(tagFeed['atom:link']['@_href']).toBe(`${publicUrl}/tag/${tag?.slug}/rss/`);
      const tagged = (tagFeed.item ?? []).map((i) => i.guid['#text']);
      expect(tagged.length).toBeGreaterThan(0);
      for (const post of await f.ctx.services.posts.publishedByIds(tagged))
        expect(post.tags.map((t) => t.id)).toContain(tag?.id);
      const expected = f.published.filter((p) => p.tags.some((t) => t.id === tag?.id));
      expect(tagged).toEqual(expected.slice(0, 50).map((p) => p.id));

      const author = f.published[5]?.authors[0];
      const authorFeed = (await rss(`/author/${author?.slug}/rss/`)).rss.channel;
      const bylined = (authorFeed.item ?? []).map((i) => i.guid['#text']);
      expect(bylined).toEqual(
        f.published
          .filter((p) => p.authors.some((a) => a.id === author?.id))
          .slice(0, 50)
          .map((p) => p.id),
      );

      expect((await f.app.inject('/tag/no-such-tag/rss/')).statusCode).toBe(404);
      expect((await f.app.inject('/author/no-such-author/rss/')).statusCode).toBe(404);
    });

    it('redirects the bare feed paths', async () => {
      const response = await f.app.inject('/rss');
      expect(response.statusCode).toBe(301);
      expect(response.headers.location).toBe('/rss/');
      expect((await f.app.inject('/tag/war/rss')).headers.location).toBe('/tag/war/rss/');
    });

    it('reads a feed in a fixed number of queries', async () => {
      const testDb = getDb();
      const { db, counter } = countQueries(f.ctx.db);
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
      expect(feed.language).toBe((await f.ctx.services.settings.get()).language);
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
      expect(feed.items.find((i) => i.id === f.membersPostId)?.summary).toBe(
        'The teaser everyone may read.',
      );
    });
  });
});
