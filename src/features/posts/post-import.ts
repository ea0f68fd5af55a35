import type { Insertable } from 'kysely';
import { validationError } from '../../platform/errors.js';
import type { Doc } from '../../shared/richtext/index.js';
import { applyPatch, blankSnapshot, contentColumns } from './post-fields.js';
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
  /** For `scheduled` posts: when the scheduler publishes them. */
  scheduledAt?: string | null;
  publicUpdatedAt?: string | null;
  customExcerpt?: string | null;
  seo?: { title: string | null; description: string | null; socialImageUrl: string | null };
  canonicalUrl?: string | null;
  leadImage?: { mediaId: string; alt: string; caption: string; credit: string } | null;
  isFeatured?: boolean;
  topStoryOrder?: number | null;
  isBreaking?: boolean;
  corrections?: Array<{ id: string; kind: CorrectionKind; text: string; createdAt: string }>;
  createdBy?: string | null;
}

/**
 * An imported time must be one: a bad one is refused naming the story and the field (400), not
 * met as a RangeError ("Invalid time value") from `toISOString` deep in the write.
 */
function checkTimes(post: ImportedPost): void {
  for (const field of ['publishedAt', 'publicUpdatedAt', 'scheduledAt'] as const) {
    const value = post[field];
    if (value != null && Number.isNaN(Date.parse(value)))
      throw validationError([
        { field, message: `"${value}" is not a date and time (story "${post.slug}")` },
      ]);
  }
}

/** The stored row for a post: its content as an edit would write it (defaults for the rest). */
export function postRowOf(post: ImportedPost, at: string): Insertable<PostsTable> {
  checkTimes(post);
  return {
    ...contentColumns(applyPatch(blankSnapshot(), post)),
    id: post.id,
    status: post.status,
    published_at: post.publishedAt ?? null,
    scheduled_at: post.status === 'scheduled' ? (post.scheduledAt ?? null) : null,
    published_late: 0,
    version: 1,
    created_by: post.createdBy ?? null,
    created_by_token: null,
    created_at: post.publishedAt ?? at,
    updated_at: post.publicUpdatedAt ?? post.publishedAt ?? at,
  };
}
