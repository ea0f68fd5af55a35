import type { FastifyInstance } from 'fastify';
import sharp from 'sharp';
import { beforeAll, expect, it } from 'vitest';
import { describeEachDatabase } from '../../../test/helpers/test-database.js';
import { appFor, tokenHeaders, type TestContext } from '../../../test/helpers/test-runtime.js';
import { sampleDocument } from '../../shared/richtext/index.js';
import { systemActor } from '../../features/staff/index.js';

type Json = Record<string, unknown> & {
  post: Record<string, unknown> & { id: string; version: number; status: string };
};

function multipart(
  fields: Record<string, string>,
  file: { name: string; type: string; bytes: Buffer },
) {
  const boundary = '----masthead-test-boundary';
  const parts: Buffer[] = [];
  for (const [name, value] of Object.entries(fields)) {
    parts.push(
      Buffer.from(
        `--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`,
      ),
    );
  }
  parts.push(
    Buffer.from(
      `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${file.name}"\r\nContent-Type: ${file.type}\r\n\r\n`,
    ),
  );
  parts.push(file.bytes, Buffer.from(`\r\n--${boundary}--\r\n`));
  return {
    payload: Buffer.concat(parts),
    headers: { 'content-type': `multipart/form-data; boundary=${boundary}` },
  };
}

describeEachDatabase('Admin API: posts', (getDb) => {
  let app: FastifyInstance;
  let ctx: TestContext;
  let editor: Record<string, string>;
  let authorIds: string[];
  let sectionId: string;

  beforeAll(async () => {
    await getDb().truncate();
    const built = await appFor(getDb());
    app = built.app;
    ctx = built;
    editor = await tokenHeaders(ctx.services, 'editor');
    const a = await ctx.services.authors.create({ name: 'Olena Varga', roleTitle: 'Reporter' });
    const b = await ctx.services.authors.create({
      name: 'Marko Lisnyi',
      roleTitle: 'Photo editor',
    });
    authorIds = [a.id, b.id];
    sectionId = (await ctx.services.tags.create({ name: 'War', isNavigation: true })).id;
  });

  const create = async (headers: Record<string, string>, payload: Record<string, unknown>) =>
    app.inject({ method: 'POST', url: '/api/admin/v1/posts', headers, payload });

  it('creates an article with an uploaded lead image, two authors, a section and every block', async () => {
    const jpeg = await sharp({
      create: { width: 1200, height: 800, channels: 3, background: '#345' },
    })
      .jpeg()
      .toBuffer();
    const upload = multipart(
      {
        alt: 'Smoke over the river',
        caption: 'After the strike',
        credit: 'Olena Varga / Masthead',
      },
      { name: 'x.png', type: 'image/png', bytes: jpeg },
    );
    const uploaded = await app.inject({
      method: 'POST',
      url: '/api/admin/v1/media',
      headers: { ...editor, ...upload.headers },
      payload: upload.payload,
    });
    expect(uploaded.statusCode).toBe(201);
    const media = (uploaded.json() as { media: { id: string; mime: string; width: number } }).media;
    expect(media).toMatchObject({ mime: 'image/jpeg', width: 1200 });

    const response = await create(editor, {
      kind: 'article',
      title: 'Night of drones over Velmora',
      dek: 'What the city saw',
      body: sampleDocument,
      authorIds,
      tagIds: [sectionId],
      leadImage: {
        mediaId: media.id,
        caption: 'After the strike',
        credit: 'Olena Varga / Masthead',
      },
    });
    expect(response.statusCode).toBe(201);
    const { post } = response.json() as Json;
    expect(post).toMatchObject({
      slug: 'night-of-drones-over-velmora',
      url: '/night-of-drones-over-velmora/',
      status: 'draft',
      version: 1,
      publishedAt: null,
      authors: [{ name: 'Olena Varga' }, { name: 'Marko Lisnyi' }],
      tags: [{ name: 'War' }],
      leadImage: { mediaId: media.id, credit: 'Olena Varga / Masthead' },
    });
    expect(post.readingMinutes).toBeGreaterThanOrEqual(1);
  });

  it('refuses bad bodies, unknown authors and reserved slugs with field errors and writes nothing', async () => {
    const before = await ctx.services.posts.list(systemActor, {
      sort: 'updatedAt',
      order: 'desc',
      limit: 100,
    });
    const badBody = await create(editor, {
      title: 'X',
      authorIds,
      body: { type: 'doc', content: [{ type: 'script' }] },
    });
    expect(badBody.statusCode).toBe(400);
    expect((badBody.json() as { errors: Array<{ field: string }> }).errors[0]?.field).toMatch(
      /^body/,
    );
    const badAuthor = await create(editor, {
      title: 'X',
      authorIds: ['01939e3a-0000-7000-8000-000000000000'],
    });
    expect(badAuthor.json()).toMatchObject({ errors: [{ field: 'authorIds' }] });
    const reserved = await create(editor, { title: 'X', authorIds, slug: 'admin' });
    expect(reserved.json()).toMatchObject({
      errors: [{ field: 'slug', message: expect.stringContaining('reserved') as string }],
    });
    const after = await ctx.services.posts.list(systemActor, {
      sort: 'updatedAt',
      order: 'desc',
      limit: 100,
    });
    expect(after.items.length).toBe(before.items.length);
  });

  it('does not let a contributor publish: 403 and nothing changes', async () => {
    const contributor = await tokenHeaders(ctx.services, 'contributor');
    const { post } = (
      await create(contributor, { title: 'Contributor draft', authorIds })
    ).json() as Json;
    const publish = await app.inject({
      method: 'POST',
      url: `/api/admin/v1/posts/${post.id}/publish`,
      headers: contributor,
    });
    expect(publish.statusCode).toBe(403);
    const submitted = await app.inject({
      method: 'POST',
      url: `/api/admin/v1/posts/${post.id}/submit`,
      headers: contributor,
    });
    expect((submitted.json() as Json).post.status).toBe('in_review');
    expect((await ctx.services.posts.byId(post.id)).publishedAt).toBeNull();
  });

  it('gives a contributor full pages of what they may read, with others’ drafts in between', async () => {
    const contributor = await tokenHeaders(ctx.services, 'contributor');
    const made = async (headers: Record<string, string>, title: string) => {
      ctx.clock.advance(1_000);
      const response = await create(headers, { title: `Paging ${title}`, authorIds });
      expect(response.statusCode).toBe(201);
      return (response.json() as Json).post;
    };
    const othersDrafts = async (n: number) => {
      for (let i = 0; i < n; i += 1) await made(editor, `editor draft ${i}`);
    };
    const own1 = await made(contributor, 'own one');
    await othersDrafts(6);
    const own2 = await made(contributor, 'own two');
    await othersDrafts(6);
    const published = await made(editor, 'published by the desk');
    expect(
      (
        await app.inject({
          method: 'POST',
          url: `/api/admin/v1/posts/${published.id}/publish`,
          headers: editor,
        })
      ).statusCode,
    ).toBe(200);
    await othersDrafts(6);
    const own3 = await made(contributor, 'own three');

    const titles: string[][] = [];
    let cursor: string | null = null;
    do {
      const query = new URLSearchParams({
        q: 'Paging',
        sort: 'createdAt',
        order: 'asc',
        limit: '2',
      });
      if (cursor) query.set('cursor', cursor);
      const page = await app.inject({
        method: 'GET',
        url: `/api/admin/v1/posts?${query.toString()}`,
        headers: contributor,
      });
      expect(page.statusCode).toBe(200);
      const body = page.json() as {
        posts: Array<{ id: string; title: string }>;
        meta: { pagination: { next: string | null } };
      };
      titles.push(body.posts.map((p) => p.title));
      cursor = body.meta.pagination.next;
    } while (cursor && titles.length < 10);
    // Every page is full until the last; others' 18 drafts never show and never thin a page.
    expect(titles).toEqual([
      [own1.title, own2.title],
      [published.title, own3.title],
    ]);
    // The editor sees all 22.
    const all = await app.inject({
      method: 'GET',
      url: '/api/admin/v1/posts?q=Paging&limit=100',
      headers: editor,
    });
    expect((all.json() as { posts: unknown[] }).posts).toHaveLength(22);
  });

  it('saves a new byline order and the story answers in that order', async () => {
    const { post } = (await create(editor, { title: 'Byline order', authorIds })).json() as Json;
    const reordered = await app.inject({
      method: 'PATCH',
      url: `/api/admin/v1/posts/${post.id}`,
      headers: editor,
      payload: { version: post.version, authorIds: [...authorIds].reverse() },
    });
    expect(reordered.statusCode).toBe(200);
    const names = (answer: { json(): unknown }) =>
      ((answer.json() as Json).post.authors as { name: string }[]).map((a) => a.name);
    expect(names(reordered)).toEqual(['Marko Lisnyi', 'Olena Varga']);
    const reread = await app.inject({ url: `/api/admin/v1/posts/${post.id}`, headers: editor });
    expect(names(reread)).toEqual(['Marko Lisnyi', 'Olena Varga']);
    const duplicate = await app.inject({
      method: 'PATCH',
      url: `/api/admin/v1/posts/${post.id}`,
      headers: editor,
      payload: { version: 2, authorIds: [authorIds[0], authorIds[0]] },
    });
    expect(duplicate.statusCode, duplicate.body).toBe(400);
    expect(duplicate.json()).toMatchObject({ errors: [{ field: 'authorIds' }] });
  });

  it('keeps a revision per save, diffs and restores them, and answers a stale edit with 409', async () => {
    const { post } = (await create(editor, { title: 'First title', authorIds })).json() as Json;
    const edit = (version: number, title: string) =>
      app.inject({
        method: 'PATCH',
        url: `/api/admin/v1/posts/${post.id}`,
        headers: editor,
        payload: { version, title },
      });
    expect((await edit(1, 'Second title')).statusCode).toBe(200);
    expect((await edit(2, 'Third title')).statusCode).toBe(200);
    const stale = await edit(2, 'Lost update');
    expect(stale.statusCode).toBe(409);
    expect(stale.json()).toMatchObject({
      errors: [{ code: 'CONFLICT', meta: { currentVersion: 3 } }],
    });

    const list = (
      await app.inject({ url: `/api/admin/v1/posts/${post.id}/revisions`, headers: editor })
    ).json() as {
      revisions: Array<{ id: string; version: number; title: string }>;
    };
    expect(list.revisions.map((r) => r.title)).toEqual([
      'Third title',
      'Second title',
      'First title',
    ]);
    const [third, , first] = list.revisions;
    const diff = (
      await app.inject({
        url: `/api/admin/v1/posts/${post.id}/revisions/diff?from=${first?.id}&to=${third?.id}`,
        headers: editor,
      })
    ).json();
    expect(diff).toMatchObject({
      from: 1,
      to: 3,
      changes: [{ field: 'title', before: 'First title', after: 'Third title' }],
    });
    const restored = await app.inject({
      method: 'POST',
      url: `/api/admin/v1/posts/${post.id}/revisions/${first?.id}/restore`,
      headers: editor,
    });
    expect((restored.json() as Json).post).toMatchObject({ title: 'First title', version: 4 });
  });

  it('schedules a post that the scheduler publishes exactly once, and keeps old slugs for redirects', async () => {
    const { post } = (await create(editor, { title: 'Scheduled story', authorIds })).json() as Json;
    const at = new Date(ctx.clock.now().getTime() + 2000).toISOString();
    const scheduled = await app.inject({
      method: 'POST',
      url: `/api/admin/v1/posts/${post.id}/schedule`,
      headers: editor,
      payload: { at },
    });
    expect((scheduled.json() as Json).post.status).toBe('scheduled');
    expect(await ctx.services.posts.publishDue()).toEqual([]);
    ctx.clock.advance(2500);
    const [first, second] = await Promise.all([
      ctx.services.posts.publishDue(),
      ctx.services.posts.publishDue(),
    ]);
    expect([...(first ?? []), ...(second ?? [])]).toEqual([{ id: post.id, isLate: false }]);
    const events = await ctx.services.events.recent();
    expect(
      events.filter((e) => e.type === 'post.published' && e.subjectId === post.id),
    ).toHaveLength(1);

    const renamed = await app.inject({
      method: 'PATCH',
      url: `/api/admin/v1/posts/${post.id}`,
      headers: editor,
      payload: { version: 3, slug: 'renamed story' },
    });
    expect((renamed.json() as Json).post.slug).toBe('renamed-story');
    expect(await ctx.services.posts.resolveSlug('scheduled-story')).toMatchObject({
      isOldSlug: true,
      post: { slug: 'renamed-story' },
    });
  });

  it('lists scheduled stories soonest first, page by page', async () => {
    const now = ctx.clock.now().getTime();
    const hours = [5, 1, 3, 2, 4];
    for (const h of hours) {
      const { post } = (await create(editor, { title: `Due in ${h} h`, authorIds })).json() as Json;
      const scheduled = await app.inject({
        method: 'POST',
        url: `/api/admin/v1/posts/${post.id}/schedule`,
        headers: editor,
        payload: { at: new Date(now + h * 3_600_000).toISOString() },
      });
      expect(scheduled.statusCode).toBe(200);
    }
    const titles: string[] = [];
    let cursor = '';
    for (let page = 0; page < 5; page++) {
      const answer = await app.inject({
        method: 'GET',
        url: `/api/admin/v1/posts?status=scheduled&sort=scheduledAt&order=asc&limit=2${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`,
        headers: editor,
      });
      expect(answer.statusCode).toBe(200);
      const body = answer.json<{
        posts: { title: string }[];
        meta: { pagination: { next: string | null } };
      }>();
      titles.push(...body.posts.map((p) => p.title));
      if (!body.meta.pagination.next) break;
      cursor = body.meta.pagination.next;
    }
    expect(titles).toEqual(['Due in 1 h', 'Due in 2 h', 'Due in 3 h', 'Due in 4 h', 'Due in 5 h']);
  });
});
