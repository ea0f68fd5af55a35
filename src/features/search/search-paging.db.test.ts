import { describe, expect, it } from 'vitest';
import { useSearchIndex } from '../../../test/helpers/search-index.js';
import { describeEachDatabase } from '../../../test/helpers/test-database.js';
import { isAppError } from '../../platform/errors.js';
import type { SearchDocument } from './search.js';

describeEachDatabase('search: paging and the paywall', (getDb) => {
  const { search, add, ids } = useSearchIndex(getDb);

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
});
