import { createReadStream } from 'node:fs';
import { newId } from '../../platform/ids.js';
import type { ImportedPost } from '../posts/index.js';
import { toIso } from './ghost-mapping.js';
import { checksum, importCache } from './import-checksum.js';
import type { MediaCopier } from './import-media.js';
import type { ImportPhase } from './import-phase.js';
import { editedHere, editedSinceImport, saveImportedPosts } from './imported-posts.js';
import type { ImportLinksTable } from './imports.table.js';
import { redirectKeyOf } from './redirect-path.js';
import { wordpressToDocument } from './wordpress-blocks.js';
import { statusOf, type FirstPass } from './wordpress-first-pass.js';
import { importedSlug } from './imported-slug.js';
import { authorFinder, encodedPath, mapImageSources, plainTitle } from './wordpress-mapping.js';
import { readWxr } from './wxr-reader.js';
import type { WxrItem } from './wxr-records.js';

const batchSize = 200;

/** What the posts phase needs from the first pass and the phases before it. */
export interface WordPressPostsContext {
  file: string;
  siteUrl: string;
  first: FirstPass;
  media: MediaCopier;
  /** An image address (perhaps a resized copy) to its attachment's original. */
  original: (url: string) => string;
  /** Local author ids by login, tag ids by `category:x` / `post_tag:x`. */
  authorIds: ReadonlyMap<string, string>;
  tagIds: ReadonlyMap<string, string>;
  /** Old addresses of published posts and pages are added here. */
  redirects: Array<{ from: string; to: string }>;
  onProgress?: ((done: number, total: number) => void) | undefined;
}

/**
 * The second pass over a WXR file: posts and pages, streamed, 200 at a time, each batch with its
 * import links in one transaction. Attachments, menu items and other post types are passed by.
 */
export async function importWordPressPosts(
  phase: ImportPhase,
  ctx: WordPressPostsContext,
): Promise<void> {
  const state = {
    done: 0,
    // An item's author by login, forgiving a hand-edited export; else the export's first.
    findAuthor: authorFinder(ctx.authorIds),
    firstAuthor: ctx.first.authors.map((a) => ctx.authorIds.get(a.login)).find((id) => id),
  };
  let batch: WxrItem[] = [];
  await phase.services.posts.bulkImport(async () => {
    for await (const record of readWxr(createReadStream(ctx.file))) {
      if (record.kind !== 'item' || (record.postType !== 'post' && record.postType !== 'page'))
        continue;
      batch.push(record);
      if (batch.length === batchSize) {
        await importBatch(phase, ctx, state, batch);
        batch = [];
      }
    }
    if (batch.length > 0) await importBatch(phase, ctx, state, batch);
  }, importCache);
}

async function importBatch(
  phase: ImportPhase,
  ctx: WordPressPostsContext,
  state: {
    done: number;
    findAuthor: (creator: string) => string | undefined;
    firstAuthor: string | undefined;
  },
  batch: readonly WxrItem[],
): Promise<void> {
  const { services, report, links, dryRun } = phase;
  const { first, media } = ctx;
  const known = await links.find(
    phase.source,
    'post',
    batch.map((i) => String(i.postId)),
  );
  // One query for the batch; a slug taken earlier in the batch counts too.
  const slugs = new Map(
    batch.map((i) => [i.postId, importedSlug(i.postName, `${i.postType}-${i.postId}`)]),
  );
  const taken = await services.posts.slugsTaken([...slugs.values()].map((s) => s.slug));
  const edited = await editedSinceImport(phase, known);
  const writes: ImportedPost[] = [];
  const replaceIds = new Set<string>();
  const newLinks: ImportLinksTable[] = [];
  for (const item of batch) {
    ctx.onProgress?.((state.done += 1), first.items);
    const kind = item.postType === 'page' ? 'pages' : 'posts';
    const label = `${item.postType} "${item.postName || item.postId}"`;
    report.count(kind, 'found');
    const mapped = statusOf(item, phase.clock.now(), report);
    if (!mapped) {
      report.note(label, `status "${item.status}"`, 'not imported');
      report.count(kind, 'skipped');
      continue;
    }
    const { slug, reason, isReserved } =
      slugs.get(item.postId) ?? importedSlug('', `post-${item.postId}`);
    // WordPress stores non-Latin slugs percent-encoded, and drafts often have none: only a
    // reserved address is worth a line.
    if (isReserved && reason) report.note(label, 'slug', reason);
    const sum = checksum(item);
    const existing = known.get(String(item.postId));
    const newPath = encodedPath(`/${slug}/`);
    // Old addresses for what readers could reach: published posts and pages only.
    if (mapped.status === 'published') addOldAddresses(ctx.redirects, item, newPath);
    if (existing?.checksum === sum) {
      report.count(kind, 'unchanged');
      continue;
    }
    if (existing && edited.has(String(item.postId))) {
      report.note(label, 'whole item', editedHere);
      report.count(kind, 'skipped');
      continue;
    }
    if (!existing && taken.has(slug)) {
      report.note(label, 'whole item', `the address /${slug}/ is already used by another story`);
      report.count(kind, 'skipped');
      continue;
    }
    let author = state.findAuthor(item.creator);
    if (!author && state.firstAuthor) {
      author = state.firstAuthor;
      report.note(
        label,
        'author',
        `its author "${item.creator}" is not among the export's authors: imported under the export's first author`,
      );
    }
    if (!author) {
      report.note(label, 'whole item', `its author "${item.creator}" could not be imported`);
      report.count(kind, 'skipped');
      continue;
    }
    const converted = wordpressToDocument(item.content, {
      siteUrl: ctx.siteUrl,
      attachmentUrl: (id) => first.attachments.get(id),
      childAttachments: first.children.get(item.postId) ?? [],
    });
    for (const part of converted.dropped) report.note(label, part.kind, part.reason);
    // A resized copy (`photo-300x200.jpg`) is its attachment's original: one media item.
    const doc = mapImageSources(converted.doc, ctx.original);
    const body = await media.rewrite(doc, label);
    const thumbnailId = Number(item.postmeta.find((m) => m.key === '_thumbnail_id')?.value);
    const thumbnail = Number.isInteger(thumbnailId)
      ? first.attachments.get(thumbnailId)
      : undefined;
    const lead = thumbnail ? await media.copy(thumbnail, label) : null;
    const tags = [
      ...item.categories
        .filter((c) => c.domain === 'category')
        .map((c) => ctx.tagIds.get(`category:${c.nicename}`)),
      ...item.categories
        .filter((c) => c.domain === 'post_tag')
        .map((c) => ctx.tagIds.get(`post_tag:${c.nicename}`)),
    ].filter((id): id is string => id !== undefined);
    const publishedAt = toIso(item.postDateGmt ?? item.postDate) || null;
    const id = existing?.localId ?? newId();
    writes.push({
      id,
      kind: item.postType === 'page' ? 'page' : 'article',
      slug,
      title: plainTitle(item.title) || slug,
      body,
      authorIds: [author],
      tagIds: [...new Set(tags)],
      status: mapped.status,
      scheduledAt: mapped.scheduledAt,
      publishedAt: mapped.status === 'draft' ? null : publishedAt,
      publicUpdatedAt:
        mapped.status === 'published' ? toIso(item.postModifiedGmt) || publishedAt : null,
      isFeatured: item.isSticky,
      leadImage: lead && !dryRun ? { mediaId: lead.id, alt: '', caption: '', credit: '' } : null,
      customExcerpt: item.excerpt.trim()
        ? item.excerpt
            .replace(/<[^>]*>/g, '')
            .trim()
            .slice(0, 1000)
        : null,
    });
    if (existing) replaceIds.add(id);
    else taken.add(slug);
    newLinks.push(phase.link('post', String(item.postId), id, sum));
    report.count(kind, existing ? 'updated' : 'created');
  }
  await saveImportedPosts(phase, { writes, replaceIds, links: newLinks });
}

/** `/?p=ID` (WordPress answers it for pages too), `/?page_id=ID` for pages, and its own link. */
function addOldAddresses(
  redirects: Array<{ from: string; to: string }>,
  item: WxrItem,
  newPath: string,
): void {
  redirects.push({ from: `/?p=${item.postId}`, to: newPath });
  if (item.postType === 'page') redirects.push({ from: `/?page_id=${item.postId}`, to: newPath });
  const oldPath = (() => {
    try {
      return new URL(item.link).pathname;
    } catch {
      return undefined;
    }
  })();
  if (oldPath && redirectKeyOf(oldPath) !== redirectKeyOf(newPath))
    redirects.push({ from: oldPath, to: newPath });
}
