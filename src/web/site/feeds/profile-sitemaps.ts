import type { ServicesOf } from '../../../runtime/services.js';
import { absoluteUrl } from './feed-urls.js';
import { maxSitemapUrls, urlSet } from './sitemap-xml.js';

/** Every author page. */
export async function buildAuthorsSitemap(
  services: ServicesOf<'authors'>,
  publicUrl: string,
): Promise<string> {
  const authors = await services.authors.list();
  return urlSet(
    authors.slice(0, maxSitemapUrls).map((author) => ({
      loc: absoluteUrl(publicUrl, `/author/${author.slug}/`),
      lastmod: author.updatedAt,
    })),
  );
}

/** Every section and tag page (internal tags have none). */
export async function buildTagsSitemap(
  services: ServicesOf<'tags'>,
  publicUrl: string,
): Promise<string> {
  const tags = await services.tags.list({ publicOnly: true });
  return urlSet(
    tags.slice(0, maxSitemapUrls).map((tag) => ({
      loc: absoluteUrl(publicUrl, `/tag/${tag.slug}/`),
      lastmod: tag.updatedAt,
    })),
  );
}
