import type { Kysely } from 'kysely';
import type { Clock } from '../../platform/clock.js';
import type { AuthorsService } from '../authors/index.js';
import type { MediaService } from '../media/index.js';
import type { NewslettersService } from '../newsletters/index.js';
import type { PostsService } from '../posts/index.js';
import type { SettingsService } from '../settings/index.js';
import type { StaffService } from '../staff/index.js';
import type { TagsService } from '../tags/index.js';
import type { TiersService } from '../tiers/index.js';
import { createImportLinksRepository } from './import-links.repository.js';
import type { ImportReport } from './import-report.js';
import type { ImportLinksTable, ImportsTables } from './imports.table.js';

/** The services an import writes through (the same ones the Admin API uses). */
export interface ImportServices {
  staff: Pick<StaffService, 'create' | 'byEmail'>;
  authors: Pick<AuthorsService, 'update' | 'byUserId' | 'byId'>;
  tags: Pick<TagsService, 'create' | 'update' | 'bySlug'>;
  media: Pick<MediaService, 'upload'>;
  posts: Pick<
    PostsService,
    'importBatch' | 'bulkImport' | 'refreshStatistics' | 'versionsOf' | 'slugsTaken'
  >;
  newsletters: Pick<NewslettersService, 'create' | 'bySlug'>;
  settings: Pick<SettingsService, 'get' | 'update'>;
  tiers: Pick<TiersService, 'create' | 'update' | 'list'>;
}

/**
 * An import's long steps as they go: `step` done out of `total` (0 when not known). `reading`
 * counts bytes of the file's first pass, `posts` posts and pages, `media` images copied.
 */
export type ImportProgressListener = (step: ImportStep, done: number, total: number) => void;
export type ImportStep = 'reading' | 'posts' | 'media';

export type LinkMaker = (
  entity: ImportLinksTable['entity'],
  externalId: string,
  localId: string,
  sum: string,
) => ImportLinksTable;

/**
 * What each phase of an import (staff, tags, tiers, newsletters and site, posts; Ghost's or
 * WordPress's) works with: one run's source, mode and report, and the import links of earlier
 * runs.
 */
export interface ImportPhase {
  db: Kysely<ImportsTables>;
  clock: Clock;
  services: ImportServices;
  links: ReturnType<typeof createImportLinksRepository>;
  link: LinkMaker;
  /** `ghost:<site url>` or `wordpress:<site url>`: the import links' source. */
  source: string;
  report: ImportReport;
  dryRun: boolean;
  overwrite: boolean;
}

/** One run's phase context: its links are stamped with the run's source and the clock's time. */
export function importPhase(options: {
  db: Kysely<ImportsTables>;
  clock: Clock;
  services: ImportServices;
  source: string;
  report: ImportReport;
  dryRun: boolean;
  overwrite: boolean;
}): ImportPhase {
  const { source, clock } = options;
  return {
    ...options,
    links: createImportLinksRepository(options.db),
    link: (entity, externalId, localId, sum) => ({
      source,
      entity,
      external_id: externalId,
      local_id: localId,
      checksum: sum,
      local_version: null,
      imported_at: clock.now().toISOString(),
    }),
  };
}

/**
 * The import link's checksum for an item the newsroom already had under the same slug: it is
 * used (posts are linked to it) but its own name and description are kept, unless --overwrite.
 */
export const newsroomOwn = 'newsroom';
