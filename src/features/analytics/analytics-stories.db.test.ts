import { beforeEach, expect, it } from 'vitest';
import { countQueries } from '../../../test/helpers/query-counter.js';
import { describeEachDatabase } from '../../../test/helpers/test-database.js';
import { servicesFor, type TestContext } from '../../../test/helpers/test-runtime.js';
import { narrow } from '../../platform/db/index.js';
import { newId } from '../../platform/ids.js';
import { createLimiter, createMemoryAttemptStore } from '../../platform/limits/index.js';
import type { ImportedPost } from '../posts/index.js';
import { createPostsService, createReferenceChecks } from '../posts/index.js';
import { createAnalyticsService } from './analytics.service.js';

const browser = 'Mozilla/5.0 (X11; Linux x86_64; rv:133.0) Gecko/20100101 Firefox/133.0';
const body = {
  type: 'doc',
  content: [{ type: 'paragraph', content: [{ type: 'text', text: 'The text.' }] }],
} as unknown as ImportedPost['body'];

describeEachDatabase('Analytics: which story a path names', (getDb) => {
  let ctx: TestContext;

  beforeEach(async () => {
    await getDb().truncate();
    ctx = servicesFor(getDb());
  });

  /** `count` stories `story-1`…, published unless listed in `drafts`. */
  async function stories(count: number, drafts: readonly number[] = []) {
    const author = await ctx.services.authors.create({ name: 'Iva Reporter' });
    const posts: ImportedPost[] = Array.from({ length: count }, (_, i) => ({
      id: newId(),
      kind: 'article',
      slug: `story-${i + 1}`,
      title: `Story ${i + 1}`,
      body,
      authorIds: [author.id],
      tagIds: [],
      status: drafts.includes(i + 1) ? 'draft' : 'published',
      publishedAt: drafts.includes(i + 1) ? null : '2026-01-10T08:00:00.000Z',
    }));
    await ctx.services.posts.importBatch(posts);
    return posts;
  }

  /** An analytics service whose post lookups are counted: calls to it, statements to the database. */
  function countedAnalytics() {
    const { db, counter } = countQueries(ctx.db);
    const posts = createPostsService({
      db: narrow(db).to(),
      clock: ctx.clock,
      events: ctx.services.events,
      refs: createReferenceChecks({ db: narrow(db).to(), ...ctx.services }),
    });
    const lookups: string[][] = [];
    const analytics = createAnalyticsService({
      db: narrow(ctx.db).to(),
      clock: ctx.clock,
      timeZone: () => Promise.resolve('UTC'),
      siteHost: 'news.example.org',
      rawDays: 30,
      limiter: createLimiter({ store: createMemoryAttemptStore(), clock: ctx.clock }),
      posts: {
        publishedIdsBySlugs: (slugs) => {
          lookups.push([...slugs]);
          return posts.publishedIdsBySlugs(slugs);
        },
        publishedByIds: (ids) => posts.publishedByIds(ids),
        titlesByIds: (ids) => posts.titlesByIds(ids),
      },
    });
    return { analytics, lookups, statements: counter };
  }

  it('finds the stories of a flush in one bulk lookup, then from memory', async () => {
    const made = await stories(1_201, [7]);
    const { analytics, lookups, statements } = countedAnalytics();
    const paths = [
      ...made.map((p) => `/${p.slug}/`),
      '/story-1/',
      '/no-such-story/',
      '/tag/war/',
      '/',
    ];
    for (const [i, path] of paths.entries())
      await analytics.recordBeacon(
        { path },
        { ip: `10.9.${i >> 8}.${i & 255}`, userAgent: browser, isPrivate: false },
      );
    statements.count = 0;
    await analytics.flush();
    // One lookup with every distinct story slug: 1,202 slugs, 500 to a statement.
    expect(lookups).toHaveLength(1);
    expect(new Set(lookups[0])).toEqual(new Set([...made.map((p) => p.slug), 'no-such-story']));
    expect(statements.count).toBe(3);

    const summary = await analytics.summary({ limit: 100 });
    expect(summary.views).toBe(paths.length);
    const story1 = summary.topPosts.find((p) => p.path === '/story-1/');
    expect(story1).toMatchObject({ postId: made[0]!.id, title: 'Story 1', views: 2 });
    // A draft and an unknown slug name no story; the home and tag pages are not stories.
    expect(summary.topPosts.some((p) => p.postId === made[6]!.id)).toBe(false);
    expect(summary.topPosts).toHaveLength(100);

    // The same paths again within five minutes: no lookup at all.
    await analytics.recordBeacon(
      { path: '/story-2/' },
      { ip: '10.8.0.1', userAgent: browser, isPrivate: false },
    );
    await analytics.flush();
    expect(lookups).toHaveLength(1);
    // A sign-up's story is found the same way.
    const conversion = await analytics.prepareConversion({ kind: 'signup', fromPath: '/story-3/' });
    expect(conversion).toMatchObject({ path: '/story-3/', postId: made[2]!.id });
    expect(lookups).toHaveLength(1);

    // A story deleted since keeps its numbers under its path, without a headline.
    await ctx.services.posts.deleteByAuthors(made[0]!.authorIds);
    const after = await analytics.summary({ limit: 3 });
    expect(after.topPosts[0]).toMatchObject({ postId: made[0]!.id, title: null, views: 2 });
  });

  it('answers the published stories among slugs, by slug', async () => {
    const made = await stories(3, [2]);
    const found = await ctx.services.posts.publishedIdsBySlugs([
      'story-1',
      'story-2',
      'story-3',
      'story-1',
      'missing',
      '',
    ]);
    expect(found).toEqual(
      new Map([
        ['story-1', made[0]!.id],
        ['story-3', made[2]!.id],
      ]),
    );
    expect(await ctx.services.posts.publishedIdsBySlugs([])).toEqual(new Map());
  });
});
