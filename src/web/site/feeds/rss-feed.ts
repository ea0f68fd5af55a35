import {
  loadFeed,
  siteScope,
  type FeedItem,
  type FeedScope,
  type FeedServices,
} from './feed-items.js';
import { absoluteUrl, rfc822 } from './feed-urls.js';
import { attributes, textElement, xmlDeclaration } from './xml.js';

const namespaces = attributes({
  'xmlns:atom': 'http://www.w3.org/2005/Atom',
  'xmlns:content': 'http://purl.org/rss/1.0/modules/content/',
  'xmlns:dc': 'http://purl.org/dc/elements/1.1/',
  'xmlns:media': 'http://search.yahoo.com/mrss/',
});

function rssItem(item: FeedItem): string {
  const image = item.image;
  return [
    '<item>',
    textElement('title', item.title),
    textElement('link', item.url),
    `<guid${attributes({ isPermaLink: 'false' })}>${item.id}</guid>`,
    textElement('pubDate', rfc822(item.publishedAt)),
    ...item.authors.map((author) => textElement('dc:creator', author.name)),
    ...item.tags.map((tag) => textElement('category', tag.name)),
    textElement('description', item.summary),
    textElement('content:encoded', item.contentHtml),
    image
      ? `<media:content${attributes({
          url: image.url,
          type: image.type,
          medium: 'image',
          width: image.width,
          height: image.height,
        })}>${textElement('media:description', image.caption || image.alt)}${textElement(
          'media:credit',
          image.credit,
        )}</media:content>`
      : '',
    '</item>',
  ].join('');
}

/**
 * RSS 2.0 of the newest 50 stories and briefs of the site, a section or tag, or an author.
 * Members-only and paid stories carry their teaser only. Unknown tags and authors are a 404.
 */
export async function buildSiteRss(
  services: FeedServices,
  publicUrl: string,
  scope: FeedScope = siteScope,
): Promise<string> {
  const { channel, items } = await loadFeed(services, publicUrl, scope);
  const selfUrl = absoluteUrl(publicUrl, `${channel.basePath}rss/`);
  return [
    xmlDeclaration,
    `<rss version="2.0"${namespaces}>`,
    '<channel>',
    textElement('title', channel.title),
    textElement('link', channel.homeUrl),
    textElement('description', channel.description),
    textElement('language', channel.language),
    channel.updatedAt ? textElement('lastBuildDate', rfc822(channel.updatedAt)) : '',
    textElement('generator', 'Masthead'),
    `<atom:link${attributes({ href: selfUrl, rel: 'self', type: 'application/rss+xml' })}/>`,
    channel.logoUrl
      ? `<image>${textElement('url', channel.logoUrl)}${textElement('title', channel.title)}${textElement('link', channel.homeUrl)}</image>`
      : '',
    ...items.map(rssItem),
    '</channel>',
    '</rss>',
  ].join('\n');
}
