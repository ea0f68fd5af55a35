import { z } from 'zod';

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

export const tagInputSchema = z.strictObject({
  name: z.string().trim().min(1, 'must not be empty').max(80),
  slug: z.string().trim().max(80).optional(),
  description: z.string().trim().max(1000).optional(),
  imageMediaId: z.string().nullable().optional(),
  isNavigation: z.boolean().optional(),
  navigationOrder: z.number().int().min(0).max(1000).nullable().optional(),
});

export type TagInput = z.infer<typeof tagInputSchema>;
