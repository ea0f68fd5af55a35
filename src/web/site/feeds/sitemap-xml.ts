import { escapeXml, xmlDeclaration } from './xml.js';
import { w3cDate } from './feed-urls.js';

export const sitemapNamespace = 'http://www.sitemaps.org/schemas/sitemap/0.9';
export const imageNamespace = 'http://www.google.com/schemas/sitemap-image/1.1';
export const newsNamespace = 'http://www.google.com/schemas/sitemap-news/0.9';

/** URLs per stories sitemap part: a fifth of the protocol's 50,000, so a part renders and caches light. */
export const maxSitemapUrls = 10_000;

/** The sitemap protocol's limit of URLs in one file. */
export const protocolMaxUrls = 50_000;

export interface SitemapUrl {
  loc: string;
  lastmod?: string | null;
  images?: readonly string[];
}

const urlElement = (url: SitemapUrl) =>
  [
    '<url>',
    `<loc>${escapeXml(url.loc)}</loc>`,
    url.lastmod ? `<lastmod>${w3cDate(url.lastmod)}</lastmod>` : '',
    ...(url.images ?? []).map(
      (image) => `<image:image><image:loc>${escapeXml(image)}</image:loc></image:image>`,
    ),
    '</url>',
  ].join('');

/** A `<urlset>` with the image extension's namespace. */
export function urlSet(urls: readonly SitemapUrl[]): string {
  return [
    xmlDeclaration,
    `<urlset xmlns="${sitemapNamespace}" xmlns:image="${imageNamespace}">`,
    ...urls.map(urlElement),
    '</urlset>',
  ].join('\n');
}
