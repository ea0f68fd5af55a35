import type { FastifyInstance } from 'fastify';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { beforeAll, expect } from 'vitest';
import { loadDemoNewsroom } from '../../src/demo/index.js';
import type { ImportedPost, Post } from '../../src/features/posts/index.js';
import { FakeClock } from '../../src/platform/clock.js';
import { newId } from '../../src/platform/ids.js';
import type { TestDatabase } from './test-database.js';
import { appFor, servicesFor, type TestContext } from './test-runtime.js';

export const publicUrl = 'http://localhost:3000';
export const now = '2026-03-02T10:00:00.000Z';
export const hourMs = 3_600_000;
export const secret = 'The second paragraph is for members only.';
export const trickyTitle = 'Bread & <Butter> "prices" rise';

export const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '@_',
  parseTagValue: false,
  isArray: (name) =>
    ['item', 'url', 'sitemap', 'dc:creator', 'category', 'image:image'].includes(name),
});

/** Validates, then parses; fails the test with the validator's report if the XML is not well formed. */
export function parseXml(xml: string): Record<string, unknown> {
  const valid = XMLValidator.validate(xml);
  expect(valid).toBe(true);
  return parser.parse(xml) as Record<string, unknown>;
}

export interface RssItem {
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
export interface RssDoc {
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
export interface UrlSet {
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

export const paragraphs = (...texts: string[]) =>
  ({
    type: 'doc',
    content: texts.map((text) => ({ type: 'paragraph', content: [{ type: 'text', text }] })),
  }) as unknown as ImportedPost['body'];

/**
 * The app over a demo newsroom (30 articles, 20 briefs) plus a members-only story, a headline
 * full of XML specials and a page, at a fixed time; `get` fetches a public, cacheable answer,
 * `rss` and `urlSet` parse a feed or a sitemap after checking its type and that it is well formed.
 */
export function useFeedsSite(getDb: () => TestDatabase) {
  const f = {
    app: undefined as unknown as FastifyInstance,
    ctx: undefined as unknown as TestContext,
    published: [] as Post[],
    membersPostId: '',
  };
  beforeAll(async () => {
    await getDb().truncate();
    const clock = new FakeClock(now);
    const built = await appFor(getDb(), servicesFor(getDb(), clock));
    f.app = built.app;
    f.ctx = built;
    await loadDemoNewsroom(f.ctx.services, {
      now: clock.now(),
      articles: 30,
      briefs: 20,
      photos: 2,
    });
    const [author] = await f.ctx.services.authors.list();
    const [tag] = await f.ctx.services.tags.list();
    const at = (minutesAgo: number) =>
      new Date(Date.parse(now) - minutesAgo * 60_000).toISOString();
    const base = {
      kind: 'article' as const,
      status: 'published' as const,
      authorIds: author ? [author.id] : [],
      tagIds: tag ? [tag.id] : [],
    };
    f.membersPostId = newId();
    await f.ctx.services.posts.importBatch([
      {
        ...base,
        id: f.membersPostId,
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
    f.published = (
      await f.ctx.services.posts.latestPublished({
        limit: 500,
        kinds: ['article', 'brief', 'live'],
      })
    ).items;
  });

  const get = async (url: string) => {
    const response = await f.app.inject(url);
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

  return Object.assign(f, { get, rss, urlSet });
}
