import type { ServicesOf } from '../../../runtime/services.js';
import { feedKinds } from './feed-items.js';
import { absoluteUrl, w3cDate } from './feed-urls.js';
import { newsNamespace, sitemapNamespace } from './sitemap-xml.js';
import { escapeXml, xmlDeclaration } from './xml.js';

/** Google News takes stories from the last two days, at most 1,000 per sitemap. */
export const newsWindowHours = 48;
const maxNewsUrls = 1000;

/** ISO 639 as Google News wants it: the language alone, except Chinese's two scripts. */
export function newsLanguage(tag: string): string {
  const lower = tag.toLowerCase().replace('_', '-');
  if (lower === 'zh-cn' || lower === 'zh-hans') return 'zh-cn';
  if (lower === 'zh-tw' || lower === 'zh-hant') return 'zh-tw';
  return lower.split('-')[0] ?? lower;
}

/** The Google News sitemap: stories and briefs published in the last 48 hours by the app's clock. */
export async function buildNewsSitemap(
  services: ServicesOf<'posts' | 'settings'>,
  publicUrl: string,
): Promise<string> {
  const [settings, entries] = await Promise.all([
    services.settings.get(),
    services.posts.sitemap.recent({
      kinds: feedKinds,
      hours: newsWindowHours,
      limit: maxNewsUrls,
    }),
  ]);
  const name = escapeXml(settings.siteName);
  return [
    xmlDeclaration,
    `<urlset xmlns="${sitemapNamespace}" xmlns:news="${newsNamespace}">`,
    ...entries.map((entry) =>
      [
        '<url>',
        `<loc>${escapeXml(absoluteUrl(publicUrl, entry.url))}</loc>`,
        '<news:news>',
        `<news:publication><news:name>${name}</news:name>`,
        `<news:language>${escapeXml(newsLanguage(entry.language ?? settings.language))}</news:language></news:publication>`,
        `<news:publication_date>${w3cDate(entry.publishedAt)}</news:publication_date>`,
        `<news:title>${escapeXml(entry.title)}</news:title>`,
        '</news:news>',
        '</url>',
      ].join(''),
    ),
    '</urlset>',
  ].join('\n');
}
