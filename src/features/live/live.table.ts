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
