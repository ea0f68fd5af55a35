import * as searchMigration from '../../../migrations/2026-11-27-0003-search.js';
import * as teaserMigration from '../../../migrations/2026-12-04-0008-search-teaser.js';
import { expect, it } from 'vitest';
import { doc, insertPost, type TestTables } from '../../../test/helpers/search-index.js';
import { describeEachDatabase, tableNames } from '../../../test/helpers/test-database.js';
import { narrow } from '../../platform/db/index.js';
import { createSearchService } from './search.service.js';
import type { SearchTables } from './search.table.js';
import type { Kysely } from 'kysely';

describeEachDatabase('search migration', (getDb) => {
  it('can be undone and redone', async () => {
    const { database } = getDb();
    const db = database.db as Kysely<TestTables>;
    const service = createSearchService({ db: narrow(db).to<SearchTables>() });
    const search = (q: string) =>
      service.search({ q, limit: 5, readable: ['public'], sort: 'relevance' });
    await teaserMigration.down(database.db);
    await searchMigration.down(database.db);
    const tables = await tableNames(database);
    expect(tables.filter((t) => t.startsWith('post_search'))).toEqual([]);
    await searchMigration.up(database.db);
    await teaserMigration.up(database.db);
    const d = doc({ title: 'Redone index' });
    await insertPost(db, d);
    await service.index(narrow(db).to<SearchTables>(), d);
    expect((await search('redone')).results).toHaveLength(1);
    // Remade over rows it already holds (as on an upgraded site), the index still finds them.
    await teaserMigration.down(database.db);
    await teaserMigration.up(database.db);
    expect((await search('redone')).results).toHaveLength(1);
  });
});
