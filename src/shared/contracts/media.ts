import { z } from 'zod';
import { cursorSchema, limitSchema } from './common.js';

export const mediaSchema = z.object({
  id: z.string(),
  mime: z.string(),
  width: z.number().int(),
  height: z.number().int(),
  bytes: z.number().int(),
  alt: z.string(),
  caption: z.string(),
  credit: z.string(),
  focalPoint: z.object({ x: z.number(), y: z.number() }),
  originalName: z.string(),
  createdAt: z.string(),
  url: z.string(),
  widths: z.array(z.number().int()),
});

export const mediaUpdateSchema = z.strictObject({
  alt: z.string().trim().max(500).optional(),
  caption: z.string().trim().max(1000).optional(),
  credit: z.string().trim().max(200).optional(),
  focalPoint: z
    .strictObject({ x: z.number().min(0).max(1), y: z.number().min(0).max(1) })
    .optional(),
});

/** The media library, newest first; `q` matches alt text, caption, credit and file name. */
export const mediaListQuerySchema = z.strictObject({
  q: z.string().trim().min(1, 'must not be empty').max(200).optional(),
  limit: limitSchema,
  cursor: cursorSchema,
});
export type MediaListQuery = z.infer<typeof mediaListQuerySchema>;
