import type { Doc } from '../../shared/richtext/index.js';
import type { LiveUpdatesTable } from './live.table.js';

/**
 * One update of a live blog. Not the correction kind `update`: a live update is its own row with
 * its own author, time and permalink (`/<slug>/updates/<id>/`).
 */
export interface LiveUpdate {
  id: string;
  postId: string;
  /** Empty once removed. */
  body: Doc;
  authorId: string | null;
  createdBy: string;
  publishedAt: string;
  /** Set when changed after it went out on a published page ("Edited at …"). */
  editedAt: string | null;
  pinned: boolean;
  keyEvent: boolean;
  /** Set when removed from a published page ("An update was removed at …"). */
  deletedAt: string | null;
  deletedNote: string | null;
  version: number;
}

/** When a live page's coverage started (first publication) and ended. */
export interface LiveCoverage {
  postId: string;
  startedAt: string | null;
  endedAt: string | null;
}

export const emptyDoc: Doc = { type: 'doc', content: [] };

function parseBody(json: string): Doc {
  try {
    return JSON.parse(json) as Doc;
  } catch {
    return emptyDoc;
  }
}

export const toLiveUpdate = (row: LiveUpdatesTable): LiveUpdate => ({
  id: row.id,
  postId: row.post_id,
  body: parseBody(row.body),
  authorId: row.author_id,
  createdBy: row.created_by,
  publishedAt: row.published_at,
  editedAt: row.edited_at,
  pinned: row.is_pinned === 1,
  keyEvent: row.is_key_event === 1,
  deletedAt: row.deleted_at,
  deletedNote: row.deleted_note,
  version: row.version,
});

/** Pinned first, then newest first (the reader page's order). */
export const pageOrder = (updates: readonly LiveUpdate[]): LiveUpdate[] =>
  [...updates].sort(
    (a, b) =>
      Number(b.pinned && !b.deletedAt) - Number(a.pinned && !a.deletedAt) ||
      b.publishedAt.localeCompare(a.publishedAt) ||
      b.id.localeCompare(a.id),
  );
