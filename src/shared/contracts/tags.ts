import { z } from 'zod';
import { idSchema } from './common.js';

export const tagSchema = z.object({
  id: z.string(),
  name: z.string(),
  slug: z.string(),
  description: z.string(),
  imageMediaId: z.string().nullable(),
  isNavigation: z.boolean(),
  /** Internal (Ghost's `#tags`): usable in the admin, never shown to readers. */
  isInternal: z.boolean(),
  navigationOrder: z.number().int().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
});

export const tagCreateSchema = z.strictObject({
  name: z.string().trim().min(1, 'must not be empty').max(80),
  slug: z.string().trim().max(80).optional(),
  description: z.string().trim().max(1000).optional(),
  imageMediaId: idSchema.nullable().optional(),
  isNavigation: z.boolean().optional(),
  isInternal: z.boolean().optional(),
  navigationOrder: z.number().int().min(0).max(1000).nullable().optional(),
});

/** Every field optional; a slug is normalised like on create and must stay unique. */
export const tagUpdateSchema = tagCreateSchema.partial();
