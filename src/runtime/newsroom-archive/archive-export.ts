import { createWriteStream, type WriteStream } from 'node:fs';
import { chmod, mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import type { Kysely } from 'kysely';
import { create as createTar } from 'tar';
import { migrations } from '../../../migrations/index.js';
import type { Storage } from '../../platform/storage/index.js';
import type { AppTables } from '../app-database.js';
import {
  archiveFormat,
  archiveVersion,
  isSafeStorageKey,
  manifestName,
  mediaDir,
  tableFile,
  tablesDir,
  type ArchiveManifest,
} from './archive-format.js';
import { readPage } from './archive-rows.repository.js';
import { archivedTables, type ArchiveRow, type ArchivedTable } from './archive-tables.js';

/** Rows read per query: small enough for any row width, large enough to be quick. */
const pageSize = 500;

export interface ExportProgress {
  (step: string, done: number): void;
}

export interface ExportOptions {
  db: Kysely<AppTables>;
  storage: Storage;
  /** Where the .tar.gz goes; it must not exist yet (written with mode 0600). */
  file: string;
  now: Date;
  onProgress?: ExportProgress;
}

export const latestSchema = (): string => Object.keys(migrations).sort().at(-1) ?? '';

/** Writes a line and waits for the stream to drain when its buffer is full (bounded memory). */
async function writeLine(stream: WriteStream, line: string): Promise<void> {
  if (!stream.write(line))
    await new Promise<void>((resolve, reject) => {
      stream.once('drain', resolve);
      stream.once('error', reject);
    });
}

async function closeStream(stream: WriteStream): Promise<void> {
  await new Promise<void>((resolve, reject) => {
    stream.once('error', reject);
    stream.end(resolve);
  });
}

/** Writes one table's rows, page by page, as JSON lines; secrets never reach the file. */
async function exportTable(
  options: ExportOptions,
  table: ArchivedTable,
  into: string,
  each?: (row: ArchiveRow) => Promise<void>,
): Promise<number> {
  const withheld = Object.keys(table.secretColumns ?? {});
  const stream = createWriteStream(join(into, tableFile(table.name)), { mode: 0o600 });
  let count = 0;
  let after: (string | number | null)[] | undefined;
  try {
    for (;;) {
      const rows = await readPage(options.db, table, after, pageSize);
      for (const row of rows) {
        for (const column of withheld) delete row[column];
        await writeLine(stream, `${JSON.stringify(row)}\n`);
        if (each) await each(row);
      }
      count += rows.length;
      options.onProgress?.(table.name, count);
      const last = rows.at(-1);
      if (!last || rows.length < pageSize) break;
      after = table.key.map((column) => last[column] ?? null);
    }
  } finally {
    await closeStream(stream);
  }
  return count;
}

/**
 * Exports the whole newsroom (docs/decisions/0019-export-format.md). Tables and media are
 * written to a private folder beside the target (mode 0700, removed afterwards), then packed:
 * no table is ever held in memory, so the size of the archive is bounded by the disk only.
 */
export async function exportNewsroom(options: ExportOptions): Promise<ArchiveManifest> {
  const work = await mkdtemp(join(dirname(options.file), '.masthead-export-'));
  try {
    await mkdir(join(work, tablesDir));
    await mkdir(join(work, mediaDir));
    const manifest: ArchiveManifest = {
      format: archiveFormat,
      version: archiveVersion,
      exportedAt: options.now.toISOString(),
      schema: latestSchema(),
      tables: [],
      media: { files: 0, bytes: 0, missing: [] },
    };
    for (const table of archivedTables) {
      // The media rows name the files to copy: each original, once, as the row goes by.
      const copyFile =
        table.name === 'media'
          ? (row: ArchiveRow) => copyMediaFile(options, row, work, manifest)
          : undefined;
      const rows = await exportTable(options, table, work, copyFile);
      manifest.tables.push({
        name: table.name,
        file: tableFile(table.name),
        rows,
        withheld: Object.keys(table.secretColumns ?? {}),
      });
    }
    await writeFile(join(work, manifestName), `${JSON.stringify(manifest, null, 2)}\n`, {
      mode: 0o600,
    });
    options.onProgress?.('packing', 0);
    // 'wx': never over an existing file; 0600 before the first byte: members' emails inside.
    const out = createWriteStream(options.file, { flags: 'wx', mode: 0o600 });
    await pipeline(
      createTar({ gzip: true, cwd: work, portable: true }, [manifestName, tablesDir, mediaDir]),
      out,
    );
    // The mode given at creation is reduced by the umask, never widened; say it exactly.
    await chmod(options.file, 0o600);
    return manifest;
  } finally {
    await rm(work, { recursive: true, force: true });
  }
}

async function copyMediaFile(
  options: ExportOptions,
  row: ArchiveRow,
  work: string,
  manifest: ArchiveManifest,
): Promise<void> {
  const key = String(row.storage_key);
  if (!isSafeStorageKey(key)) {
    manifest.media.missing.push(key);
    return;
  }
  const file = await options.storage.read(key);
  if (!file) {
    manifest.media.missing.push(key);
    return;
  }
  const target = join(work, mediaDir, key);
  await mkdir(dirname(target), { recursive: true });
  await pipeline(file.body, createWriteStream(target, { mode: 0o600 }));
  manifest.media.files += 1;
  manifest.media.bytes += file.size;
  options.onProgress?.('media', manifest.media.files);
}
