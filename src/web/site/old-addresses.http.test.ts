import type { FastifyInstance } from 'fastify';
import { beforeAll, expect, it } from 'vitest';
import { describeEachDatabase } from '../../../test/helpers/test-database.js';
import { appFor, type TestContext } from '../../../test/helpers/test-runtime.js';
import { loadDemoNewsroom } from '../../demo/index.js';

/** Addresses from the platform a newsroom moved from keep working (issue #15). */
describeEachDatabase('old addresses kept by an import', (getDb) => {
  let app: FastifyInstance;
  let ctx: TestContext;
  let storyPath: string;

  beforeAll(async () => {
    await getDb().truncate();
    const built = await appFor(getDb());
    app = built.app;
    ctx = built;
    await loadDemoNewsroom(ctx.services, {
      now: ctx.clock.now(),
      articles: 3,
      briefs: 2,
      photos: 1,
    });
    const [story] = (await ctx.services.posts.latestPublished({ limit: 1, kinds: ['article'] }))
      .items;
    storyPath = `/${story?.slug ?? ''}/`;
    await ctx.services.imports.saveRedirects([
      { from: '/2019/05/03/old-slug/', to: storyPath, origin: 'wordpress' },
      { from: '/?p=12', to: storyPath, origin: 'wordpress' },
      { from: '/?page_id=7', to: '/about/', origin: 'wordpress' },
      { from: '/category/frontline/', to: '/tag/war/', origin: 'wordpress' },
      { from: '^/old-news/(.*)$', to: '/$1', origin: 'ghost', isPattern: true, status: 302 },
      // A pattern that would backtrack for minutes in a backtracking engine.
      { from: '^/(a+)+$', to: '/about/', origin: 'ghost', isPattern: true },
    ]);
  });

  it('answers a date permalink, /?p=ID and /?page_id=ID with a 301 to the new page', async () => {
    for (const [url, location] of [
      ['/2019/05/03/old-slug/', storyPath],
      ['/?p=12', storyPath],
      ['/?p=12&utm_source=newsletter', storyPath],
      ['/?page_id=7', '/about/'],
      ['/category/frontline/', '/tag/war/'],
    ] as const) {
      const response = await app.inject({ url });
      expect({ url, status: response.statusCode, location: response.headers.location }).toEqual({
        url,
        status: 301,
        location,
      });
    }
    const followed = await app.inject({ url: storyPath });
    expect(followed.statusCode).toBe(200);
  });

  it('runs Ghost pattern redirects with their groups, on an engine no pattern can stall', async () => {
    const moved = await app.inject({ url: `/old-news${storyPath}` });
    expect({ status: moved.statusCode, location: moved.headers.location }).toEqual({
      status: 302,
      location: storyPath,
    });
    const started = Date.now();
    const hostile = await app.inject({ url: `/${'a'.repeat(50)}!/` });
    expect(hostile.statusCode).toBe(404);
    // A backtracking engine takes longer than the test's whole timeout on this path.
    expect(Date.now() - started).toBeLessThan(5000);
  });

  it('leaves every other address alone: unknown paths are 404, the home page with an unknown ?p= is the home page', async () => {
    expect((await app.inject({ url: '/2019/05/03/never-was/' })).statusCode).toBe(404);
    expect((await app.inject({ url: '/?p=999' })).statusCode).toBe(200);
    // A POST to an old address is not redirected (only reads are).
    expect((await app.inject({ method: 'POST', url: '/2019/05/03/old-slug/' })).statusCode).toBe(
      404,
    );
    // The APIs answer their own 404s.
    expect((await app.inject({ url: '/api/content/v1/nothing' })).statusCode).not.toBe(301);
  });
});
