import type { Kysely } from 'kysely';
import type { Clock } from '../../platform/clock.js';
import { narrow } from '../../platform/db/index.js';
import { conflict, forbidden, notFound, validationError } from '../../platform/errors.js';
import { newId } from '../../platform/ids.js';
import { decodeCursor, pageOf, type Page } from '../../platform/pagination.js';
import type { LiveUpdateCreateInput, LiveUpdatePatchInput } from '../../shared/contracts/live.js';
import { validateDocument, type Doc } from '../../shared/richtext/index.js';
import type { EventPayloadInputs, EventsService, EventsTables } from '../events/index.js';
import type { Post, PostsService } from '../posts/index.js';
import { can, requirePermission, systemActor, type Actor } from '../staff/index.js';
import { emptyDoc, toLiveUpdate, type LiveCoverage, type LiveUpdate } from './live-update.js';
import { liveRepository as repo, type LiveDb } from './live.repository.js';
import type { LivePostsReadTables, LiveTables } from './live.table.js';

type LiveEventType = 'live.update.published' | 'live.update.changed' | 'live.update.deleted';

/** A trusted update with its own time (the demo newsroom's live page). */
export interface ImportedLiveUpdate {
  id?: string;
  body: Doc;
  authorId: string | null;
  publishedAt: string;
  pinned?: boolean;
  keyEvent?: boolean;
}

/** The most updates a page (and the admin's list) shows: a day of busy coverage. */
export const maxPageUpdates = 500;

export interface LiveDeps {
  db: Kysely<LiveTables & LivePostsReadTables & EventsTables>;
  clock: Clock;
  events: Pick<EventsService, 'withTransaction' | 'record'>;
  posts: Pick<PostsService, 'byId'>;
}

function validateUpdateBody(actor: Actor, body: unknown): Doc {
  const result = validateDocument(body, { allowRawHtml: can(actor, 'posts.rawHtml') });
  if (!result.ok)
    throw validationError(
      result.errors.map((e) => ({ field: e.path ? `body.${e.path}` : 'body', message: e.message })),
    );
  if (result.doc.content.length === 0)
    throw validationError([{ field: 'body', message: 'must not be empty' }]);
  return result.doc;
}

const notLive = () => conflict('This post is not a live page (kind "live")');

/**
 * Live blogs: updates posted to a post of kind `live`, each its own row (several editors post at
 * once without clobbering each other), and the end of coverage. Every change records an outbox
 * event in its transaction: the page cache drops that live page, the SSE hub tells readers.
 */
export function createLiveService(deps: LiveDeps) {
  const db = narrow(deps.db).to<LiveTables & LivePostsReadTables>();
  const now = () => deps.clock.now().toISOString();

  async function livePost(postId: string): Promise<Post> {
    const post = await deps.posts.byId(postId);
    if (post.kind !== 'live') throw notLive();
    return post;
  }

  async function loadUpdate(post: Post, updateId: string): Promise<LiveUpdate> {
    const row = await repo.byId(db, updateId);
    if (!row || row.post_id !== post.id) throw notFound('Update');
    return toLiveUpdate(row);
  }

  /** Own updates for anyone who may post; others' for editors and above. */
  function assertCanChange(actor: Actor, update: LiveUpdate): void {
    requirePermission(actor, 'live.post');
    if (update.createdBy !== actor.label && !can(actor, 'live.edit.any'))
      throw forbidden("Only editors change others' updates");
  }

  const change = <T>(
    work: (
      trx: LiveDb,
      record: (type: LiveEventType, post: Post, update: LiveUpdate, actor: Actor) => Promise<void>,
    ) => Promise<T>,
  ): Promise<T> =>
    deps.events.withTransaction(deps.db, async (trx) =>
      work(
        narrow(trx).to<LiveTables & LivePostsReadTables>(),
        async (type, post, update, actor) => {
          const payload: EventPayloadInputs[LiveEventType] = {
            postId: post.id,
            updateId: update.id,
            slug: post.slug,
            isKeyEvent: update.keyEvent,
          };
          await deps.events.record(narrow(trx).to<EventsTables>(), {
            type,
            subjectId: post.id,
            payload,
            actor: actor.label,
          });
        },
      ),
    );

  async function coverageOf(post: Post): Promise<LiveCoverage> {
    const [ended] = await repo.endedAt(db, [post.id]);
    return { postId: post.id, startedAt: post.publishedAt, endedAt: ended?.ended_at ?? null };
  }

  return {
    /** Posts an update to a live page (any author or above: live pages are collaborative). */
    async post(actor: Actor, postId: string, input: LiveUpdateCreateInput): Promise<LiveUpdate> {
      requirePermission(actor, 'live.post');
      const body = validateUpdateBody(actor, input.body);
      const post = await livePost(postId);
      const ended = () => conflict('Coverage of this live page has ended');
      // Checked here to answer at once, and again under the page's lock below (the end may race).
      if ((await coverageOf(post)).endedAt !== null) throw ended();
      const update: LiveUpdate = {
        id: newId(deps.clock.now().getTime()),
        postId: post.id,
        body,
        authorId: actor.authorId,
        createdBy: actor.label,
        publishedAt: now(),
        editedAt: null,
        pinned: input.pinned ?? false,
        keyEvent: input.keyEvent ?? false,
        deletedAt: null,
        deletedNote: null,
        version: 1,
      };
      return change(async (trx, record) => {
        await repo.lockPage(trx, post.id);
        if ((await repo.endedAt(trx, [post.id])).length > 0) throw ended();
        await repo.insert(trx, {
          id: update.id,
          post_id: update.postId,
          body: JSON.stringify(body),
          author_id: update.authorId,
          created_by: update.createdBy,
          published_at: update.publishedAt,
          edited_at: null,
          is_pinned: update.pinned ? 1 : 0,
          is_key_event: update.keyEvent ? 1 : 0,
          deleted_at: null,
          deleted_note: null,
          version: 1,
        });
        await record('live.update.published', post, update, actor);
        return update;
      });
    },

    /**
     * Changes an update's body or flags at the version the caller read (409 when stale). A body
     * changed on a published page is noted publicly ("Edited at …").
     */
    async edit(
      actor: Actor,
      postId: string,
      updateId: string,
      input: LiveUpdatePatchInput,
    ): Promise<LiveUpdate> {
      const post = await livePost(postId);
      const current = await loadUpdate(post, updateId);
      assertCanChange(actor, current);
      if (current.deletedAt !== null) throw conflict('This update was removed');
      const body = input.body === undefined ? undefined : validateUpdateBody(actor, input.body);
      const at = now();
      const isNoted = body !== undefined && post.status === 'published';
      const next: LiveUpdate = {
        ...current,
        ...(body ? { body } : {}),
        pinned: input.pinned ?? current.pinned,
        keyEvent: input.keyEvent ?? current.keyEvent,
        editedAt: isNoted ? at : current.editedAt,
        version: input.version + 1,
      };
      return change(async (trx, record) => {
        const isSaved = await repo.update(trx, updateId, input.version, {
          body: JSON.stringify(next.body),
          is_pinned: next.pinned ? 1 : 0,
          is_key_event: next.keyEvent ? 1 : 0,
          edited_at: next.editedAt,
        });
        if (!isSaved) {
          // Read in the transaction: SQLite's one connection is held by it.
          const version = (await repo.byId(trx, updateId))?.version;
          throw conflict(
            `This update was changed by someone else meanwhile (now version ${version}); reload before saving`,
            { currentVersion: version },
          );
        }
        // Key event before or after: home and the News Feed show it either way.
        const flagged = { ...next, keyEvent: next.keyEvent || current.keyEvent };
        await record('live.update.changed', post, flagged, actor);
        return next;
      });
    },

    /**
     * Removes an update. On a published page the row stays, emptied, so the page can say "An
     * update was removed at …" (with the note, if given); before publication it simply goes.
     */
    async remove(
      actor: Actor,
      postId: string,
      updateId: string,
      options: { note?: string | undefined } = {},
    ): Promise<void> {
      const post = await livePost(postId);
      const current = await loadUpdate(post, updateId);
      assertCanChange(actor, current);
      if (current.deletedAt !== null) return;
      await change(async (trx, record) => {
        if (post.status === 'published') {
          const isSaved = await repo.update(trx, updateId, current.version, {
            body: JSON.stringify(emptyDoc),
            is_pinned: 0,
            deleted_at: now(),
            deleted_note: options.note || null,
          });
          if (!isSaved) throw conflict('This update was changed meanwhile; reload and try again');
        } else await repo.remove(trx, updateId);
        await record('live.update.deleted', post, current, actor);
      });
    },

    /** Ends coverage ("This live page has ended"): the post's authors, or editors and above. */
    async end(actor: Actor, postId: string): Promise<LiveCoverage> {
      requirePermission(actor, 'live.post');
      const post = await livePost(postId);
      const isOnByline =
        actor.authorId !== null && post.authors.some((a) => a.id === actor.authorId);
      if (!isOnByline && post.createdBy !== actor.userId && !can(actor, 'live.edit.any'))
        throw forbidden('Only the live page’s authors or an editor may end its coverage');
      if (post.status !== 'published') throw conflict('Publish the live page before ending it');
      const coverage = await coverageOf(post);
      if (coverage.endedAt !== null) return coverage;
      const endedAt = await deps.events.withTransaction(deps.db, async (trx) => {
        const liveTrx = narrow(trx).to<LiveTables & LivePostsReadTables>();
        // Waits for posts in flight to this page (they hold its lock), so none lands after.
        await repo.lockPage(liveTrx, post.id);
        const at = now();
        const isEnded = await repo.end(liveTrx, {
          post_id: post.id,
          ended_at: at,
          ended_by: actor.label,
        });
        // Another call ended it meanwhile: its time stands, and it was announced once, there.
        if (!isEnded) return (await repo.endedAt(liveTrx, [post.id]))[0]?.ended_at ?? at;
        await deps.events.record(narrow(trx).to<EventsTables>(), {
          type: 'live.ended',
          subjectId: post.id,
          payload: { postId: post.id, slug: post.slug },
          actor: actor.label,
        });
        return at;
      });
      return { ...coverage, endedAt };
    },

    /**
     * Writes trusted updates with their own times, in one transaction (the demo newsroom's live
     * page): each body validated as a post's would be, nothing announced (like a post import).
     */
    async importUpdates(postId: string, updates: readonly ImportedLiveUpdate[]): Promise<void> {
      const post = await livePost(postId);
      const rows = updates.map((u) => ({
        id: u.id ?? newId(Date.parse(u.publishedAt)),
        post_id: post.id,
        body: JSON.stringify(validateUpdateBody(systemActor, u.body)),
        author_id: u.authorId,
        created_by: systemActor.label,
        published_at: new Date(u.publishedAt).toISOString(),
        edited_at: null,
        is_pinned: u.pinned ? 1 : 0,
        is_key_event: u.keyEvent ? 1 : 0,
        deleted_at: null,
        deleted_note: null,
        version: 1,
      }));
      await deps.events.withTransaction(deps.db, async (trx) => {
        const liveTrx = narrow(trx).to<LiveTables & LivePostsReadTables>();
        for (const row of rows) await repo.insert(liveTrx, row);
      });
    },

    /** A live page's updates, newest first (removed ones included, as notes). */
    async updatesOf(postId: string, limit = maxPageUpdates): Promise<LiveUpdate[]> {
      return (await repo.listByPost(db, postId, limit)).map(toLiveUpdate);
    },

    /** One update (removed ones too: their permalink says so). */
    async updateById(updateId: string): Promise<LiveUpdate | undefined> {
      const row = await repo.byId(db, updateId);
      return row ? toLiveUpdate(row) : undefined;
    },

    coverage: async (postId: string): Promise<LiveCoverage> => coverageOf(await livePost(postId)),

    /** When each of these live posts ended (absent: still going). */
    async endedTimes(postIds: readonly string[]): Promise<Map<string, string>> {
      return new Map((await repo.endedAt(db, postIds)).map((r) => [r.post_id, r.ended_at]));
    },

    /** The newest update's time for each of these live posts. */
    latestTimes: (postIds: readonly string[]) => repo.latestTimes(db, postIds),

    /**
     * Key-event updates of published live pages, newest first (the News Feed), a page at a time:
     * `cursor` is a `next` of this list or of the posts' `latestPublished` (both are keyed by
     * publication time and id), so the News Feed can merge the two lists page by page.
     */
    async latestKeyEvents(options: { limit: number; cursor?: string }): Promise<Page<LiveUpdate>> {
      const before = options.cursor ? decodeCursor(options.cursor) : undefined;
      const rows = await repo.listKeyEvents(db, {
        limit: options.limit,
        ...(before ? { before } : {}),
      });
      const page = pageOf(rows, options.limit, (r) => ({ key: r.published_at, id: r.id }));
      return { items: page.items.map(toLiveUpdate), next: page.next };
    },
  };
}

export type LiveService = ReturnType<typeof createLiveService>;
