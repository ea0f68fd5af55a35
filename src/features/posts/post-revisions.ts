import { notFound } from '../../platform/errors.js';
import { renderText } from '../../shared/richtext/index.js';
import { diffLines, type DiffLine } from '../../shared/text-diff.js';
import type { Actor } from '../staff/index.js';
import { postSnapshotSchema, type PostSnapshot } from './post-fields.js';
import type { Post } from './post.js';
import { createPostRevisionsRepository } from './post-revisions.repository.js';
import type { PostWrites } from './post-writes.js';
import type { PostsDeps } from './posts-context.js';

export interface RevisionSummary {
  id: string;
  version: number;
  createdAt: string;
  createdBy: string | null;
  title: string;
}

export interface Revision extends RevisionSummary {
  snapshot: PostSnapshot;
}

export interface FieldChange {
  field: string;
  before: unknown;
  after: unknown;
  lines?: DiffLine[];
}

/**
 * A stored snapshot, parsed: fields added since it was saved take their defaults, so an old
 * revision still shows, compares and restores.
 */
const parseSnapshot = (json: string): PostSnapshot => postSnapshotSchema.parse(JSON.parse(json));
/** Only a stored snapshot's headline, for the list: the rest (the body above all) is not checked. */
const snapshotTitle = postSnapshotSchema.pick({ title: true });
const titleOf = (json: string): string => snapshotTitle.parse(JSON.parse(json)).title;

/** Every save keeps a snapshot; editors list, view, compare and restore them. */
export function createPostRevisions(deps: PostsDeps, writes: PostWrites) {
  const repository = createPostRevisionsRepository(deps.db);

  async function get(postId: string, revisionId: string): Promise<Revision> {
    const row = await repository.find(postId, revisionId);
    if (!row) throw notFound('Revision');
    const snapshot = parseSnapshot(row.snapshot);
    return {
      id: row.id,
      version: row.version,
      createdAt: row.created_at,
      createdBy: row.created_by,
      title: snapshot.title,
      snapshot,
    };
  }

  return {
    get,
    list: async (postId: string): Promise<RevisionSummary[]> => {
      const rows = await repository.list(postId, 200);
      return rows.map((r) => ({
        id: r.id,
        version: r.version,
        createdAt: r.created_at,
        createdBy: r.created_by,
        title: titleOf(r.snapshot),
      }));
    },

    /** Field-by-field changes from one revision to another; the body as a line diff of its text. */
    diff: async (
      postId: string,
      fromId: string,
      toId: string,
    ): Promise<{ from: number; to: number; changes: FieldChange[] }> => {
      const [a, b] = await Promise.all([get(postId, fromId), get(postId, toId)]);
      const changes: FieldChange[] = [];
      for (const field of Object.keys(postSnapshotSchema.shape) as Array<keyof PostSnapshot>) {
        const before = a.snapshot[field];
        const after = b.snapshot[field];
        if (JSON.stringify(before) === JSON.stringify(after)) continue;
        if (field === 'body') {
          changes.push({
            field,
            before: null,
            after: null,
            lines: diffLines(renderText(a.snapshot.body), renderText(b.snapshot.body)),
          });
        } else {
          changes.push({ field, before, after });
        }
      }
      return { from: a.version, to: b.version, changes };
    },

    /**
     * Puts a revision's content back as a new version (history is never rewritten): an ordinary
     * edit of every field, with its checks, version, events and revision. The kind stays: it is
     * chosen when a story is created.
     */
    restore: async (actor: Actor, postId: string, revisionId: string): Promise<Post> => {
      const { snapshot } = await get(postId, revisionId);
      const current = await writes.reload(postId);
      const { kind: _kind, ...fields } = snapshot;
      return writes.update(actor, postId, { ...fields, version: current.version });
    },
  };
}
