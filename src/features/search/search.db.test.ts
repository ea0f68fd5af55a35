import { expect, it } from 'vitest';
import { doc, insertPost, useSearchIndex } from '../../../test/helpers/search-index.js';
import { describeEachDatabase } from '../../../test/helpers/test-database.js';
import { narrow } from '../../platform/db/index.js';
import { isAppError } from '../../platform/errors.js';
import type { SearchTables } from './search.table.js';

describeEachDatabase('search', (getDb) => {
  const { db, service, search, add, ids } = useSearchIndex(getDb);

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
