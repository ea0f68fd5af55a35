import type { NqlNode } from '../../shared/nql/nql-filter.js';
import type { PostKind } from './post.js';

/** What Ghost's `order` may sort posts by, and the column each reads. */
export const ghostPostOrderColumns = {
  published_at: 'published_at',
  updated_at: 'updated_at',
  created_at: 'created_at',
  title: 'title',
  slug: 'slug',
  featured: 'is_featured',
  id: 'id',
} as const;
export type GhostPostOrderField = keyof typeof ghostPostOrderColumns;

export interface GhostPostsQuery {
  /** article and brief for `posts/`, page for `pages/`. */
  kinds: readonly PostKind[];
  /** Checked against the posts' filter fields here (a 400 for any other). */
  filter?: NqlNode | undefined;
  order: ReadonlyArray<{ field: GhostPostOrderField; direction: 'asc' | 'desc' }>;
  limit: number;
  offset: number;
  /**
   * The count stops here: a page-number answer reports its total, but no request counts more
   * rows than the deepest page it may ask for could show (plus one, to know there are more).
   */
  countCap: number;
}
