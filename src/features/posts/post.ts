import type { z } from 'zod';
import {
  correctionKindSchema,
  postKindSchema,
  postStatusSchema,
  visibilitySchema,
} from '../../shared/contracts/posts.js';
import type { PostContent } from './post-fields.js';

// The enums are the API contract's, so a value the API accepts is one the table can hold.
export const postKinds = postKindSchema.options;
export type PostKind = z.output<typeof postKindSchema>;
export const postStatuses = postStatusSchema.options;
export type PostStatus = z.output<typeof postStatusSchema>;
export const visibilities = visibilitySchema.options;
export type Visibility = z.output<typeof visibilitySchema>;
export const correctionKinds = correctionKindSchema.options;
export type CorrectionKind = z.output<typeof correctionKindSchema>;

export interface PostAuthorRef {
  id: string;
  name: string;
  slug: string;
  roleTitle: string;
}

export interface PostTagRef {
  id: string;
  name: string;
  slug: string;
  isNavigation: boolean;
}

export interface Correction {
  id: string;
  kind: CorrectionKind;
  text: string;
  createdAt: string;
  /** When an editor withdrew it; `text` is then the public note left in its place. */
  withdrawnAt: string | null;
}

/**
 * A post as every front door sees it (the Admin API adds nothing hidden beyond `createdBy`):
 * its content fields (post-fields.ts) and what the newsroom keeps about it.
 */
export interface Post extends PostContent {
  id: string;
  url: string;
  status: PostStatus;
  /** The custom excerpt, or one derived from the body. */
  excerpt: string;
  authors: PostAuthorRef[];
  tags: PostTagRef[];
  publishedAt: string | null;
  scheduledAt: string | null;
  publishedLate: boolean;
  wordCount: number;
  readingMinutes: number;
  corrections: Correction[];
  version: number;
  createdBy: string | null;
  /** The Admin API token that created it, if a token did. */
  createdByToken: string | null;
  createdAt: string;
  updatedAt: string;
}

/** Pages live at /<slug>/ like stories; the reader site routes both. */
export const postPath = (slug: string): string => `/${slug}/`;
