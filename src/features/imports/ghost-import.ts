import type { Kysely } from 'kysely';
import type { Clock } from '../../platform/clock.js';
import { newId } from '../../platform/ids.js';
import type { ImportedPost } from '../posts/index.js';
import { createImportLinksRepository } from './import-links.repository.js';
import { createMediaCopier, type MediaCopier } from './import-media.js';
import { ImportReport } from './import-report.js';
import type { ImportLinksTable, ImportsTables } from './imports.table.js';
import { ghostBodyOf } from './ghost-body.js';
import { absoluteUrl, statusOf, toIso, visibilityOf } from './ghost-mapping.js';
import type { GhostImportServices, GhostPhase } from './ghost-phase.js';
import { ghostPostSchema, type GhostPost, type GhostPostMeta } from './ghost-rows.js';
import { readGhostExport } from './ghost-export-reader.js';
import { importGhostNewsletters, importGhostSite } from './ghost-site-import.js';
import { importGhostUsers } from './ghost-staff-import.js';
import { importGhostTags } from './ghost-tags-import.js';
import { importGhostTiers } from './ghost-tiers-import.js';
import { checksum, importCache } from './import-checksum.js';
import { labelOf, linksInOrder, readSmallTables } from './ghost-small-tables.js';
import { htmlToPlainText } from './plain-text.js';

export type { GhostImportServices } from './ghost-phase.js';

export interface GhostImportOptions {
  file: string;
  /** The old site's address (`https://news.example`): `__GHOST_URL__` and its absolute links. */
  siteUrl: string;
  /** Ghost's `content/images` folder. */
  imagesDir?: string;
  dryRun?: boolean;
  /** Re-import over posts edited in Masthead since the last import. */
  overwrite?: boolean;
  /**
   * Sends an invitation to an imported staff account (`--invite-staff`); false when the account
   * is not waiting for one. Without it, imported staff stay suspended until invited.
   */
  invite?: (staffUserId: string) => Promise<boolean>;
  /** Progress of the long steps: `total` is known from the first pass (an estimate). */
  onProgress?: (step: 'read' | 'posts', done: number, total: number) => void;
}

const batchSize = 200;
/**
 * `masthead import ghost`: a Ghost export (4.x–6.x, as Admin → Settings → Export writes it)
 * into this newsroom. The file is read twice, streaming: first the small tables (staff, tags,
 * links between posts and them, newsletters, navigation), then the posts, 200 at a time, each
 * batch with its source links in one transaction. Every item keeps its Ghost id as an import
 * link, so a second run updates what changed, skips what did not, and never duplicates.
 */
export function createGhostImporter(deps: {
  db: Kysely<ImportsTables>;
  clock: Clock;
  services: GhostImportServices;
}) {
  const links = createImportLinksRepository(deps.db);
  const { services } = deps;

  return async function importGhost(options: GhostImportOptions): Promise<ImportReport> {
    const siteUrl = options.siteUrl.replace(/\/+$/, '');
    const source = `ghost:${siteUrl}`;
    const dryRun = options.dryRun ?? false;
    const report = new ImportReport(`Ghost export ${options.file}`, dryRun);
    const at = () => deps.clock.now().toISOString();
    const media = createMediaCopier({
      media: services.media,
      source: options.imagesDir
        ? { dir: options.imagesDir, prefixes: [`${siteUrl}/content/images/`] }
        : undefined,
      report,
      dryRun,
    });
    const link = (
      entity: ImportLinksTable['entity'],
      externalId: string,
      localId: string,
      sum: string,
    ): ImportLinksTable => ({
      source,
      entity,
      external_id: externalId,
      local_id: localId,
      checksum: sum,
      local_version: null,
      imported_at: at(),
    });

    const small = await readSmallTables(options.file, report);
    // Every post has a byline in Ghost: the posts with authors are (nearly) all of them.
    const totalPosts = small.authorsOfPost.size;
    options.onProgress?.('read', 0, totalPosts);

    const phase: GhostPhase = {
      db: deps.db,
      services,
      links,
      link,
      source,
      report,
      dryRun,
      overwrite: options.overwrite ?? false,
    };
    await importGhostSite(phase, small);
    const authorIds = await importGhostUsers(phase, small, {
      media,
      siteUrl,
      invite: options.invite,
    });
    const tagIds = await importGhostTags(phase, small);
    const tierOf = await importGhostTiers(phase, small);
    await importGhostNewsletters(phase, small);

    const importPosts = async (batch: GhostPost[]) => {
      const known = await links.find(
        source,
        'post',
        batch.map((p) => p.id),
      );
      // One query for the batch; a slug taken earlier in the batch counts too.
      const taken = await services.posts.slugsTaken(batch.map((p) => p.slug));
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
        if (existing && !options.overwrite) {
          const current = await services.posts.byId(existing.localId).catch(() => undefined);
          if (
            current &&
            existing.localVersion !== null &&
            current.version !== existing.localVersion
          ) {
            report.note(
              item,
              'whole item',
              'edited in Masthead since the last import: kept (use --overwrite to replace)',
            );
            report.count(kind, 'skipped');
            continue;
          }
        }
        if (!existing) {
          if (taken.has(post.slug)) {
            report.note(
              item,
              'whole item',
              `the address /${post.slug}/ is already used by another story`,
            );
            report.count(kind, 'skipped');
            continue;
          }
        }
        const converted = ghostBodyOf(post, { siteUrl });
        for (const part of converted.dropped) report.note(item, part.kind, part.reason);
        const body = dryRun ? converted.doc : await media.rewrite(converted.doc, item);
        const { status, scheduledAt } = statusOf(post, deps.clock.now(), report);
        const authors = authorOrder.flatMap((a) => {
          const local = authorIds.get(a.id);
          if (!local) report.note(item, `author ${a.id}`, "not among the export's users");
          return local ? [local] : [];
        });
        if (authors.length === 0) {
          report.note(item, 'whole item', 'no author it names could be imported');
          report.count(kind, 'skipped');
          continue;
        }
        const tags = tagOrder.flatMap((t) => {
          const local = tagIds.get(t.id);
          return local ? [local] : [];
        });
        const leadImage = await leadImageOf(post, meta, { siteUrl, media, item, dryRun, report });
        const id = existing?.localId ?? newId();
        const publishedAt = toIso(post.published_at) || null;
        writes.push({
          id,
          kind: post.type === 'page' ? 'page' : 'article',
          slug: post.slug,
          title: post.title || post.slug,
          body,
          authorIds: authors,
          tagIds: tags,
          status,
          scheduledAt,
          visibility: visibilityOf(
            post,
            report,
            (tierIds ?? []).flatMap((id) => tierOf.get(id) ?? []),
          ),
          publishedAt: status === 'draft' ? null : publishedAt,
          publicUpdatedAt: status === 'published' ? toIso(post.updated_at) || publishedAt : null,
          isFeatured: post.featured,
          leadImage,
          customExcerpt: post.custom_excerpt,
          seo: {
            title: meta?.meta_title ?? post.meta_title ?? null,
            description: meta?.meta_description ?? post.meta_description ?? null,
            socialImageUrl: await socialImageOf(meta?.og_image ?? post.og_image, {
              siteUrl,
              media,
              item,
              dryRun,
            }),
          },
          canonicalUrl: post.canonical_url ? absoluteUrl(post.canonical_url, siteUrl) : null,
        });
        if (existing) replaceIds.add(id);
        else taken.add(post.slug);
        newLinks.push({ ...link('post', post.id, id, sum), local_version: existing ? null : 1 });
        report.count(kind, existing ? 'updated' : 'created');
      }
      if (dryRun || writes.length === 0) return;
      await services.posts.importBatch(writes, {
        replaceIds,
        within: (trx, versions) =>
          links.save(
            trx as unknown as Kysely<ImportsTables>,
            newLinks.map((l) => ({ ...l, local_version: versions.get(l.local_id) ?? 1 })),
          ),
      });
    };

    let batch: GhostPost[] = [];
    let done = 0;
    await services.posts.bulkImport(async () => {
      for await (const { row } of readGhostExport(options.file, new Set(['posts']))) {
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
          await importPosts(batch);
          done += batch.length;
          options.onProgress?.('posts', done, Math.max(totalPosts, done));
          batch = [];
        }
      }
      if (batch.length > 0) await importPosts(batch);
      done += batch.length;
      options.onProgress?.('posts', done, Math.max(totalPosts, done));
    }, importCache);
    if (!dryRun) await services.posts.refreshStatistics();
    return report;
  };
}

/** The social image, copied like the others (the page makes a site path absolute). */
async function socialImageOf(
  value: string | null | undefined,
  ctx: { siteUrl: string; media: MediaCopier; item: string; dryRun: boolean },
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
  ctx: { siteUrl: string; media: MediaCopier; item: string; dryRun: boolean; report: ImportReport },
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
