import { newId } from '../../platform/ids.js';
import type { ImportedPost } from '../posts/index.js';
import { ghostBodyOf } from './ghost-body.js';
import { readGhostExport } from './ghost-export-reader.js';
import { absoluteUrl, statusOf, toIso, visibilityOf } from './ghost-mapping.js';
import { ghostPostSchema, type GhostPost, type GhostPostMeta } from './ghost-rows.js';
import { labelOf, linksInOrder, type SmallTables } from './ghost-small-tables.js';
import type { ImportedTier } from './ghost-tiers-import.js';
import { checksum, importCache } from './import-checksum.js';
import type { MediaCopier } from './import-media.js';
import type { ImportPhase } from './import-phase.js';
import type { ImportReport } from './import-report.js';
import { importedSlug } from './imported-slug.js';
import { editedHere, editedSinceImport, saveImportedPosts } from './imported-posts.js';
import type { ImportLinksTable } from './imports.table.js';
import { htmlToPlainText } from './plain-text.js';

const batchSize = 200;

/** What the posts phase needs from the phases before it. */
export interface GhostPostsContext {
  file: string;
  siteUrl: string;
  small: SmallTables;
  media: MediaCopier;
  /** Local author ids by Ghost user id, tag ids by Ghost tag id, tiers by Ghost tier id. */
  authorIds: ReadonlyMap<string, string>;
  tagIds: ReadonlyMap<string, string>;
  tierOf: ReadonlyMap<string, ImportedTier>;
  onProgress?: ((done: number, total: number) => void) | undefined;
}

/**
 * The second pass over a Ghost export: the posts and pages, streamed, 200 at a time, each batch
 * with its import links in one transaction. A post unchanged since the last run is skipped, one
 * edited in Masthead since is kept (unless --overwrite), and one whose address another story
 * already has is left out; each with a report line.
 */
export async function importGhostPosts(phase: ImportPhase, ctx: GhostPostsContext): Promise<void> {
  const { services, report } = phase;
  // Every post has a byline in Ghost: the posts with authors are (nearly) all of them.
  const totalPosts = ctx.small.authorsOfPost.size;
  let batch: GhostPost[] = [];
  let done = 0;
  await services.posts.bulkImport(async () => {
    for await (const { row } of readGhostExport(ctx.file, new Set(['posts']))) {
      const parsed = ghostPostSchema.safeParse(row);
      if (!parsed.success) {
        report.note(
          `post row ${labelOf(row, 'slug', 'id')}`,
          'whole item',
          'not in the shape Ghost writes: skipped',
        );
        report.count('posts', 'skipped');
        continue;
      }
      batch.push(parsed.data);
      if (batch.length === batchSize) {
        await importBatch(phase, ctx, batch);
        done += batch.length;
        ctx.onProgress?.(done, Math.max(totalPosts, done));
        batch = [];
      }
    }
    if (batch.length > 0) await importBatch(phase, ctx, batch);
    done += batch.length;
    ctx.onProgress?.(done, Math.max(totalPosts, done));
  }, importCache);
}

async function importBatch(
  phase: ImportPhase,
  ctx: GhostPostsContext,
  batch: readonly GhostPost[],
): Promise<void> {
  const { services, report, links, dryRun } = phase;
  const { small, siteUrl, media } = ctx;
  const known = await links.find(
    phase.source,
    'post',
    batch.map((p) => p.id),
  );
  const slugs = new Map(batch.map((p) => [p.id, importedSlug(p.slug, `${p.type}-${p.id}`)]));
  // One query for the batch; a slug taken earlier in the batch counts too.
  const taken = await services.posts.slugsTaken([...slugs.values()].map((s) => s.slug));
  const edited = await editedSinceImport(phase, known);
  const writes: ImportedPost[] = [];
  const replaceIds = new Set<string>();
  const newLinks: ImportLinksTable[] = [];
  for (const post of batch) {
    const kind = post.type === 'page' ? 'pages' : 'posts';
    report.count(kind, 'found');
    const meta = small.metaOfPost.get(post.id);
    const authorOrder = linksInOrder(small.authorsOfPost.get(post.id));
    const tagOrder = linksInOrder(small.tagsOfPost.get(post.id));
    const tierIds = small.tiersOfPost.get(post.id);
    const sum = checksum({ post, meta, authorOrder, tagOrder, tierIds });
    const existing = known.get(post.id);
    if (existing?.checksum === sum) {
      report.count(kind, 'unchanged');
      continue;
    }
    const item = `${post.type} "${post.slug}"`;
    const { slug, reason } =
      slugs.get(post.id) ?? importedSlug(post.slug, `${post.type}-${post.id}`);
    if (existing && edited.has(post.id)) {
      report.note(item, 'whole item', editedHere);
      report.count(kind, 'skipped');
      continue;
    }
    if (!existing && taken.has(slug)) {
      report.note(item, 'whole item', `the address /${slug}/ is already used by another story`);
      report.count(kind, 'skipped');
      continue;
    }
    if (reason) report.note(item, 'slug', reason);
    const converted = ghostBodyOf(post, { siteUrl });
    for (const part of converted.dropped) report.note(item, part.kind, part.reason);
    const body = dryRun ? converted.doc : await media.rewrite(converted.doc, item);
    const { status, scheduledAt } = statusOf(post, phase.clock.now(), report);
    const authors = authorOrder.flatMap((a) => {
      const local = ctx.authorIds.get(a.id);
      if (!local) report.note(item, `author ${a.id}`, "not among the export's users");
      return local ? [local] : [];
    });
    if (authors.length === 0) {
      report.note(item, 'whole item', 'no author it names could be imported');
      report.count(kind, 'skipped');
      continue;
    }
    const tags = tagOrder.flatMap((t) => {
      const local = ctx.tagIds.get(t.id);
      return local ? [local] : [];
    });
    const imageCtx = { siteUrl, media, item, dryRun, report };
    const leadImage = await leadImageOf(post, meta, imageCtx);
    const id = existing?.localId ?? newId();
    const publishedAt = toIso(post.published_at) || null;
    writes.push({
      id,
      kind: post.type === 'page' ? 'page' : 'article',
      slug,
      title: post.title || slug,
      body,
      authorIds: authors,
      tagIds: tags,
      status,
      scheduledAt,
      visibility: visibilityOf(
        post,
        report,
        (tierIds ?? []).flatMap((id) => ctx.tierOf.get(id) ?? []),
      ),
      publishedAt: status === 'draft' ? null : publishedAt,
      publicUpdatedAt: status === 'published' ? toIso(post.updated_at) || publishedAt : null,
      isFeatured: post.featured,
      leadImage,
      customExcerpt: post.custom_excerpt,
      seo: {
        title: meta?.meta_title ?? post.meta_title ?? null,
        description: meta?.meta_description ?? post.meta_description ?? null,
        socialImageUrl: await socialImageOf(meta?.og_image ?? post.og_image, imageCtx),
      },
      canonicalUrl: post.canonical_url ? absoluteUrl(post.canonical_url, siteUrl) : null,
    });
    if (existing) replaceIds.add(id);
    else taken.add(slug);
    newLinks.push({ ...phase.link('post', post.id, id, sum), local_version: existing ? null : 1 });
    report.count(kind, existing ? 'updated' : 'created');
  }
  await saveImportedPosts(phase, { writes, replaceIds, links: newLinks });
}

interface ImageContext {
  siteUrl: string;
  media: MediaCopier;
  item: string;
  dryRun: boolean;
  report: ImportReport;
}

/** The social image, copied like the others (the page makes a site path absolute). */
async function socialImageOf(
  value: string | null | undefined,
  ctx: ImageContext,
): Promise<string | null> {
  if (!value) return null;
  const url = absoluteUrl(value, ctx.siteUrl);
  const media = await ctx.media.copy(url, ctx.item);
  return media && !ctx.dryRun ? media.url : url;
}

/** The feature image as the lead image; Masthead's lead image is a media item, so it is copied. */
async function leadImageOf(
  post: GhostPost,
  meta: GhostPostMeta | undefined,
  ctx: ImageContext,
): Promise<ImportedPost['leadImage']> {
  if (!post.feature_image) return null;
  const url = absoluteUrl(post.feature_image, ctx.siteUrl);
  if (ctx.dryRun) {
    await ctx.media.copy(url, ctx.item);
    return null;
  }
  const media = await ctx.media.copy(url, ctx.item);
  if (!media) {
    ctx.report.note(
      ctx.item,
      'feature image',
      'a lead image must be in the media library: left out',
    );
    return null;
  }
  return {
    mediaId: media.id,
    alt: (meta?.feature_image_alt ?? post.feature_image_alt ?? '').slice(0, 500),
    caption: htmlToPlainText(meta?.feature_image_caption ?? post.feature_image_caption ?? '').slice(
      0,
      2000,
    ),
    credit: '',
  };
}
