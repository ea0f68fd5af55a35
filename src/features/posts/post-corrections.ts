import { conflict, notFound } from '../../platform/errors.js';
import { decodeCursor, pageOf, type Page } from '../../platform/pagination.js';
import { requirePermission, type Actor } from '../staff/index.js';
import { recordedCorrectionKinds, withdrawalNote } from './correction-note.js';
import { postEventPayload } from './post-event-payload.js';
import {
  findCorrection,
  headlinesOf,
  listPublicCorrectionRows,
  markWithdrawn,
} from './post-corrections.repository.js';
import type { PostWrites } from './post-writes.js';
import { postPath, type Correction } from './post.js';
import { inTransaction, type PostsDeps } from './posts-context.js';
import { createPostStatusRepository } from './post-status.repository.js';

/** One entry of the public corrections record: the correction and the story it corrects. */
export interface RecordedCorrection extends Correction {
  post: { id: string; title: string; url: string };
}

const alreadyWithdrawn = () => conflict('This correction was already withdrawn');

/** The corrections log beyond adding to it: the public record, and withdrawing (never deleting). */
export function createPostCorrections(deps: PostsDeps, writes: Pick<PostWrites, 'reload'>) {
  const statuses = createPostStatusRepository(deps.db);

  return {
    /**
     * Corrections and clarifications of published stories, newest first, by keyset cursor
     * (withdrawn ones stay, showing their note). A deleted story's corrections went with it; an
     * unpublished or draft story's are not shown.
     */
    listPublic: async (options: {
      limit: number;
      cursor?: string;
    }): Promise<Page<RecordedCorrection>> => {
      const before = options.cursor ? decodeCursor(options.cursor) : undefined;
      const rows = await listPublicCorrectionRows(deps.db, {
        limit: options.limit,
        kinds: recordedCorrectionKinds,
        ...(before ? { before } : {}),
      });
      const page = pageOf(rows, options.limit, (r) => ({ key: r.created_at, id: r.id }));
      const headlines = await headlinesOf(
        deps.db,
        page.items.map((r) => r.post_id),
      );
      return {
        next: page.next,
        items: page.items.flatMap((r) => {
          const story = headlines.get(r.post_id);
          if (!story) return [];
          return [
            {
              id: r.id,
              kind: r.kind,
              text: r.body,
              createdAt: r.created_at,
              withdrawnAt: r.withdrawn_at,
              post: { id: r.post_id, title: story.title, url: postPath(story.slug) },
            },
          ];
        }),
      };
    },

    /**
     * Withdraws a correction (editors and above): its text is replaced by a public note naming
     * the day it was made and the reason, in one transaction with the audit entry (which keeps
     * the original text) and the story's `post.updated` event (which drops the cached pages).
     */
    withdraw: async (
      actor: Actor,
      postId: string,
      correctionId: string,
      input: { reason: string; zone: { timezone: string; locale: string } },
    ): Promise<Correction> => {
      requirePermission(actor, 'posts.edit.any');
      const post = await writes.reload(postId);
      const row = await findCorrection(deps.db, postId, correctionId);
      if (!row) throw notFound('Correction');
      if (row.withdrawn_at !== null) throw alreadyWithdrawn();
      const now = deps.clock.now().toISOString();
      const note = withdrawalNote({
        kind: row.kind,
        createdAt: row.created_at,
        reason: input.reason,
        zone: input.zone,
      });
      await inTransaction(deps, async (trx, record, audit) => {
        if (!(await markWithdrawn(trx, { id: correctionId, note, at: now })))
          throw alreadyWithdrawn();
        await audit({
          action: 'post.correction_withdrawn',
          post: { id: postId, title: post.title },
          actor: actor.label,
          details: {
            correctionId,
            kind: row.kind,
            createdAt: row.created_at,
            text: row.body,
            reason: input.reason,
          },
        });
        await statuses.touch(trx, { id: postId, at: now });
        if (post.status === 'published')
          await record(
            'post.updated',
            postId,
            postEventPayload(post, { correction: correctionId }),
            actor.label,
          );
      });
      return {
        id: correctionId,
        kind: row.kind,
        text: note,
        createdAt: row.created_at,
        withdrawnAt: now,
      };
    },
  };
}
