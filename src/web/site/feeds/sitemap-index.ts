import type { ServicesOf } from '../../../runtime/services.js';
import { feedKinds } from './feed-items.js';
import { absoluteUrl, w3cDate } from './feed-urls.js';
import { maxSitemapUrls, sitemapNamespace } from './sitemap-xml.js';
import { escapeXml, xmlDeclaration } from './xml.js';

/**
 * Where a part of the stories sitemap lives: named by the cursor it starts after (none for the
 * first), so serving it is one keyset read, however deep in the archive it starts.
 */
export const postsSitemapPath = (after: string | null): string =>
  after === null ? '/sitemap-posts.xml' : `/sitemap-posts.xml?after=${after}`;

/**
 * The sitemap index: the stories sitemap (one part per `pageSize` stories, at most the
 * protocol's 50,000), then pages, authors, sections and tags, and the Google News sitemap. Where
 * each part starts is found here, in one pass over the published stories' index, so the parts
 * themselves never have to count.
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
      ? [{ path: postsSitemapPath(null) }]
      : pages.map((page) => ({ path: postsSitemapPath(page.cursor), lastmod: page.changedAt }))),
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
