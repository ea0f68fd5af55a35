import type { Insertable } from 'kysely';
import { AppError, conflict, notFound, validationError } from '../../platform/errors.js';
import { newId } from '../../platform/ids.js';
import {
  countWords,
  deriveExcerpt,
  readingMinutes,
  renderText,
} from '../../shared/richtext/index.js';
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
import { emptyDoc, type PostSnapshot } from './post-snapshot.js';
import { checkReferences, checkSlug, validateBody } from './post-validation.js';
import type { Post } from './post.js';
import { postEventPayload } from './post-event-payload.js';
import { inTransaction, type PostAuditEntry, type PostsDeps } from './posts-context.js';
import {
  createPostsRepository,
  loadPosts,
  type PostRow,
  type PostsDb,
} from './posts.repository.js';
import type { PostsTable } from './posts.table.js';

/** Columns derived from a snapshot (everything but status, times, version and creator). */
function contentColumns(s: PostSnapshot): Partial<Insertable<PostsTable>> {
  return {
    kind: s.kind,
    slug: s.slug,
    title: s.title,
    dek: s.dek,
    body: JSON.stringify(s.body),
    excerpt: deriveExcerpt(s.body),
    custom_excerpt: s.customExcerpt,
    lead_media_id: s.leadImage?.mediaId ?? null,
    lead_alt: s.leadImage?.alt ?? null,
    lead_caption: s.leadImage?.caption ?? null,
    lead_credit: s.leadImage?.credit ?? null,
    visibility: s.visibility,
    is_featured: s.isFeatured ? 1 : 0,
    top_story_order: s.topStoryOrder,
    is_breaking: s.isBreaking ? 1 : 0,
    public_updated_at: s.publicUpdatedAt,
    seo_title: s.seo.title,
    seo_description: s.seo.description,
    social_image_url: s.seo.socialImageUrl,
    canonical_url: s.canonicalUrl,
    language: s.language,
    word_count: countWords(s.body),
    reading_minutes: readingMinutes(s.body),
  };
}

export { applyPatch };

export function snapshotOf(post: Post): PostSnapshot {
  return {
    kind: post.kind,
    title: post.title,
    slug: post.slug,
    dek: post.dek,
    body: post.body,
    customExcerpt: post.customExcerpt,
    leadImage: post.leadImage,
    authorIds: post.authors.map((a) => a.id),
    tagIds: post.tags.map((t) => t.id),
    visibility: post.visibility,
    isFeatured: post.isFeatured,
    topStoryOrder: post.topStoryOrder,
    isBreaking: post.isBreaking,
    publicUpdatedAt: post.publicUpdatedAt,
    seo: post.seo,
    canonicalUrl: post.canonicalUrl,
    language: post.language,
  };
}

type Patch = Omit<PostUpdateInput, 'version'> & Partial<Pick<PostCreateInput, 'kind'>>;

/** The snapshot after applying a patch (only the fields it names change). */
function applyPatch(base: PostSnapshot, patch: Patch): PostSnapshot {
  const next: PostSnapshot = { ...base, seo: { ...base.seo } };
  if (patch.kind !== undefined) next.kind = patch.kind;
  if (patch.title !== undefined) next.title = patch.title;
  if (patch.dek !== undefined) next.dek = patch.dek;
  if (patch.customExcerpt !== undefined) next.customExcerpt = patch.customExcerpt;
  if (patch.leadImage !== undefined) {
    next.leadImage = patch.leadImage && {
      mediaId: patch.leadImage.mediaId,
      alt: patch.leadImage.alt ?? '',
      caption: patch.leadImage.caption ?? '',
      credit: patch.leadImage.credit ?? '',
    };
  }
  if (patch.authorIds !== undefined) next.authorIds = patch.authorIds;
  if (patch.tagIds !== undefined) next.tagIds = patch.tagIds;
  if (patch.visibility !== undefined) next.visibility = patch.visibility;
  if (patch.isFeatured !== undefined) next.isFeatured = patch.isFeatured;
  if (patch.topStoryOrder !== undefined) next.topStoryOrder = patch.topStoryOrder;
  if (patch.isBreaking !== undefined) next.isBreaking = patch.isBreaking;
  if (patch.publicUpdatedAt !== undefined) {
    next.publicUpdatedAt = patch.publicUpdatedAt && new Date(patch.publicUpdatedAt).toISOString();
  }
  if (patch.seo !== undefined) next.seo = { ...next.seo, ...patch.seo };
  if (patch.canonicalUrl !== undefined) next.canonicalUrl = patch.canonicalUrl;
  if (patch.language !== undefined) next.language = patch.language;
  return next;
}

/** Home-page placement is an editor's call: others may not change it. */
function checkPlacement(actor: Actor, before: PostSnapshot | undefined, after: PostSnapshot): void {
  const placement = (s: PostSnapshot | undefined) =>
    JSON.stringify([s?.isFeatured ?? false, s?.topStoryOrder ?? null, s?.isBreaking ?? false]);
  if (placement(before) !== placement(after)) requirePermission(actor, 'posts.setFeatured');
}

export function createPostWrites(deps: PostsDeps) {
  const links = createPostsRepository(deps.db);
  async function loadRow(trx: PostsDb, id: string): Promise<PostRow> {
    const row = await trx.selectFrom('posts').selectAll().where('id', '=', id).executeTakeFirst();
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
    await links.replaceLinks(trx, {
      postId: row.id,
      authorIds: snapshot.authorIds,
      tagIds: snapshot.tagIds,
      publishedAt: row.status === 'published' ? row.published_at : null,
    });
    await trx
      .insertInto('post_revisions')
      .values({
        id: newId(),
        post_id: row.id,
        version: row.version,
        snapshot: JSON.stringify(snapshot),
        created_by: actor.userId,
        created_at: row.updated_at,
      })
      .execute();
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
    const result = await trx
      .updateTable('posts')
      .set({ ...contentColumns(next), version: current.version + 1, updated_at: at })
      .where('id', '=', current.id)
      .where('version', '=', expectedVersion)
      .executeTakeFirst();
    if (Number(result.numUpdatedRows) === 0) throw staleVersion(await reload(current.id));
    if (next.slug !== current.slug) {
      // The old address keeps working: it redirects (301) to the new one.
      await trx.deleteFrom('post_slug_history').where('slug', '=', next.slug).execute();
      await trx
        .insertInto('post_slug_history')
        .values({ slug: current.slug, post_id: current.id, created_at: at })
        .execute();
    }
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
    await trx.deleteFrom('posts').where('id', '=', post.id).execute();
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
    const row = await deps.db
      .selectFrom('posts')
      .selectAll()
      .where('id', '=', id)
      .executeTakeFirst();
    if (!row) throw notFound('Post');
    const [post] = await loadPosts(deps.db, [row]);
    if (!post) throw notFound('Post');
    return post;
  }

  return {
    reload,
    saveDependents,
    writeSnapshot,
    removeIn,

    create: async (actor: Actor, input: PostCreateInput): Promise<Post> => {
      requirePermission(actor, 'posts.create');
      const body = validateBody(actor, input.body ?? emptyDoc, undefined);
      const defaultAuthors = actor.authorId ? [actor.authorId] : [];
      const snapshot = applyPatch(
        {
          kind: input.kind,
          title: input.title,
          slug: '',
          dek: '',
          body,
          customExcerpt: null,
          leadImage: null,
          authorIds: defaultAuthors,
          tagIds: [],
          visibility: 'public',
          isFeatured: false,
          topStoryOrder: null,
          isBreaking: false,
          publicUpdatedAt: null,
          seo: { title: null, description: null, socialImageUrl: null },
          canonicalUrl: null,
          language: null,
        },
        { ...input, body: undefined },
      );
      snapshot.body = body;
      if (snapshot.authorIds.length === 0) {
        throw validationError([
          {
            field: 'authorIds',
            message: 'must name at least one author (tokens have no byline of their own)',
          },
        ]);
      }
      checkPlacement(actor, undefined, snapshot);
      snapshot.slug =
        input.slug !== undefined
          ? await checkSlug(input.slug, null, deps.refs)
          : await pickFreeSlug(slugify(input.title) || 'story', (s) =>
              deps.refs.slugTakenByOther(s, null),
            );
      await checkReferences(snapshot, deps.refs);

      const at = deps.clock.now().toISOString();
      const id = newId();
      await inTransaction(deps, async (trx, _record, audit) => {
        const row: PostRow = {
          ...(contentColumns(snapshot) as PostRow),
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
        await trx.insertInto('posts').values(row).execute();
        await saveDependents(trx, row, snapshot, actor);
        await audit({
          action: 'post.created',
          post: { id, title: snapshot.title },
          actor: actor.label,
        });
      });
      return reload(id);
    },

    /** Optimistic concurrency: the update applies only to the version the editor saw. */
    update: async (actor: Actor, id: string, input: PostUpdateInput): Promise<Post> => {
      const current = await reload(id);
      const ownership = ownershipOf(current);
      assertCanEdit(actor, ownership);
      if (input.version !== current.version) throw staleVersion(current);
      const before = snapshotOf(current);
      const next = applyPatch(before, input);
      if (input.body !== undefined) next.body = validateBody(actor, input.body, current.body);
      if (input.slug !== undefined && slugify(input.slug) !== current.slug)
        next.slug = await checkSlug(input.slug, id, deps.refs);
      checkPlacement(actor, before, next);
      await checkReferences(next, deps.refs);

      await inTransaction(deps, (trx, record, audit) =>
        writeSnapshot({ trx, record, audit }, actor, current, next, input.version),
      );
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
      snapshot.slug = await pickFreeSlug(slugify(snapshot.title) || 'story', (s) =>
        deps.refs.slugTakenByOther(s, null),
      );
      const at = deps.clock.now().toISOString();
      const newPostId = newId();
      await inTransaction(deps, async (trx, _record, audit) => {
        const row: PostRow = {
          ...(contentColumns(snapshot) as PostRow),
          id: newPostId,
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
        await trx.insertInto('posts').values(row).execute();
        await saveDependents(trx, row, snapshot, actor);
        await audit({
          action: 'post.duplicated',
          post: { id: newPostId, title: snapshot.title },
          actor: actor.label,
          details: { from: source.id, fromTitle: source.title },
        });
      });
      return reload(newPostId);
    },
  };
}

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
