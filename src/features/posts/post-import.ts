import type { Insertable } from 'kysely';
import {
  countWords,
  deriveExcerpt,
  readingMinutes,
  type Doc,
} from '../../shared/richtext/index.js';
import type { CorrectionKind, PostKind, PostStatus, Visibility } from './post.js';
import type { PostsTable } from './posts.table.js';

/** A post from a trusted source (the demo generator, an import file) with ids already resolved. */
export interface ImportedPost {
  id: string;
  kind: PostKind;
  slug: string;
  title: string;
  dek?: string;
  body: Doc;
  authorIds: string[];
  tagIds: string[];
  status: PostStatus;
  visibility?: Visibility;
  publishedAt?: string | null;
  publicUpdatedAt?: string | null;
  leadImage?: { mediaId: string; alt: string; caption: string; credit: string } | null;
  isFeatured?: boolean;
  topStoryOrder?: number | null;
  isBreaking?: boolean;
  corrections?: Array<{ id: string; kind: CorrectionKind; text: string; createdAt: string }>;
  createdBy?: string | null;
}

/** The stored row for a post: derived fields (excerpt, word count, reading time) computed here. */
export function postRowOf(post: ImportedPost, at: string): Insertable<PostsTable> {
  return {
    id: post.id,
    kind: post.kind,
    slug: post.slug,
    title: post.title,
    dek: post.dek ?? '',
    body: JSON.stringify(post.body),
    excerpt: deriveExcerpt(post.body),
    custom_excerpt: null,
    lead_media_id: post.leadImage?.mediaId ?? null,
    lead_alt: post.leadImage?.alt ?? null,
    lead_caption: post.leadImage?.caption ?? null,
    lead_credit: post.leadImage?.credit ?? null,
    status: post.status,
    visibility: post.visibility ?? 'public',
    is_featured: post.isFeatured ? 1 : 0,
    top_story_order: post.topStoryOrder ?? null,
    is_breaking: post.isBreaking ? 1 : 0,
    published_at: post.publishedAt ?? null,
    scheduled_at: null,
    published_late: 0,
    public_updated_at: post.publicUpdatedAt ?? null,
    seo_title: null,
    seo_description: null,
    social_image_url: null,
    canonical_url: null,
    language: null,
    word_count: countWords(post.body),
    reading_minutes: readingMinutes(post.body),
    version: 1,
    created_by: post.createdBy ?? null,
    created_by_token: null,
    created_at: post.publishedAt ?? at,
    updated_at: post.publicUpdatedAt ?? post.publishedAt ?? at,
  };
}
