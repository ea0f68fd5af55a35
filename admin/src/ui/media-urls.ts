import type { Media } from '../types.js';

/**
 * The URL of a resized copy at least `minWidth` wide, or the original when the image is too
 * small to have one. The server makes variants on first request at the widths the API lists;
 * the `/media/<id>/w<width>.webp` shape is the site's media route (src/web/site/media-routes.ts).
 */
export function imageUrl(media: Pick<Media, 'id' | 'url' | 'widths'>, minWidth = 320): string {
  const width = media.widths.find((w) => w >= minWidth);
  return width ? `/media/${media.id}/w${width}.webp` : media.url;
}

/** `1.2 MB`, `340 KB`: file sizes as people read them. */
export function formatBytes(bytes: number): string {
  if (bytes >= 1024 * 1024) return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
  return `${Math.max(1, Math.round(bytes / 1024))} KB`;
}

/** What to call an item in a button's name: its alt text, else its file name. */
export const mediaName = (media: Pick<Media, 'alt' | 'originalName'>): string =>
  media.alt || media.originalName || 'untitled image';
