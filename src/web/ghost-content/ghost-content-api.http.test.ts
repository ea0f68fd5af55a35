import type { FastifyInstance } from 'fastify';
import { beforeAll, expect, it } from 'vitest';
import { describeEachDatabase } from '../../../test/helpers/test-database.js';
import { appFor, tokenHeaders, type TestContext } from '../../../test/helpers/test-runtime.js';
import { ghostIdOf } from '../../shared/ghost-id.js';

const paragraph = (text: string) => ({
  type: 'doc',
  content: [{ type: 'paragraph', content: [{ type: 'text', text }] }],
});

interface GhostTag {
  id: string;
  slug: string;
  name: string;
  count?: { posts: number };
}
interface GhostAuthor {
  id: string;
  slug: string;
  name: string;
  count?: { posts: number };
}
interface GhostPost {
  id: string;
  uuid: string;
  title: string;
  slug: string;
  html?: string;
  plaintext?: string;
  access: boolean;
  visibility: string;
  featured: boolean;
  published_at: string;
  url: string;
  tags?: GhostTag[];
  authors?: GhostAuthor[];
  primary_tag?: GhostTag | null;
  primary_author?: GhostAuthor | null;
}
interface Pagination {
  page: number;
  limit: number;
  pages: number;
  total: number;
  next: number | null;
  prev: number | null;
}
interface Browse {
  posts: GhostPost[];
  meta: { pagination: Pagination };
}
interface GhostErrors {
  errors: Array<{ message: string; type: string; errorType: string }>;
}

describeEachDatabase('Ghost Content API compatibility', (getDb) => {
  let app: FastifyInstance;
  let ctx: TestContext;
  let key: string;
  const ids: Record<string, string> = {};
  const get = (path: string, query = '', headers: Record<string, string> = {}) =>
    app.inject({
      url: `/ghost/api/content/${path}?key=${key}${query ? `&${query}` : ''}`,
      headers,
    });
  const browse = async (path: string, query = '') => {
    const response = await get(path, query);
    expect(response.statusCode, response.body).toBe(200);
    return response.json<Browse>();
  };
  const titles = async (filter: string) =>
    (await browse('posts/', `filter=${encodeURIComponent(filter)}`)).posts.map((p) => p.title);

  beforeAll(async () => {
    await getDb().truncate();
    const built = await appFor(getDb());
    app = built.app;
    ctx = built;
    const token = await ctx.services.tokens.create({ name: 'Ghost theme', kind: 'content' });
    key = token.ghostKey!;
    await ctx.services.tiers.ensureDefaults();
    const editor = await tokenHeaders(ctx.services, 'editor');
    const iva = await ctx.services.staff.create({
      email: 'reporter@example.org',
      name: 'Iva Reporter',
      role: 'author',
      password: 'a long password 1',
    });
    const oleh = await ctx.services.staff.create({
      email: 'oleh@example.org',
      name: 'Oleh Writer',
      role: 'author',
      password: 'a long password 1',
    });
    const news = await ctx.services.tags.create({ name: 'News', isNavigation: true });
    const world = await ctx.services.tags.create({ name: 'World' });
    const internal = await ctx.services.tags.create({
      name: '#internal',
      slug: 'hash-internal',
      isInternal: true,
    });
    const create = async (title: string, extra: Record<string, unknown> = {}) => {
      const response = await app.inject({
        method: 'POST',
        url: '/api/admin/v1/posts',
        headers: editor,
        payload: {
          title,
          authorIds: [iva.author.id],
          body: paragraph(`${title}: the full text.`),
          ...extra,
        },
      });
      expect(response.statusCode, response.body).toBe(201);
      const id = response.json<{ post: { id: string } }>().post.id;
      ids[title] = id;
      return id;
    };
    const publish = async (id: string) => {
      ctx.clock.advance(3_600_000);
      const response = await app.inject({
        method: 'POST',
        url: `/api/admin/v1/posts/${id}/publish`,
        headers: editor,
      });
      expect(response.statusCode, response.body).toBe(200);
    };
    await publish(
      await create('River bridge reopens', { tagIds: [news.id, internal.id], isFeatured: true }),
    );
    await publish(
      await create('World summit ends', { tagIds: [world.id], authorIds: [oleh.author.id] }),
    );
    await publish(
      await create('Members story', {
        tagIds: [news.id],
        visibility: 'members',
        customExcerpt: 'A teaser everyone may read.',
        body: paragraph('MEMBERS-ONLY-BODY'),
      }),
    );
    await publish(await create('Quiet day', { tagIds: [internal.id, world.id] }));
    await publish(await create('About us', { kind: 'page' }));
    await create('Secret draft', { tagIds: [news.id] });
    await publish(
      await create('Council budget', {
        tagIds: [news.id, world.id],
        authorIds: [oleh.author.id, iva.author.id],
      }),
    );
  });

  it('asks for a content key and answers in Ghost error shape', async () => {
    const missing = await app.inject('/ghost/api/content/posts/');
    expect(missing.statusCode).toBe(401);
    expect(missing.json<GhostErrors>().errors[0]).toMatchObject({
      type: 'UnauthorizedError',
      errorType: 'UnauthorizedError',
    });
    const unknown = await app.inject(`/ghost/api/content/posts/?key=${'0'.repeat(26)}`);
    expect(unknown.statusCode).toBe(401);
    expect(unknown.json<GhostErrors>().errors[0]?.message).toBe('Unknown Content API Key');
    const nowhere = await get('nothing-here/');
    expect(nowhere.statusCode).toBe(404);
    expect(nowhere.json<GhostErrors>().errors[0]?.type).toBe('NotFoundError');
  });

  it('lists published posts newest first in Ghost’s envelope, never drafts, pages or emails', async () => {
    const response = await get('posts/');
    expect(response.headers['access-control-allow-origin']).toBe('*');
    const body = response.json<Browse>();
    expect(body.posts.map((p) => p.title)).toEqual([
      'Council budget',
      'Quiet day',
      'Members story',
      'World summit ends',
      'River bridge reopens',
    ]);
    expect(body.meta.pagination).toEqual({
      page: 1,
      limit: 15,
      pages: 1,
      total: 5,
      next: null,
      prev: null,
    });
    const first = body.posts[0]!;
    expect(first.id).toMatch(/^[0-9a-f]{24}$/);
    expect(first.id).toBe(ghostIdOf(ids['Council budget']!));
    expect(first.published_at).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.000\+00:00$/);
    expect(first.url).toBe('http://localhost:3000/council-budget/');
    expect(first.html).toContain('Council budget: the full text.');
    // Without include, no relation keys at all (as Ghost).
    expect(first).not.toHaveProperty('tags');
    expect(first).not.toHaveProperty('primary_author');
    expect(response.body).not.toContain('Secret draft');
    expect(response.body).not.toContain('example.org');
    // Without the trailing slash too.
    expect((await get('posts')).statusCode).toBe(200);
  });

  it('includes authors and tags in order, with primary ones, internal tags marked as Ghost does', async () => {
    const { posts } = await browse('posts/', 'include=authors%2Ctags');
    const council = posts.find((p) => p.title === 'Council budget')!;
    expect(council.authors?.map((a) => a.slug)).toEqual(['oleh-writer', 'iva-reporter']);
    expect(council.primary_author?.slug).toBe('oleh-writer');
    expect(council.tags?.map((t) => t.slug)).toEqual(['news', 'world']);
    expect(council.primary_tag?.slug).toBe('news');
    // Internal tags are on their posts marked `visibility: "internal"` (Ghost answers so; its
    // {{tags}} helper leaves them out), and a post whose first tag is internal has no primary tag.
    const marks = (post: (typeof posts)[number]) =>
      (post.tags as Array<{ slug: string; visibility: string }> | undefined)?.map(
        (t) => `${t.slug}:${t.visibility}`,
      );
    const river = posts.find((p) => p.title === 'River bridge reopens')!;
    expect(marks(river)).toEqual(['news:public', 'hash-internal:internal']);
    const quiet = posts.find((p) => p.title === 'Quiet day')!;
    expect(marks(quiet)).toEqual(['hash-internal:internal', 'world:public']);
    expect(quiet.primary_tag).toBeNull();
    expect(JSON.stringify(posts)).not.toContain('example.org');
  });

  it('narrows answers to the fields and formats asked for', async () => {
    const { posts } = await browse('posts/', 'fields=title,slug&limit=1');
    expect(posts[0]).toEqual({ title: 'Council budget', slug: 'council-budget' });
    const plain = await browse('posts/', 'formats=plaintext&limit=1');
    expect(plain.posts[0]?.plaintext).toContain('Council budget: the full text.');
    expect(plain.posts[0]).not.toHaveProperty('html');
    expect((await get('posts/', 'formats=mobiledoc')).statusCode).toBe(400);
    expect((await get('posts/', 'include=secrets')).statusCode).toBe(400);
  });

  it('filters with Ghost’s NQL: relations, lists, combinations, negations and dates', async () => {
    expect(await titles('tag:news')).toEqual([
      'Council budget',
      'Members story',
      'River bridge reopens',
    ]);
    expect(await titles('tags.slug:world')).toEqual([
      'Council budget',
      'Quiet day',
      'World summit ends',
    ]);
    expect(await titles('tag:news+featured:true')).toEqual(['River bridge reopens']);
    expect(await titles('tag:[news,world]+tag:-news')).toEqual(['Quiet day', 'World summit ends']);
    expect(await titles('author:oleh-writer')).toEqual(['Council budget', 'World summit ends']);
    expect(await titles('primary_author:iva-reporter,featured:true')).toEqual([
      'Quiet day',
      'Members story',
      'River bridge reopens',
    ]);
    expect(await titles('primary_tag:world')).toEqual(['World summit ends']);
    // Internal tags filter like any tag (Ghost themes rely on that), though they are never shown.
    expect(await titles('tag:hash-internal')).toEqual(['Quiet day', 'River bridge reopens']);
    expect(await titles('slug:[quiet-day,members-story]')).toEqual(['Quiet day', 'Members story']);
    expect(await titles('slug:-quiet-day+tag:world')).toEqual([
      'Council budget',
      'World summit ends',
    ]);
    expect(await titles("title:~'bridge'")).toEqual(['River bridge reopens']);
    expect(await titles("title:~^'RIVER'")).toEqual(['River bridge reopens']);
    expect(await titles("title:~$'ends'")).toEqual(['World summit ends']);
    expect(await titles('visibility:members')).toEqual(['Members story']);
    expect(await titles(`id:${ghostIdOf(ids['World summit ends']!)}`)).toEqual([
      'World summit ends',
    ]);
    expect(await titles(`id:${'a'.repeat(24)}`)).toEqual([]);
    // Published an hour apart from 10:00 on 15 January 2026 (the fake clock's start + 1h):
    // River 10:00, World 11:00, Members 12:00, Quiet 13:00, the page 14:00, Council 15:00.
    expect(await titles("published_at:>'2026-01-15 12:00:00'")).toEqual([
      'Council budget',
      'Quiet day',
    ]);
    expect(await titles("published_at:>='2026-01-15 12:00:00'")).toEqual([
      'Council budget',
      'Quiet day',
      'Members story',
    ]);
    expect(await titles("published_at:<='2026-01-15T11:00:00.000Z'+tag:news")).toEqual([
      'River bridge reopens',
    ]);
    expect(await titles('(tag:world,featured:true)+author:-oleh-writer')).toEqual([
      'Quiet day',
      'River bridge reopens',
    ]);
  });

  it('answers 400, never 500, for filters it cannot or will not run', async () => {
    const hostile = [
      'status:draft',
      'authors.email:reporter@example.org',
      'password:x',
      `${'('.repeat(20)}tag:news${')'.repeat(20)}`,
      `tag:${'x'.repeat(2000)}`,
      `${Array.from({ length: 60 }, (_, i) => `tag:t${i}`).join(',')}`,
      "tag:'unclosed",
      'tag:news)',
      "published_at:>'yesterday'",
      'featured:maybe',
      'slug:>a',
      'tag:[' + Array.from({ length: 150 }, (_, i) => `t${i}`).join(',') + ']',
      "title:~'x'+posts_meta.og_title:y",
      "slug:'x'' OR 1=1 --'",
    ];
    for (const filter of hostile) {
      const response = await get('posts/', `filter=${encodeURIComponent(filter)}`);
      expect(response.statusCode, filter).toBe(400);
      expect(response.json<GhostErrors>().errors[0]?.type).toBe('BadRequestError');
    }
    // SQL in a value is only ever a value: nothing matches, nothing breaks.
    for (const filter of ["slug:'x\\' OR 1=1 --'", "title:~'%'", "tag:'news\\' OR \\'1\\'=\\'1'"]) {
      const response = await get('posts/', `filter=${encodeURIComponent(filter)}`);
      expect(response.statusCode, filter).toBe(200);
      expect(response.json<Browse>().posts).toEqual([]);
    }
    const repeated = await app.inject(`/ghost/api/content/posts/?key=${key}&filter=a:1&filter=b:2`);
    expect(repeated.statusCode).toBe(400);
  });

  it('pages by number with a capped limit and a capped depth', async () => {
    const second = await browse('posts/', 'limit=2&page=2');
    expect(second.posts.map((p) => p.title)).toEqual(['Members story', 'World summit ends']);
    expect(second.meta.pagination).toEqual({
      page: 2,
      limit: 2,
      pages: 3,
      total: 5,
      next: 3,
      prev: 1,
    });
    expect((await browse('posts/', 'limit=500')).meta.pagination.limit).toBe(100);
    expect((await browse('posts/', 'limit=all')).meta.pagination.limit).toBe(100);
    expect((await get('posts/', 'limit=lots')).statusCode).toBe(400);
    const deep = await get('posts/', 'page=101');
    expect(deep.statusCode).toBe(400);
    expect(deep.json<GhostErrors>().errors[0]?.message).toContain('at most 100');
    expect((await browse('posts/', 'page=100')).posts).toEqual([]);
    // The count stops at the deepest page's rows plus one.
    const counted = await ctx.services.posts.ghost.browse({
      kinds: ['article'],
      order: [{ field: 'published_at', direction: 'desc' }],
      limit: 1,
      offset: 0,
      countCap: 3,
    });
    expect(counted.total).toBe(3);
  });

  it('orders by allowed fields only', async () => {
    const { posts } = await browse('posts/', `order=${encodeURIComponent('title asc')}`);
    expect(posts.map((p) => p.title)[0]).toBe('Council budget');
    expect(posts.map((p) => p.title)[4]).toBe('World summit ends');
    const oldest = await browse(
      'posts/',
      `order=${encodeURIComponent('published_at ASC')}&limit=1`,
    );
    expect(oldest.posts[0]?.title).toBe('River bridge reopens');
    expect((await get('posts/', 'order=password%20asc')).statusCode).toBe(400);
    expect((await get('posts/', 'order=title%20sideways')).statusCode).toBe(400);
  });

  it('reads one post or page by slug or id, as a one-element list without meta', async () => {
    const bySlug = (await get('posts/slug/world-summit-ends/', 'include=tags')).json<{
      posts: GhostPost[];
      meta?: unknown;
    }>();
    expect(bySlug.posts).toHaveLength(1);
    expect(bySlug).not.toHaveProperty('meta');
    expect(bySlug.posts[0]?.tags?.map((t) => t.slug)).toEqual(['world']);
    const id = bySlug.posts[0]!.id;
    const byId = (await get(`posts/${id}/`)).json<{ posts: GhostPost[] }>();
    expect(byId.posts[0]?.slug).toBe('world-summit-ends');
    const missing = await get('posts/slug/secret-draft/');
    expect(missing.statusCode).toBe(404);
    expect(missing.json<GhostErrors>().errors[0]?.type).toBe('NotFoundError');
    expect((await get(`posts/${'f'.repeat(24)}/`)).statusCode).toBe(404);
    expect((await get('posts/not-an-id/')).statusCode).toBe(404);
    expect((await get(`posts/slug/${'x'.repeat(300)}/`)).statusCode).toBeLessThan(500);
    // Pages are pages and posts are posts.
    expect((await get('posts/slug/about-us/')).statusCode).toBe(404);
    const page = (await get('pages/slug/about-us/')).json<{ pages: GhostPost[] }>();
    expect(page.pages[0]?.title).toBe('About us');
    const pages = await browse('pages/');
    expect((pages as unknown as { pages: GhostPost[] }).pages.map((p) => p.title)).toEqual([
      'About us',
    ]);
  });

  it('gives members-only bodies only to members: access false and no html for others', async () => {
    const { posts } = (await get('posts/slug/members-story/', 'formats=html,plaintext')).json<{
      posts: GhostPost[];
    }>();
    expect(posts[0]).toMatchObject({
      access: false,
      html: '',
      plaintext: '',
      visibility: 'members',
    });
    const listed = await get('posts/', 'filter=visibility:members&formats=html,plaintext');
    expect(listed.body).not.toContain('MEMBERS-ONLY-BODY');
    expect(listed.json<Browse>().posts[0]).toMatchObject({
      access: false,
      excerpt: 'A teaser everyone may read.',
    });
  });

  it('lists tags and authors with post counts, hiding internal tags and emails', async () => {
    const tags = (await get('tags/', 'include=count.posts')).json<{
      tags: GhostTag[];
      meta: { pagination: Pagination };
    }>();
    expect(tags.tags.map((t) => [t.slug, t.count?.posts])).toEqual([
      ['news', 3],
      ['world', 3],
    ]);
    expect(tags.meta.pagination.total).toBe(2);
    const popular = (await get('tags/', 'order=count.posts%20desc,name%20desc&limit=1')).json<{
      tags: GhostTag[];
    }>();
    expect(popular.tags.map((t) => t.slug)).toEqual(['world']);
    expect((await get('tags/slug/hash-internal/')).statusCode).toBe(404);
    const news = (await get('tags/slug/news/')).json<{ tags: GhostTag[] }>();
    expect(news.tags[0]?.name).toBe('News');
    expect(
      (await get(`tags/${news.tags[0]!.id}/`)).json<{ tags: GhostTag[] }>().tags[0]?.slug,
    ).toBe('news');
    expect(
      (await get('tags/', 'filter=slug:[world]')).json<{ tags: GhostTag[] }>().tags,
    ).toHaveLength(1);
    expect((await get('tags/', 'filter=secret:1')).statusCode).toBe(400);

    const authors = await get('authors/', 'include=count.posts');
    const body = authors.json<{ authors: GhostAuthor[] }>();
    expect(body.authors.map((a) => [a.slug, a.count?.posts])).toEqual([
      ['iva-reporter', 4],
      ['oleh-writer', 2],
    ]);
    expect(authors.body).not.toContain('example.org');
    const oleh = (await get('authors/slug/oleh-writer/')).json<{ authors: GhostAuthor[] }>();
    expect(oleh.authors[0]?.name).toBe('Oleh Writer');
  });

  it('answers settings and tiers', async () => {
    const settings = (await get('settings/')).json<{
      settings: Record<string, unknown>;
      meta: object;
    }>();
    expect(settings.meta).toEqual({});
    expect(settings.settings).toMatchObject({ title: 'Masthead', url: 'http://localhost:3000/' });
    expect(settings.settings.navigation).toEqual([
      { label: 'News', url: 'http://localhost:3000/tag/news/' },
    ]);
    const tiers = (await get('tiers/')).json<{
      tiers: Array<{ slug: string; type: string; monthly_price?: number }>;
      meta: { pagination: Pagination };
    }>();
    expect(tiers.tiers.map((t) => [t.slug, t.type])).toEqual([
      ['free', 'free'],
      ['supporter', 'paid'],
      ['sustainer', 'paid'],
    ]);
    expect(tiers.tiers[1]?.monthly_price).toBe(500);
    const byName = (await get('tiers/', 'order=name%20desc')).json<{
      tiers: Array<{ slug: string }>;
    }>();
    expect(byName.tiers.map((t) => t.slug)).toEqual(['sustainer', 'supporter', 'free']);
    expect(
      (await get('tiers/', 'filter=type:paid')).json<{ tiers: unknown[] }>().tiers,
    ).toHaveLength(2);
    expect(tiers.meta.pagination.total).toBe(3);
  });

  it('drops cached answers when a post is published', async () => {
    expect(await titles('tag:news')).not.toContain('Late news');
    const editor = await tokenHeaders(ctx.services, 'editor');
    const tag = await ctx.services.tags.bySlug('news');
    const iva = await ctx.services.authors.bySlug('iva-reporter');
    const created = await app.inject({
      method: 'POST',
      url: '/api/admin/v1/posts',
      headers: editor,
      payload: {
        title: 'Late news',
        tagIds: [tag!.id],
        authorIds: [iva!.id],
        body: paragraph('Late.'),
      },
    });
    const { id } = created.json<{ post: { id: string } }>().post;
    ctx.clock.advance(3_600_000);
    await app.inject({ method: 'POST', url: `/api/admin/v1/posts/${id}/publish`, headers: editor });
    // The outbox dispatch runs after commit; give it a moment, as other cache tests do.
    await expect.poll(() => titles('tag:news')).toContain('Late news');
  });
});
