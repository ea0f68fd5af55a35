import type { MediaItem } from '../../../features/media/index.js';
import type { Post } from '../../../features/posts/index.js';
import {
  collectMediaIds,
  collectRelatedPostIds,
  type Doc,
} from '../../../shared/richtext/index.js';
import { renderBodyHtml } from '../../content/post-body-html.js';
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
  const html = renderBodyHtml(body, {
    related: refs.related,
    media: refs.media,
    siteOrigin: refs.publicUrl,
  });
  return absolutizeHtml(html, refs.publicUrl);
}
