import type { MediaItem } from '../../../features/media/index.js';
import { publicTagsOf, type Post, type PostKind } from '../../../features/posts/index.js';
import { notFound } from '../../../platform/errors.js';
import { escapeHtml } from '../../../shared/richtext/index.js';
import type { ServicesOf } from '../../../runtime/services.js';
import { bodyReferences, feedBodyHtml } from './feed-body-html.js';
import { absoluteUrl, feedImage, type FeedImage } from './feed-urls.js';

/** Which stories a feed holds: the whole site's, or one section's or tag's, or one author's. */
export type FeedScope =
  { kind: 'site' } | { kind: 'tag'; slug: string } | { kind: 'author'; slug: string };

export const siteScope: FeedScope = { kind: 'site' };

/** Feeds carry stories, briefs and live pages; pages (About, Contact) are not news. */
export const feedKinds: readonly PostKind[] = ['article', 'brief', 'live'];
export const feedLimit = 50;

export interface FeedChannel {
  title: string;
  description: string;
  /** Absolute URL of the page the feed mirrors (home, section or author page). */
  homeUrl: string;
  /** Site path of this scope's feeds, e.g. `/tag/war/`: RSS is at `<path>rss/`. */
  basePath: string;
  language: string;
  siteName: string;
  logoUrl: string | null;
  /** The newest change among the items (publication or public update); null when there are none. */
  updatedAt: string | null;
}

export interface FeedItem {
  id: string;
  url: string;
  title: string;
  summary: string;
  /** The body for public stories; for members-only and paid ones the teaser alone. */
  contentHtml: string;
  isFullText: boolean;
  image: (FeedImage & { alt: string; caption: string; credit: string }) | null;
  publishedAt: string;
  updatedAt: string | null;
  authors: Array<{ name: string; url: string }>;
  tags: Array<{ name: string; url: string }>;
}

/** What the site, section and author feeds read. */
export type FeedServices = ServicesOf<'authors' | 'media' | 'posts' | 'settings' | 'tags'>;

export interface Feed {
  channel: FeedChannel;
  items: FeedItem[];
}

async function scopedPosts(services: ServicesOf<'authors' | 'posts' | 'tags'>, scope: FeedScope) {
  if (scope.kind === 'site') {
    const page = await services.posts.latestPublished({ limit: feedLimit, kinds: feedKinds });
    return { posts: page.items, name: null, description: null, basePath: '/' };
  }
  const owner =
    scope.kind === 'tag'
      ? await services.tags.bySlug(scope.slug)
      : await services.authors.bySlug(scope.slug);
  // An internal tag has no feed: readers never learn it exists.
  if (!owner || ('isInternal' in owner && owner.isInternal))
    throw notFound(scope.kind === 'tag' ? 'Section' : 'Author');
  const page = await services.posts.latestPublishedVia({
    link: scope.kind,
    id: owner.id,
    limit: feedLimit,
  });
  return {
    posts: page.items.filter((post) => feedKinds.includes(post.kind)),
    name: owner.name,
    description: 'description' in owner ? owner.description : owner.bio,
    basePath: `/${scope.kind}/${owner.slug}/`,
  };
}

const teaserHtml = (post: Post, url: string) =>
  `<p>${escapeHtml(post.excerpt)}</p>` +
  `<p><a href="${escapeHtml(url)}">This story is for members: read it on the site.</a></p>`;

/**
 * A feed's channel and newest stories, with bodies and images, in a fixed number of queries
 * whatever the number of stories: the posts, then related stories and all media at once.
 */
export async function loadFeed(
  services: FeedServices,
  publicUrl: string,
  scope: FeedScope,
): Promise<Feed> {
  const [settings, scoped] = await Promise.all([
    services.settings.get(),
    scopedPosts(services, scope),
  ]);
  const { posts } = scoped;
  const fullText = posts.filter((post) => post.visibility === 'public');
  const refs = bodyReferences(fullText.map((post) => post.body));
  const leadIds = posts.flatMap((post) => (post.leadImage ? [post.leadImage.mediaId] : []));
  const [related, media] = await Promise.all([
    services.posts.publishedByIds(refs.postIds),
    services.media.byIds([...new Set([...refs.mediaIds, ...leadIds])]),
  ]);
  const mediaById = new Map<string, MediaItem>(media.map((m) => [m.id, m]));
  const relatedLeadIds = related.flatMap((post) =>
    post.leadImage && !mediaById.has(post.leadImage.mediaId) ? [post.leadImage.mediaId] : [],
  );
  for (const item of await services.media.byIds([...new Set(relatedLeadIds)]))
    mediaById.set(item.id, item);
  const relatedById = new Map(related.map((post) => [post.id, post]));

  const items = posts.map((post): FeedItem => {
    const url = absoluteUrl(publicUrl, post.url);
    const isFullText = post.visibility === 'public';
    const lead = post.leadImage ? mediaById.get(post.leadImage.mediaId) : undefined;
    return {
      id: post.id,
      url,
      title: post.title,
      summary: post.excerpt,
      contentHtml: isFullText
        ? feedBodyHtml(post.body, { publicUrl, related: relatedById, media: mediaById })
        : teaserHtml(post, url),
      isFullText,
      image:
        post.leadImage && lead
          ? {
              ...feedImage(publicUrl, lead),
              alt: post.leadImage.alt || lead.alt,
              caption: post.leadImage.caption || lead.caption,
              credit: post.leadImage.credit || lead.credit,
            }
          : null,
      publishedAt: post.publishedAt ?? post.createdAt,
      updatedAt: post.publicUpdatedAt,
      authors: post.authors.map((a) => ({
        name: a.name,
        url: absoluteUrl(publicUrl, `/author/${a.slug}/`),
      })),
      tags: publicTagsOf(post).map((t) => ({
        name: t.name,
        url: absoluteUrl(publicUrl, `/tag/${t.slug}/`),
      })),
    };
  });

  const changes = items.map((item) => item.updatedAt ?? item.publishedAt).sort();
  return {
    channel: {
      title: scoped.name ? `${scoped.name} — ${settings.siteName}` : settings.siteName,
      description: scoped.description || settings.description || settings.siteName,
      homeUrl: absoluteUrl(publicUrl, scoped.basePath),
      basePath: scoped.basePath,
      language: settings.language,
      siteName: settings.siteName,
      logoUrl: settings.logoUrl ? absoluteUrl(publicUrl, settings.logoUrl) : null,
      updatedAt: changes.at(-1) ?? null,
    },
    items,
  };
}
