import type { Kysely } from 'kysely';
import { beforeEach, describe, expect, it } from 'vitest';
import * as searchMigration from '../../../migrations/2026-11-27-0003-search.js';
import * as teaserMigration from '../../../migrations/2026-12-04-0008-search-teaser.js';
import { describeEachDatabase, tableNames } from '../../../test/helpers/test-database.js';
import { narrow } from '../../platform/db/index.js';
import { isAppError } from '../../platform/errors.js';
import { parseInput } from '../../platform/validation.js';
import { searchOptionsSchema, type SearchDocument, type SearchOptions } from './search.js';
import { createSearchService } from './search.service.js';
import type { SearchTables } from './search.table.js';

interface MinimalPostsTable {
  id: string;
  kind: string;
  slug: string;
  title: string;
  body: string;
  status: string;
  published_at: string | null;
  created_at: string;
  updated_at: string;
}
type TestTables = SearchTables & { posts: MinimalPostsTable };

let sequence = 0;
const at = '2026-11-27T12:00:00.000Z';

function doc(overrides: Partial<SearchDocument>): SearchDocument {
  sequence += 1;
  return {
    postId: `0190a000-0000-7000-8000-${String(sequence).padStart(12, '0')}`,
    status: 'published',
    kind: 'article',
    publishedAt: at,
    title: 'Untitled',
    dek: '',
    visibility: 'public',
    excerpt: '',
    bodyText: '',
    ...overrides,
  };
}

async function insertPost(db: Kysely<TestTables>, d: SearchDocument): Promise<void> {
  await db
    .insertInto('posts')
    .values({
      id: d.postId,
      kind: d.kind,
      slug: `post-${d.postId}`,
      title: d.title,
      body: '{"type":"doc","content":[]}',
      status: d.status,
      published_at: d.publishedAt,
      created_at: at,
      updated_at: at,
    })
    .execute();
}

describeEachDatabase('search', (getDb) => {
  const db = () => getDb().database.db as Kysely<TestTables>;
  const service = () => createSearchService({ db: narrow(db()).to<SearchTables>() });
  /**
   * Staff search (every body readable) unless a test says whose search it is, its options
   * parsed as the site's search page parses them.
   */
  const search = async (options: Pick<SearchOptions, 'q' | 'limit'> & Partial<SearchOptions>) =>
    service().search(
      parseInput(searchOptionsSchema, { readable: 'all', ...options }, { rootField: 'q' }),
    );

  async function add(overrides: Partial<SearchDocument>): Promise<SearchDocument> {
    const d = doc(overrides);
    await db()
      .transaction()
      .execute(async (trx) => {
        await insertPost(trx, d);
        await service().index(narrow(trx).to<SearchTables>(), d);
      });
    return d;
  }

  const ids = async (q: string, extra: Partial<SearchOptions> = {}) =>
    (await search({ q, limit: 50, ...extra })).results.map((r) => r.postId);

  beforeEach(async () => {
    await getDb().truncate();
  });

  it('ranks a title match above a body match, best first', async () => {
    const inBody = await add({
      title: 'Council meets',
      bodyText: 'The harbour was discussed at length.',
    });
    const inTitle = await add({ title: 'Harbour reopens', bodyText: 'Ships are back.' });
    await add({ title: 'Weather', bodyText: 'Rain all week.' });
    const { results, next } = await search({ q: 'harbour', limit: 10 });
    expect(results.map((r) => r.postId)).toEqual([inTitle.postId, inBody.postId]);
    expect(results[0]?.rank).toBeGreaterThan(results[1]?.rank ?? Infinity);
    expect(next).toBeNull();
  });

  it('highlights matches in a snippet and escapes everything else', async () => {
    await add({
      title: 'Bridge',
      bodyText: 'Officials said <script>alert(1)</script> the bridge & "road" collapsed.',
    });
    const [result] = (await search({ q: 'bridge', limit: 10 })).results;
    expect(result?.snippet).toContain('<mark>bridge</mark>');
    expect(result?.snippet).toContain('&lt;script&gt;');
    expect(result?.snippet).toContain('&amp;');
    expect(result?.snippet).not.toContain('<script');
    expect(result?.snippet.replace(/<\/?mark>/g, '')).not.toMatch(/[<>]/);
    const [tag] = (await search({ q: 'script', limit: 10 })).results;
    expect(tag?.snippet).toContain('&lt;<mark>script</mark>&gt;');
  });

  it('never lets highlight markers in the text turn into markup', async () => {
    await add({
      title: 'Markers',
      bodyText: 'odd \u0001text\u0002 with \u0000 control characters',
    });
    const [result] = (await search({ q: 'control', limit: 10 })).results;
    expect(result?.snippet).toContain('<mark>control</mark>');
    expect(result?.snippet.match(/<mark>/g)).toHaveLength(1);
  });

  it('uses the dek for the snippet when only the dek matches', async () => {
    await add({ title: 'Grain', dek: 'Exports of wheat resume', bodyText: 'Ships left port.' });
    const [result] = (await search({ q: 'wheat', limit: 10 })).results;
    expect(result?.snippet).toContain('<mark>wheat</mark>');
  });

  it('answers hostile queries with results or a clean 400, never a database error', async () => {
    await add({
      title: 'Drop table posts',
      bodyText: 'A story about a:b ratios, OR logic and NEAR.',
    });
    const hostile = [
      '"',
      '""',
      '*',
      'NEAR(',
      'NEAR(a b, 2)',
      'OR',
      'a OR',
      '-',
      '-posts',
      "'; drop table posts; --",
      'a:b',
      'title:drop',
      '(((',
      'posts)',
      '^drop',
      'drop & | ! <-> :*',
      "'drop':*",
      '\\',
      '%_',
      'Київ 東京 مرحبا 🎉',
      '\u0301',
      'e\u0301',
      '\u0000',
      'x'.repeat(200),
      'x'.repeat(201),
      '   ',
      '',
    ];
    for (const q of hostile) {
      try {
        const page = await search({ q, limit: 10 });
        expect(Array.isArray(page.results)).toBe(true);
      } catch (error) {
        expect(
          isAppError(error) && error.status === 400,
          `${JSON.stringify(q)}: ${String(error)}`,
        ).toBe(true);
      }
    }
    expect(await ids("'; drop table posts; --")).toHaveLength(1);
    expect(await ids('a:b')).toHaveLength(1);
    expect(await ids('OR')).toHaveLength(1);
  });

  it('refuses an empty or overlong query and a forged cursor with 400', async () => {
    for (const input of [
      { q: '', limit: 10 },
      { q: '  \n ', limit: 10 },
      { q: 'x'.repeat(201), limit: 10 },
      { q: 'x', limit: 0 },
      { q: 'x', limit: 10, cursor: 'nonsense' },
      { q: 'x', limit: 10, cursor: Buffer.from('["abc","id"]').toString('base64url') },
    ]) {
      await expect(search(input)).rejects.toMatchObject({
        status: 400,
        code: 'VALIDATION_FAILED',
      });
    }
    await expect(search({ q: ' ', limit: 10 })).rejects.toMatchObject({
      problems: [{ field: 'q' }],
    });
  });

  it('returns only published posts unless asked, and filters by kind', async () => {
    const published = await add({ title: 'Ceasefire holds' });
    const draft = await add({ title: 'Ceasefire draft', status: 'draft', publishedAt: null });
    const brief = await add({ title: 'Ceasefire brief', kind: 'brief' });
    expect((await ids('ceasefire')).sort()).toEqual([published.postId, brief.postId].sort());
    expect(await ids('ceasefire', { statuses: ['draft'] })).toEqual([draft.postId]);
    expect(await ids('ceasefire', { kinds: ['brief'] })).toEqual([brief.postId]);
  });

  it('matches the last word as a prefix', async () => {
    const d = await add({ title: 'Elections postponed' });
    expect(await ids('elect')).toEqual([d.postId]);
    expect(await ids('postponed elect')).toEqual([d.postId]);
  });

  it('updates and removes documents', async () => {
    const d = await add({ title: 'Old headline' });
    await service().index(narrow(db()).to<SearchTables>(), { ...d, title: 'New headline' });
    expect(await ids('old')).toEqual([]);
    expect(await ids('new')).toEqual([d.postId]);
    await service().index(narrow(db()).to<SearchTables>(), {
      ...d,
      title: 'New headline',
      status: 'draft',
    });
    expect(await ids('new')).toEqual([]);
    await service().remove(narrow(db()).to<SearchTables>(), d.postId);
    expect(await ids('new', { statuses: ['draft'] })).toEqual([]);
    const count = await db().selectFrom('post_search').select('post_id').execute();
    expect(count).toEqual([]);
  });

  it('forgets a post when the post is deleted', async () => {
    const d = await add({ title: 'Ephemeral story' });
    await db().deleteFrom('posts').where('id', '=', d.postId).execute();
    expect(await ids('ephemeral')).toEqual([]);
    await add({ title: 'Ephemeral again' });
    expect(await ids('ephemeral')).toHaveLength(1);
  });

  it('pages through results with a cursor, each result once, in rank order', async () => {
    const made: string[] = [];
    for (let i = 0; i < 7; i += 1) {
      // Some with equal rank (identical text) to exercise the id tie-breaker.
      made.push(
        (await add({ title: i % 2 === 0 ? 'Drone strike' : `Drone report ${'x '.repeat(i)}` }))
          .postId,
      );
    }
    const all = await search({ q: 'drone', limit: 50 });
    const seen: string[] = [];
    let cursor: string | undefined;
    for (let pages = 0; pages < 10; pages += 1) {
      const page = await search({ q: 'drone', limit: 3, ...(cursor ? { cursor } : {}) });
      seen.push(...page.results.map((r) => r.postId));
      if (page.next === null) break;
      cursor = page.next;
    }
    expect(seen).toEqual(all.results.map((r) => r.postId));
    expect(new Set(seen).size).toBe(7);
    expect([...seen].sort()).toEqual([...made].sort());
  });

  it('sorts newest first on request, paging by (time, id) with each result once', async () => {
    const times = [
      '2026-11-20T08:00:00.000Z',
      '2026-11-25T08:00:00.000Z',
      '2026-11-22T08:00:00.000Z',
      '2026-11-25T08:00:00.000Z',
      '2026-11-21T08:00:00.000Z',
    ];
    const made: SearchDocument[] = [];
    // The oldest is the best match by rank, so the two orders differ.
    for (const [i, publishedAt] of times.entries())
      made.push(
        await add({
          publishedAt,
          title: i === 0 ? 'Ferry ferry ferry timetable' : `Harbour notes ${i}`,
          bodyText: 'ferry',
        }),
      );
    const expected = [...made]
      .sort(
        (a, b) =>
          (b.publishedAt ?? '').localeCompare(a.publishedAt ?? '') ||
          b.postId.localeCompare(a.postId),
      )
      .map((d) => d.postId);
    expect(await ids('ferry', { sort: 'newest' })).toEqual(expected);
    expect((await ids('ferry'))[0]).toBe(made[0]?.postId);
    const seen: string[] = [];
    let cursor: string | undefined;
    for (let pages = 0; pages < 10; pages += 1) {
      const page = await search({
        q: 'ferry',
        limit: 2,
        sort: 'newest',
        ...(cursor ? { cursor } : {}),
      });
      seen.push(...page.results.map((r) => r.postId));
      if (page.next === null) break;
      cursor = page.next;
    }
    expect(seen).toEqual(expected);
    // A relevance cursor is not a newest one.
    const byRank = await search({ q: 'ferry', limit: 1 });
    await expect(
      search({ q: 'ferry', limit: 1, sort: 'newest', cursor: byRank.next ?? '' }),
    ).rejects.toSatisfy((e: unknown) => isAppError(e) && e.status === 400);
  });

  it('ignores diacritics both ways', async () => {
    const accented = await add({
      title: 'Shelling in Kyïv',
      bodyText: 'Kyïv was quiet overnight.',
    });
    const plain = await add({ title: 'Kyiv markets', bodyText: 'Kyiv traders said.' });
    expect((await ids('Kyiv')).sort()).toEqual([accented.postId, plain.postId].sort());
    expect((await ids('kyïv')).sort()).toEqual([accented.postId, plain.postId].sort());
    const page = await search({ q: 'kyiv', limit: 10 });
    const snippet = page.results.find((r) => r.postId === accented.postId)?.snippet;
    expect(snippet).toContain('<mark>Kyïv</mark>');
  });

  it('writes the search row in the caller’s transaction', async () => {
    const d = doc({ title: 'Rolled back scoop' });
    await expect(
      db()
        .transaction()
        .execute(async (trx) => {
          await insertPost(trx, d);
          await service().index(narrow(trx).to<SearchTables>(), d);
          throw new Error('abort');
        }),
    ).rejects.toThrow('abort');
    expect(await db().selectFrom('post_search').select('post_id').execute()).toEqual([]);
    expect(await ids('scoop')).toEqual([]);
    const kept = await add({ title: 'Committed scoop' });
    expect(await ids('scoop')).toEqual([kept.postId]);
  });

  describe('the paywall', () => {
    const anonymous = { readable: ['public'] };
    const member = { readable: ['public', 'members'] };
    const paid = { readable: ['public', 'members', 'paid'] };
    const gated = (visibility: string) =>
      add({
        title: `Dispatch from the ${visibility} front`,
        dek: 'A reporter crosses the river',
        visibility,
        excerpt: 'Shelling resumed at dawn on the eastern bank.',
        bodyText:
          'Shelling resumed at dawn on the eastern bank. ' +
          'Past the paywall the commander named the quarkwillow battalion.',
      });

    it('finds a gated story by its body only for readers entitled to it', async () => {
      const members = await gated('members');
      const paidOnly = await gated('paid');
      expect(await ids('quarkwillow', anonymous)).toEqual([]);
      expect(await ids('quarkwillow', member)).toEqual([members.postId]);
      expect((await ids('quarkwillow', paid)).sort()).toEqual(
        [members.postId, paidOnly.postId].sort(),
      );
      // A prefix of the hidden word finds nothing either.
      expect(await ids('quarkwil', anonymous)).toEqual([]);
    });

    it('finds a gated story by title, dek and excerpt for anyone, showing only the teaser', async () => {
      const members = await gated('members');
      for (const q of ['dispatch members', 'reporter river', 'eastern bank', 'shelling']) {
        const page = await search({ q, limit: 10, ...anonymous });
        expect(
          page.results.map((r) => r.postId),
          q,
        ).toEqual([members.postId]);
        const snippet = page.results[0]?.snippet ?? '';
        expect(snippet, q).not.toContain('quarkwillow');
        expect(snippet, q).not.toContain('commander');
      }
      // The entitled reader's excerpt may show the body.
      const [asMember] = (await search({ q: 'quarkwillow', limit: 10, ...member })).results;
      expect(asMember?.snippet).toContain('<mark>quarkwillow</mark>');
    });

    it('pages a mixed result list by cursor, each result once', async () => {
      const made = [await gated('members'), await gated('paid')];
      for (let i = 0; i < 4; i += 1)
        made.push(await add({ title: `Open dispatch ${i}`, bodyText: 'shelling resumed' }));
      const seen: string[] = [];
      let cursor: string | undefined;
      for (let pages = 0; pages < 10; pages += 1) {
        const page = await search({
          q: 'shelling',
          limit: 2,
          ...anonymous,
          ...(cursor ? { cursor } : {}),
        });
        seen.push(...page.results.map((r) => r.postId));
        if (page.next === null) break;
        cursor = page.next;
      }
      expect([...seen].sort()).toEqual(made.map((d) => d.postId).sort());
    });
  });

  it('reindexes everything in batches', async () => {
    const docs = [doc({ title: 'Alpha' }), doc({ title: 'Beta alpha' }), doc({ title: 'Gamma' })];
    for (const d of docs) await insertPost(db(), d);
    expect(await ids('alpha')).toEqual([]);
    const count = await service().reindexAll((afterId, limit) =>
      Promise.resolve(docs.filter((d) => afterId === null || d.postId > afterId).slice(0, limit)),
    );
    expect(count).toBe(3);
    expect(await ids('alpha')).toHaveLength(2);
  });
});

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
