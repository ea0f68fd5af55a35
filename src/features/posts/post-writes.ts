import { isUniqueViolation } from '../../platform/db/index.js';
import { AppError, conflict, notFound, validationError } from '../../platform/errors.js';
import { newId } from '../../platform/ids.js';
import { renderText } from '../../shared/richtext/index.js';
import { pickFreeSlug, slugify } from '../../shared/slug.js';
import type { PostCreateInput, PostUpdateInput } from '../../shared/contracts/posts.js';
import { requirePermission, type Actor } from '../staff/index.js';
import type { EventType } from '../events/index.js';
import {
  assertCanDelete,
  assertCanEdit,
  assertCanPublish,
  assertCanReadPost,
  ownershipOf,
} from './post-access.js';
import {
  applyPatch,
  blankSnapshot,
  contentColumns,
  emptyDoc,
  snapshotOf,
  type PostSnapshot,
} from './post-fields.js';
import { checkReferences, checkSlug, validateBody } from './post-validation.js';
import type { Post } from './post.js';
import { postEventPayload } from './post-event-payload.js';
import { inTransaction, type PostAuditEntry, type PostsDeps } from './posts-context.js';
import { replaceLinks } from './post-links.repository.js';
import { loadPosts } from './post-loader.repository.js';
import { createPostRevisionsRepository } from './post-revisions.repository.js';
import { createPostsRepository, type PostRow, type PostsDb } from './posts.repository.js';

/** Home-page placement is an editor's call: others may not change it. */
function checkPlacement(actor: Actor, before: PostSnapshot | undefined, after: PostSnapshot): void {
  const placement = (s: PostSnapshot | undefined) =>
    JSON.stringify([s?.isFeatured ?? false, s?.topStoryOrder ?? null, s?.isBreaking ?? false]);
  if (placement(before) !== placement(after)) requirePermission(actor, 'posts.setFeatured');
}

export function createPostWrites(deps: PostsDeps) {
  const posts = createPostsRepository(deps.db);
  const revisions = createPostRevisionsRepository(deps.db);
  async function loadRow(trx: PostsDb, id: string): Promise<PostRow> {
    const row = await posts.findById(id, trx);
    if (!row) throw notFound('Post');
    return row;
  }

  /** Writes links, revision and search entry for a post whose row is already saved. */
  async function saveDependents(
    trx: PostsDb,
    row: PostRow,
    snapshot: PostSnapshot,
    actor: Actor,
  ): Promise<void> {
    await replaceLinks(trx, {
      postId: row.id,
      authorIds: snapshot.authorIds,
      tagIds: snapshot.tagIds,
      publishedAt: row.status === 'published' ? row.published_at : null,
    });
    await revisions.insert(trx, {
      id: newId(),
      post_id: row.id,
      version: row.version,
      snapshot: JSON.stringify(snapshot),
      created_by: actor.userId,
      created_at: row.updated_at,
    });
    await deps.indexer?.index(trx, {
      postId: row.id,
      status: row.status,
      kind: row.kind,
      publishedAt: row.published_at,
      title: row.title,
      dek: row.dek,
      visibility: row.visibility,
      excerpt: row.custom_excerpt ?? row.excerpt,
      bodyText: renderText(snapshot.body),
    });
  }

  /** Saves `next` over `current` (which must still be at `expectedVersion`), inside `tx`. */
  async function writeSnapshot(
    tx: PostTx,
    actor: Actor,
    current: Post,
    next: PostSnapshot,
    expectedVersion: number,
    auditDetails: Record<string, unknown> = {},
  ): Promise<void> {
    const { trx, record, audit } = tx;
    const at = deps.clock.now().toISOString();
    const saved = await posts.updateIfVersion(trx, {
      id: current.id,
      expectedVersion,
      values: { ...contentColumns(next), version: current.version + 1, updated_at: at },
    });
    if (!saved) throw staleVersion(await reload(current.id));
    if (next.slug !== current.slug)
      await posts.recordRename(trx, { postId: current.id, from: current.slug, to: next.slug, at });
    const row = await loadRow(trx, current.id);
    await saveDependents(trx, row, next, actor);
    if (row.status === 'published') {
      const [updated] = await loadPosts(trx, [row]);
      if (updated)
        await record(
          'post.updated',
          current.id,
          postEventPayload(updated, {}, current),
          actor.label,
        );
    }
    // Drafts autosave every few seconds: the log keeps the edits readers can see, and bulk edits.
    if (row.status === 'published' || Object.keys(auditDetails).length > 0) {
      await audit({
        action: 'post.updated',
        post: { id: current.id, title: next.title },
        actor: actor.label,
        details: { version: current.version + 1, ...auditDetails },
      });
    }
  }

  /** Deletes `post` inside `tx` (a published one is logged as unpublished, then deleted). */
  async function removeIn(tx: PostTx, actor: Actor, post: Post): Promise<void> {
    const { trx, record, audit } = tx;
    await deps.indexer?.remove(trx, post.id);
    await posts.delete(trx, post.id);
    await record(
      'post.deleted',
      post.id,
      postEventPayload(post, { wasPublished: post.status === 'published' }),
      actor.label,
    );
    const ref = { id: post.id, title: post.title };
    if (post.status === 'published')
      await audit({ action: 'post.unpublished', post: ref, actor: actor.label });
    await audit({
      action: 'post.deleted',
      post: ref,
      actor: actor.label,
      details: { status: post.status },
    });
  }

  async function reload(id: string): Promise<Post> {
    const row = await posts.findById(id);
    if (!row) throw notFound('Post');
    const [post] = await loadPosts(deps.db, [row]);
    if (!post) throw notFound('Post');
    return post;
  }

  /**
   * Saves a new draft with this content, its first revision and an audit entry. `afterInsert`
   * runs in the same transaction with the new draft (a brief's publish): if it fails, nothing is
   * kept.
   */
  async function insertDraft(
    actor: Actor,
    snapshot: PostSnapshot,
    entry: Pick<PostAuditEntry, 'action' | 'details'>,
    afterInsert?: AfterInsert,
  ): Promise<Post> {
    const at = deps.clock.now().toISOString();
    const id = newId();
    await inTransaction(deps, async (trx, record, audit) => {
      const row: PostRow = {
        ...contentColumns(snapshot),
        id,
        status: 'draft',
        published_at: null,
        scheduled_at: null,
        published_late: 0,
        version: 1,
        created_by: actor.userId,
        created_by_token: actor.tokenId,
        created_at: at,
        updated_at: at,
      };
      await posts.insert(trx, [row]);
      await saveDependents(trx, row, snapshot, actor);
      await audit({ ...entry, post: { id, title: snapshot.title }, actor: actor.label });
      if (afterInsert) {
        const [draft] = await loadPosts(trx, [row]);
        if (!draft) throw notFound('Post');
        await afterInsert({ trx, record, audit }, draft);
      }
    });
    return reload(id);
  }

  /**
   * Saves a new draft under the first free slug from `base`. Two drafts with one headline at
   * once both find the same slug free and the database refuses the second insert: that one takes
   * the next free slug instead of failing (as bylines do).
   */
  async function insertDraftWithFreeSlug(
    actor: Actor,
    snapshot: PostSnapshot,
    base: string,
    entry: Pick<PostAuditEntry, 'action' | 'details'>,
    afterInsert?: AfterInsert,
  ): Promise<Post> {
    for (let attempt = 1; ; attempt += 1) {
      const slug = await pickFreeSlug(base, (s) => deps.refs.slugTakenByOther(s, null));
      try {
        return await insertDraft(actor, { ...snapshot, slug }, entry, afterInsert);
      } catch (error) {
        if (!(await isSlugRace(error, slug, null))) throw error;
        if (attempt === 10)
          throw conflict('A story with this address was created at the same moment; try again');
      }
    }
  }

  /** Whether a failed write lost a race for its slug (another story took it meanwhile). */
  async function isSlugRace(error: unknown, slug: string, postId: string | null): Promise<boolean> {
    return isUniqueViolation(error) && (await deps.refs.slugTakenByOther(slug, postId));
  }

  /** A new draft from the API's input; `afterInsert` as for insertDraft. */
  async function createDraft(
    actor: Actor,
    input: PostCreateInput,
    afterInsert?: AfterInsert,
  ): Promise<Post> {
    requirePermission(actor, 'posts.create');
    const body = validateBody(actor, input.body ?? emptyDoc, undefined);
    const base = { ...blankSnapshot(), authorIds: actor.authorId ? [actor.authorId] : [] };
    // The slug is settled below, once the rest is known to be acceptable.
    const snapshot = applyPatch(base, { ...input, body, slug: undefined });
    if (snapshot.authorIds.length === 0) {
      throw validationError([
        {
          field: 'authorIds',
          message: 'must name at least one author (tokens have no byline of their own)',
        },
      ]);
    }
    checkPlacement(actor, undefined, snapshot);
    const slug =
      input.slug === undefined ? undefined : await checkSlug(input.slug, null, deps.refs);
    await checkReferences(snapshot, deps.refs);
    if (slug === undefined) {
      return insertDraftWithFreeSlug(
        actor,
        snapshot,
        slugify(input.title) || 'story',
        { action: 'post.created' },
        afterInsert,
      );
    }
    snapshot.slug = slug;
    try {
      return await insertDraft(actor, snapshot, { action: 'post.created' }, afterInsert);
    } catch (error) {
      // The slug asked for was taken meanwhile: the same answer as had it been taken before.
      if (await isSlugRace(error, slug, null)) await checkSlug(slug, null, deps.refs);
      throw error;
    }
  }

  return {
    reload,
    saveDependents,
    writeSnapshot,
    removeIn,
    createDraft,
    create: (actor: Actor, input: PostCreateInput): Promise<Post> => createDraft(actor, input),

    /** Optimistic concurrency: the update applies only to the version the editor saw. */
    update: async (actor: Actor, id: string, input: PostUpdateInput): Promise<Post> => {
      const current = await reload(id);
      assertCanEdit(actor, ownershipOf(current));
      if (input.version !== current.version) throw staleVersion(current);
      const before = snapshotOf(current);
      const body =
        input.body === undefined ? undefined : validateBody(actor, input.body, current.body);
      // A slug that normalises to the current one is no change (and no rename).
      const slug =
        input.slug === undefined || slugify(input.slug) === current.slug
          ? undefined
          : await checkSlug(input.slug, id, deps.refs);
      const next = applyPatch(before, { ...input, body, slug });
      checkPlacement(actor, before, next);
      await checkReferences(next, deps.refs);

      try {
        await inTransaction(deps, (trx, record, audit) =>
          writeSnapshot({ trx, record, audit }, actor, current, next, input.version),
        );
      } catch (error) {
        // The new slug was taken meanwhile: the same answer as had it been taken before.
        if (slug !== undefined && (await isSlugRace(error, slug, id)))
          await checkSlug(slug, id, deps.refs);
        throw error;
      }
      return reload(id);
    },

    /**
     * Deletes a story. A published one must come down first: without `unpublishFirst` the answer
     * is 409; with it, unpublishing and deleting are one transaction (both in the audit log).
     */
    delete: async (
      actor: Actor,
      id: string,
      options: { unpublishFirst?: boolean } = {},
    ): Promise<void> => {
      const current = await reload(id);
      assertDeletable(actor, current, options);
      await inTransaction(deps, (trx, record, audit) =>
        removeIn({ trx, record, audit }, actor, current),
      );
    },

    /** A new draft with the story's content, "Copy of" its headline, a free slug, no schedule. */
    duplicate: async (actor: Actor, id: string): Promise<Post> => {
      requirePermission(actor, 'posts.create');
      const source = await reload(id);
      assertCanReadPost(actor, ownershipOf(source));
      const snapshot: PostSnapshot = {
        ...snapshotOf(source),
        title: `Copy of ${source.title}`.slice(0, 300),
        isFeatured: false,
        topStoryOrder: null,
        isBreaking: false,
        publicUpdatedAt: null,
      };
      return insertDraftWithFreeSlug(actor, snapshot, slugify(snapshot.title) || 'story', {
        action: 'post.duplicated',
        details: { from: source.id, fromTitle: source.title },
      });
    },
  };
}

/** Work done inside a new draft's own transaction, given the draft as it stands there. */
type AfterInsert = (tx: PostTx, draft: Post) => Promise<void>;

/** What a write inside an open post transaction is given. */
export interface PostTx {
  trx: PostsDb;
  record: (
    type: EventType,
    subjectId: string,
    payload: Record<string, unknown>,
    actor: string,
  ) => Promise<void>;
  audit: (entry: PostAuditEntry) => Promise<void>;
}

/** Role and state rules for deleting: published stories come down first, on purpose. */
export function assertDeletable(
  actor: Actor,
  post: Post,
  options: { unpublishFirst?: boolean },
): void {
  assertCanDelete(actor, ownershipOf(post));
  if (post.status !== 'published') return;
  assertCanPublish(actor, ownershipOf(post));
  if (!options.unpublishFirst)
    throw new AppError({
      code: 'PUBLISHED',
      status: 409,
      message: `“${post.title}” is published: unpublish it before deleting it`,
    });
}

export function staleVersion(current: Post) {
  return conflict(
    `This story was saved by someone else meanwhile (now version ${current.version}); reload or compare before saving`,
    {
      currentVersion: current.version,
      post: current,
    },
  );
}

export type PostWrites = ReturnType<typeof createPostWrites>;
