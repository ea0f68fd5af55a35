import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { loadDemoNewsroom } from '../../src/demo/index.js';
import type { ImportedPost } from '../../src/features/posts/index.js';
import { FakeClock } from '../../src/platform/clock.js';
import { newId } from '../../src/platform/ids.js';
import { describeEachDatabase } from '../helpers/test-database.js';
import { appFor, servicesFor, type TestContext } from '../helpers/test-runtime.js';

/**
 * The paywall holds in every output: a reader not entitled to a members-only or paid story sees
 * its teaser (title, dek, excerpt) and never a word from past it — in search, pages, JSON-LD,
 * OpenGraph, feeds, sitemaps and the Content API. Each story hides one unique word after its
 * first paragraph; entitled readers find and read it, and no cached page mixes the audiences.
 */
const now = '2026-12-04T12:00:00.000Z';
const membersWord = 'zorbathrin';
const paidWord = 'quillmarrow';

const paragraphs = (...texts: string[]) =>
  ({
    type: 'doc',
    content: texts.map((text) => ({ type: 'paragraph', content: [{ type: 'text', text }] })),
  }) as unknown as ImportedPost['body'];

describeEachDatabase('the paywall in every output', (getDb) => {
  let app: FastifyInstance;
  let ctx: TestContext;
  let contentKey: string;
  let memberCookie: string;
  let paidCookie: string;
  let tagSlug: string;
  let authorSlug: string;
  const ids = { members: newId(), paid: newId() };

  beforeAll(async () => {
    await getDb().truncate();
    const clock = new FakeClock(now);
    const built = await appFor(getDb(), servicesFor(getDb(), clock));
    app = built.app;
    ctx = built;
    await loadDemoNewsroom(ctx.services, { now: clock.now(), articles: 12, briefs: 4, photos: 1 });
    const [author] = await ctx.services.authors.list();
    const [tag] = await ctx.services.tags.list();
    tagSlug = tag!.slug;
    authorSlug = author!.slug;
    const base = {
      kind: 'article' as const,
      status: 'published' as const,
      authorIds: [author!.id],
      tagIds: [tag!.id],
      publishedAt: new Date(Date.parse(now) - 60_000).toISOString(),
      leadImage: null,
    };
    await ctx.services.posts.importBatch([
      {
        ...base,
        id: ids.members,
        slug: 'members-dispatch',
        title: 'Members dispatch from the river',
        dek: 'What the ferrymen saw',
        body: paragraphs(
          'The opening paragraph is the teaser everyone may read.',
          `Past the paywall, the ferrymen named the ${membersWord} crossing.`,
        ),
        visibility: 'members',
      },
      {
        ...base,
        id: ids.paid,
        slug: 'paid-dispatch',
        title: 'Paid dispatch from the ridge',
        dek: 'What the shepherds saw',
        body: paragraphs(
          'Another opening paragraph anyone may read.',
          `Past the paywall, the shepherds named the ${paidWord} pass.`,
        ),
        visibility: 'paid',
      },
    ]);
    contentKey = (await ctx.services.tokens.create({ name: 'App', kind: 'content' })).secret;
    const session = async (email: string) => {
      const { member } = await ctx.services.members.findOrCreate({ email, campaignId: null });
      const created = await ctx.services.memberAuth.sessions.create(member.id);
      return { member, cookie: `masthead_member=${created.secret}` };
    };
    memberCookie = (await session('free@example.org')).cookie;
    const paid = await session('paid@example.org');
    await ctx.services.memberAdmin.comp(paid.member.id, { tierId: null, until: null }, 'test');
    paidCookie = paid.cookie;
  });
  afterAll(() => app.close());

  const get = async (url: string, cookie?: string) => {
    const response = await app.inject({ url, headers: cookie ? { cookie } : {} });
    expect(response.statusCode, url).toBe(200);
    return response.body;
  };
  const api = (path: string) =>
    `/api/content/v1${path}${path.includes('?') ? '&' : '?'}key=${contentKey}`;

  /** Every output a signed-out reader, a crawler or an app can fetch. */
  const outputs = () => [
    '/',
    '/news/',
    `/tag/${tagSlug}/`,
    `/author/${authorSlug}/`,
    '/members-dispatch/',
    '/paid-dispatch/',
    '/rss/',
    `/tag/${tagSlug}/rss/`,
    `/author/${authorSlug}/rss/`,
    '/feed.json',
    `/tag/${tagSlug}/feed.json`,
    `/author/${authorSlug}/feed.json`,
    '/sitemap.xml',
    '/sitemap-posts.xml',
    '/sitemap-news.xml',
    api('/posts'),
    api('/posts?limit=50'),
    api('/posts/slug/members-dispatch'),
    api(`/posts/${ids.paid}`),
  ];

  it('shows no word past the paywall in any page, feed, sitemap or API answer', async () => {
    for (const url of outputs()) {
      const body = await get(url);
      expect(body, url).not.toContain(membersWord);
      expect(body, url).not.toContain(paidWord);
    }
    // The teaser itself is there, so the checks above looked at the right stories.
    const story = await get('/members-dispatch/');
    expect(story).toContain('The opening paragraph is the teaser everyone may read.');
    expect(story).toContain('application/ld+json');
    expect(story).toContain('og:description');
    expect(await get('/rss/')).toContain('Members dispatch from the river');
  });

  it('search finds a gated story by its teaser only, and shows no word past the paywall', async () => {
    const byBody = await get(`/search?q=${membersWord}`);
    expect(byBody).not.toContain('href="/members-dispatch/"');
    const byPrefix = await get(`/search?q=${paidWord.slice(0, 5)}`);
    expect(byPrefix).not.toContain('href="/paid-dispatch/"');
    for (const q of ['ferrymen', 'river', 'teaser everyone']) {
      const page = await get(`/search?q=${encodeURIComponent(q)}`);
      // "ferrymen" is in the dek and past the paywall: found by the dek, shown without the body.
      expect(page, q).toContain('href="/members-dispatch/"');
      expect(page, q).not.toContain(membersWord);
    }
  });

  it('lets a member find and read members-only stories, but not paid ones', async () => {
    const search = await get(`/search?q=${membersWord}`, memberCookie);
    expect(search).toContain('href="/members-dispatch/"');
    expect(search).toContain(`<mark>${membersWord}</mark>`);
    expect(await get('/members-dispatch/', memberCookie)).toContain(membersWord);
    expect(await get(`/search?q=${paidWord}`, memberCookie)).not.toContain(
      'href="/paid-dispatch/"',
    );
    expect(await get('/paid-dispatch/', memberCookie)).not.toContain(paidWord);
    // The signed-out copy of the same URL, cached before and after, never shows it.
    expect(await get(`/search?q=${membersWord}`)).not.toContain('href="/members-dispatch/"');
  });

  it('lets a paying member find and read both', async () => {
    expect(await get(`/search?q=${paidWord}`, paidCookie)).toContain('href="/paid-dispatch/"');
    expect(await get('/paid-dispatch/', paidCookie)).toContain(paidWord);
    expect(await get(`/search?q=${paidWord}`)).not.toContain('href="/paid-dispatch/"');
  });
});
