import type { PublishedPostEntry } from '../../../features/posts/index.js';
import { notFound } from '../../../platform/errors.js';
import { decodeCursor } from '../../../platform/pagination.js';
import type { ServicesOf } from '../../../runtime/services.js';
import { feedKinds } from './feed-items.js';
import { absoluteUrl, feedImage } from './feed-urls.js';
import { maxSitemapUrls, protocolMaxUrls, urlSet, type SitemapUrl } from './sitemap-xml.js';

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
 * One part of the stories and briefs sitemap, oldest first: the stories after the cursor
 * `after` (from the sitemap index; none for the first part) up to `until` (a full part's last
 * story), or the `pageSize` after `after` for the part still filling. A keyset range read
 * through (status, published_at, id), so a part deep in a 1M-story archive costs what the first
 * does. A full part that grew since (a story published with an older date) shows up to the
 * protocol's 50,000.
 */
export async function buildPostsSitemap(
  services: SitemapServices,
  publicUrl: string,
  options: { after?: string | undefined; until?: string | undefined; pageSize?: number },
): Promise<string> {
  // Named for the query parameter each came in, not as the service's generic `cursor`.
  if (options.after !== undefined) decodeCursor(options.after, 'after');
  if (options.until !== undefined) decodeCursor(options.until, 'until');
  const entries = await services.posts.sitemap.entries({
    kinds: feedKinds,
    limit: options.until === undefined ? (options.pageSize ?? maxSitemapUrls) : protocolMaxUrls,
    cursor: options.after ?? null,
    until: options.until ?? null,
  });
  return urlSet(await sitemapUrls(services, publicUrl, entries.items));
}

/**
 * A numbered part (`/sitemap-posts-<n>.xml`), as sitemap indexes before issue #14 listed them,
 * for crawlers that kept one: served from the same ranges as the index lists.
 */
export async function buildNumberedPostsSitemap(
  services: SitemapServices,
  publicUrl: string,
  options: { page: number; pageSize?: number },
): Promise<string> {
  const pageSize = options.pageSize ?? maxSitemapUrls;
  const pages = await services.posts.sitemap.pages({ kinds: feedKinds, pageSize });
  const page =
    options.page === 1 && pages.length === 0
      ? { cursor: null, until: null }
      : pages[options.page - 1];
  if (!page) throw notFound('Sitemap page');
  return buildPostsSitemap(services, publicUrl, {
    after: page.cursor ?? undefined,
    until: page.until ?? undefined,
    pageSize,
  });
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
