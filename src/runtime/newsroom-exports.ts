// Both exports as downloads for the admin (issue #15 item 4): the export is written to a private
// temporary file (mode 0600, in a folder of its own), streamed to the owner, then removed.
import { createReadStream } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Readable } from 'node:stream';
import type { Kysely } from 'kysely';
import type { MemberAdminService } from '../features/members/index.js';
import type { SettingsService } from '../features/settings/index.js';
import type { Clock } from '../platform/clock.js';
import type { Storage } from '../platform/storage/index.js';
import type { AppTables } from './app-database.js';
import { exportGhost } from './ghost-export/index.js';
// The export module itself, not the folder's index: the import side names the services (a cycle).
import { exportNewsroom } from './newsroom-archive/archive-export.js';

export const newsroomExportFormats = ['masthead', 'ghost', 'ghost-json'] as const;
export type NewsroomExportFormat = (typeof newsroomExportFormats)[number];

export interface NewsroomExportDownload {
  fileName: string;
  contentType: string;
  body: Readable;
  /** What the audit log records: rows per table, files. */
  summary: Record<string, unknown>;
}

export function createNewsroomExports(deps: {
  db: Kysely<AppTables>;
  storage: Storage;
  clock: Clock;
  services: {
    settings: Pick<SettingsService, 'get'>;
    memberAdmin: Pick<MemberAdminService, 'exportCsv'>;
  };
}) {
  return {
    /** Writes the export, then hands it over as a stream; the file goes when the stream ends. */
    async download(format: NewsroomExportFormat): Promise<NewsroomExportDownload> {
      const now = deps.clock.now();
      const stamp = now.toISOString().slice(0, 19).replace(/[-:]/g, '').replace('T', '-');
      const dir = await mkdtemp(join(tmpdir(), 'masthead-download-'));
      const isJson = format === 'ghost-json';
      const fileName = `${format === 'masthead' ? 'masthead' : 'ghost'}-export-${stamp}.${isJson ? 'json' : 'tar.gz'}`;
      const file = join(dir, fileName);
      try {
        let summary: Record<string, unknown>;
        if (format === 'masthead') {
          const manifest = await exportNewsroom({ db: deps.db, storage: deps.storage, file, now });
          summary = {
            rows: Object.fromEntries(manifest.tables.map((t) => [t.name, t.rows])),
            mediaFiles: manifest.media.files,
          };
        } else {
          const report = await exportGhost({ ...deps, file, now });
          summary = { rows: report.counts, images: report.images.files, members: report.members };
        }
        const body = createReadStream(file);
        const cleanUp = () => void rm(dir, { recursive: true, force: true });
        body.once('close', cleanUp);
        return {
          fileName,
          contentType: isJson ? 'application/json' : 'application/gzip',
          body,
          summary,
        };
      } catch (error) {
        await rm(dir, { recursive: true, force: true });
        throw error;
      }
    },
  };
}

export type NewsroomExports = ReturnType<typeof createNewsroomExports>;
