import { z } from 'zod';

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

/** Multipart fields skip the JSON body parser's NUL check, so the schema refuses NUL itself. */
const text = (max: number) =>
  z
    .string()
    .trim()
    .max(max)
    .refine((s) => !s.includes('\u0000'), 'must not contain NUL characters');

export const mediaMetaSchema = z.strictObject({
  alt: text(500).optional(),
  caption: text(1000).optional(),
  credit: text(200).optional(),
  focalPoint: z
    .strictObject({ x: z.number().min(0).max(1), y: z.number().min(0).max(1) })
    .optional(),
});
export type MediaMeta = z.infer<typeof mediaMetaSchema>;

export const originalUrl = (id: string, ext: string) => `/media/${id}/original.${ext}`;
export const variantUrl = (id: string, width: number, format: VariantFormat) =>
  `/media/${id}/w${width}.${format === 'jpeg' ? 'jpg' : 'webp'}`;

/** Variant widths no wider than the original (an image narrower than all of them has none). */
export const availableWidths = (width: number): number[] => variantWidths.filter((w) => w <= width);
