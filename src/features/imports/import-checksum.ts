import { createHash } from 'node:crypto';

/** What an import remembers of a source row: unchanged rows are skipped on the next run. */
export const checksum = (value: unknown): string =>
  createHash('sha256').update(JSON.stringify(value)).digest('hex').slice(0, 32);

/** SQLite's page cache during an import: a 200,000-post export stays near 500 MB (bench). */
export const importCache = { cacheKib: 32 * 1024 };
