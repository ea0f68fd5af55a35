import type { z } from 'zod';
import type { mediaUpdateSchema } from '../../shared/contracts/media.js';

export interface MediaItem {
  id: string;
  mime: string;
  width: number;
  height: number;
  bytes: number;
  alt: string;
  caption: string;
  credit: string;
  focalPoint: { x: number; y: number };
  originalName: string;
  createdAt: string;
  /** URL of the stored original: site-relative (/media/…), or absolute on MEDIA_PUBLIC_URL. */
  url: string;
  /** Widths at which resized copies can be requested (see variantUrl). */
  widths: number[];
  /**
   * MEDIA_PUBLIC_URL when the item's files are linked there by storage key (a CDN or the
   * bucket itself); null when the app serves them at /media/. Not part of the API contract.
   */
  publicBase: string | null;
}

/** Resized copies are made on first request and kept; these are the only sizes made. */
export const variantWidths = [320, 640, 960, 1280, 1600, 2000] as const;
export type VariantFormat = 'webp' | 'jpeg';

export const limits = {
  maxBytes: 20 * 1024 * 1024,
  /** Refused before decoding, so a tiny file that claims 100k × 100k pixels cannot exhaust memory. */
  maxPixels: 40_000_000,
  /** Originals are stored no larger than this on either side. */
  maxStoredSide: 4000,
};

/** Alt text, caption, credit and focal point, parsed with `mediaUpdateSchema` at the front door. */
export type MediaMeta = z.output<typeof mediaUpdateSchema>;

/**
 * Where files live in storage. Keys are also the paths under MEDIA_PUBLIC_URL, so a CDN or the
 * bucket's own address serves exactly what the store holds.
 */
export const originalKey = (id: string, ext: string, at: Date) =>
  `originals/${at.toISOString().slice(0, 7)}/${id}.${ext}`;
export const variantKey = (id: string, width: number, format: VariantFormat) =>
  `variants/${id}/w${width}.${format}`;

/*
 * The one place media URLs are made. Without a public base the app serves files itself
 * (/media/<id>/…, looked up by id); with one, pages link the stored keys under it.
 */
export const originalUrl = (
  item: { id: string; storageKey: string; ext: string },
  publicBase: string | null,
) => (publicBase ? `${publicBase}/${item.storageKey}` : `/media/${item.id}/original.${item.ext}`);
export const variantUrl = (
  media: Pick<MediaItem, 'id' | 'publicBase'>,
  width: number,
  format: VariantFormat,
) =>
  media.publicBase
    ? `${media.publicBase}/${variantKey(media.id, width, format)}`
    : `/media/${media.id}/w${width}.${format === 'jpeg' ? 'jpg' : 'webp'}`;

/** Every resized copy an item of this width has, as (width, format) pairs. */
export const variantsOf = (width: number) =>
  availableWidths(width).flatMap((w) => [
    { width: w, format: 'webp' as const },
    { width: w, format: 'jpeg' as const },
  ]);

/** Variant widths no wider than the original (an image narrower than all of them has none). */
export const availableWidths = (width: number): number[] => variantWidths.filter((w) => w <= width);
