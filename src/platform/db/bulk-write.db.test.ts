import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { withBulkWriteSettings } from './bulk-write.js';
import { openDatabase, type Database } from './open-database.js';

describe('withBulkWriteSettings on SQLite', () => {
  let database: Database;
  const pragma = async (name: string) =>
    Object.values(
      (await sql.raw<Record<string, unknown>>(`pragma ${name}`).execute(database.db)).rows[0] ?? {},
    )[0];
  beforeEach(() => {
    const file = join(mkdtempSync(join(tmpdir(), 'masthead-bulk-write-')), 'bulk.db');
    database = openDatabase({ dialect: 'sqlite', file });
  });
  afterEach(async () => {
    await database.close();
  });

  it('uses a large cache and no syncs during the load, and restores both after, also on failure', async () => {
    const before = [await pragma('cache_size'), await pragma('synchronous')];
    const during = await withBulkWriteSettings(database.db, async () => [
      await pragma('cache_size'),
      await pragma('synchronous'),
    ]);
    expect(during).toEqual([-256 * 1024, 0]);
    expect([await pragma('cache_size'), await pragma('synchronous')]).toEqual(before);
    await expect(
      withBulkWriteSettings(database.db, () => Promise.reject(new Error('interrupted'))),
    ).rejects.toThrow('interrupted');
    expect([await pragma('cache_size'), await pragma('synchronous')]).toEqual(before);
    expect(await pragma('journal_mode')).toBe('wal');
  });
});
