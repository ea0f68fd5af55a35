import { sql, type Migration } from 'kysely';
import { describe, expect, it } from 'vitest';
import { migrations } from '../../migrations/index.js';
import { countQueries } from '../../test/helpers/query-counter.js';
import { describeEachDatabase } from '../../test/helpers/test-database.js';
import { isUpToDate, migrateToLatest, migrationStatus } from '../platform/db/index.js';

// Here, not in platform/db: the real migrations are the newsroom's (platform knows none of it).

describeEachDatabase('isUpToDate and migrateToLatest on a migrated database', (getDb) => {
  const options = () => ({ schema: getDb().database.schema });

  it('knows a database that has every migration, in one query, and migrating it again sends only that query', async () => {
    const { db, counter } = countQueries(getDb().database.db);
    expect(await isUpToDate(db, migrations, options())).toBe(true);
    expect(counter.count).toBe(1);

    counter.count = 0;
    expect(await migrateToLatest(db, migrations, options())).toEqual([]);
    expect(counter.count).toBe(1);
  });

  it('is not up to date when the code has a migration the database has not run', async () => {
    const { db } = getDb().database;
    const extra: Record<string, Migration> = {
      ...migrations,
      '9999-12-31-2359-not-run-yet': { up: () => Promise.resolve() },
    };
    expect(await isUpToDate(db, extra, options())).toBe(false);
  });

  it('is not up to date when the database has run a migration the code does not know', async () => {
    const { db } = getDb().database;
    const [newest] = Object.keys(migrations).sort().reverse();
    const fewer = Object.fromEntries(
      Object.entries(migrations).filter(([name]) => name !== newest),
    );
    expect(await isUpToDate(db, fewer, options())).toBe(false);
    // The migrator still decides what that means (here: it refuses a database ahead of the code).
    await expect(migrateToLatest(db, fewer, options())).rejects.toThrow();
    expect((await migrationStatus(db, migrations, options())).pending).toEqual([]);
  });
});

describeEachDatabase('isUpToDate without migration tables', (getDb) => {
  it('is false, and migrateToLatest then runs the migrator', async () => {
    const { db } = getDb().database;
    // This suite's database is migrated by the helper: take the record away to look fresh.
    await sql`drop table masthead_migrations`.execute(db);
    await sql`drop table masthead_migrations_lock`.execute(db);
    const schema = getDb().database.schema;
    expect(await isUpToDate(db, migrations, { schema })).toBe(false);
    const noMigrations: Record<string, Migration> = {};
    expect(await migrateToLatest(db, noMigrations, { schema })).toEqual([]);
    expect(await isUpToDate(db, noMigrations, { schema })).toBe(true);
  });
});

describe('isUpToDate', () => {
  it('is false when the query fails for any reason (the migrator decides then)', async () => {
    const failing = {
      // Only `executeQuery` is reached through sql`…`.execute(); anything else would throw too.
      getExecutor: () => {
        throw new Error('no connection');
      },
    } as unknown as Parameters<typeof isUpToDate>[0];
    expect(await isUpToDate(failing, migrations)).toBe(false);
  });
});
