import type { MediaItem } from '../../../features/media/index.js';
import { variantUrl } from '../../../features/media/index.js';
import type { Post } from '../../../features/posts/index.js';
import {
  collectMediaIds,
  collectRelatedPostIds,
  renderHtml,
  type Doc,
} from '../../../shared/richtext/index.js';
import { srcsetOf } from '../../content/post-body-html.js';
import { absolutizeHtml } from './feed-urls.js';

/** What the bodies of a whole feed refer to, gathered so they are loaded in one go (no N+1). */
export function bodyReferences(bodies: readonly Doc[]): { postIds: string[]; mediaIds: string[] } {
  return {
    postIds: [...new Set(bodies.flatMap((body) => collectRelatedPostIds(body)))],
    mediaIds: [...new Set(bodies.flatMap((body) => collectMediaIds(body)))],
  };
}

/**
 * A story body as feed HTML: as `postBodyHtml` renders it for the site (related cards with the
 * related story's current title, library images with their resized copies), but from lookups
 * made once for the whole feed, and with every site URL absolute.
 */
export function feedBodyHtml(
  body: Doc,
  refs: { publicUrl: string; related: Map<string, Post>; media: Map<string, MediaItem> },
): string {
  const html = renderHtml(body, {
    siteOrigin: refs.publicUrl,
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
            ? variantUrl(image.id, image.widths[0] ?? 320, 'jpeg')
            : null,
        imageAlt: post.leadImage?.alt ?? '',
      };
    },
    imageAttrs: (image) => {
      const item = image.mediaId ? refs.media.get(image.mediaId) : undefined;
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
  return absolutizeHtml(html, refs.publicUrl);
}
