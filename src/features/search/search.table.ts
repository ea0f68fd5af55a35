/**
 * One row per post, written in the same transaction as the post. The engine's own index over it
 * (FTS5 on SQLite, a generated tsvector on PostgreSQL) is not part of this type: it lives behind
 * platform/db/full-text.ts.
 */
export interface PostSearchTable {
  post_id: string;
  status: string;
  kind: string;
  published_at: string | null;
  title: string;
  dek: string;
  /** The teaser readers who may not read the body can search: the post's excerpt. */
  excerpt: string;
  /** public, members or paid: who may find the post by its body words. */
  visibility: string;
  body_text: string;
}

export interface SearchTables {
  post_search: PostSearchTable;
}
