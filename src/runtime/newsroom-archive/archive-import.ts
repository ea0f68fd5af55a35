import { createReadStream } from 'node:fs';
import { mkdtemp, readFile, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, relative, sep } from 'node:path';
import { createInterface } from 'node:readline';
import type { Kysely } from 'kysely';
import { extract } from 'tar';
import { z } from 'zod';
import { OperatorError } from '../../platform/errors.js';
import { contentTypeOfKey, type Storage } from '../../platform/storage/index.js';
import type { AppTables } from '../app-database.js';
import type { Services } from '../services.js';
import { latestSchema } from './archive-export.js';
import {
  archiveFormat,
  archiveVersion,
  isSafeStorageKey,
  manifestName,
  manifestSchema,
  mediaDir,
  type ArchiveManifest,
} from './archive-format.js';
import { hasRows, insertRows, tableColumns } from './archive-rows.repository.js';
import { archivedTables, type ArchiveRow, type ArchivedTable } from './archive-tables.js';
import { rebuildDerived } from './archive-derived.js';

/** Bound parameters per INSERT, under both databases' limits (SQLite 32,766; PostgreSQL 65,535). */
const maxParameters = 30_000;
const maxBatchRows = 500;

/** A row as the archive holds it (decision 0001: text, integers, reals and nulls only). */
const rowSchema = z.record(z.string(), z.union([z.string(), z.number(), z.null()]));

export interface ImportOptions {
  db: Kysely<AppTables>;
  storage: Storage;
  services: Pick<Services, 'posts' | 'search'>;
  file: string;
  onProgress?: (step: string, done: number) => void;
}

export interface ImportResult {
  manifest: ArchiveManifest;
  rows: Record<string, number>;
  mediaFiles: number;
  indexedPosts: number;
}

async function readManifest(work: string): Promise<ArchiveManifest> {
  const text = await readFile(join(work, manifestName), 'utf8').catch(() => undefined);
  if (text === undefined)
    throw new OperatorError(`The file is not a Masthead export: it has no ${manifestName}`);
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    throw new OperatorError(`The export's ${manifestName} is not valid JSON`);
  }
  const format = (raw as { format?: unknown } | null)?.format;
  if (format !== archiveFormat)
    throw new OperatorError(`The file is not a Masthead export (format ${String(format)})`);
  const parsed = manifestSchema.safeParse(raw);
  if (!parsed.success)
    throw new OperatorError(`The export's manifest is damaged: ${parsed.error.message}`);
  const manifest = parsed.data;
  if (manifest.version > archiveVersion || manifest.schema > latestSchema())
    throw new OperatorError(
      `The export was made by a newer Masthead (format version ${manifest.version}, schema ${manifest.schema}): upgrade Masthead, then import it`,
    );
  return manifest;
}

/** Refuses a database that holds any newsroom row: an import restores ids, it never merges. */
async function assertEmpty(db: Kysely<AppTables>): Promise<void> {
  const filled: string[] = [];
  for (const table of archivedTables) if (await hasRows(db, table.name)) filled.push(table.name);
  if (filled.length > 0)
    throw new OperatorError(
      `The database is not empty (rows in ${filled.join(', ')}): "import masthead" restores an export only into an empty database.\n` +
        'Point DATABASE_URL at a new database (or a new SQLite file) and run it again.',
    );
}

/** Every table and column of the archive must have a place here: nothing is dropped silently. */
function assertKnown(manifest: ArchiveManifest, columns: Map<string, Set<string>>): void {
  const known = new Set(archivedTables.map((t) => t.name as string));
  const unknown = manifest.tables.map((t) => t.name).filter((name) => !known.has(name));
  if (unknown.length > 0)
    throw new OperatorError(
      `The export has tables this Masthead does not know (${unknown.join(', ')}): upgrade Masthead, then import it`,
    );
  for (const table of archivedTables)
    if (!columns.has(table.name))
      throw new OperatorError(
        `The database has no table ${table.name}: run "masthead migrate" first`,
      );
}

function fillWithheld(table: ArchivedTable, row: ArchiveRow): ArchiveRow {
  for (const [column, fill] of Object.entries(table.secretColumns ?? {}))
    row[column] = typeof fill === 'function' ? fill(row) : fill;
  return row;
}

async function importTable(
  options: ImportOptions,
  work: string,
  table: ArchivedTable,
  file: string,
  columns: Set<string>,
): Promise<number> {
  const lines = createInterface({ input: createReadStream(join(work, file)), crlfDelay: Infinity });
  let batch: ArchiveRow[] = [];
  let batchRows = maxBatchRows;
  let count = 0;
  const flush = async () => {
    await insertRows(options.db, table.name, batch);
    count += batch.length;
    batch = [];
    options.onProgress?.(table.name, count);
  };
  for await (const line of lines) {
    if (line === '') continue;
    const parsed = rowSchema.safeParse(JSON.parse(line));
    if (!parsed.success)
      throw new OperatorError(
        `The export's ${table.name} file is damaged after row ${count + batch.length}: a row must map column names to text, numbers or null`,
      );
    const row = fillWithheld(table, parsed.data);
    if (count === 0 && batch.length === 0) {
      const extra = Object.keys(row).filter((column) => !columns.has(column));
      if (extra.length > 0)
        throw new OperatorError(
          `The export's ${table.name} rows have columns this Masthead does not know (${extra.join(', ')}): upgrade Masthead, then import it`,
        );
      batchRows = Math.max(
        1,
        Math.min(maxBatchRows, Math.floor(maxParameters / Object.keys(row).length)),
      );
    }
    batch.push(row);
    if (batch.length >= batchRows) await flush();
  }
  if (batch.length > 0) await flush();
  return count;
}

async function* filesUnder(dir: string): AsyncGenerator<string> {
  const entries = await readdir(dir, { withFileTypes: true }).catch(() => []);
  for (const entry of entries) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) yield* filesUnder(path);
    else if (entry.isFile()) yield path;
  }
}

/**
 * Restores a Masthead export into an empty database and the configured media storage, then
 * rebuilds what is derived from the rows (search index, sitemap parts, planner statistics).
 * Rows keep their ids and times; they go in foreign-key order, one transaction per batch.
 */
export async function importNewsroom(options: ImportOptions): Promise<ImportResult> {
  // Checked before unpacking anything: a refused import costs nothing.
  const columns = await tableColumns(options.db);
  await assertEmpty(options.db);
  const work = await mkdtemp(join(tmpdir(), 'masthead-import-'));
  try {
    options.onProgress?.('unpacking', 0);
    // Only files and folders, inside `work` (tar refuses absolute and ".." paths itself).
    await extract({
      file: options.file,
      cwd: work,
      strict: true,
      filter: (_path, entry) =>
        'type' in entry ? entry.type === 'File' || entry.type === 'Directory' : true,
    }).catch((error: unknown) => {
      throw new OperatorError(
        `Cannot read ${options.file} as a .tar.gz export: ${error instanceof Error ? error.message : String(error)}`,
      );
    });
    const manifest = await readManifest(work);
    assertKnown(manifest, columns);
    const rows: Record<string, number> = {};
    await options.services.posts.bulkImport(async () => {
      for (const table of archivedTables) {
        const entry = manifest.tables.find((t) => t.name === table.name);
        if (!entry) continue;
        rows[table.name] = await importTable(
          options,
          work,
          table,
          entry.file,
          columns.get(table.name) ?? new Set(),
        );
      }
    });
    let mediaFiles = 0;
    const mediaRoot = join(work, mediaDir);
    for await (const path of filesUnder(mediaRoot)) {
      const key = relative(mediaRoot, path).split(sep).join('/');
      if (!isSafeStorageKey(key)) continue;
      await options.storage.put(key, createReadStream(path), contentTypeOfKey(key));
      mediaFiles += 1;
      options.onProgress?.('media', mediaFiles);
    }
    const indexedPosts = await rebuildDerived(options);
    return { manifest, rows, mediaFiles, indexedPosts };
  } finally {
    await rm(work, { recursive: true, force: true });
  }
}
