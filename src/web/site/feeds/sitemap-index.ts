import type { ServicesOf } from '../../../runtime/services.js';
import { feedKinds } from './feed-items.js';
import { absoluteUrl, w3cDate } from './feed-urls.js';
import { maxSitemapUrls, sitemapNamespace } from './sitemap-xml.js';
import { escapeXml, xmlDeclaration } from './xml.js';

/**
 * Where a part of the stories sitemap lives: named by the cursor it starts after (none for the
 * first) and, once full, the cursor of its last story, so serving it is one keyset range read,
 * however deep in the archive it starts, and stories published later with an older date land
 * in the part whose range holds them.
 */
export const postsSitemapPath = (after: string | null, until: string | null = null): string => {
  const query = new URLSearchParams();
  if (after !== null) query.set('after', after);
  if (until !== null) query.set('until', until);
  const search = query.toString();
  return search ? `/sitemap-posts.xml?${search}` : '/sitemap-posts.xml';
};

/**
 * The sitemap job's work (a background job, every few minutes, and once at start): keeps where
 * the stories sitemap's full parts start and end, so the index need not read every story.
 */
export function refreshSitemapParts(
  services: ServicesOf<'posts'>,
  options: { pageSize?: number; isFull?: boolean } = {},
) {
  return services.posts.sitemap.refreshPages({
    kinds: feedKinds,
    pageSize: options.pageSize ?? maxSitemapUrls,
    isFull: options.isFull ?? false,
  });
}

/**
 * The sitemap index: the stories sitemap (one part per `pageSize` stories, at most the
 * protocol's 50,000), then pages, authors, sections and tags, and the Google News sitemap. The
 * full parts' ranges come from what the sitemap job kept (one row each); only the stories after
 * the last of them are counted here, so the index costs the same at 10k stories as at 1M.
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
      : pages.map((page) => ({
          path: postsSitemapPath(page.cursor, page.until),
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
