import { beforeAll, expect, it } from 'vitest';
import { analyzedRows } from '../../test/helpers/planner-statistics.js';
import { describeEachDatabase } from '../../test/helpers/test-database.js';
import { servicesFor, type TestContext } from '../../test/helpers/test-runtime.js';
import { loadDemoNewsroom, removeDemoNewsroom } from './index.js';

describeEachDatabase('demo newsroom', (getDb) => {
  let ctx: TestContext;
  let owner: { email: string; password: string };
  beforeAll(async () => {
    await getDb().truncate();
    ctx = servicesFor(getDb());
    const result = await loadDemoNewsroom(ctx.services, {
      now: ctx.clock.now(),
      articles: 40,
      briefs: 25,
      photos: 4,
    });
    owner = result.owner;
  });

  it('has staff with bylines, one owner who can sign in, and navigation sections', async () => {
    const staff = await ctx.services.staff.list();
    expect(staff.filter((s) => s.role === 'owner')).toHaveLength(1);
    expect(await ctx.services.staff.verifyCredentials(owner.email, owner.password)).toMatchObject({
      role: 'owner',
    });
    const authors = await ctx.services.authors.list();
    expect(authors.length).toBeGreaterThanOrEqual(staff.length);
    expect(authors.every((a) => a.avatarMediaId !== null)).toBe(true);
    const nav = await ctx.services.tags.navigation();
    expect(nav.map((t) => t.name)).toContain('War');
  });

  it('publishes the requested articles and briefs with photos, authors and sections', async () => {
    const counts = await ctx.services.posts.countByStatus();
    // 40 articles, 25 briefs, the live page and the standard pages (About, Contact, Privacy).
    expect(counts.published).toBe(69);
    for (const slug of ['about', 'contact', 'privacy'])
      expect(await ctx.services.posts.bySlug(slug)).toMatchObject({ kind: 'page' });
    const page = await ctx.services.posts.latestPublished({ limit: 100, kinds: ['article'] });
    expect(page.items).toHaveLength(40);
    for (const post of page.items) {
      expect(post.leadImage?.caption).not.toBe('');
      expect(post.authors.length).toBeGreaterThan(0);
      expect(post.tags[0]?.isNavigation).toBe(true);
      expect(post.readingMinutes).toBeGreaterThanOrEqual(1);
    }
    const briefs = await ctx.services.posts.latestPublished({ limit: 100, kinds: ['brief'] });
    expect(briefs.items).toHaveLength(25);
  });

  it('leaves planner statistics for the stories it wrote (issue #14: no slow pages after a load)', async () => {
    const posts = (await ctx.services.posts.countByStatus()).published;
    expect(await analyzedRows(getDb(), 'posts')).toBe(posts);
    expect(await analyzedRows(getDb(), 'post_search')).toBe(posts);
  });

  it('has a live page still going: a dozen updates, two key events, one pinned, one photo', async () => {
    const [page] = (await ctx.services.posts.latestPublished({ limit: 5, kinds: ['live'] })).items;
    expect(page).toMatchObject({ kind: 'live', status: 'published' });
    expect(page!.leadImage?.mediaId).toEqual(expect.any(String));
    expect(page!.authors.length).toBeGreaterThan(0);
    expect((await ctx.services.live.coverage(page!.id)).endedAt).toBeNull();
    const updates = await ctx.services.live.updatesOf(page!.id);
    expect(updates).toHaveLength(12);
    expect(updates.filter((u) => u.keyEvent)).toHaveLength(2);
    expect(updates.filter((u) => u.pinned)).toHaveLength(1);
    const withPhoto = updates.filter((u) => u.body.content.some((b) => b.type === 'figure'));
    expect(withPhoto).toHaveLength(1);
    expect(updates.every((u) => u.authorId !== null)).toBe(true);
    // All before the load's time, the newest minutes before it.
    const now = ctx.clock.now().getTime();
    expect(updates.every((u) => Date.parse(u.publishedAt) < now)).toBe(true);
    expect(now - Date.parse(updates[0]!.publishedAt)).toBeLessThan(30 * 60_000);
  });

  it('runs a membership drive toward 25,000', async () => {
    const [drive] = await ctx.services.campaigns.running();
    expect(drive).toMatchObject({ goal: 25000, metric: 'paying_members' });
  });

  it('names the newsroom in the settings', async () => {
    expect((await ctx.services.settings.get()).siteName).not.toBe('Masthead');
  });

  it('is removed completely by demo remove', async () => {
    const result = await removeDemoNewsroom(ctx.services);
    expect(result.posts).toBe(66);
    // The standard pages stay: they are the site's, for the newsroom to edit, not demo content.
    expect(await ctx.services.posts.countByStatus()).toEqual({ published: 3 });
    expect(await ctx.services.staff.count()).toBe(0);
    expect(await ctx.services.authors.list()).toEqual([]);
    expect(await ctx.services.tags.list()).toEqual([]);
    expect(await ctx.services.campaigns.list()).toEqual([]);
    expect((await ctx.services.settings.get()).siteName).toBe('Masthead');
    await expect(removeDemoNewsroom(ctx.services)).rejects.toMatchObject({ code: 'NO_DEMO' });
  });
});

describeEachDatabase('demo newsroom, a load interrupted part way', (getDb) => {
  it('keeps whole batches only, and demo remove takes them away so it can run again', async () => {
    await getDb().truncate();
    const ctx = servicesFor(getDb());
    const posts = ctx.services.posts;
    let calls = 0;
    // The second batch of articles fails (as a killed process or a lost connection would).
    const failing = {
      ...posts,
      importBatch: (batch: Parameters<typeof posts.importBatch>[0]) => {
        calls += 1;
        if (calls === 2) return Promise.reject(new Error('interrupted'));
        return posts.importBatch(batch);
      },
    };
    await expect(
      loadDemoNewsroom(
        { ...ctx.services, posts: failing },
        { now: ctx.clock.now(), articles: 2500, briefs: 0, photos: 2 },
      ),
    ).rejects.toThrow('interrupted');
    // The standard pages, the first batch and the third (in flight when the second failed).
    const published = (await posts.countByStatus()).published ?? 0;
    expect([1003, 2003]).toContain(published);
    const result = await removeDemoNewsroom(ctx.services);
    expect(result.posts).toBe(published - 3);
    expect(await posts.countByStatus()).toEqual({ published: 3 });
    expect(await ctx.services.staff.count()).toBe(0);
  });
});
