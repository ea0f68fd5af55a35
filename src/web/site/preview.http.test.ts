import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { signInOverHttp, type SignedIn } from '../../../test/helpers/staff-session.js';
import { describeEachDatabase } from '../../../test/helpers/test-database.js';
import { appFor, type TestContext } from '../../../test/helpers/test-runtime.js';

const password = 'a long enough password';

describeEachDatabase('the story preview at /preview/:id/', (getDb) => {
  let app: FastifyInstance;
  let ctx: TestContext;
  const staff: Record<'editor' | 'writer' | 'other', SignedIn> = {} as never;
  let postId = '';
  let slug = '';

  beforeAll(async () => {
    await getDb().truncate();
    const built = await appFor(getDb());
    app = built.app;
    ctx = built;
    const accounts = [
      ['editor', 'editor'],
      ['writer', 'contributor'],
      ['other', 'contributor'],
    ] as const;
    for (const [name, role] of accounts) {
      await ctx.services.staff.create({
        email: `${name}@example.org`,
        name: `The ${name}`,
        role,
        password,
      });
      staff[name] = await signInOverHttp(app, `${name}@example.org`, password);
    }
    const created = await app.inject({
      method: 'POST',
      url: '/api/admin/v1/posts',
      headers: staff.writer.headers,
      payload: {
        title: 'Night trains return to the northern line',
        dek: 'Service resumes after four months.',
        visibility: 'members',
        body: {
          type: 'doc',
          content: [
            { type: 'paragraph', content: [{ type: 'text', text: 'Members read this in full.' }] },
          ],
        },
      },
    });
    expect(created.statusCode, created.body).toBe(201);
    ({ id: postId, slug } = created.json<{ post: { id: string; slug: string } }>().post);
  });
  afterAll(() => app.close());

  const preview = (who?: SignedIn, id = postId) =>
    app.inject({
      method: 'GET',
      url: `/preview/${id}/`,
      headers: who ? { cookie: who.cookie } : {},
    });

  it('shows the draft to its writer as the site renders it, marked, unindexed and uncached', async () => {
    const response = await preview(staff.writer);
    expect(response.statusCode).toBe(200);
    expect(response.headers['cache-control']).toBe('private, no-store');
    expect(response.headers['x-robots-tag']).toBe('noindex');
    const html = response.body;
    expect(html).toContain('Night trains return to the northern line');
    expect(html).toContain('class="story-dek"');
    expect(html).toContain('Preview of the saved version (draft)');
    expect(html).toMatch(/<meta name="robots" content="noindex/);
    // Members-only: the preview shows the whole body, as a paying reader would see it.
    expect(html).toContain('Members read this in full.');
    // The draft itself stays off the public site.
    expect((await app.inject({ method: 'GET', url: `/${slug}/` })).statusCode).toBe(404);
  });

  it('shows it to an editor, refuses another contributor and anyone signed out', async () => {
    expect((await preview(staff.editor)).statusCode).toBe(200);
    const other = await preview(staff.other);
    expect(other.statusCode).toBe(403);
    expect(other.body).not.toContain('Members read this in full.');
    const anonymous = await preview();
    expect(anonymous.statusCode).toBe(401);
    expect(anonymous.body).toContain('Sign in to the newsroom admin');
    expect((await preview(staff.editor, 'no-such-post')).statusCode).toBe(404);
  });
});
