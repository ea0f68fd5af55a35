import { notFound } from '../../platform/errors.js';
import { renderText, type Doc } from '../../shared/richtext/index.js';
import { diffLines, type DiffLine } from '../../shared/text-diff.js';
import type { Actor } from '../staff/index.js';
import type { PostSnapshot } from './post-snapshot.js';
import type { Post } from './post.js';
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

/** Every save keeps a snapshot; editors list, view, compare and restore them. */
export function createPostRevisions(deps: PostsDeps, writes: PostWrites) {
  async function get(postId: string, revisionId: string): Promise<Revision> {
    const row = await deps.db
      .selectFrom('post_revisions')
      .selectAll()
      .where('post_id', '=', postId)
      .where('id', '=', revisionId)
      .executeTakeFirst();
    if (!row) throw notFound('Revision');
    const snapshot = JSON.parse(row.snapshot) as PostSnapshot;
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
      const rows = await deps.db
        .selectFrom('post_revisions')
        .select(['id', 'version', 'created_at', 'created_by', 'snapshot'])
        .where('post_id', '=', postId)
        .orderBy('version', 'desc')
        .limit(200)
        .execute();
      return rows.map((r) => ({
        id: r.id,
        version: r.version,
        createdAt: r.created_at,
        createdBy: r.created_by,
        title: (JSON.parse(r.snapshot) as PostSnapshot).title,
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
      for (const field of Object.keys({ ...a.snapshot, ...b.snapshot }) as Array<
        keyof PostSnapshot
      >) {
        const before = a.snapshot[field];
        const after = b.snapshot[field];
        if (JSON.stringify(before) === JSON.stringify(after)) continue;
        if (field === 'body') {
          changes.push({
            field,
            before: null,
            after: null,
            lines: diffLines(renderText(before as Doc), renderText(after as Doc)),
          });
        } else {
          changes.push({ field, before, after });
        }
      }
      return { from: a.version, to: b.version, changes };
    },

    /** Puts a revision's content back as a new version (history is never rewritten). */
    restore: async (actor: Actor, postId: string, revisionId: string): Promise<Post> => {
      const revision = await get(postId, revisionId);
      const current = await writes.reload(postId);
      const s = revision.snapshot;
      return writes.update(actor, postId, {
        version: current.version,
        title: s.title,
        slug: s.slug,
        dek: s.dek,
        body: s.body,
        customExcerpt: s.customExcerpt,
        leadImage: s.leadImage,
        authorIds: s.authorIds,
        tagIds: s.tagIds,
        visibility: s.visibility,
        isFeatured: s.isFeatured,
        topStoryOrder: s.topStoryOrder,
        isBreaking: s.isBreaking,
        publicUpdatedAt: s.publicUpdatedAt,
        seo: s.seo,
        canonicalUrl: s.canonicalUrl,
        language: s.language,
      });
    },
  };
}
