import type { MediaItem } from '../../features/media/index.js';
import { variantUrl } from '../../features/media/index.js';
import type { Post } from '../../features/posts/index.js';
import {
  collectMediaIds,
  collectRelatedPostIds,
  renderHtml,
  type Doc,
} from '../../shared/richtext/index.js';
import type { Services } from '../../runtime/services.js';

/** srcset for a media item's resized copies. */
export const srcsetOf = (media: MediaItem, format: 'jpeg' | 'webp' = 'jpeg'): string =>
  media.widths.map((w) => `${variantUrl(media.id, w, format)} ${w}w`).join(', ');

/**
 * A story body as HTML: related-story cards show the related story's current title and URL (or
 * nothing, if it is no longer published); library images get their resized copies and sizes.
 * A fixed number of queries whatever the body holds.
 */
export async function postBodyHtml(services: Services, body: Doc): Promise<string> {
  const [related, media] = await Promise.all([
    services.posts.publishedByIds(collectRelatedPostIds(body)),
    services.media.byIds(collectMediaIds(body)),
  ]);
  const relatedById = new Map<string, Post>(related.map((p) => [p.id, p]));
  const mediaById = new Map(media.map((m) => [m.id, m]));
  const leadMedia = await services.media.byIds(
    related.flatMap((p) => (p.leadImage ? [p.leadImage.mediaId] : [])),
  );
  const leadById = new Map(leadMedia.map((m) => [m.id, m]));
  return renderHtml(body, {
    related: (postId) => {
      const post = relatedById.get(postId);
      if (!post) return undefined;
      const image = post.leadImage ? leadById.get(post.leadImage.mediaId) : undefined;
      return {
        title: post.title,
        url: post.url,
        dek: post.dek,
        imageUrl:
          image && image.widths.length > 0
            ? variantUrl(image.id, image.widths[0] ?? 320, 'jpeg')
            : null,
        imageAlt: post.leadImage?.alt ?? '',
      };
    },
    imageAttrs: (image) => {
      const item = image.mediaId ? mediaById.get(image.mediaId) : undefined;
      if (!item || item.widths.length === 0) return undefined;
      const largest = item.widths[item.widths.length - 1] ?? item.width;
      return {
        src: variantUrl(item.id, Math.min(largest, 1280), 'jpeg'),
        srcset: srcsetOf(item),
        sizes: '(min-width: 760px) 680px, 100vw',
        width: item.width,
        height: item.height,
      };
    },
  });
}
