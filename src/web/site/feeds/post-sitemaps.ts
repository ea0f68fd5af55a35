import type { PublishedPostEntry } from '../../../features/posts/index.js';
import { notFound } from '../../../platform/errors.js';
import type { ServicesOf } from '../../../runtime/services.js';
import { feedKinds } from './feed-items.js';
import { absoluteUrl, feedImage } from './feed-urls.js';
import { maxSitemapUrls, urlSet, type SitemapUrl } from './sitemap-xml.js';

/** What the posts sitemaps read: the published posts and their lead images. */
type SitemapServices = ServicesOf<'media' | 'posts'>;

/** Sitemap entries with their lead images, from one media lookup for the whole list. */
async function sitemapUrls(
  services: ServicesOf<'media'>,
  publicUrl: string,
  entries: readonly PublishedPostEntry[],
): Promise<SitemapUrl[]> {
  const mediaIds = [...new Set(entries.flatMap((e) => (e.leadMediaId ? [e.leadMediaId] : [])))];
  const media = new Map((await services.media.byIds(mediaIds)).map((m) => [m.id, m]));
  return entries.map((entry) => {
    const lead = entry.leadMediaId ? media.get(entry.leadMediaId) : undefined;
    return {
      loc: absoluteUrl(publicUrl, entry.url),
      lastmod: entry.changedAt,
      images: lead ? [feedImage(publicUrl, lead, 2000).url] : [],
    };
  });
}

/**
 * One page (from 1) of the stories and briefs sitemap, oldest first, `pageSize` URLs at most:
 * found by keyset cursor, so page 40 of a large archive costs what page 1 does to read.
 */
export async function buildPostsSitemap(
  services: SitemapServices,
  publicUrl: string,
  options: { page: number; pageSize?: number },
): Promise<string> {
  const pageSize = options.pageSize ?? maxSitemapUrls;
  const pages = await services.posts.sitemap.pages({ kinds: feedKinds, pageSize });
  // An empty newsroom still has its (empty) first page.
  const page =
    options.page === 1 && pages.length === 0 ? { cursor: null } : pages[options.page - 1];
  if (!page) throw notFound('Sitemap page');
  const entries = await services.posts.sitemap.entries({
    kinds: feedKinds,
    limit: pageSize,
    cursor: page.cursor,
  });
  return urlSet(await sitemapUrls(services, publicUrl, entries.items));
}

/** The home page and the site's pages (About, Contact …). */
export async function buildPagesSitemap(
  services: SitemapServices,
  publicUrl: string,
): Promise<string> {
  const entries = await services.posts.sitemap.entries({
    kinds: ['page'],
    limit: maxSitemapUrls - 1,
  });
  return urlSet([
    { loc: absoluteUrl(publicUrl, '/') },
    ...(await sitemapUrls(services, publicUrl, entries.items)),
  ]);
}
