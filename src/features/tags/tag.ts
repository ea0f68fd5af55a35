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
  /**
   * An internal tag (Ghost's `#tags`): for the newsroom's own organising and filtering in the
   * admin, never shown to readers — no tag page, chip, feed, sitemap or Content API entry.
   */
  isInternal: boolean;
  navigationOrder: number | null;
  createdAt: string;
  updatedAt: string;
}

/** Whether readers may see a tag (its page, its chip on a story, feeds, sitemaps, APIs). */
export const isPublicTag = (tag: { isInternal: boolean }): boolean => !tag.isInternal;

/** The input schemas are the Admin API contract, shared with the admin app. */
export const tagInputSchema = tagCreateSchema;
export type TagInput = z.infer<typeof tagInputSchema>;
export const tagPatchSchema = tagUpdateSchema;
export type TagPatch = z.infer<typeof tagPatchSchema>;
