/** Kysely table types of live blogs (for the runtime only; see migrations/…-1720-live-updates.ts). */
export interface LiveUpdatesTable {
  id: string;
  post_id: string;
  /** The update's document, as JSON. */
  body: string;
  author_id: string | null;
  /** Who posted it: "staff:<id>" or "token:<id>" (ownership for edits). */
  created_by: string;
  published_at: string;
  edited_at: string | null;
  is_pinned: number;
  is_key_event: number;
  deleted_at: string | null;
  deleted_note: string | null;
  version: number;
}

export interface LiveCoverageTable {
  post_id: string;
  ended_at: string;
  ended_by: string;
}

export interface LiveTables {
  live_updates: LiveUpdatesTable;
  live_coverage: LiveCoverageTable;
}

/**
 * The few columns of the posts feature's table that live reads (never writes): whether a live
 * page is published (the News Feed shows only its key events), and its row, which a post and
 * the end of coverage lock so they take turns (see live.repository.ts `lockPage`).
 */
export interface LivePostsReadTables {
  posts: { id: string; status: string; kind: string };
}
