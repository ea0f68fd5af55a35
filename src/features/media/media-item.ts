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
  /** Site-relative URL of the stored original. */
  url: string;
  /** Widths at which resized copies can be requested (see variantUrl). */
  widths: number[];
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

export const originalUrl = (id: string, ext: string) => `/media/${id}/original.${ext}`;
export const variantUrl = (id: string, width: number, format: VariantFormat) =>
  `/media/${id}/w${width}.${format === 'jpeg' ? 'jpg' : 'webp'}`;

/** Variant widths no wider than the original (an image narrower than all of them has none). */
export const availableWidths = (width: number): number[] => variantWidths.filter((w) => w <= width);
