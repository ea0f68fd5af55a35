import { expect, it } from 'vitest';
import { doc, insertPost, useSearchIndex } from '../../../test/helpers/search-index.js';
import { describeEachDatabase } from '../../../test/helpers/test-database.js';
import { narrow } from '../../platform/db/index.js';
import type { SearchDocument, SearchOptions } from './search.js';
import { rankedMatches } from './search.repository.js';
import type { SearchTables } from './search.table.js';

/**
 * A word in most of the archive must not rank the whole archive (issue #14): only the newest
 * `rankedMatches` matches are ranked and paged through; a selective word still finds every match.
 */
describeEachDatabase('search: bounded ranking on a large archive', (getDb) => {
  const { db, service, search } = useSearchIndex(getDb);
  const total = rankedMatches + 50;
  const start = Date.parse('2026-01-01T00:00:00.000Z');

  /** `total` stories about the archive, indexed in publication order; the 3 oldest are rare. */
  async function seed(): Promise<SearchDocument[]> {
    const docs = Array.from({ length: total }, (_, i) =>
      doc({
        publishedAt: new Date(start + i * 60_000).toISOString(),
        title: i === total - 10 ? 'Archive archive archive' : `Story ${i}`,
        bodyText: i < 3 ? 'the archive holds a rarity' : 'notes from the archive',
      }),
    );
    await db()
      .transaction()
      .execute(async (trx) => {
        for (const d of docs) {
          await insertPost(trx, d);
          await service().index(narrow(trx).to<SearchTables>(), d);
        }
      });
    return docs;
  }

  async function allPages(q: string, sort: SearchOptions['sort']) {
    const seen: string[] = [];
    let cursor: string | undefined;
    for (let pages = 0; pages < 20; pages += 1) {
      const page = await search({ q, limit: 100, sort, ...(cursor ? { cursor } : {}) });
      seen.push(...page.results.map((r) => r.postId));
      if (page.next === null) break;
      cursor = page.next;
    }
    return seen;
  }

  it('ranks and pages only the newest matches of a common word, newest first by keyset', async () => {
    const docs = await seed();
    const newestFirst = [...docs].reverse().map((d) => d.postId);
    const byDate = await allPages('archive', 'newest');
    expect(byDate).toEqual(newestFirst.slice(0, rankedMatches));
    const byRank = await allPages('archive', 'relevance');
    expect(byRank).toHaveLength(rankedMatches);
    expect(new Set(byRank)).toEqual(new Set(byDate));
    // The best match among them comes first.
    expect(byRank[0]).toBe(docs[total - 10]?.postId);
  });

  it('still finds every match of a selective word, however old', async () => {
    const docs = await seed();
    const rare = docs.slice(0, 3).map((d) => d.postId);
    expect(await allPages('rarity', 'newest')).toEqual([...rare].reverse());
    expect([...(await allPages('rarity', 'relevance'))].sort()).toEqual([...rare].sort());
  });
});
