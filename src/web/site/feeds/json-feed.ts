import {
  loadFeed,
  siteScope,
  type FeedItem,
  type FeedScope,
  type FeedServices,
} from './feed-items.js';
import { absoluteUrl } from './feed-urls.js';

function jsonFeedItem(item: FeedItem) {
  return {
    id: item.id,
    url: item.url,
    title: item.title,
    content_html: item.contentHtml,
    summary: item.summary,
    ...(item.image ? { image: item.image.url } : {}),
    date_published: item.publishedAt,
    ...(item.updatedAt ? { date_modified: item.updatedAt } : {}),
    authors: item.authors,
    tags: item.tags.map((tag) => tag.name),
  };
}

/**
 * JSON Feed 1.1 (https://jsonfeed.org/version/1.1) of the same stories as the RSS feed, with the
 * same rule for members-only stories. Dates are RFC 3339.
 */
export async function buildJsonFeed(
  services: FeedServices,
  publicUrl: string,
  scope: FeedScope = siteScope,
): Promise<string> {
  const { channel, items } = await loadFeed(services, publicUrl, scope);
  const feed = {
    version: 'https://jsonfeed.org/version/1.1',
    title: channel.title,
    home_page_url: channel.homeUrl,
    feed_url: absoluteUrl(
      publicUrl,
      channel.basePath === '/' ? '/feed.json' : `${channel.basePath}feed.json`,
    ),
    description: channel.description,
    language: channel.language,
    items: items.map(jsonFeedItem),
  };
  return JSON.stringify(feed);
}
