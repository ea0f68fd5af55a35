import type { FastifyInstance } from 'fastify';
import { beforeAll, expect, it } from 'vitest';
import { describeEachDatabase } from '../../../test/helpers/test-database.js';
import { appFor, servicesFor, type TestContext } from '../../../test/helpers/test-runtime.js';
import { loadDemoNewsroom } from '../../demo/index.js';
import type { Post } from '../../features/posts/index.js';
import { systemActor } from '../../features/staff/index.js';
import { postListQuerySchema } from '../../shared/contracts/posts.js';

/**
 * Every kind of change a reader page shows, made through its service (no HTTP, as the CLI or a
 * job would make it), re-renders the page that shows it: the service records a typed outbox
 * event in its transaction, and page-tags.ts decides which pages it drops.
 */
describeEachDatabase('site-visible changes made through the services', (getDb) => {
  let app: FastifyInstance;
  let ctx: TestContext;
  let story: Post;

  beforeAll(async () => {
    await getDb().truncate();
    ctx = servicesFor(getDb());
    await loadDemoNewsroom(ctx.services, {
      now: ctx.clock.now(),
      articles: 12,
      briefs: 4,
      photos: 2,
    });
    ({ app } = await appFor(getDb(), ctx));
    const page = await ctx.services.posts.list(
      systemActor,
      postListQuerySchema.parse({ status: 'published', kind: 'article', limit: 50 }),
    );
    story = page.items.find((p) => p.leadImage && p.authors.length > 0)!;
    expect(story).toBeDefined();
  });

  const get = (url: string) => app.inject({ method: 'GET', url });

  /** Renders `url` into the cache, checks it is served from there, then makes the change. */
  async function afterChange(url: string, change: () => Promise<unknown>) {
    await get(url);
    expect((await get(url)).headers['x-cache']).toBe('HIT');
    await change();
    const after = await get(url);
    expect(after.statusCode).toBe(200);
    expect(after.headers['x-cache']).toBe('MISS');
    return after.body;
  }

  it('a section renamed: the navigation on the home page shows the new name', async () => {
    const [section] = await ctx.services.tags.navigation();
    const body = await afterChange('/', () =>
      ctx.services.tags.update(section!.id, { name: 'Frontline Desk' }),
    );
    expect(body).toContain('Frontline Desk');
  });

  it('a byline edited: the story shows the new name', async () => {
    const [author] = story.authors;
    const body = await afterChange(story.url, () =>
      ctx.services.authors.update(author!.id, { name: 'Olena Renamed' }),
    );
    expect(body).toContain('Olena Renamed');
  });

  it("a reporter's own profile edited: the story shows it", async () => {
    const authors = await ctx.services.authors.byIds(story.authors.map((a) => a.id));
    const staffAuthor = authors.find((a) => a.userId !== null);
    expect(staffAuthor).toBeDefined();
    const body = await afterChange(story.url, () =>
      ctx.services.staffAuth.accounts.updateProfile(staffAuthor!.userId!, {
        roleTitle: 'Chief frontline correspondent',
      }),
    );
    expect(body).toContain('Chief frontline correspondent');
  });

  it('site settings changed: every page shows the new name', async () => {
    const body = await afterChange(story.url, () =>
      ctx.services.settings.update({ siteName: 'The Renamed Ledger' }),
    );
    expect(body).toContain('The Renamed Ledger');
  });

  it("an image's details changed: the pages showing images are re-rendered", async () => {
    await afterChange(story.url, () =>
      ctx.services.media.updateMeta(story.leadImage!.mediaId, { credit: 'Photo desk' }),
    );
  });

  it('the drive edited: the banner shows the new headline', async () => {
    const [drive] = await ctx.services.campaigns.running();
    expect(drive).toBeDefined();
    const body = await afterChange('/', () =>
      ctx.services.campaigns.update(drive!.id, { headline: 'Keep the lights on this winter' }),
    );
    expect(body).toContain('Keep the lights on this winter');
  });

  it('a change made by another process (the CLI) reaches this one through the outbox', async () => {
    // The CLI opens its own services on the same database: its events are not heard in process.
    const cli = servicesFor(getDb(), ctx.clock).services;
    await ctx.services.events.follow(); // the server's follower starts
    const [section] = await ctx.services.tags.navigation();
    await get('/');
    expect((await get('/')).headers['x-cache']).toBe('HIT');
    await cli.tags.update(section!.id, { name: 'Changed From The Shell' });
    expect((await get('/')).headers['x-cache']).toBe('HIT');
    expect(await ctx.services.events.follow()).toBe(1);
    const after = await get('/');
    expect(after.headers['x-cache']).toBe('MISS');
    expect(after.body).toContain('Changed From The Shell');
    // Heard once: the next round has nothing new.
    expect(await ctx.services.events.follow()).toBe(0);
  });
});
