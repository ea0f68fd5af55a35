import type { Doc } from '../../shared/richtext/index.js';

export const postKinds = ['article', 'brief', 'page'] as const;
export type PostKind = (typeof postKinds)[number];
export const postStatuses = [
  'draft',
  'in_review',
  'scheduled',
  'published',
  'unpublished',
] as const;
export type PostStatus = (typeof postStatuses)[number];
export const visibilities = ['public', 'members', 'paid'] as const;
export type Visibility = (typeof visibilities)[number];
export const correctionKinds = ['correction', 'clarification', 'update'] as const;
export type CorrectionKind = (typeof correctionKinds)[number];

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

export interface LeadImage {
  mediaId: string;
  alt: string;
  caption: string;
  credit: string;
}

export interface Correction {
  id: string;
  kind: CorrectionKind;
  text: string;
  createdAt: string;
}

/** A post as every front door sees it (the Admin API adds nothing hidden beyond `createdBy`). */
export interface Post {
  id: string;
  kind: PostKind;
  slug: string;
  url: string;
  status: PostStatus;
  visibility: Visibility;
  title: string;
  dek: string;
  body: Doc;
  excerpt: string;
  customExcerpt: string | null;
  leadImage: LeadImage | null;
  authors: PostAuthorRef[];
  tags: PostTagRef[];
  isFeatured: boolean;
  topStoryOrder: number | null;
  isBreaking: boolean;
  publishedAt: string | null;
  scheduledAt: string | null;
  publishedLate: boolean;
  publicUpdatedAt: string | null;
  seo: { title: string | null; description: string | null; socialImageUrl: string | null };
  canonicalUrl: string | null;
  language: string | null;
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
