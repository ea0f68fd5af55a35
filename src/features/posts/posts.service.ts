import { refreshPlannerStatistics, withBulkWriteSettings } from '../../platform/db/index.js';
import { decodeCursor, pageOf, type Page } from '../../platform/pagination.js';
import { renderText } from '../../shared/richtext/index.js';
import type { PostListQuery } from '../../shared/contracts/posts.js';
import { listPostRows, listPublishedRows, listPublishedRowsVia } from './post-list.repository.js';
import { assertCanReadPost, ownershipOf, readScopeOf } from './post-access.js';
import { createPostBrief } from './post-brief.js';
import { createPostBulk } from './post-bulk.js';
import { createPostCorrections } from './post-corrections.js';
import { createPostRevisions } from './post-revisions.js';
import { createPostSitemap } from './post-sitemap.js';
import { createPostWorkflow } from './post-workflow.js';
import { createPostWrites } from './post-writes.js';
import type { Post, PostKind } from './post.js';
import { postRowOf, type ImportedPost } from './post-import.js';
import type { IndexedPost, PostsDeps } from './posts-context.js';
import type { PostsDb } from './posts.repository.js';
import { canBeSlug } from '../../shared/slug.js';
import type { Actor } from '../staff/index.js';
import { insertLinks } from './post-links.repository.js';
import { loadPosts } from './post-loader.repository.js';
import { createPostGhostReads } from './post-ghost-query.repository.js';
import { createPostsRepository } from './posts.repository.js';

/** The tables an import writes (the search index's are the indexer's). */
const postTables = ['posts', 'post_authors', 'post_tags', 'post_corrections'] as const;

/** Rows per multi-row INSERT: ~35 columns × 400 stays under both databases' parameter limits. */
const insertBatch = 400;

/** One multi-row insert's worth of an import: every row it writes, derived up front. */
function prepareImport(posts: readonly ImportedPost[], at: string) {
  const rows = posts.map((p) => postRowOf(p, at));
  return {
    rows,
    links: posts.map((p) => ({
      postId: p.id,
      authorIds: p.authorIds,
      tagIds: p.tagIds,
      publishedAt: p.status === 'published' ? (p.publishedAt ?? null) : null,
    })),
    corrections: posts.flatMap((p) =>
      (p.corrections ?? []).map((c) => ({
        id: c.id,
        post_id: p.id,
        kind: c.kind,
        body: c.text,
        created_by: null,
        created_at: c.createdAt,
      })),
    ),
    documents: posts.map((p, index): IndexedPost => ({
      postId: p.id,
      status: p.status,
      kind: p.kind,
      publishedAt: p.publishedAt ?? null,
      title: p.title,
      dek: p.dek ?? '',
      visibility: rows[index]?.visibility ?? 'public',
      excerpt: rows[index]?.excerpt ?? '',
      bodyText: renderText(p.body),
    })),
  };
}

export function createPostsService(deps: PostsDeps) {
  const { db } = deps;
  const repository = createPostsRepository(db);
  const writes = createPostWrites(deps);
  const workflow = createPostWorkflow(deps, writes);
  const revisions = createPostRevisions(deps, writes);
  const corrections = createPostCorrections(deps, writes);

  return {
    create: writes.create,
    update: writes.update,
    delete: writes.delete,
    duplicate: writes.duplicate,
    /** A News Feed brief: created and published (or submitted) in one transaction. */
    postBrief: createPostBrief(writes, workflow),
    bulk: createPostBulk(deps, writes, workflow),
    submit: workflow.submit,
    publish: workflow.publish,
    unpublish: workflow.unpublish,
    schedule: workflow.schedule,
    publishDue: workflow.publishDue,
    addCorrection: workflow.addCorrection,
    /** Withdraws a correction, leaving a public note in its place (editors and above). */
    withdrawCorrection: corrections.withdraw,
    /** The public corrections record: corrections and clarifications of published stories. */
    publicCorrections: corrections.listPublic,
    revisions,
    /** Light listings of published posts for sitemaps: paged oldest first, and the latest hours. */
    sitemap: createPostSitemap(deps),
    /** Published posts as Ghost's Content API asks for them (filters, orders, page numbers). */
    ghost: createPostGhostReads(db),

    /** Published posts by id, in no particular order (related-story cards, feeds). */
    async publishedByIds(ids: readonly string[]): Promise<Post[]> {
      return loadPosts(db, await repository.publishedByIds(ids));
    },

    /** Which of these slugs name a published post now: its id by slug (one query per 500). */
    publishedIdsBySlugs(slugs: readonly string[]): Promise<Map<string, string>> {
      return repository.publishedIdsBySlugs([...new Set(slugs)].filter(canBeSlug));
    },

    /** Posts' titles by id, whatever their status (reports name the stories they count). */
    titlesByIds: (ids: readonly string[]) => repository.titlesByIds(ids),

    /** Any post, whoever asks (jobs, the system); staff requests use get(actor, id). */
    async byId(id: string): Promise<Post> {
      return writes.reload(id);
    },

    /** A post the actor may read (403 for others' unpublished stories below editor). */
    async get(actor: Actor, id: string): Promise<Post> {
      const post = await writes.reload(id);
      assertCanReadPost(actor, ownershipOf(post));
      return post;
    },

    /** Posts the actor may read, any status, filtered and sorted as the Admin API asks. */
    async list(actor: Actor, query: PostListQuery): Promise<Page<Post>> {
      const page = await listPostRows(db, readScopeOf(actor), query);
      return { items: await loadPosts(db, page.items), next: page.next };
    },

    /** The post a slug names now, or the post it named before it was renamed (for 301s). */
    async resolveSlug(slug: string): Promise<{ post: Post; isOldSlug: boolean } | undefined> {
      if (!canBeSlug(slug)) return undefined;
      const current = await repository.findBySlug(slug);
      if (current) {
        const [post] = await loadPosts(db, [current]);
        return post && { post, isOldSlug: false };
      }
      const formerOwner = await repository.formerOwnerOf(slug);
      if (formerOwner === undefined) return undefined;
      const post = await writes.reload(formerOwner).catch(() => undefined);
      return post && { post, isOldSlug: true };
    },

    /**
     * Writes a batch of trusted posts (with links, corrections and search documents) in one
     * transaction. The rows are derived (word counts, excerpts, search text: the CPU-heavy part)
     * before this returns its promise, so a caller may prepare the next batch while this one is
     * written (the demo load does, issue #14). An invalid post is refused before anything is
     * written.
     */
    importBatch(
      posts: readonly ImportedPost[],
      options: {
        /** Posts that already exist (a second import): their rows and links are replaced. */
        replaceIds?: ReadonlySet<string>;
        /**
         * More writes of the same batch, in its transaction (an importer's source links), told
         * each written post's version (1 for new ones; the next one for replaced ones).
         */
        within?: (trx: PostsDb, versions: ReadonlyMap<string, number>) => Promise<void>;
      } = {},
    ): Promise<void> {
      let slices: ReturnType<typeof prepareImport>[];
      try {
        const at = deps.clock.now().toISOString();
        slices = [];
        for (let i = 0; i < posts.length; i += insertBatch)
          slices.push(prepareImport(posts.slice(i, i + insertBatch), at));
      } catch (error) {
        return Promise.reject(error instanceof Error ? error : new Error(String(error)));
      }
      const indexer = deps.indexer;
      return db.transaction().execute(async (trx) => {
        for (const slice of slices) {
          const replaced = options.replaceIds
            ? slice.rows.filter((row) => options.replaceIds?.has(row.id))
            : [];
          if (replaced.length > 0) await repository.replaceImported(trx, replaced);
          const replacedIds = new Set(replaced.map((r) => r.id));
          await repository.insert(
            trx,
            slice.rows.filter((row) => !replacedIds.has(row.id)),
          );
          await insertLinks(trx, slice.links);
          await repository.insertCorrections(trx, slice.corrections);
          if (indexer?.indexMany) await indexer.indexMany(trx, slice.documents);
          else for (const doc of slice.documents) await indexer?.index(trx, doc);
        }
        if (options.within) {
          const versions = new Map(posts.map((p) => [p.id, 1]));
          for (const [id, version] of await repository.versionsOf(trx, [
            ...(options.replaceIds ?? []),
          ]))
            versions.set(id, version);
          await options.within(trx, versions);
        }
      });
    },

    /**
     * Runs a bulk import (many importBatch calls) with the database's settings for one (a larger
     * page cache, fewer flushes on SQLite), restored afterwards.
     */
    bulkImport<T>(run: () => Promise<T>, options: { cacheKib?: number } = {}): Promise<T> {
      return withBulkWriteSettings(db, run, options);
    },

    /**
     * After a bulk import (the demo load, a migration from another platform): fresh planner
     * statistics for the posts tables and the search index, so the archive's pages are planned
     * for its new size.
     */
    async refreshStatistics(): Promise<void> {
      await refreshPlannerStatistics(db, [...postTables, ...(deps.indexer?.tables ?? [])]);
    },

    /** Published posts, newest first, by keyset cursor. */
    async latestPublished(options: {
      limit: number;
      cursor?: string;
      kinds?: readonly PostKind[];
    }): Promise<Page<Post>> {
      const before = options.cursor ? decodeCursor(options.cursor) : undefined;
      const rows = await listPublishedRows(db, {
        limit: options.limit,
        ...(before ? { before } : {}),
        ...(options.kinds ? { kinds: options.kinds } : {}),
      });
      const page = pageOf(rows, options.limit, (r) => ({ key: r.published_at ?? '', id: r.id }));
      return { items: await loadPosts(db, page.items), next: page.next };
    },

    /** An author's published posts (link: 'author') or a section's or tag's (link: 'tag'), newest first. */
    async latestPublishedVia(options: {
      link: 'author' | 'tag';
      id: string;
      limit: number;
      cursor?: string;
    }): Promise<Page<Post>> {
      const before = options.cursor ? decodeCursor(options.cursor) : undefined;
      const { links, rows } = await listPublishedRowsVia(db, {
        link: options.link,
        id: options.id,
        limit: options.limit,
        ...(before ? { before } : {}),
      });
      const page = pageOf(links, options.limit, (l) => ({
        key: l.published_at ?? '',
        id: l.post_id,
      }));
      const shown = new Set(page.items.map((l) => l.post_id));
      return {
        items: await loadPosts(
          db,
          rows.filter((r) => shown.has(r.id)),
        ),
        next: page.next,
      };
    },

    /** The editors' top stories (published, with a top-story order), in that order. */
    async topStories(limit: number): Promise<Post[]> {
      return loadPosts(db, await repository.topStories(limit));
    },

    async bySlug(slug: string): Promise<Post | undefined> {
      if (!canBeSlug(slug)) return undefined;
      const row = await repository.findBySlug(slug);
      return row ? (await loadPosts(db, [row]))[0] : undefined;
    },

    countByStatus: () => repository.countByStatus(),
    slugsTaken: (slugs: readonly string[]) => repository.slugsTaken(slugs),
    /** Each post's current version, by id, in one query (an import's batch: at most 200). */
    versionsOf: (ids: readonly string[]) => repository.versionsOf(db, ids),

    /** Which of these tags at least one post still carries. */
    tagIdsInUse: (tagIds: readonly string[]) => repository.tagIdsInUse(tagIds),

    /** Deletes every post that any of these authors is on, in batches; returns how many went. */
    deleteByAuthors: (authorIds: readonly string[]) => repository.deleteByAuthors(authorIds),
  };
}

export type PostsService = ReturnType<typeof createPostsService>;
