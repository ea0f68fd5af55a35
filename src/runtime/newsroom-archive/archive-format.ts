import { z } from 'zod';

/**
 * The newsroom archive (docs/decisions/0019-export-format.md): a gzipped tar holding
 *
 *   masthead-export.json      this manifest (always the first entry)
 *   tables/<table>.jsonl      one JSON object per row, column name → value, in key order
 *   media/<storage key>       each media item's original file
 *
 * `version` changes only when an older importer would misread a newer archive (a table or
 * column renamed, a value's meaning changed); added tables and columns keep the version.
 */
export const archiveFormat = 'masthead-export';
export const archiveVersion = 1;
export const manifestName = 'masthead-export.json';
export const tablesDir = 'tables';
export const mediaDir = 'media';

export const tableFile = (table: string) => `${tablesDir}/${table}.jsonl`;

const tableEntrySchema = z.object({
  name: z.string().regex(/^[a-z_]+$/),
  file: z.string(),
  rows: z.number().int().nonnegative(),
  /** Columns whose values were withheld (secrets): the import fills them in. */
  withheld: z.array(z.string()),
});

export const manifestSchema = z.object({
  format: z.literal(archiveFormat),
  version: z.number().int().positive(),
  exportedAt: z.string(),
  /** The Masthead migration the database was at: the schema the rows have. */
  schema: z.string(),
  tables: z.array(tableEntrySchema),
  media: z.object({
    files: z.number().int().nonnegative(),
    bytes: z.number().int().nonnegative(),
    /** Media rows whose file was not in storage when exported (their pages show no image). */
    missing: z.array(z.string()),
  }),
});

export type ArchiveManifest = z.infer<typeof manifestSchema>;

/** Storage keys are relative paths of safe characters (no "..", no absolute paths). */
export const isSafeStorageKey = (key: string): boolean =>
  /^[A-Za-z0-9][A-Za-z0-9._/-]*$/.test(key) && !key.split('/').includes('..');
