import { expect, it } from 'vitest';
import { describeEachDatabase, tableNames } from '../test/helpers/test-database.js';
import { migrateToLatest, migrationStatus } from '../src/platform/db/index.js';
import { migrations } from './index.js';

describeEachDatabase('migrations', (getDb) => {
  it('apply every migration, leave none pending, and a second run changes nothing', async () => {
    const { database } = getDb();
    const db = database.db;
    const options = { schema: database.schema };
    const status = await migrationStatus(db, migrations, options);
    expect(status.pending).toEqual([]);
    expect(status.applied).toEqual(Object.keys(migrations));
    expect(await migrateToLatest(db, migrations, options)).toEqual([]);
  });

  it('create the tables the features use', async () => {
    const tables = await tableNames(getDb().database);
    for (const table of [
      'posts',
      'post_authors',
      'post_tags',
      'authors',
      'tags',
      'media',
      'staff_users',
      'api_tokens',
      'campaigns',
      'settings',
    ]) {
      expect(tables).toContain(table);
    }
  });
});
