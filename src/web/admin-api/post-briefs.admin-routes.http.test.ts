import type { FastifyInstance } from 'fastify';
import { beforeAll, expect, it } from 'vitest';
import { describeEachDatabase } from '../../../test/helpers/test-database.js';
import { appFor, tokenHeaders, type TestContext } from '../../../test/helpers/test-runtime.js';
import { systemActor } from '../../features/staff/index.js';

type Answer = {
  post: { id: string; kind: string; status: string; title: string; publishedAt: string | null };
  errors?: { code: string; field?: string; message: string }[];
};

const body = {
  type: 'doc',
  content: [
    { type: 'paragraph', content: [{ type: 'text', text: 'The bridge reopened at noon.' }] },
  ],
};

describeEachDatabase('Admin API: News Feed briefs in one call', (getDb) => {
  let app: FastifyInstance;
  let ctx: TestContext;
  let authorIds: string[];

  beforeAll(async () => {
    await getDb().truncate();
    const built = await appFor(getDb());
    app = built.app;
    ctx = built;
    authorIds = [(await ctx.services.authors.create({ name: 'Ilona Berg' })).id];
  });

  const postBrief = (headers: Record<string, string>, payload: Record<string, unknown>) =>
    app.inject({ method: 'POST', url: '/api/admin/v1/posts/briefs', headers, payload });

  // Every brief, whatever its status: checks a refused call leaves nothing behind.
  const briefCount = async () =>
    (
      await ctx.services.posts.list(systemActor, {
        kind: ['brief'],
        sort: 'updatedAt',
        order: 'desc',
        limit: 100,
      })
    ).items.length;

  it('publishes an editor’s brief at once', async () => {
    const editor = await tokenHeaders(ctx.services, 'editor');
    const response = await postBrief(editor, { title: 'Bridge reopens', body, authorIds });
    expect(response.statusCode).toBe(201);
    const { post } = response.json() as Answer;
    expect(post).toMatchObject({ kind: 'brief', status: 'published', title: 'Bridge reopens' });
    expect(post.publishedAt).not.toBeNull();
    expect((await ctx.services.posts.byId(post.id)).status).toBe('published');
  });

  it('sends a contributor’s brief for review instead of publishing it', async () => {
    const contributor = await tokenHeaders(ctx.services, 'contributor');
    const response = await postBrief(contributor, { title: 'Market moves', body, authorIds });
    expect(response.statusCode).toBe(201);
    const { post } = response.json() as Answer;
    expect(post).toMatchObject({ kind: 'brief', status: 'in_review', publishedAt: null });
    expect((await ctx.services.posts.byId(post.id)).status).toBe('in_review');
  });

  it('refuses bad input with a 400 naming the field, and keeps nothing', async () => {
    const editor = await tokenHeaders(ctx.services, 'editor');
    const before = await briefCount();
    const noTitle = await postBrief(editor, { title: '  ', body, authorIds });
    expect(noTitle.statusCode).toBe(400);
    expect((noTitle.json() as Answer).errors).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ code: 'VALIDATION_FAILED', field: 'title' }),
      ]),
    );
    // The kind is the route's to set, not the caller's.
    const withKind = await postBrief(editor, { title: 'A page?', kind: 'page', body, authorIds });
    expect(withKind.statusCode).toBe(400);
    expect((withKind.json() as Answer).errors?.[0]?.field).toBe('kind');
    expect(await briefCount()).toBe(before);
  });
});
