import { variantUrl, type MediaItem } from '../../../features/media/index.js';
import { h, type Html } from '../jsx/index.js';

export interface PictureProps {
  media: MediaItem;
  alt: string;
  /** The sizes attribute: how wide the image is shown at each viewport. */
  sizes: string;
  /** Above the fold (the lead image): load now, with high priority. */
  isEager?: boolean;
  /** Largest width worth sending for this slot. */
  maxWidth?: number;
}

const srcset = (media: MediaItem, widths: number[], format: 'webp' | 'jpeg') =>
  widths.map((w) => `${variantUrl(media, w, format)} ${w}w`).join(', ');

/**
 * A responsive image: WebP for browsers that take it, JPEG otherwise, every resized width in
 * srcset, and the intrinsic width and height set so the page never shifts as it loads.
 */
export function Picture(props: PictureProps): Html {
  const { media } = props;
  const widths = media.widths.filter((w) => w <= (props.maxWidth ?? 2000));
  const loading = props.isEager ? { loading: 'eager', fetchpriority: 'high' } : { loading: 'lazy' };
  if (widths.length === 0) {
    return (
      <img
        src={media.url}
        alt={props.alt}
        width={media.width}
        height={media.height}
        decoding="async"
        {...loading}
      />
    );
  }
  const fallback = widths.find((w) => w >= 960) ?? widths[widths.length - 1] ?? 320;
  return (
    <picture>
      <source type="image/webp" srcset={srcset(media, widths, 'webp')} sizes={props.sizes} />
      <img
        src={variantUrl(media, fallback, 'jpeg')}
        srcset={srcset(media, widths, 'jpeg')}
        sizes={props.sizes}
        alt={props.alt}
        width={media.width}
        height={media.height}
        decoding="async"
        {...loading}
      />
    </picture>
  );
}
