import type { Doc } from '../../shared/richtext/index.js';
import type { PostKind, Visibility } from './post.js';

/** Everything an editor can change: what a revision keeps and a restore puts back. */
export interface PostSnapshot {
  kind: PostKind;
  title: string;
  slug: string;
  dek: string;
  body: Doc;
  customExcerpt: string | null;
  leadImage: { mediaId: string; alt: string; caption: string; credit: string } | null;
  authorIds: string[];
  tagIds: string[];
  visibility: Visibility;
  isFeatured: boolean;
  topStoryOrder: number | null;
  isBreaking: boolean;
  publicUpdatedAt: string | null;
  seo: { title: string | null; description: string | null; socialImageUrl: string | null };
  canonicalUrl: string | null;
  language: string | null;
}

export const emptyDoc: Doc = { type: 'doc', content: [] };
