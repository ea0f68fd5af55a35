import { beforeAll, expect, it } from 'vitest';
import { describeEachDatabase } from '../../../test/helpers/test-database.js';
import { servicesFor, type TestContext } from '../../../test/helpers/test-runtime.js';
import { FakeClock } from '../../platform/clock.js';
import { newId } from '../../platform/ids.js';
import type { ImportedPost, PublishedPostEntry } from './index.js';

const body = {
  type: 'doc',
  content: [{ type: 'paragraph', content: [{ type: 'text', text: 'A line of news.' }] }],
} as unknown as ImportedPost['body'];

describeEachDatabase('published posts for sitemaps', (getDb) => {
  let ctx: TestContext;
  const now = '2026-03-10T12:00:00.000Z';

  beforeAll(async () => {
    await getDb().truncate();
    ctx = servicesFor(getDb(), new FakeClock(now));
    const author = await ctx.services.authors.create({ name: 'Desk' });
    const post = (n: number, publishedAt: string, extra: Partial<ImportedPost> = {}) => ({
      id: newId(),
      kind: 'article' as const,
      slug: `story-${n}`,
      title: `Story ${n}`,
      body,
      authorIds: [author.id],
      tagIds: [],
      status: 'published' as const,
      publishedAt,
      ...extra,
    });
    // 23 stories an hour apart ending at `now`; stories 5, 6 and 7 share one time (id breaks the tie).
    const at = (hoursAgo: number) =>
      new Date(new Date(now).getTime() - hoursAgo * 3_600_000).toISOString();
    const stories = Array.from({ length: 23 }, (_, i) =>
      post(i, at(i >= 5 && i <= 7 ? 5 : i), i % 4 === 0 ? { kind: 'brief' } : {}),
    );
    await ctx.services.posts.importBatch([
      ...stories,
      post(100, at(1), { kind: 'page', slug: 'about' }),
      post(101, at(1), { status: 'draft', publishedAt: null }),
      post(102, at(2), { publicUpdatedAt: at(0.5) }),
    ]);
  });

  const everyEntry = async (kinds: Array<'article' | 'brief' | 'page'>, limit: number) => {
    const seen: PublishedPostEntry[] = [];
    let cursor: string | null = null;
    do {
      const page = await ctx.services.posts.sitemap.entries({ kinds, limit, cursor });
      seen.push(...page.items);
      cursor = page.next;
    } while (cursor);
    return seen;
  };

  it('lists published posts of the given kinds oldest first, by cursor, without repeats', async () => {
    const all = await everyEntry(['article', 'brief'], 5);
    expect(all).toHaveLength(24);
    expect(new Set(all.map((e) => e.id)).size).toBe(24);
    const times = all.map((e) => e.publishedAt);
    expect([...times].sort()).toEqual(times);
    expect(all.some((e) => e.slug === 'about' || e.slug === 'story-101')).toBe(false);
    const updated = all.find((e) => e.slug === 'story-102');
    expect((updated?.changedAt ?? '') > (updated?.publishedAt ?? '')).toBe(true);
    expect(updated?.url).toBe('/story-102/');
    expect((await everyEntry(['page'], 10)).map((e) => e.slug)).toEqual(['about']);
  });

  it('divides the listing into pages whose cursors read each page straight off', async () => {
    const pages = await ctx.services.posts.sitemap.pages({
      kinds: ['article', 'brief'],
      pageSize: 10,
    });
    expect(pages.map((p) => p.count)).toEqual([10, 10, 4]);
    expect(pages[0]?.cursor).toBeNull();
    const all = await everyEntry(['article', 'brief'], 100);
    for (const [n, page] of pages.entries()) {
      const read = await ctx.services.posts.sitemap.entries({
        kinds: ['article', 'brief'],
        limit: 10,
        cursor: page.cursor,
      });
      expect(read.items.map((e) => e.id)).toEqual(all.slice(n * 10, n * 10 + 10).map((e) => e.id));
      const newest = read.items
        .map((e) => e.changedAt)
        .sort()
        .at(-1);
      expect(page.changedAt).toBe(newest);
    }
    expect(await ctx.services.posts.sitemap.pages({ kinds: ['page'], pageSize: 10 })).toHaveLength(
      1,
    );
  });

  it('gives the posts of the last hours by the service clock, newest first', async () => {
    const recent = await ctx.services.posts.sitemap.recent({
      kinds: ['article', 'brief'],
      hours: 6,
      limit: 1000,
    });
    // Within 6 hours: stories 0–4, 5–7 (all at 5 h) and story 102 (2 h); story 8 is 8 h old.
    expect(recent.map((e) => e.slug).sort()).toEqual(
      [
        'story-0',
        'story-1',
        'story-2',
        'story-3',
        'story-4',
        'story-5',
        'story-6',
        'story-7',
        'story-102',
      ].sort(),
    );
    const times = recent.map((e) => e.publishedAt);
    expect([...times].sort().reverse()).toEqual(times);
  });
});
