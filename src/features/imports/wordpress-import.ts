import type { Kysely } from 'kysely';
import type { Clock } from '../../platform/clock.js';
import { OperatorError } from '../../platform/errors.js';
import type { OutboundClient } from '../../platform/http/outbound.js';
import { createMediaCopier } from './import-media.js';
import {
  importPhase,
  type ImportPhase,
  type ImportProgressListener,
  type ImportServices,
} from './import-phase.js';
import { ImportReport } from './import-report.js';
import type { ImportsTables } from './imports.table.js';
import { redirectKeyOf } from './redirect-path.js';
import { createRedirectsRepository } from './redirects.repository.js';
import { createRemoteImageFetcher } from './remote-media.js';
import { importWordPressAuthors } from './wordpress-authors-import.js';
import { firstPass } from './wordpress-first-pass.js';
import { attachmentIndex, encodedPath, uploadPrefixes } from './wordpress-mapping.js';
import { importWordPressPosts } from './wordpress-posts-import.js';
import { importWordPressTerms, reportLeftBehind } from './wordpress-terms-import.js';

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
 * newsroom. Streamed twice: first the people, categories, tags and attachment addresses
 * (wordpress-first-pass.ts), then posts and pages in batches, each batch with its source links
 * in one transaction (wordpress-posts-import.ts). Old permalinks (`/?p=ID`, the post's own link
 * such as `/2019/05/03/slug/`, `/category/x/`) answer 301 to the new pages. Comments and menus
 * are counted and left behind.
 */
export function createWordPressImporter(deps: {
  db: Kysely<ImportsTables>;
  clock: Clock;
  services: ImportServices;
  /** Where `fetchMedia` downloads go through; without one, `fetchMedia` is refused. */
  outbound?: Pick<OutboundClient, 'get'>;
}) {
  const redirects = createRedirectsRepository(deps.db);
  const { services } = deps;

  return async function importWordPress(options: WordPressImportOptions): Promise<ImportReport> {
    const dryRun = options.dryRun ?? false;
    const report = new ImportReport(`WordPress export ${options.file}`, dryRun);
    if (options.fetchMedia && !deps.outbound)
      throw new OperatorError('Downloading media is not available in this process');
    const progress = options.onProgress;
    const first = await firstPass(options.file, report, progress);
    const siteUrl = (
      first.site?.baseBlogUrl ||
      first.site?.link ||
      'https://wordpress.invalid'
    ).replace(/\/+$/, '');
    const phase = importPhase({
      db: deps.db,
      clock: deps.clock,
      services,
      source: `wordpress:${siteUrl}`,
      report,
      dryRun,
      overwrite: options.overwrite ?? false,
    });
    let imagesDone = 0;
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
    const redirectRows: Array<{ from: string; to: string }> = [];

    const authorIds = await importWordPressAuthors(phase, first.authors);
    const tagIds = await importWordPressTerms(phase, first, redirectRows);
    reportLeftBehind(phase, first);
    await importWordPressPosts(phase, {
      file: options.file,
      siteUrl,
      first,
      media,
      original: attachmentIndex(first.attachments.values()),
      authorIds,
      tagIds,
      redirects: redirectRows,
      onProgress: (done, total) => progress?.('posts', done, total),
    });
    await saveRedirects(phase, redirectRows);
    if (!dryRun) await services.posts.refreshStatistics();
    return report;
  };

  /**
   * The old addresses, as the site looks them up; one that is its own target is left out. A
   * second run finds them stored already: unchanged, not created again.
   */
  async function saveRedirects(
    phase: ImportPhase,
    rows: ReadonlyArray<{ from: string; to: string }>,
  ): Promise<void> {
    const at = deps.clock.now().toISOString();
    const stored = rows.flatMap((r) => {
      const key = redirectKeyOf(r.from);
      return key && key !== redirectKeyOf(r.to)
        ? [
            {
              from_path: key,
              to_path: encodedPath(r.to),
              status: 301,
              origin: 'wordpress',
              created_at: at,
            },
          ]
        : [];
    });
    const saved = phase.dryRun
      ? await redirects.save(deps.db, stored, { dryRun: true })
      : await deps.db.transaction().execute((trx) => redirects.save(trx, stored));
    // One line per old address (a post's `/?p=ID` and its date permalink are two).
    const { report } = phase;
    report.count('redirects', 'found', saved.created + saved.updated + saved.unchanged);
    report.count('redirects', 'created', saved.created);
    report.count('redirects', 'updated', saved.updated);
    report.count('redirects', 'unchanged', saved.unchanged);
  }
}
