import type { FastifyInstance } from 'fastify';

const host = 'http://localhost:3000';
const unescapeXml = (text: string) =>
  text
    .replace(/&amp;/g, '&')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"');

/** Every <loc> of a sitemap document, as site paths. */
const locsOf = (xml: string) =>
  [...xml.matchAll(/<loc>([^<]+)<\/loc>/g)].map((m) => unescapeXml(m[1] ?? '').replace(host, ''));

/**
 * The public pages and feeds of a newsroom, as a crawler finds them: the sitemap index and each
 * sitemap it names, every URL those list, the home page, News Feed and feeds, and each tag's and
 * author's feeds (their pages come from the sitemaps).
 */
export async function publicUrls(app: FastifyInstance): Promise<string[]> {
  const urls = new Set<string>([
    '/',
    '/news/',
    '/rss/',
    '/feed.json',
    '/robots.txt',
    '/sitemap.xml',
  ]);
  const index = await app.inject({ method: 'GET', url: '/sitemap.xml' });
  for (const sitemap of locsOf(index.body)) {
    urls.add(sitemap);
    const listed = await app.inject({ method: 'GET', url: sitemap });
    for (const url of locsOf(listed.body)) {
      urls.add(url);
      if (/^\/(tag|author)\/[^/]+\/$/.test(url)) {
        urls.add(`${url}rss/`);
        if (url.startsWith('/tag/')) urls.add(`${url}feed.json`);
      }
    }
  }
  return [...urls].sort();
}
