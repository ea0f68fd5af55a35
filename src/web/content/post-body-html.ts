import type { MediaItem } from '../../features/media/index.js';
import { variantUrl } from '../../features/media/index.js';
import type { Post } from '../../features/posts/index.js';
import {
  collectMediaIds,
  collectRelatedPostIds,
  renderHtml,
  type Doc,
} from '../../shared/richtext/index.js';
import type { ServicesOf } from '../../runtime/services.js';

/** srcset for a media item's resized copies. */
export const srcsetOf = (media: MediaItem, format: 'jpeg' | 'webp' = 'jpeg'): string =>
  media.widths.map((w) => `${variantUrl(media, w, format)} ${w}w`).join(', ');

/** What a body refers to, already loaded: related posts and every image (body and their leads). */
export interface BodyRefs {
  related: ReadonlyMap<string, Post>;
  media: ReadonlyMap<string, MediaItem>;
  /** Makes the renderer's own site links absolute (feeds). */
  siteOrigin?: string;
}

/**
 * A story body as HTML, from lookups made beforehand: related-story cards show the related
 * story's current title and URL (or nothing, if it is no longer published); library images get
 * their resized copies and sizes. Pure: the site, the Content API and the feeds all use it.
 */
export function renderBodyHtml(body: Doc, refs: BodyRefs): string {
  return renderHtml(body, {
    ...(refs.siteOrigin ? { siteOrigin: refs.siteOrigin } : {}),
    related: (postId) => {
      const post = refs.related.get(postId);
      if (!post) return undefined;
      const image = post.leadImage ? refs.media.get(post.leadImage.mediaId) : undefined;
      return {
        title: post.title,
        url: post.url,
        dek: post.dek,
        imageUrl:
          image && image.widths.length > 0
            ? variantUrl(image, image.widths[0] ?? 320, 'jpeg')
            : null,
        imageAlt: post.leadImage?.alt ?? '',
      };
    },
    imageAttrs: (image) => {
      const item = image.mediaId ? refs.media.get(image.mediaId) : undefined;
      if (!item || item.widths.length === 0) return undefined;
      const largest = item.widths[item.widths.length - 1] ?? item.width;
      return {
        src: variantUrl(item, Math.min(largest, 1280), 'jpeg'),
        srcset: srcsetOf(item),
        sizes: '(min-width: 760px) 680px, 100vw',
        width: item.width,
        height: item.height,
      };
    },
  });
}

/** One body rendered for the site: two queries (related posts, then all their images at once). */
export async function postBodyHtml(
  services: ServicesOf<'posts' | 'media'>,
  body: Doc,
): Promise<string> {
  const related = await services.posts.publishedByIds(collectRelatedPostIds(body));
  const mediaIds = [
    ...collectMediaIds(body),
    ...related.flatMap((p) => (p.leadImage ? [p.leadImage.mediaId] : [])),
  ];
  const media = await services.media.byIds([...new Set(mediaIds)]);
  return renderBodyHtml(body, {
    related: new Map(related.map((p) => [p.id, p])),
    media: new Map(media.map((m) => [m.id, m])),
  });
}
