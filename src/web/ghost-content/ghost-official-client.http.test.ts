import GhostContentAPI from '@tryghost/content-api';
import type { FastifyInstance } from 'fastify';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeEachDatabase } from '../../../test/helpers/test-database.js';
import { appFor, tokenHeaders, type TestContext } from '../../../test/helpers/test-runtime.js';

const paragraph = (text: string) => ({
  type: 'doc',
  content: [{ type: 'paragraph', content: [{ type: 'text', text }] }],
});

interface Named {
  slug: string;
  name?: string;
  title?: string;
}

/**
 * The official `@tryghost/content-api` client (1.12.12, unchanged) against a listening
 * Masthead: what Ghost front-ends do with it must work here (issue #15 §5).
 */
describeEachDatabase('the official @tryghost/content-api client against Masthead', (getDb) => {
  let app: FastifyInstance;
  let ctx: TestContext;
  let api: GhostContentAPI;

  beforeAll(async () => {
    await getDb().truncate();
    const built = await appFor(getDb());
    app = built.app;
    ctx = built;
    await ctx.services.tiers.ensureDefaults();
    const { ghostKey } = await ctx.services.tokens.create({ name: 'Front-end', kind: 'content' });
    const editor = await tokenHeaders(ctx.services, 'editor');
    const staff = await ctx.services.staff.create({
      email: 'writer@example.org',
      name: 'Mila Writer',
      role: 'author',
      password: 'a long password 1',
    });
    const tides = await ctx.services.tags.create({ name: 'Tides' });
    const harbour = await ctx.services.tags.create({ name: 'Harbour' });
    const publish = async (title: string, extra: Record<string, unknown> = {}) => {
      const created = await app.inject({
        method: 'POST',
        url: '/api/admin/v1/posts',
        headers: editor,
        payload: {
          title,
          authorIds: [staff.author.id],
          tagIds: [tides.id],
          body: paragraph(`${title}, in full.`),
          ...extra,
        },
      });
      const { id } = created.json<{ post: { id: string } }>().post;
      ctx.clock.advance(60_000);
      await app.inject({
        method: 'POST',
        url: `/api/admin/v1/posts/${id}/publish`,
        headers: editor,
      });
    };
    await publish('First tide table');
    await publish('Harbour dredging starts', { tagIds: [harbour.id, tides.id] });
    await publish('Storm surge warning');
    await publish('Ferry timetable', { kind: 'page', tagIds: [] });
    await app.listen({ port: 0, host: '127.0.0.1' });
    const { port } = app.server.address() as AddressInfo;
    api = new GhostContentAPI({ url: `http://127.0.0.1:${port}`, key: ghostKey!, version: 'v5.0' });
  });
  afterAll(async () => {
    await app.close();
  });

  it('browses posts with authors and tags, and paginates', async () => {
    const posts = await api.posts.browse({ include: 'authors,tags', limit: 2 });
    expect(posts.map((p) => p.title)).toEqual(['Storm surge warning', 'Harbour dredging starts']);
    expect(posts.meta.pagination).toMatchObject({ page: 1, limit: 2, pages: 2, total: 3, next: 2 });
    const harbour = posts[1] as { authors: Named[]; tags: Named[]; primary_tag: Named };
    expect(harbour.authors.map((a) => a.name)).toEqual(['Mila Writer']);
    expect(harbour.tags.map((t) => t.slug)).toEqual(['harbour', 'tides']);
    expect(harbour.primary_tag.slug).toBe('harbour');
    const second = await api.posts.browse({ limit: 2, page: 2 });
    expect(second.map((p) => p.title)).toEqual(['First tide table']);
    expect(second.meta.pagination).toMatchObject({ page: 2, prev: 1, next: null });
  });

  it('reads a post by slug and by id', async () => {
    const bySlug = await api.posts.read({ slug: 'storm-surge-warning' }, { formats: ['html'] });
    expect(bySlug.title).toBe('Storm surge warning');
    expect(bySlug.html).toContain('Storm surge warning, in full.');
    const byId = await api.posts.read({ id: bySlug.id as string });
    expect(byId.slug).toBe('storm-surge-warning');
    await expect(api.posts.read({ slug: 'no-such-story' })).rejects.toMatchObject({
      name: 'NotFoundError',
    });
  });

  it('filters by tag, and a one-result browse is still a list', async () => {
    const harbour = await api.posts.browse({ filter: 'tag:harbour' });
    expect(Array.isArray(harbour)).toBe(true);
    expect(harbour.map((p) => p.title)).toEqual(['Harbour dredging starts']);
    const both = await api.posts.browse({ filter: 'tag:tides+tag:-harbour', fields: 'title' });
    expect(both).toEqual(
      Object.assign([{ title: 'Storm surge warning' }, { title: 'First tide table' }], {
        meta: both.meta,
      }),
    );
    await expect(api.posts.browse({ filter: 'status:draft' })).rejects.toMatchObject({
      name: 'BadRequestError',
    });
  });

  it('browses authors, tags, pages, settings and tiers', async () => {
    const authors = await api.authors.browse({ include: 'count.posts' });
    expect(authors.map((a) => [a.slug, (a.count as { posts: number }).posts])).toEqual([
      ['mila-writer', 3],
    ]);
    expect(JSON.stringify(authors)).not.toContain('writer@example.org');
    const tags = await api.tags.browse();
    expect(tags.map((t) => t.slug)).toEqual(['harbour', 'tides']);
    const tag = await api.tags.read({ slug: 'tides' });
    expect(tag.name).toBe('Tides');
    const pages = await api.pages.browse();
    expect(pages.map((p) => p.title)).toEqual(['Ferry timetable']);
    const settings = await api.settings.browse();
    expect(settings.title).toBe('Masthead');
    const tiers = await api.tiers.browse();
    expect(tiers.map((t) => t.slug)).toEqual(['free', 'supporter', 'sustainer']);
  });

  it('is refused with a wrong key, as Ghost refuses it', async () => {
    const { port } = app.server.address() as AddressInfo;
    const stranger = new GhostContentAPI({
      url: `http://127.0.0.1:${port}`,
      key: '0123456789abcdef0123456789',
      version: 'v5.0',
    });
    await expect(stranger.posts.browse()).rejects.toMatchObject({ name: 'UnauthorizedError' });
  });
});
