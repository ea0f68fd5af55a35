import type { CorrectionKind, PostKind, PostStatus, Visibility } from './post.js';

/** Enum columns are typed as their unions; rows read back are parsed (post-fields.ts, the loader). */
export interface PostsTable {
  id: string;
  kind: PostKind;
  slug: string;
  title: string;
  dek: string;
  body: string;
  excerpt: string;
  custom_excerpt: string | null;
  lead_media_id: string | null;
  lead_alt: string | null;
  lead_caption: string | null;
  lead_credit: string | null;
  status: PostStatus;
  visibility: Visibility;
  is_featured: number;
  top_story_order: number | null;
  is_breaking: number;
  published_at: string | null;
  scheduled_at: string | null;
  published_late: number;
  public_updated_at: string | null;
  seo_title: string | null;
  seo_description: string | null;
  social_image_url: string | null;
  canonical_url: string | null;
  language: string | null;
  word_count: number;
  reading_minutes: number;
  version: number;
  created_by: string | null;
  created_by_token: string | null;
  created_at: string;
  updated_at: string;
}

export interface PostAuthorsTable {
  post_id: string;
  author_id: string;
  position: number;
  published_at: string | null;
}

export interface PostTagsTable {
  post_id: string;
  tag_id: string;
  position: number;
  published_at: string | null;
}

export interface PostSlugHistoryTable {
  slug: string;
  post_id: string;
  created_at: string;
}

export interface PostCorrectionsTable {
  id: string;
  post_id: string;
  kind: CorrectionKind;
  body: string;
  created_by: string | null;
  created_at: string;
  /** Set when an editor withdrew it: `body` is then the public note that replaced it. */
  withdrawn_at: string | null;
}

export interface PostRevisionsTable {
  id: string;
  post_id: string;
  version: number;
  snapshot: string;
  created_by: string | null;
  created_at: string;
}

/** A full part of the stories sitemap, as the sitemap job last worked it out. */
export interface PostSitemapPartsTable {
  list: string;
  page_size: number;
  part: number;
  end_at: string;
  end_id: string;
  stories: number;
  changed_at: string;
  computed_at: string;
}

export interface PostsTables {
  posts: PostsTable;
  post_authors: PostAuthorsTable;
  post_tags: PostTagsTable;
  post_slug_history: PostSlugHistoryTable;
  post_corrections: PostCorrectionsTable;
  post_revisions: PostRevisionsTable;
  post_sitemap_parts: PostSitemapPartsTable;
}
