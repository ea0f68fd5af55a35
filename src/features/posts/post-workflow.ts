import { AppError, notFound, validationError } from '../../platform/errors.js';
import { newId } from '../../platform/ids.js';
import { renderText } from '../../shared/richtext/index.js';
import { systemActor, type Actor } from '../staff/index.js';
import { assertCanEdit, assertCanPublish, assertCanSubmit, ownershipOf } from './post-access.js';
import type { Correction, CorrectionKind, Post, PostStatus } from './post.js';
import { postEventPayload } from './post-event-payload.js';
import type { PostTx, PostWrites } from './post-writes.js';
import { inTransaction, type PostsDeps } from './posts-context.js';
import { setLinkTimes } from './post-links.repository.js';
import { createPostStatusRepository } from './post-status.repository.js';
import { createPostsRepository, type PostsDb } from './posts.repository.js';

/**
 * A scheduled post counts as late when it goes out more than this after its time: the scheduler
 * runs every second, so only a server that was down (or stuck) at that moment is this late.
 */
const lateAfterMs = 5_000;
const maxScheduleAheadMs = 2 * 365 * 24 * 3600 * 1000;

const badTransition = (from: PostStatus, to: string) =>
  new AppError({
    code: 'INVALID_STATUS',
    status: 409,
    message: `A ${from.replace('_', ' ')} story cannot be ${to}`,
  });

export function createPostWorkflow(deps: PostsDeps, writes: PostWrites) {
  const statuses = createPostStatusRepository(deps.db);
  const posts = createPostsRepository(deps.db);

  async function reindex(
    trx: PostsDb,
    post: Post,
    status: PostStatus,
    publishedAt: string | null,
  ): Promise<void> {
    await deps.indexer?.index(trx, {
      postId: post.id,
      status,
      kind: post.kind,
      publishedAt,
      title: post.title,
      dek: post.dek,
      visibility: post.visibility,
      excerpt: post.excerpt,
      bodyText: renderText(post.body),
    });
  }

  /** Moves a post to published now, in one transaction with its event. */
  async function publishNow(
    post: Post,
    actor: Actor,
    options: { fromStatuses: PostStatus[]; isLate?: boolean },
  ): Promise<boolean> {
    return inTransaction(deps, (trx, record, audit) =>
      publishIn({ trx, record, audit }, post, actor, options),
    );
  }

  /** Moves a post to published now inside `tx`; false when another writer got there first. */
  async function publishIn(
    tx: PostTx,
    post: Post,
    actor: Actor,
    options: { fromStatuses: PostStatus[]; isLate?: boolean },
  ): Promise<boolean> {
    const { trx, record, audit } = tx;
    const now = deps.clock.now().toISOString();
    // Keep the first publication time when a story is republished after a correction or unpublish.
    const publishedAt = post.publishedAt ?? now;
    const isPublished = await statuses.publish(trx, {
      id: post.id,
      from: options.fromStatuses,
      publishedAt,
      isLate: options.isLate ?? false,
      at: now,
      version: post.version,
    });
    // Another process (or request) got there first: exactly one of them publishes.
    if (!isPublished) return false;
    await setLinkTimes(trx, post.id, publishedAt);
    await reindex(trx, post, 'published', publishedAt);
    await record(
      'post.published',
      post.id,
      postEventPayload(post, { isLate: options.isLate ?? false }),
      actor.label,
    );
    await audit({
      action: 'post.published',
      post: { id: post.id, title: post.title },
      actor: actor.label,
      details: {
        from: post.status,
        ...(post.status === 'scheduled' ? { scheduledAt: post.scheduledAt } : {}),
        ...(options.isLate ? { isLate: true } : {}),
      },
    });
    return true;
  }

  /** Sends a draft for review (through `trx`, the caller's transaction or the database). */
  async function submitIn(trx: PostsDb, actor: Actor, post: Post): Promise<void> {
    assertCanSubmit(actor, ownershipOf(post));
    if (post.status !== 'draft') throw badTransition(post.status, 'submitted for review');
    await statuses.setStatus(trx, {
      id: post.id,
      to: 'in_review',
      from: 'draft',
      at: deps.clock.now().toISOString(),
      version: post.version,
    });
  }

  /** Takes a published or scheduled post down inside `tx` (one audit entry, one event if live). */
  async function unpublishIn(tx: PostTx, actor: Actor, post: Post): Promise<void> {
    const { trx, record, audit } = tx;
    const now = deps.clock.now().toISOString();
    await statuses.setStatus(trx, {
      id: post.id,
      to: 'unpublished',
      at: now,
      version: post.version,
    });
    await setLinkTimes(trx, post.id, null);
    await reindex(trx, post, 'unpublished', post.publishedAt);
    const ref = { id: post.id, title: post.title };
    if (post.status === 'published') {
      await record('post.unpublished', post.id, postEventPayload(post), actor.label);
      await audit({ action: 'post.unpublished', post: ref, actor: actor.label });
    } else {
      await audit({
        action: 'post.schedule_cancelled',
        post: ref,
        actor: actor.label,
        details: { scheduledAt: post.scheduledAt },
      });
    }
  }

  return {
    unpublishIn,
    submitIn,
    submit: async (actor: Actor, id: string): Promise<Post> => {
      await submitIn(deps.db, actor, await writes.reload(id));
      return writes.reload(id);
    },

    /** Publishes a draft inside `tx` (a brief's second step, in the draft's own transaction). */
    publishDraftIn: async (tx: PostTx, actor: Actor, draft: Post): Promise<void> => {
      assertCanPublish(actor, ownershipOf(draft));
      await publishIn(tx, draft, actor, { fromStatuses: ['draft'] });
    },

    publish: async (actor: Actor, id: string): Promise<Post> => {
      const post = await writes.reload(id);
      assertCanPublish(actor, ownershipOf(post));
      if (post.status === 'published') return post;
      await publishNow(post, actor, {
        fromStatuses: ['draft', 'in_review', 'scheduled', 'unpublished'],
      });
      return writes.reload(id);
    },

    unpublish: async (actor: Actor, id: string): Promise<Post> => {
      const post = await writes.reload(id);
      assertCanPublish(actor, ownershipOf(post));
      if (post.status !== 'published' && post.status !== 'scheduled')
        throw badTransition(post.status, 'unpublished');
      await inTransaction(deps, (trx, record, audit) =>
        unpublishIn({ trx, record, audit }, actor, post),
      );
      return writes.reload(id);
    },

    schedule: async (actor: Actor, id: string, atIso: string): Promise<Post> => {
      const post = await writes.reload(id);
      assertCanPublish(actor, ownershipOf(post));
      if (post.status === 'published')
        throw badTransition(post.status, 'scheduled; unpublish it first');
      const at = new Date(atIso);
      const now = deps.clock.now();
      if (at.getTime() <= now.getTime())
        throw validationError([{ field: 'at', message: 'must be in the future' }]);
      if (at.getTime() - now.getTime() > maxScheduleAheadMs)
        throw validationError([{ field: 'at', message: 'must be within two years' }]);
      await inTransaction(deps, async (trx, _record, audit) => {
        await statuses.setStatus(trx, {
          id,
          to: 'scheduled',
          scheduledAt: at.toISOString(),
          at: now.toISOString(),
          version: post.version,
        });
        await audit({
          action: 'post.scheduled',
          post: { id, title: post.title },
          actor: actor.label,
          details: { at: at.toISOString(), ...(post.scheduledAt ? { was: post.scheduledAt } : {}) },
        });
      });
      return writes.reload(id);
    },

    /**
     * Publishes every scheduled post whose time has come, each exactly once even when several
     * processes run this at the same moment (the status change is a compare-and-set).
     */
    publishDue: async (): Promise<Array<{ id: string; isLate: boolean }>> => {
      const now = deps.clock.now();
      const due = await statuses.dueBy(now.toISOString(), 100);
      const published: Array<{ id: string; isLate: boolean }> = [];
      for (const { id, scheduled_at } of due) {
        const post = await writes.reload(id).catch(() => undefined);
        if (!post || post.status !== 'scheduled') continue;
        const isLate = now.getTime() - new Date(scheduled_at ?? now).getTime() > lateAfterMs;
        if (await publishNow(post, systemActor, { fromStatuses: ['scheduled'], isLate }))
          published.push({ id, isLate });
      }
      return published;
    },

    addCorrection: async (
      actor: Actor,
      id: string,
      input: { kind: CorrectionKind; text: string },
    ): Promise<Correction> => {
      const post = await writes.reload(id);
      assertCanEdit(actor, ownershipOf(post));
      const now = deps.clock.now().toISOString();
      const correction = {
        id: newId(),
        post_id: id,
        kind: input.kind,
        body: input.text,
        created_by: actor.userId,
        created_at: now,
      };
      await inTransaction(deps, async (trx, record, audit) => {
        await audit({
          action: 'post.correction_added',
          post: { id, title: post.title },
          actor: actor.label,
          details: { kind: input.kind, text: input.text.slice(0, 200) },
        });
        await posts.insertCorrections(trx, [correction]);
        await statuses.touch(trx, { id, at: now });
        if (post.status === 'published')
          await record(
            'post.updated',
            id,
            postEventPayload(post, { correction: correction.id }),
            actor.label,
          );
      });
      return {
        id: correction.id,
        kind: input.kind,
        text: input.text,
        createdAt: now,
        withdrawnAt: null,
      };
    },

    ensureExists: async (id: string): Promise<void> => {
      if (!(await posts.exists(id))) throw notFound('Post');
    },
  };
}

export type PostWorkflow = ReturnType<typeof createPostWorkflow>;
