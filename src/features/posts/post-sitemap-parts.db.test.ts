import { beforeAll, expect, it } from 'vitest';
import { describeEachDatabase } from '../../../test/helpers/test-database.js';
import { servicesFor, type TestContext } from '../../../test/helpers/test-runtime.js';
import { FakeClock } from '../../platform/clock.js';
import { newId } from '../../platform/ids.js';
import { systemActor } from '../staff/index.js';
import type { ImportedPost, PublishedPostPage } from './index.js';

const body = {
  type: 'doc',
  content: [{ type: 'paragraph', content: [{ type: 'text', text: 'A line of news.' }] }],
} as unknown as ImportedPost['body'];

const kinds = ['article'] as const;
const pageSize = 3;

/**
 * The sitemap job keeps the full parts (`refreshPages`) so that `pages` reads one row per part;
 * whatever happens between two runs, the parts the index lists still hold every published story
 * exactly once.
 */
describeEachDatabase('stories sitemap parts kept by the sitemap job', (getDb) => {
  let ctx: TestContext;
  let clock: FakeClock;
  let authorId = '';
  const start = Date.parse('2026-03-10T12:00:00.000Z');
  const hoursAfterStart = (h: number) => new Date(start + h * 3_600_000).toISOString();

  const publish = (n: number, publishedAt: string) =>
    ctx.services.posts.importBatch([
      {
        id: newId(),
        kind: 'article',
        slug: `part-story-${n}`,
        title: `Story ${n}`,
        body,
        authorIds: [authorId],
        tagIds: [],
        status: 'published',
        publishedAt,
      },
    ]);

  const pages = () => ctx.services.posts.sitemap.pages({ kinds: [...kinds], pageSize });
  const refresh = () => ctx.services.posts.sitemap.refreshPages({ kinds: [...kinds], pageSize });

  /** Every part's stories, as a crawler following the index would read them. */
  const readParts = async (listed: PublishedPostPage[]) => {
    const parts: string[][] = [];
    for (const page of listed) {
      const read = await ctx.services.posts.sitemap.entries({
        kinds: [...kinds],
        limit: page.until === null ? pageSize : 50_000,
        cursor: page.cursor,
        until: page.until,
      });
      parts.push(read.items.map((e) => e.slug));
    }
    return parts;
  };
  const everySlugOldestFirst = async () =>
    (await ctx.services.posts.sitemap.entries({ kinds: [...kinds], limit: 1000 })).items.map(
      (e) => e.slug,
    );

  beforeAll(async () => {
    await getDb().truncate();
    clock = new FakeClock(hoursAfterStart(100));
    ctx = servicesFor(getDb(), clock);
    authorId = (await ctx.services.authors.create({ name: 'Desk' })).id;
    for (let n = 0; n < 8; n += 1) await publish(n, hoursAfterStart(n));
  });

  it('keeps the full parts, lists them with the newest part still filling, and covers every story once', async () => {
    expect(await refresh()).toEqual({ parts: 2, recomputedFrom: 0 });
    const listed = await pages();
    expect(listed.map((p) => p.count)).toEqual([3, 3, 2]);
    expect(listed.map((p) => p.until === null)).toEqual([false, false, true]);
    expect(listed[1]?.cursor).toBe(listed[0]?.until);
    expect((await readParts(listed)).flat()).toEqual(await everySlugOldestFirst());
    // Nothing changed: a second run redoes nothing.
    clock.advance(60_000);
    expect(await refresh()).toEqual({ parts: 2, recomputedFrom: 2 });
  });

  it('adds the parts that filled since, without redoing the kept ones', async () => {
    clock.advance(60_000);
    await publish(8, hoursAfterStart(8));
    await publish(9, hoursAfterStart(9));
    // Before the job runs, the new stories are counted live after the last kept part.
    expect((await pages()).map((p) => p.count)).toEqual([3, 3, 3, 1]);
    expect(await refresh()).toEqual({ parts: 3, recomputedFrom: 2 });
    expect((await readParts(await pages())).flat()).toEqual(await everySlugOldestFirst());
  });

  it('an imported story with an older date stays listed before the job runs; a full run redoes the parts', async () => {
    clock.advance(60_000);
    await publish(100, hoursAfterStart(3.5));
    const before = await pages();
    const parts = await readParts(before);
    // It lands in the kept part whose range holds it (which now has 4), and nothing is lost.
    expect(parts[1]).toContain('part-story-100');
    expect(parts.flat()).toEqual(await everySlugOldestFirst());
    // An import keeps its own dates, so only a full run (asked for, or the daily one) sees it.
    expect(await refresh()).toEqual({ parts: 3, recomputedFrom: 3 });
    expect(
      await ctx.services.posts.sitemap.refreshPages({ kinds: [...kinds], pageSize, isFull: true }),
    ).toEqual({ parts: 3, recomputedFrom: 0 });
    const after = await pages();
    expect(after.map((p) => p.count)).toEqual([3, 3, 3, 2]);
    expect((await readParts(after)).flat()).toEqual(await everySlugOldestFirst());
  });

  it('an edit to an old story brings its part’s date forward at the next run', async () => {
    clock.advance(60_000);
    const oldest = await ctx.services.posts.bySlug('part-story-0');
    if (!oldest) throw new Error('story 0 missing');
    const firstBefore = (await pages())[0]?.changedAt ?? '';
    await ctx.services.posts.update(systemActor, oldest.id, {
      title: 'Story 0, corrected',
      version: oldest.version,
      publicUpdatedAt: clock.now().toISOString(),
    });
    expect(await refresh()).toEqual({ parts: 3, recomputedFrom: 0 });
    const firstAfter = (await pages())[0]?.changedAt ?? '';
    expect(firstAfter > firstBefore).toBe(true);
    expect(firstAfter).toBe(clock.now().toISOString());
    expect((await readParts(await pages())).flat()).toEqual(await everySlugOldestFirst());
    // A day on, the run is a full one whatever changed.
    clock.advance(24 * 3_600_000);
    expect(await refresh()).toEqual({ parts: 3, recomputedFrom: 0 });
  });
});
