import type { ServicesOf } from '../../../runtime/services.js';
import { feedKinds } from './feed-items.js';
import { absoluteUrl, w3cDate } from './feed-urls.js';
import { maxSitemapUrls, sitemapNamespace } from './sitemap-xml.js';
import { escapeXml, xmlDeclaration } from './xml.js';

/** Where page `n` (from 1) of the stories sitemap lives: unnumbered while there is only one. */
export const postsSitemapPath = (page: number, pageCount: number): string =>
  pageCount <= 1 ? '/sitemap-posts.xml' : `/sitemap-posts-${page}.xml`;

/**
 * The sitemap index: the stories sitemap (one file per `pageSize` stories), then pages,
 * authors, sections and tags, and the Google News sitemap.
 */
export async function buildSitemapIndex(
  services: ServicesOf<'posts'>,
  publicUrl: string,
  options: { pageSize?: number } = {},
): Promise<string> {
  const pages = await services.posts.sitemap.pages({
    kinds: feedKinds,
    pageSize: options.pageSize ?? maxSitemapUrls,
  });
  const children: Array<{ path: string; lastmod?: string }> = [
    ...(pages.length === 0
      ? [{ path: postsSitemapPath(1, 1) }]
      : pages.map((page, i) => ({
          path: postsSitemapPath(i + 1, pages.length),
          lastmod: page.changedAt,
        }))),
    { path: '/sitemap-pages.xml' },
    { path: '/sitemap-authors.xml' },
    { path: '/sitemap-tags.xml' },
    { path: '/sitemap-news.xml' },
  ];
  return [
    xmlDeclaration,
    `<sitemapindex xmlns="${sitemapNamespace}">`,
    ...children.map(
      (child) =>
        `<sitemap><loc>${escapeXml(absoluteUrl(publicUrl, child.path))}</loc>${
          child.lastmod ? `<lastmod>${w3cDate(child.lastmod)}</lastmod>` : ''
        }</sitemap>`,
    ),
    '</sitemapindex>',
  ].join('\n');
}
