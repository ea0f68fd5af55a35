import { createReadStream } from 'node:fs';
import type { Kysely } from 'kysely';
import type { Clock } from '../../platform/clock.js';
import { OperatorError } from '../../platform/errors.js';
import type { OutboundClient } from '../../platform/http/outbound.js';
import { newId } from '../../platform/ids.js';
import { parseInput } from '../../platform/validation.js';
import type { ImportedPost } from '../posts/index.js';
import { createStaffInputSchema } from '../staff/index.js';
import { tagInputSchema } from '../tags/index.js';
import type { GhostImportServices } from './ghost-import.js';
import { checksum, importCache } from './import-checksum.js';
import { toIso } from './ghost-mapping.js';
import { createImportLinksRepository } from './import-links.repository.js';
import { createMediaCopier } from './import-media.js';
import { ImportReport } from './import-report.js';
import type { ImportLinksTable, ImportsTables } from './imports.table.js';
import { redirectKeyOf } from './redirect-path.js';
import { createRedirectsRepository } from './redirects.repository.js';
import { createRemoteImageFetcher } from './remote-media.js';
import { wordpressToDocument } from './wordpress-blocks.js';
import {
  attachmentIndex,
  authorFinder,
  categoryPaths,
  encodedPath,
  mapImageSources,
  plainTitle,
  termSlug,
  uploadPrefixes,
  wordpressSlug,
} from './wordpress-mapping.js';
import { readWxr } from './wxr-reader.js';
import { firstPass, statusOf, type ImportProgressListener } from './wordpress-first-pass.js';
export type { ImportProgressListener, ImportStep } from './wordpress-first-pass.js';
import type { WxrItem } from './wxr-records.js';

export interface WordPressImportOptions {
  file: string;
  /** The old site's `wp-content/uploads` folder. */
  mediaDir?: string;
  /**
   * Downloads images not in `mediaDir` from where the export says they are, through the
   * outbound guard (public addresses only).
   */
  fetchMedia?: boolean;
  dryRun?: boolean;
  overwrite?: boolean;
  /** Each long step's progress: the file read (bytes), posts and pages, images. */
  onProgress?: ImportProgressListener;
}

/** The largest image `--fetch-media` downloads: the media library's own limit. */
const maxDownloadBytes = 20 * 1024 * 1024;

/**
 * `masthead import wordpress EXPORT.xml`: a WXR 1.1/1.2 file (Tools → Export) into this
 * newsroom. Streamed twice: first the people, categories, tags and attachment addresses, then
 * posts and pages in batches, each batch with its source links in one transaction. Old
 * permalinks (`/?p=ID`, the post's own link such as `/2019/05/03/slug/`, `/category/x/`) answer
 * 301 to the new pages. Comments and menus are counted and left behind.
 */
export function createWordPressImporter(deps: {
  db: Kysely<ImportsTables>;
  clock: Clock;
  services: GhostImportServices;
  /** Where `fetchMedia` downloads go through; without one, `fetchMedia` is refused. */
  outbound?: Pick<OutboundClient, 'get'>;
}) {
  const links = createImportLinksRepository(deps.db);
  const redirects = createRedirectsRepository(deps.db);
  const { services } = deps;

  return async function importWordPress(options: WordPressImportOptions): Promise<ImportReport> {
    const dryRun = options.dryRun ?? false;
    const report = new ImportReport(`WordPress export ${options.file}`, dryRun);
    if (options.fetchMedia && !deps.outbound)
      throw new OperatorError('Downloading media is not available in this process');
    const progress = options.onProgress;
    const first = await firstPass(options.file, report, progress);
    const original = attachmentIndex(first.attachments.values());
    const siteUrl = (
      first.site?.baseBlogUrl ||
      first.site?.link ||
      'https://wordpress.invalid'
    ).replace(/\/+$/, '');
    const source = `wordpress:${siteUrl}`;
    const at = () => deps.clock.now().toISOString();
    const link = (
      entity: ImportLinksTable['entity'],
      id: string,
      localId: string,
      sum: string,
    ): ImportLinksTable => ({
      source,
      entity,
      external_id: id,
      local_id: localId,
      checksum: sum,
      local_version: null,
      imported_at: at(),
    });
    const media = createMediaCopier({
      media: services.media,
      source: options.mediaDir
        ? {
            dir: options.mediaDir,
            prefixes: [
              `${siteUrl}/wp-content/uploads/`,
              `${(first.site?.baseSiteUrl ?? siteUrl).replace(/\/+$/, '')}/wp-content/uploads/`,
              ...uploadPrefixes(first.attachments.values()),
            ],
          }
        : undefined,
      report,
      dryRun,
      ...(options.fetchMedia && deps.outbound
        ? {
            fetchRemote: createRemoteImageFetcher({
              outbound: deps.outbound,
              maxBytes: maxDownloadBytes,
            }),
          }
        : {}),
      onImage: () => {
        imagesDone += 1;
        progress?.('media', imagesDone, 0);
      },
    });
    let imagesDone = 0;
    const redirectRows: Array<{ from: string; to: string }> = [];

    // Authors: staff accounts, suspended without passwords until invited.
    const authorIds = new Map<string, string>();
    const knownAuthors = await links.find(
      source,
      'author',
      first.authors.map((a) => a.login),
    );
    for (const author of first.authors) {
      report.count('staff', 'found');
      const known = knownAuthors.get(author.login);
      const email = author.email.trim().toLowerCase();
      const existing =
        known?.localId ??
        (email
          ? await services.staff
              .byEmail(email)
              .then(async (u) => u && (await services.authors.byUserId(u.id))?.id)
          : undefined);
      if (existing) {
        authorIds.set(author.login, existing);
        report.count('staff', 'unchanged');
        if (!known && !dryRun)
          await links.save(deps.db, [link('author', author.login, existing, 'existing')]);
        continue;
      }
      if (!email) {
        report.note(`author "${author.login}"`, 'whole item', 'no email address: not imported');
        report.count('staff', 'skipped');
        continue;
      }
      if (dryRun) {
        authorIds.set(author.login, `dry-run-${author.login}`);
        report.count('staff', 'created');
        continue;
      }
      const created = await services.staff.create(
        parseInput(createStaffInputSchema, {
          email,
          name: (author.displayName || author.login).slice(0, 120),
          role: 'author',
          status: 'suspended',
          profile: { slug: author.login.slice(0, 120) },
        }),
      );
      authorIds.set(author.login, created.author.id);
      await links.save(deps.db, [
        link('author', author.login, created.author.id, checksum(author)),
      ]);
      report.count('staff', 'created');
    }

    // An item's author by login, forgiving a hand-edited export; else the export's first.
    const findAuthor = authorFinder(authorIds);
    const firstAuthor = first.authors.map((a) => authorIds.get(a.login)).find((id) => id);

    // Categories become sections, tags tags; both are Masthead tags. `/category/x/` → `/tag/x/`.
    const tagIds = new Map<string, string>();
    const categoryAddresses = categoryPaths(first.categories);
    const terms = [
      ...first.categories.map((c) => ({
        key: `category:${c.nicename}`,
        raw: c.nicename,
        slug: termSlug(c.nicename),
        name: c.name,
        description: c.description,
        isCategory: true,
      })),
      ...first.tags.map((t) => ({
        key: `post_tag:${t.slug}`,
        raw: t.slug,
        slug: termSlug(t.slug),
        name: t.name,
        description: t.description,
        isCategory: false,
      })),
    ];
    const knownTerms = await links.find(
      source,
      'tag',
      terms.map((t) => t.key),
    );
    for (const term of terms) {
      report.count('tags', 'found');
      const local =
        knownTerms.get(term.key)?.localId ?? (await services.tags.bySlug(term.slug))?.id;
      if (term.isCategory)
        for (const from of categoryAddresses.get(term.raw) ?? [])
          redirectRows.push({ from, to: `/tag/${term.slug}/` });
      if (local) {
        tagIds.set(term.key, local);
        report.count('tags', 'unchanged');
        if (!knownTerms.has(term.key) && !dryRun)
          await links.save(deps.db, [link('tag', term.key, local, 'existing')]);
        continue;
      }
      if (dryRun) {
        tagIds.set(term.key, `dry-run-${term.key}`);
        report.count('tags', 'created');
        continue;
      }
      const created = await services.tags.create(
        parseInput(tagInputSchema, {
          name: (term.name || term.slug).slice(0, 80),
          slug: term.slug.slice(0, 80),
          description: term.description.slice(0, 1000),
        }),
      );
      tagIds.set(term.key, created.id);
      await links.save(deps.db, [link('tag', term.key, created.id, checksum(term))]);
      report.count('tags', 'created');
    }
    if (first.comments > 0) {
      report.count('comments', 'found', first.comments);
      report.count('comments', 'skipped', first.comments);
      report.note(
        `${first.comments} comments`,
        'whole items',
        'Masthead has no comments: counted and left behind',
      );
    }
    if (first.menuItems > 0) {
      report.count('menus', 'found', first.menuItems);
      report.count('menus', 'skipped', first.menuItems);
      report.note(
        `${first.menuItems} menu items`,
        'whole items',
        'menus are not imported: set the navigation sections in Settings',
      );
    }

    // Posts and pages.
    const importBatch = async (batch: WxrItem[]) => {
      const known = await links.find(
        source,
        'post',
        batch.map((i) => String(i.postId)),
      );
      // One query for the batch; a slug taken earlier in the batch counts too.
      const slugs = new Map(
        batch.map((i) => [i.postId, wordpressSlug(i.postName, `${i.postType}-${i.postId}`)]),
      );
      const taken = await services.posts.slugsTaken([...slugs.values()].map((s) => s.slug));
      const writes: ImportedPost[] = [];
      const replaceIds = new Set<string>();
      const newLinks: ImportLinksTable[] = [];
      for (const item of batch) {
        progress?.('posts', (postsDone += 1), first.items);
        const kind = item.postType === 'page' ? 'pages' : 'posts';
        const label = `${item.postType} "${item.postName || item.postId}"`;
        report.count(kind, 'found');
        const mapped = statusOf(item, deps.clock.now(), report);
        if (!mapped) {
          report.note(label, `status "${item.status}"`, 'not imported');
          report.count(kind, 'skipped');
          continue;
        }
        const { slug, reason: slugReason } = slugs.get(item.postId) ?? {
          slug: `post-${item.postId}`,
        };
        if (slugReason) report.note(label, 'slug', slugReason);
        const sum = checksum(item);
        const existing = known.get(String(item.postId));
        const newPath = encodedPath(`/${slug}/`);
        const oldPath = (() => {
          try {
            return new URL(item.link).pathname;
          } catch {
            return undefined;
          }
        })();
        // Old addresses for what readers could reach: published posts and pages only.
        if (mapped.status === 'published') {
          // WordPress answers `/?p=ID` for pages too.
          redirectRows.push({ from: `/?p=${item.postId}`, to: newPath });
          if (item.postType === 'page')
            redirectRows.push({ from: `/?page_id=${item.postId}`, to: newPath });
          if (oldPath && redirectKeyOf(oldPath) !== redirectKeyOf(newPath))
            redirectRows.push({ from: oldPath, to: newPath });
        }
        if (existing?.checksum === sum) {
          report.count(kind, 'unchanged');
          continue;
        }
        if (existing && !options.overwrite) {
          const current = await services.posts.byId(existing.localId).catch(() => undefined);
          if (
            current &&
            existing.localVersion !== null &&
            current.version !== existing.localVersion
          ) {
            report.note(
              label,
              'whole item',
              'edited in Masthead since the last import: kept (use --overwrite to replace)',
            );
            report.count(kind, 'skipped');
            continue;
          }
        }
        if (!existing && taken.has(slug)) {
          report.note(
            label,
            'whole item',
            `the address /${slug}/ is already used by another story`,
          );
          report.count(kind, 'skipped');
          continue;
        }
        let author = findAuthor(item.creator);
        if (!author && firstAuthor) {
          author = firstAuthor;
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
          siteUrl,
          attachmentUrl: (id) => first.attachments.get(id),
          childAttachments: first.children.get(item.postId) ?? [],
        });
        for (const part of converted.dropped) report.note(label, part.kind, part.reason);
        // A resized copy (`photo-300x200.jpg`) is its attachment's original: one media item.
        const doc = mapImageSources(converted.doc, original);
        const body = await media.rewrite(doc, label);
        const thumbnailId = Number(item.postmeta.find((m) => m.key === '_thumbnail_id')?.value);
        const thumbnail = Number.isInteger(thumbnailId)
          ? first.attachments.get(thumbnailId)
          : undefined;
        const lead = thumbnail ? await media.copy(thumbnail, label) : null;
        const tags = [
          ...item.categories
            .filter((c) => c.domain === 'category')
            .map((c) => tagIds.get(`category:${c.nicename}`)),
          ...item.categories
            .filter((c) => c.domain === 'post_tag')
            .map((c) => tagIds.get(`post_tag:${c.nicename}`)),
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
          leadImage:
            lead && !dryRun ? { mediaId: lead.id, alt: '', caption: '', credit: '' } : null,
          customExcerpt: item.excerpt.trim()
            ? item.excerpt
                .replace(/<[^>]*>/g, '')
                .trim()
                .slice(0, 1000)
            : null,
        });
        if (existing) replaceIds.add(id);
        else taken.add(slug);
        newLinks.push(link('post', String(item.postId), id, sum));
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

    let postsDone = 0;
    let batch: WxrItem[] = [];
    await services.posts.bulkImport(async () => {
      for await (const record of readWxr(createReadStream(options.file))) {
        if (record.kind !== 'item' || (record.postType !== 'post' && record.postType !== 'page'))
          continue;
        batch.push(record);
        if (batch.length === 200) {
          await importBatch(batch);
          batch = [];
        }
      }
      if (batch.length > 0) await importBatch(batch);
    }, importCache);

    const stored = redirectRows.flatMap((r) => {
      const key = redirectKeyOf(r.from);
      return key && key !== redirectKeyOf(r.to)
        ? [
            {
              from_path: key,
              to_path: encodedPath(r.to),
              status: 301,
              origin: 'wordpress',
              created_at: at(),
            },
          ]
        : [];
    });
    report.count('redirects', 'found', stored.length);
    if (!dryRun) {
      await deps.db.transaction().execute((trx) => redirects.save(trx, stored));
      report.count('redirects', 'created', stored.length);
      await services.posts.refreshStatistics();
    }
    return report;
  };
}
