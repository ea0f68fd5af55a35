import { beforeEach, expect, it } from 'vitest';
import { describeEachDatabase } from '../../../test/helpers/test-database.js';
import { servicesFor, type TestContext } from '../../../test/helpers/test-runtime.js';
import { countQueries } from '../../../test/helpers/query-counter.js';
import { narrow } from '../../platform/db/index.js';
import { newId } from '../../platform/ids.js';
import { createPostsService } from './posts.service.js';
import { createReferenceChecks } from './reference-checks.js';
import type { ImportedPost } from './index.js';

const body = {
  type: 'doc',
  content: [
    {
      type: 'paragraph',
      content: [{ type: 'text', text: 'Shelling resumed at dawn near the river crossing.' }],
    },
  ],
} as const;

describeEachDatabase('published posts', (getDb) => {
  let ctx: TestContext;
  let authorIds: string[];
  let tagId: string;

  beforeEach(async () => {
    await getDb().truncate();
    ctx = servicesFor(getDb());
    const a = await ctx.services.authors.create({ name: 'First Reporter', roleTitle: 'Reporter' });
    const b = await ctx.services.authors.create({ name: 'Second Reporter' });
    authorIds = [a.id, b.id];
    tagId = (
      await ctx.services.tags.create({ name: 'War', isNavigation: true, navigationOrder: 1 })
    ).id;
  });

  const post = (
    n: number,
    publishedAt: string,
    extra: Partial<ImportedPost> = {},
  ): ImportedPost => ({
    id: newId(),
    kind: 'article',
    slug: `story-${n}`,
    title: `Story ${n}`,
    body: body as unknown as ImportedPost['body'],
    authorIds,
    tagIds: [tagId],
    status: 'published',
    publishedAt,
    ...extra,
  });

  it('keeps authors and sections in their given order and derives excerpt and reading time', async () => {
    await ctx.services.posts.importBatch([
      post(1, '2026-01-10T08:00:00.000Z', { authorIds: [...authorIds].reverse() }),
    ]);
    const story = await ctx.services.posts.bySlug('story-1');
    expect(story?.authors.map((a) => a.name)).toEqual(['Second Reporter', 'First Reporter']);
    expect(story?.tags.map((t) => t.name)).toEqual(['War']);
    expect(story?.excerpt).toBe('Shelling resumed at dawn near the river crossing.');
    expect(story?.readingMinutes).toBe(1);
    expect(story?.url).toBe('/story-1/');
  });

  it('pages newest first by cursor without skipping or repeating when stories are published meanwhile', async () => {
    // Three share one timestamp, so the id breaks the tie.
    const times = [
      '2026-01-10T08:00:00.000Z',
      '2026-01-10T09:00:00.000Z',
      '2026-01-10T09:00:00.000Z',
      '2026-01-10T09:00:00.000Z',
      '2026-01-10T10:00:00.000Z',
    ];
    await ctx.services.posts.importBatch(times.map((t, i) => post(i + 1, t)));
    const first = await ctx.services.posts.latestPublished({ limit: 2 });
    expect(first.next).not.toBeNull();
    // A new story arrives between page loads: it belongs at the top, not on page two.
    await ctx.services.posts.importBatch([post(99, '2026-01-10T11:00:00.000Z')]);
    const second = await ctx.services.posts.latestPublished({ limit: 2, cursor: first.next ?? '' });
    const third = await ctx.services.posts.latestPublished({ limit: 2, cursor: second.next ?? '' });
    const seen = [...first.items, ...second.items, ...third.items].map((p) => p.slug);
    expect(new Set(seen).size).toBe(5);
    expect(seen).not.toContain('story-99');
    expect(third.next).toBeNull();
    const publishedTimes = [...first.items, ...second.items, ...third.items].map(
      (p) => p.publishedAt ?? '',
    );
    expect([...publishedTimes].sort().reverse()).toEqual(publishedTimes);
  });

  it('refuses a cursor it did not issue with a 400 naming the field', async () => {
    await expect(
      ctx.services.posts.latestPublished({ limit: 2, cursor: "' or 1=1 --" }),
    ).rejects.toMatchObject({
      status: 400,
      problems: [expect.objectContaining({ field: 'cursor' })],
    });
  });

  it('loads many posts in a fixed number of queries', async () => {
    await ctx.services.posts.importBatch(
      Array.from({ length: 30 }, (_, i) =>
        post(i + 1, `2026-01-${String(10 + (i % 9)).padStart(2, '0')}T08:00:00.000Z`),
      ),
    );
    const { db, counter } = countQueries(ctx.db);
    const posts = createPostsService({
      db: narrow(db).to(),
      clock: ctx.clock,
      events: ctx.services.events,
      refs: createReferenceChecks({ db: narrow(db).to(), ...ctx.services }),
    });
    const small = await posts.latestPublished({ limit: 3 });
    const queriesForThree = counter.count;
    counter.count = 0;
    const page = await posts.latestPublished({ limit: 30 });
    expect(small.items).toHaveLength(3);
    expect(page.items).toHaveLength(30);
    expect(page.items.every((p) => p.authors.length === 2 && p.tags.length === 1)).toBe(true);
    expect(counter.count).toBe(queriesForThree);
    expect(counter.count).toBeLessThanOrEqual(4);
  });

  it('refuses an import whose time is not one with a 400 naming the story, and writes none of the batch', async () => {
    const refused = ctx.services.posts.importBatch([
      post(1, '2026-01-10T08:00:00.000Z'),
      post(2, '2026-01-10T09:00:00.000Z', { publicUpdatedAt: 'last Tuesday' }),
    ]);
    await expect(refused).rejects.toMatchObject({
      status: 400,
      problems: [
        {
          field: 'publicUpdatedAt',
          message: expect.stringContaining('story-2') as string,
        },
      ],
    });
    await expect(ctx.services.posts.importBatch([post(3, 'not a time')])).rejects.toMatchObject({
      status: 400,
      problems: [{ field: 'publishedAt' }],
    });
    expect((await ctx.services.posts.latestPublished({ limit: 10 })).items).toEqual([]);
  });

  it("lists an author's and a section's published stories newest first, by cursor", async () => {
    const times = [
      '2026-01-10T08:00:00.000Z',
      '2026-01-11T08:00:00.000Z',
      '2026-01-12T08:00:00.000Z',
    ];
    await ctx.services.posts.importBatch(
      times.map((t, i) => post(i + 1, t, { authorIds: [authorIds[0] ?? ''] })),
    );
    await ctx.services.posts.importBatch([
      post(9, '2026-01-13T08:00:00.000Z', { status: 'draft', publishedAt: null }),
    ]);
    const first = await ctx.services.posts.latestPublishedVia({
      link: 'author',
      id: authorIds[0] ?? '',
      limit: 2,
    });
    expect(first.items.map((p) => p.slug)).toEqual(['story-3', 'story-2']);
    const second = await ctx.services.posts.latestPublishedVia({
      link: 'author',
      id: authorIds[0] ?? '',
      limit: 2,
      cursor: first.next ?? '',
    });
    expect(second.items.map((p) => p.slug)).toEqual(['story-1']);
    expect(second.next).toBeNull();
    const bySection = await ctx.services.posts.latestPublishedVia({
      link: 'tag',
      id: tagId,
      limit: 10,
    });
    expect(bySection.items.map((p) => p.slug)).toEqual(['story-3', 'story-2', 'story-1']);
    expect(
      (
        await ctx.services.posts.latestPublishedVia({
          link: 'author',
          id: authorIds[1] ?? '',
          limit: 10,
        })
      ).items,
    ).toEqual([]);
  });
});
