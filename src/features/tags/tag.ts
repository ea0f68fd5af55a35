import type { z } from 'zod';
import { tagCreateSchema, tagUpdateSchema } from '../../shared/contracts/tags.js';

/** Sections are tags shown in the site's navigation; the first tag on a post is its primary one. */
export interface Tag {
  id: string;
  name: string;
  slug: string;
  description: string;
  imageMediaId: string | null;
  isNavigation: boolean;
  navigationOrder: number | null;
  createdAt: string;
  updatedAt: string;
}

/** The input schemas are the Admin API contract, shared with the admin app. */
export const tagInputSchema = tagCreateSchema;
export type TagInput = z.infer<typeof tagInputSchema>;
export const tagPatchSchema = tagUpdateSchema;
export type TagPatch = z.infer<typeof tagPatchSchema>;
