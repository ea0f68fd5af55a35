import type { Kysely } from 'kysely';
import type { Clock } from '../../platform/clock.js';
import { createMediaCopier } from './import-media.js';
import { importPhase, type ImportProgressListener, type ImportServices } from './import-phase.js';
import { ImportReport } from './import-report.js';
import type { ImportsTables } from './imports.table.js';
import { importGhostPosts } from './ghost-posts-import.js';
import { importGhostNewsletters, importGhostSite } from './ghost-site-import.js';
import { importGhostUsers } from './ghost-staff-import.js';
import { importGhostTags } from './ghost-tags-import.js';
import { importGhostTiers } from './ghost-tiers-import.js';
import { readSmallTables } from './ghost-small-tables.js';

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
  /**
   * Progress of the long steps: `posts`, its total known from the first pass (the posts with a
   * byline: an estimate).
   */
  onProgress?: ImportProgressListener;
}

/**
 * `masthead import ghost`: a Ghost export (4.x–6.x, as Admin → Settings → Export writes it)
 * into this newsroom. The file is read twice, streaming: first the small tables (staff, tags,
 * links between posts and them, newsletters, navigation), then the posts, 200 at a time, each
 * batch with its source links in one transaction (ghost-posts-import.ts). Every item keeps its
 * Ghost id as an import link, so a second run updates what changed, skips what did not, and
 * never duplicates.
 */
export function createGhostImporter(deps: {
  db: Kysely<ImportsTables>;
  clock: Clock;
  services: ImportServices;
}) {
  const { services } = deps;

  return async function importGhost(options: GhostImportOptions): Promise<ImportReport> {
    const siteUrl = options.siteUrl.replace(/\/+$/, '');
    const dryRun = options.dryRun ?? false;
    const report = new ImportReport(`Ghost export ${options.file}`, dryRun);
    let images = 0;
    const media = createMediaCopier({
      media: services.media,
      source: options.imagesDir
        ? { dir: options.imagesDir, prefixes: [`${siteUrl}/content/images/`] }
        : undefined,
      report,
      dryRun,
      onImage: () => options.onProgress?.('media', (images += 1), 0),
    });

    const small = await readSmallTables(options.file, report);

    const phase = importPhase({
      db: deps.db,
      clock: deps.clock,
      services,
      source: `ghost:${siteUrl}`,
      report,
      dryRun,
      overwrite: options.overwrite ?? false,
    });
    await importGhostSite(phase, small);
    const authorIds = await importGhostUsers(phase, small, {
      media,
      siteUrl,
      invite: options.invite,
    });
    const tagIds = await importGhostTags(phase, small);
    const tierOf = await importGhostTiers(phase, small);
    await importGhostNewsletters(phase, small);
    await importGhostPosts(phase, {
      file: options.file,
      siteUrl,
      small,
      media,
      authorIds,
      tagIds,
      tierOf,
      onProgress: (done, total) => options.onProgress?.('posts', done, total),
    });
    if (!dryRun) await services.posts.refreshStatistics();
    return report;
  };
}
