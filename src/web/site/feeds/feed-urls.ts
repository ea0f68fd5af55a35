import type { MediaItem } from '../../../features/media/index.js';
import { variantUrl } from '../../../features/media/index.js';

/** A site path made absolute on the public URL; absolute URLs are kept as they are. */
export function absoluteUrl(publicUrl: string, pathOrUrl: string): string {
  if (/^[a-z][a-z0-9+.-]*:/i.test(pathOrUrl) || pathOrUrl.startsWith('//')) return pathOrUrl;
  const base = publicUrl.replace(/\/+$/, '');
  return `${base}${pathOrUrl.startsWith('/') ? '' : '/'}${pathOrUrl}`;
}

const isSitePath = (value: string) => value.startsWith('/') && !value.startsWith('//');

/**
 * Site-relative URLs in rendered HTML (links, images, srcsets) made absolute, as feed readers
 * show the HTML away from the site. Our renderer always double-quotes attribute values.
 */
export function absolutizeHtml(html: string, publicUrl: string): string {
  return html
    .replace(/(\s(?:href|src|poster))="([^"]*)"/g, (match, name: string, value: string) =>
      isSitePath(value) ? `${name}="${absoluteUrl(publicUrl, value)}"` : match,
    )
    .replace(/(\ssrcset)="([^"]*)"/g, (_match, name: string, value: string) => {
      const candidates = value.split(',').map((candidate) => {
        const trimmed = candidate.trim();
        return isSitePath(trimmed) ? absoluteUrl(publicUrl, trimmed) : trimmed;
      });
      return `${name}="${candidates.join(', ')}"`;
    });
}

/** A lead or author image as feeds give it: a resized JPEG no wider than `maxWidth`, with its size. */
export interface FeedImage {
  url: string;
  type: string;
  width: number;
  height: number;
}

export function feedImage(publicUrl: string, media: MediaItem, maxWidth = 1280): FeedImage {
  const width = media.widths.filter((w) => w <= maxWidth).at(-1);
  if (width === undefined) {
    // Narrower than every resized size: the stored original, as it is.
    return {
      url: absoluteUrl(publicUrl, media.url),
      type: media.mime,
      width: media.width,
      height: media.height,
    };
  }
  return {
    url: absoluteUrl(publicUrl, variantUrl(media, width, 'jpeg')),
    type: 'image/jpeg',
    width,
    height: Math.round((media.height * width) / media.width),
  };
}

/** RFC 822 dates for RSS ("Thu, 15 Jan 2026 09:00:00 GMT"). */
export const rfc822 = (iso: string): string => new Date(iso).toUTCString();

/** W3C datetime without milliseconds, for sitemaps ("2026-01-15T09:00:00Z"). */
export const w3cDate = (iso: string): string =>
  new Date(iso).toISOString().replace(/\.\d{3}Z$/, 'Z');
