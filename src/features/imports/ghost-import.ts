import type { Kysely } from 'kysely';
import type { Clock } from '../../platform/clock.js';
import { newId } from '../../platform/ids.js';
import { parseInput } from '../../platform/validation.js';
import { authorInputSchema, type AuthorsService } from '../authors/index.js';
import type { MediaService } from '../media/index.js';
import type { NewslettersService } from '../newsletters/index.js';
import type { ImportedPost, PostsService } from '../posts/index.js';
import { siteSettingsPatchSchema, type SettingsService } from '../settings/index.js';
import { createStaffInputSchema, type StaffService } from '../staff/index.js';
import { tagInputSchema, type TagsService } from '../tags/index.js';
import { createImportLinksRepository } from './import-links.repository.js';
import { createMediaCopier, type MediaCopier } from './import-media.js';
import { ImportReport } from './import-report.js';
import type { ImportLinksTable, ImportsTables } from './imports.table.js';
import { ghostBodyOf } from './ghost-body.js';
import { absoluteUrl, staffRoleOf, statusOf, toIso, visibilityOf } from './ghost-mapping.js';
import { ghostPostSchema, type GhostPost, type GhostPostMeta } from './ghost-rows.js';
import { readGhostExport } from './ghost-export-reader.js';
import { checksum, importCache } from './import-checksum.js';
import { labelOf, linksInOrder, readSmallTables, type SmallTables } from './ghost-small-tables.js';
import { htmlToPlainText } from './plain-text.js';

export interface GhostImportServices {
  staff: Pick<StaffService, 'create' | 'byEmail'>;
  authors: Pick<AuthorsService, 'update' | 'byUserId' | 'byId'>;
  tags: Pick<TagsService, 'create' | 'update' | 'bySlug'>;
  media: Pick<MediaService, 'upload'>;
  posts: Pick<
    PostsService,
    'importBatch' | 'bulkImport' | 'refreshStatistics' | 'byId' | 'slugsTaken'
  >;
  newsletters: Pick<NewslettersService, 'create' | 'bySlug'>;
  settings: Pick<SettingsService, 'get' | 'update'>;
}

export interface GhostImportOptions {
  file: string;
  /** The old site's address (`https://news.example`): `__GHOST_URL__` and its absolute links. */
  siteUrl: string;
  /** Ghost's `content/images` folder. */
  imagesDir?: string;
  dryRun?: boolean;
  /** Re-import over posts edited in Masthead since the last import. */
  overwrite?: boolean;
  onProgress?: (step: string, done: number) => void;
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
    options.onProgress?.('read', 0);

    await importSite(small, report, dryRun);
    const authorIds = await importUsers(small, { source, dryRun, report, media, link, siteUrl });
    const tagIds = await importTags(small, { source, dryRun, report, link });
    await importNewsletters(small, { source, dryRun, report, link });

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
        const sum = checksum({ post, meta, authorOrder, tagOrder });
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
          visibility: visibilityOf(post, report),
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
          options.onProgress?.('posts', done);
          batch = [];
        }
      }
      if (batch.length > 0) await importPosts(batch);
      done += batch.length;
      options.onProgress?.('posts', done);
    }, importCache);
    if (!dryRun) await services.posts.refreshStatistics();
    return report;
  };

  /**
   * The newsroom's name, description, time zone and colour, only into a newsroom that has not
   * named itself yet (a fresh install): an import never renames a working site.
   */
  async function importSite(small: SmallTables, report: ImportReport, dryRun: boolean) {
    const { title, description, timezone, accent_color: accent } = small.site;
    const patch = siteSettingsPatchSchema.safeParse({
      ...(title ? { siteName: title.slice(0, 80) } : {}),
      ...(description ? { description: description.slice(0, 300) } : {}),
      ...(timezone ? { timezone } : {}),
      ...(accent ? { accentColor: accent } : {}),
    });
    if (!patch.success) {
      report.note(
        'settings',
        'site name, description, time zone, colour',
        "not valid here: kept this site's own",
      );
      return;
    }
    if (Object.keys(patch.data).length === 0) return;
    const current = await services.settings.get();
    if (current.siteName !== 'Masthead') {
      report.note(
        'settings',
        'site name, description, time zone, colour',
        `this newsroom is already named "${current.siteName}": kept its own`,
      );
      return;
    }
    if (!dryRun) await services.settings.update(patch.data);
  }

  async function importUsers(
    small: SmallTables,
    ctx: {
      source: string;
      dryRun: boolean;
      report: ImportReport;
      media: MediaCopier;
      link: LinkMaker;
      siteUrl: string;
    },
  ): Promise<Map<string, string>> {
    const ids = new Map<string, string>();
    const known = await links.find(
      ctx.source,
      'author',
      small.users.map((u) => u.id),
    );
    for (const user of small.users) {
      ctx.report.count('staff', 'found');
      const existing = known.get(user.id);
      if (existing) {
        ids.set(user.id, existing.localId);
        ctx.report.count('staff', 'unchanged');
        continue;
      }
      const email = user.email?.trim().toLowerCase();
      const already = email ? await services.staff.byEmail(email) : undefined;
      if (already) {
        const author = await services.authors.byUserId(already.id);
        if (author) {
          ids.set(user.id, author.id);
          ctx.report.count('staff', 'unchanged');
          if (!ctx.dryRun)
            await links.save(deps.db, [ctx.link('author', user.id, author.id, 'existing')]);
          continue;
        }
      }
      if (!email) {
        ctx.report.note(`user "${user.slug}"`, 'whole item', 'no email address: not imported');
        ctx.report.count('staff', 'skipped');
        continue;
      }
      const role = staffRoleOf(small.roleOfUser.get(user.id));
      if (ctx.dryRun) {
        ids.set(user.id, `dry-run-${user.id}`);
        ctx.report.count('staff', 'created');
        continue;
      }
      const avatar = user.profile_image
        ? await ctx.media.copy(absoluteUrl(user.profile_image, ctx.siteUrl), `user "${user.slug}"`)
        : null;
      const website = user.website && /^https?:\/\//.test(user.website) ? user.website : undefined;
      const profile = parseInput(
        authorInputSchema.pick({ slug: true, bio: true, location: true, links: true }),
        {
          slug: user.slug,
          bio: (user.bio ?? '').slice(0, 2000),
          location: (user.location ?? '').slice(0, 120),
          links: {
            ...(website ? { website } : {}),
            ...(user.twitter ? { x: user.twitter.replace(/^@/, '').slice(0, 60) } : {}),
          },
        },
      );
      const created = await services.staff.create(
        parseInput(createStaffInputSchema, {
          email,
          name: user.name.slice(0, 120),
          role,
          status: 'suspended',
          profile: { ...profile, ...(avatar ? { avatarMediaId: avatar.id } : {}) },
        }),
      );
      ids.set(user.id, created.author.id);
      await links.save(deps.db, [ctx.link('author', user.id, created.author.id, checksum(user))]);
      ctx.report.count('staff', 'created');
      if (small.roleOfUser.get(user.id)?.toLowerCase() === 'owner')
        ctx.report.note(
          `user "${user.slug}"`,
          'role Owner',
          'imported as an administrator: this site keeps its own owner',
        );
    }
    return ids;
  }

  async function importTags(
    small: SmallTables,
    ctx: { source: string; dryRun: boolean; report: ImportReport; link: LinkMaker },
  ): Promise<Map<string, string>> {
    const ids = new Map<string, string>();
    const known = await links.find(
      ctx.source,
      'tag',
      small.tags.map((t) => t.id),
    );
    for (const tag of small.tags) {
      ctx.report.count('tags', 'found');
      if (tag.visibility === 'internal' || tag.name.startsWith('#')) {
        ctx.report.note(
          `tag "${tag.name}"`,
          'whole item',
          'internal tag: never shown to readers, so not imported as a section',
        );
        ctx.report.count('tags', 'skipped');
        continue;
      }
      const existing =
        known.get(tag.id) ??
        (await services.tags.bySlug(tag.slug).then((t) => t && { localId: t.id, checksum: '' }));
      const navigationOrder = small.navigation.indexOf(tag.slug);
      const input = parseInput(tagInputSchema, {
        name: tag.name.slice(0, 80),
        slug: tag.slug.slice(0, 80),
        description: (tag.description ?? '').slice(0, 1000),
        ...(navigationOrder >= 0 ? { isNavigation: true, navigationOrder } : {}),
      });
      const sum = checksum({ tag, navigationOrder });
      if (existing?.checksum === sum) {
        ids.set(tag.id, existing.localId);
        ctx.report.count('tags', 'unchanged');
        continue;
      }
      if (ctx.dryRun) {
        ids.set(tag.id, existing?.localId ?? `dry-run-${tag.id}`);
        ctx.report.count('tags', existing ? 'updated' : 'created');
        continue;
      }
      const local = existing
        ? await services.tags.update(existing.localId, input)
        : await services.tags.create(input);
      ids.set(tag.id, local.id);
      await links.save(deps.db, [ctx.link('tag', tag.id, local.id, sum)]);
      ctx.report.count('tags', existing ? 'updated' : 'created');
    }
    return ids;
  }

  async function importNewsletters(
    small: SmallTables,
    ctx: { source: string; dryRun: boolean; report: ImportReport; link: LinkMaker },
  ): Promise<void> {
    const known = await links.find(
      ctx.source,
      'newsletter',
      small.newsletters.map((n) => n.id),
    );
    for (const letter of small.newsletters) {
      ctx.report.count('newsletters', 'found');
      const slug = letter.slug ?? undefined;
      if (known.has(letter.id) || (slug && (await services.newsletters.bySlug(slug)))) {
        ctx.report.count('newsletters', 'unchanged');
        continue;
      }
      if (ctx.dryRun) {
        ctx.report.count('newsletters', 'created');
        continue;
      }
      const created = await services.newsletters.create({
        name: letter.name.slice(0, 120),
        ...(slug ? { slug: slug.slice(0, 80) } : {}),
        description: (letter.description ?? '').slice(0, 2000),
        senderName: letter.sender_name,
        subscribeOnSignup: letter.subscribe_on_signup,
        status: letter.status === 'archived' ? 'archived' : 'active',
      });
      await links.save(deps.db, [ctx.link('newsletter', letter.id, created.id, checksum(letter))]);
      ctx.report.count('newsletters', 'created');
    }
  }
}

type LinkMaker = (
  entity: ImportLinksTable['entity'],
  externalId: string,
  localId: string,
  sum: string,
) => ImportLinksTable;

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
