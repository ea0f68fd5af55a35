// `masthead export --format ghost` (issue #15 item 4, decision 0020): the newsroom as a Ghost
// 5.x export — the JSON Ghost's Admin → Settings → Import takes, bodies as Lexical — alone
// (`.json`), or in a .tar.gz with the images under `content/images/` and the members as Ghost's
// members CSV (Ghost takes members separately, never in its JSON).
import { createWriteStream } from 'node:fs';
import { chmod, mkdir, mkdtemp, rm } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { create as createTar } from 'tar';
import type { MemberAdminService } from '../../features/members/index.js';
import type { SettingsService } from '../../features/settings/index.js';
import type { Storage } from '../../platform/storage/index.js';
import { MediaIndex } from './ghost-export-media.js';
import { assembleGhostJson, closeStream } from './json-parts.js';
import type { ExportDb } from './ghost-export.repository.js';
import { writeGhostTables } from './ghost-export-tables.js';
import type { GhostExportReport } from './ghost-export-report.js';

export type { GhostExportReport } from './ghost-export-report.js';

/** The Ghost version whose exporter this file imitates (the fixture's; any 5.x imports it). */
export const ghostExportVersion = '5.130.6';
export const ghostJsonName = 'ghost-export.json';
export const membersCsvName = 'members.csv';

export interface GhostExportOptions {
  db: ExportDb;
  storage: Storage;
  services: {
    settings: Pick<SettingsService, 'get'>;
    memberAdmin: Pick<MemberAdminService, 'exportCsv'>;
  };
  /** `….json` (content only) or `….tar.gz` / `….tgz` (with images and members); must not exist. */
  file: string;
  now: Date;
  onProgress?: (step: string, done: number) => void;
}

export const isGhostArchiveName = (file: string) => /\.(tar\.gz|tgz)$/i.test(file);
export const isGhostExportName = (file: string) =>
  isGhostArchiveName(file) || /\.json$/i.test(file);

export async function exportGhost(options: GhostExportOptions): Promise<GhostExportReport> {
  if (!isGhostExportName(options.file))
    throw new Error('A Ghost export is written to a .json or a .tar.gz file');
  const isArchive = isGhostArchiveName(options.file);
  const work = await mkdtemp(join(dirname(options.file), '.masthead-ghost-export-'));
  try {
    const parts = join(work, 'parts');
    const content = join(work, 'content');
    await mkdir(parts, { mode: 0o700 });
    const media = new MediaIndex();
    const report: GhostExportReport = {
      format: 'ghost',
      file: basename(options.file),
      counts: {},
      images: { files: 0, missing: [] },
      members: null,
      notes: [],
    };
    const tables = await writeGhostTables({
      db: options.db,
      settings: options.services.settings,
      media,
      dir: parts,
      now: options.now,
      report,
      onProgress: options.onProgress,
    });
    const meta = { exported_on: options.now.getTime(), version: ghostExportVersion };
    if (!isArchive) {
      const out = createWriteStream(options.file, { flags: 'wx', mode: 0o600 });
      await assembleGhostJson(out, meta, tables);
      await closeStream(out);
      await chmod(options.file, 0o600);
      report.notes.push(
        'Written as JSON only: images and members travel in a .tar.gz export (--output FILE.tar.gz)',
      );
      return report;
    }
    await mkdir(content, { mode: 0o700 });
    const json = createWriteStream(join(work, ghostJsonName), { mode: 0o600 });
    await assembleGhostJson(json, meta, tables);
    await closeStream(json);
    await copyImages(options, media, work, report);
    report.members = await writeMembers(options, join(work, membersCsvName));
    await rm(parts, { recursive: true, force: true });
    options.onProgress?.('packing', 0);
    const out = createWriteStream(options.file, { flags: 'wx', mode: 0o600 });
    await pipeline(
      createTar({ gzip: true, cwd: work, portable: true }, [
        ghostJsonName,
        membersCsvName,
        'content',
      ]),
      out,
    );
    await chmod(options.file, 0o600);
    return report;
  } finally {
    await rm(work, { recursive: true, force: true });
  }
}

async function copyImages(
  options: GhostExportOptions,
  media: MediaIndex,
  work: string,
  report: GhostExportReport,
): Promise<void> {
  for (const [key, path] of media.files) {
    const file = await options.storage.read(key);
    if (!file) {
      report.images.missing.push(key);
      continue;
    }
    const target = join(work, path);
    await mkdir(dirname(target), { recursive: true });
    await pipeline(file.body, createWriteStream(target, { mode: 0o600 }));
    report.images.files += 1;
    options.onProgress?.('images', report.images.files);
  }
  report.images.missing.push(...[...media.missing].map((id) => `media ${id}`));
}

/** Ghost's members CSV (the same columns Ghost's own members export writes), streamed. */
async function writeMembers(options: GhostExportOptions, file: string): Promise<number> {
  const out = createWriteStream(file, { mode: 0o600 });
  let lines = -1;
  for await (const chunk of options.services.memberAdmin.exportCsv()) {
    lines += chunk.split('\r\n').length - 1;
    if (!out.write(chunk)) await new Promise<void>((resolve) => out.once('drain', () => resolve()));
  }
  await closeStream(out);
  options.onProgress?.('members', Math.max(lines, 0));
  return Math.max(lines, 0);
}
