import type { FastifyInstance } from 'fastify';
import { beforeAll, expect, it } from 'vitest';
import { describeEachDatabase } from '../../../test/helpers/test-database.js';
import { appFor, tokenHeaders, type TestContext } from '../../../test/helpers/test-runtime.js';

const doc = (text: string) => ({
  type: 'doc',
  content: [{ type: 'paragraph', content: [{ type: 'text', text }] }],
});

type UpdateAnswer = {
  update: { id: string; postId: string; publishedAt: string; version: number; keyEvent: boolean };
};

const jsonLdOf = (html: string): Array<Record<string, unknown>> =>
  [...html.matchAll(/<script type="application\/ld\+json">(.*?)<\/script>/gs)].map(
    (m) => JSON.parse(m[1] ?? '{}') as Record<string, unknown>,
  );

describeEachDatabase('live blogs through the Admin API and on the reader site', (getDb) => {
  let app: FastifyInstance;
  let ctx: TestContext;
  let editor: Record<string, string>;
  let author: Record<string, string>;
  let contributor: Record<string, string>;
  let authorIds: string[];

  beforeAll(async () => {
    await getDb().truncate();
    const built = await appFor(getDb());
    app = built.app;
    ctx = built;
    ctx.clock.set('2026-03-01T10:00:00Z');
    authorIds = [(await ctx.services.authors.create({ name: 'Ilona Berg' })).id];
    [editor, author, contributor] = await Promise.all([
      tokenHeaders(ctx.services, 'editor'),
      tokenHeaders(ctx.services, 'author'),
      tokenHeaders(ctx.services, 'contributor'),
    ]);
  });

  const api = (
    method: 'GET' | 'POST' | 'PATCH' | 'DELETE',
    url: string,
    headers: Record<string, string>,
    payload?: unknown,
  ) =>
    app.inject({
      method,
      url: `/api/admin/v1${url}`,
      headers,
      ...(payload === undefined ? {} : { payload: payload as Record<string, unknown> }),
    });
  const get = (url: string) => app.inject({ method: 'GET', url });

  async function startLivePage(title: string, visibility = 'public') {
    const created = await api('POST', '/posts', editor, {
      title,
      kind: 'live',
      authorIds,
      visibility,
      body: doc('What we know so far.'),
    });
    expect(created.statusCode).toBe(201);
    const { post } = created.json() as { post: { id: string; slug: string; kind: string } };
    expect(post.kind).toBe('live');
    expect((await api('POST', `/posts/${post.id}/publish`, editor)).statusCode).toBe(200);
    return post;
  }

  const postUpdate = async (
    postId: string,
    headers: Record<string, string>,
    payload: Record<string, unknown>,
  ) => {
    ctx.clock.advance(60_000);
    return api('POST', `/posts/${postId}/updates`, headers, payload);
  };

  it('posts three updates; the page lists them newest first with key events, and its JSON-LD is a LiveBlogPosting', async () => {
    const post = await startLivePage('Air raid on the capital: live');
    const ids: string[] = [];
    for (const [index, text] of ['Sirens sound.', 'Explosions heard.', 'All clear.'].entries()) {
      const response = await postUpdate(post.id, index === 1 ? author : editor, {
        body: doc(text),
        keyEvent: index === 1,
      });
      expect(response.statusCode).toBe(201);
      const { update } = response.json() as UpdateAnswer;
      expect(update).toMatchObject({ postId: post.id, version: 1 });
      expect(update.publishedAt).toMatch(/^2026-03-01T/);
      ids.push(update.id);
    }
    const page = await get(`/${post.slug}/`);
    expect(page.statusCode).toBe(200);
    const html = page.body;
    // Newest first.
    const positions = ids.map((id) => html.indexOf(`id="update-${id}"`));
    expect(positions.every((p) => p > 0)).toBe(true);
    expect(positions[2]).toBeLessThan(positions[1]!);
    expect(positions[1]).toBeLessThan(positions[0]!);
    expect(html).toContain('Key events');
    expect(html).toContain(`href="#update-${ids[1]}"`);
    expect(html).toContain(`data-live-stream="/${post.slug}/live"`);
    expect(html).toContain('Reload for new updates');
    expect(html).toContain('class="live-label"');
    const [ld] = jsonLdOf(html).filter((d) => d['@type'] === 'LiveBlogPosting');
    expect(ld).toMatchObject({
      '@type': 'LiveBlogPosting',
      headline: 'Air raid on the capital: live',
      coverageStartTime: '2026-03-01T10:00:00.000Z',
    });
    const updates = ld?.liveBlogUpdate as Array<Record<string, unknown>>;
    expect(updates).toHaveLength(3);
    expect(updates[0]).toMatchObject({
      '@type': 'BlogPosting',
      headline: 'All clear.',
      articleBody: 'All clear.',
      url: `http://localhost:3000/${post.slug}/updates/${ids[2]}/`,
    });
    expect(updates.every((u) => typeof u.datePublished === 'string')).toBe(true);

    // Each permalink is a page of its own, canonical to itself.
    for (const id of ids) {
      const permalink = await get(`/${post.slug}/updates/${id}/`);
      expect(permalink.statusCode).toBe(200);
      expect(permalink.body).toContain(
        `<link rel="canonical" href="http://localhost:3000/${post.slug}/updates/${id}/"`,
      );
      expect(jsonLdOf(permalink.body)[0]).toMatchObject({ '@type': 'BlogPosting' });
    }
    expect(
      (await get(`/${post.slug}/updates/01939e3a-0000-7000-8000-000000000000/`)).statusCode,
    ).toBe(404);

    // Ending: noted on the page and in JSON-LD; no more updates.
    const ended = await api('POST', `/posts/${post.id}/end`, editor, {});
    expect(ended.statusCode).toBe(200);
    const after = await get(`/${post.slug}/`);
    expect(after.body).toContain('This live page has ended');
    expect(after.body).not.toContain('data-live-stream');
    expect(jsonLdOf(after.body).find((d) => d['@type'] === 'LiveBlogPosting')).toHaveProperty(
      'coverageEndTime',
    );
    expect((await postUpdate(post.id, editor, { body: doc('Late') })).statusCode).toBe(409);
  });

  it('edits with a version (409 when stale), notes edits and removals publicly, and keeps others’ updates to editors', async () => {
    const post = await startLivePage('Floods in the south: live');
    const posted = await postUpdate(post.id, author, { body: doc('Water rising.') });
    const { update } = posted.json() as UpdateAnswer;
    const url = `/posts/${post.id}/updates/${update.id}`;
    // A contributor may not post; another author may not change it.
    expect((await postUpdate(post.id, contributor, { body: doc('Hi') })).statusCode).toBe(403);
    const otherAuthor = await tokenHeaders(ctx.services, 'author');
    expect((await api('PATCH', url, otherAuthor, { version: 1, pinned: true })).statusCode).toBe(
      403,
    );
    ctx.clock.advance(60_000);
    const edited = await api('PATCH', url, author, { version: 1, body: doc('Water rising fast.') });
    expect(edited.statusCode).toBe(200);
    expect((edited.json() as UpdateAnswer).update.version).toBe(2);
    const stale = await api('PATCH', url, editor, { version: 1, pinned: true });
    expect(stale.statusCode).toBe(409);
    expect((await api('PATCH', url, editor, { version: 2, pinned: true })).statusCode).toBe(200);
    const page = await get(`/${post.slug}/`);
    expect(page.body).toContain('Water rising fast.');
    expect(page.body).toContain('Edited at');
    expect(page.body).toContain('Pinned');

    const bad = await postUpdate(post.id, editor, { body: { type: 'doc', content: [{}] } });
    expect(bad.statusCode).toBe(400);
    expect(JSON.stringify(bad.json())).toContain('body');

    expect((await api('DELETE', `${url}?note=Wrong%20town`, editor)).statusCode).toBe(204);
    const removed = await get(`/${post.slug}/`);
    expect(removed.body).toContain('An update was removed at');
    expect(removed.body).toContain('Wrong town');
    expect(removed.body).not.toContain('Water rising fast.');
    expect((await get(`/${post.slug}/updates/${update.id}/`)).statusCode).toBe(410);
    const listed = await api('GET', `/posts/${post.id}/updates`, author);
    expect(listed.statusCode).toBe(200);
    expect((listed.json() as { updates: unknown[] }).updates).toHaveLength(1);
  });

  it('drops just that live page from the cache on an update, and home with a key event', async () => {
    const post = await startLivePage('Storm warning: live');
    const other = await startLivePage('Elections: live');
    const pages = [`/${post.slug}/`, `/${other.slug}/`, '/', '/news/'];
    for (const url of pages) await get(url);
    for (const url of pages) expect((await get(url)).headers['x-cache'], url).toBe('HIT');

    // No clock moves here: cached pages would expire by age, not by the event.
    await api('POST', `/posts/${post.id}/updates`, editor, { body: doc('Wind picks up.') });
    const cached = async () =>
      Object.fromEntries(
        await Promise.all(pages.map(async (url) => [url, (await get(url)).headers['x-cache']])),
      ) as Record<string, string>;
    expect(await cached()).toEqual({
      [`/${post.slug}/`]: 'MISS',
      [`/${other.slug}/`]: 'HIT',
      '/': 'HIT',
      '/news/': 'HIT',
    });
    await api('POST', `/posts/${post.id}/updates`, editor, {
      body: doc('Trees down.'),
      keyEvent: true,
    });
    expect(await cached()).toEqual({
      [`/${post.slug}/`]: 'MISS',
      [`/${other.slug}/`]: 'HIT',
      '/': 'MISS',
      '/news/': 'MISS',
    });
  });

  it('leads the home page with a red Live label and its latest update, and is in feeds, sitemaps and search', async () => {
    const post = await startLivePage('Ceasefire talks: live');
    const updated = await postUpdate(post.id, editor, { body: doc('Delegations arrive.') });
    const { update } = updated.json() as UpdateAnswer;
    const current = await api('GET', `/posts/${post.id}`, editor);
    const { version } = (current.json() as { post: { version: number } }).post;
    const placed = await api('PATCH', `/posts/${post.id}`, editor, { version, topStoryOrder: 1 });
    expect(placed.statusCode).toBe(200);
    const home = await get('/');
    expect(home.body).toContain('class="live-lead"');
    expect(home.body).toContain(`<time datetime="${update.publishedAt}"`);
    expect((await get('/rss/')).body).toContain('Ceasefire talks: live');
    expect((await get('/sitemap-posts.xml')).body).toContain(`/${post.slug}/`);
    expect((await get('/search?q=ceasefire')).body).toContain(`href="/${post.slug}/"`);
  });

  it('keeps a paid live page’s updates behind the paywall', async () => {
    const post = await startLivePage('Members briefing: live', 'paid');
    await postUpdate(post.id, editor, { body: doc('The secret detail.') });
    const page = await get(`/${post.slug}/`);
    expect(page.statusCode).toBe(200);
    expect(page.body).not.toContain('The secret detail.');
    expect(page.body).toContain('paywall');
  });
});
