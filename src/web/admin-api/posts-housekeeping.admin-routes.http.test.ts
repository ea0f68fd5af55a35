import type { FastifyInstance } from 'fastify';
import { beforeAll, expect, it } from 'vitest';
import { describeEachDatabase } from '../../../test/helpers/test-database.js';
import { appFor, type TestContext } from '../../../test/helpers/test-runtime.js';
import type { StaffRole } from '../../features/staff/index.js';

type PostJson = { id: string; title: string; status: string; version: number; slug: string };
type AuditJson = {
  actor: string;
  action: string;
  subjectId: string | null;
  details: Record<string, unknown>;
  createdAt: string;
};

/**
 * Story housekeeping over the Admin API with staff sessions: delete (drafts at once, published
 * ones only when unpublished first), duplicate, bulk actions with role checks and one
 * transaction, and every editorial change in the audit log with who and when.
 */
describeEachDatabase('Admin API: story housekeeping and the editorial audit', (getDb) => {
  let app: FastifyInstance;
  let ctx: TestContext;
  const staff: Record<string, { id: string; headers: () => Promise<Record<string, string>> }> = {};
  let authorIds: string[];
  let sectionId: string;

  beforeAll(async () => {
    await getDb().truncate();
    const built = await appFor(getDb());
    app = built.app;
    ctx = built;
    for (const role of ['administrator', 'editor', 'author', 'contributor'] as StaffRole[]) {
      const { user } = await ctx.services.staff.create({
        email: `${role}@example.org`,
        name: `The ${role}`,
        role,
        password: 'housekeeping password 1',
      });
      staff[role] = {
        id: user.id,
        headers: async () => {
          const session = await ctx.services.staffSessions.create(user.id);
          return { cookie: `masthead_staff=${session.secret}`, 'x-csrf-token': session.csrfToken };
        },
      };
    }
    authorIds = [
      (await ctx.services.authors.create({ name: 'Olena Varga' })).id,
      (await ctx.services.authors.create({ name: 'Marko Lisnyi' })).id,
    ];
    sectionId = (await ctx.services.tags.create({ name: 'Housing', isNavigation: true })).id;
  });

  const call = async (
    role: string,
    method: 'GET' | 'POST' | 'DELETE' | 'PATCH',
    url: string,
    payload?: unknown,
  ) =>
    app.inject({
      method,
      url: `/api/admin/v1${url}`,
      headers: await staff[role]!.headers(),
      ...(payload === undefined ? {} : { payload: payload as Record<string, unknown> }),
    });

  const createStory = async (title: string, role = 'editor'): Promise<PostJson> => {
    const response = await call(role, 'POST', '/posts', {
      kind: 'article',
      title,
      authorIds: [authorIds[0]],
    });
    expect(response.statusCode, response.body).toBe(201);
    return response.json<{ post: PostJson }>().post;
  };
  const publish = async (id: string) => {
    const response = await call('editor', 'POST', `/posts/${id}/publish`);
    expect(response.statusCode, response.body).toBe(200);
    return response.json<{ post: PostJson }>().post;
  };
  const auditFor = async (query: string): Promise<AuditJson[]> => {
    const response = await call('administrator', 'GET', `/audit-log?${query}`);
    expect(response.statusCode, response.body).toBe(200);
    return response.json<{ entries: AuditJson[] }>().entries;
  };
  const exists = async (id: string) =>
    (await call('editor', 'GET', `/posts/${id}`)).statusCode === 200;

  it('deletes a draft at once; a published story only when unpublished first, in one go', async () => {
    const draft = await createStory('A draft nobody needs');
    expect((await call('editor', 'DELETE', `/posts/${draft.id}`)).statusCode).toBe(204);
    expect(await exists(draft.id)).toBe(false);

    const live = await publish((await createStory('A story already out')).id);
    const refused = await call('editor', 'DELETE', `/posts/${live.id}`);
    expect(refused.statusCode).toBe(409);
    expect(refused.json()).toMatchObject({
      errors: [{ code: 'PUBLISHED', message: expect.stringMatching(/unpublish it before/) }],
    });
    expect(await exists(live.id)).toBe(true);

    const deleted = await call('editor', 'DELETE', `/posts/${live.id}?unpublishFirst=true`);
    expect(deleted.statusCode).toBe(204);
    expect(await exists(live.id)).toBe(false);
    const entries = await auditFor(`subjectId=${live.id}`);
    expect(entries.map((e) => e.action)).toEqual([
      'post.deleted',
      'post.unpublished',
      'post.published',
      'post.created',
    ]);
    expect(entries[0]).toMatchObject({
      actor: `staff:${staff.editor!.id}`,
      details: { title: 'A story already out', status: 'published' },
    });

    const bad = await call('editor', 'DELETE', `/posts/${draft.id}?unpublishFirst=maybe`);
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toMatch(/unpublishFirst/);
  });

  it('duplicates a story as a new draft with its content, sections and authors', async () => {
    const original = await createStory('Rents climb again');
    const patched = await call('editor', 'PATCH', `/posts/${original.id}`, {
      version: original.version,
      dek: 'A third year of rises',
      tagIds: [sectionId],
    });
    expect(patched.statusCode, patched.body).toBe(200);
    await publish(original.id);

    const response = await call('author', 'POST', `/posts/${original.id}/duplicate`);
    expect(response.statusCode, response.body).toBe(201);
    const copy = response.json<{
      post: PostJson & { dek: string; tags: { id: string }[]; createdBy: string };
    }>().post;
    expect(copy).toMatchObject({
      title: 'Copy of Rents climb again',
      status: 'draft',
      dek: 'A third year of rises',
      createdBy: staff.author!.id,
      tags: [{ id: sectionId }],
    });
    expect(copy.id).not.toBe(original.id);
    expect(copy.slug).not.toBe(original.slug);
    const [entry] = await auditFor(`subjectId=${copy.id}`);
    expect(entry).toMatchObject({ action: 'post.duplicated', details: { from: original.id } });
  });

  it('bulk: unpublishes, adds a section, changes the author and deletes many stories at once', async () => {
    const a = await publish((await createStory('Bulk one')).id);
    const b = await publish((await createStory('Bulk two')).id);
    const c = await createStory('Bulk three (a draft)');

    const addSection = await call('editor', 'POST', '/posts/bulk', {
      action: 'addTags',
      ids: [a.id, b.id, c.id],
      tagIds: [sectionId],
    });
    expect(addSection.statusCode, addSection.body).toBe(200);
    const added = addSection.json<{ posts: Array<PostJson & { tags: { id: string }[] }> }>();
    expect(added.posts.map((p) => p.tags.map((t) => t.id))).toEqual([
      [sectionId],
      [sectionId],
      [sectionId],
    ]);

    const setAuthor = await call('editor', 'POST', '/posts/bulk', {
      action: 'setAuthors',
      ids: [a.id, c.id],
      authorIds: [authorIds[1]],
    });
    expect(setAuthor.statusCode, setAuthor.body).toBe(200);
    const authored = setAuthor.json<{ posts: Array<{ authors: { name: string }[] }> }>().posts;
    expect(authored.map((p) => p.authors.map((x) => x.name))).toEqual([
      ['Marko Lisnyi'],
      ['Marko Lisnyi'],
    ]);

    const unpublish = await call('editor', 'POST', '/posts/bulk', {
      action: 'unpublish',
      ids: [a.id, b.id, c.id],
    });
    expect(unpublish.statusCode, unpublish.body).toBe(200);
    expect(unpublish.json()).toMatchObject({ skippedIds: [c.id] });
    expect(unpublish.json<{ posts: PostJson[] }>().posts.map((p) => p.status)).toEqual([
      'unpublished',
      'unpublished',
    ]);

    const removed = await call('editor', 'POST', '/posts/bulk', {
      action: 'delete',
      ids: [a.id, b.id, c.id],
    });
    expect(removed.statusCode, removed.body).toBe(200);
    expect(removed.json<{ deletedIds: string[] }>().deletedIds).toHaveLength(3);
    for (const id of [a.id, b.id, c.id]) expect(await exists(id)).toBe(false);
    const entries = await auditFor(`subjectId=${a.id}`);
    expect(entries.map((e) => e.action)).toEqual([
      'post.deleted',
      'post.unpublished',
      'post.updated',
      'post.updated',
      'post.published',
      'post.created',
    ]);
    expect(entries[2]?.details).toMatchObject({ bulk: 'setAuthors' });
  });

  it('bulk is all or nothing: one story the caller may not touch refuses the lot (403)', async () => {
    const mine = await createStory('The author’s own story', 'author');
    const theirs = await publish((await createStory('Someone else’s story')).id);
    const response = await call('author', 'POST', '/posts/bulk', {
      action: 'unpublish',
      ids: [mine.id, theirs.id],
    });
    expect(response.statusCode).toBe(403);
    expect(response.body).toMatch(/Someone else’s story/);
    const still = await call('editor', 'GET', `/posts/${theirs.id}`);
    expect(still.json<{ post: PostJson }>().post.status).toBe('published');

    const live = await publish((await createStory('Published, in a bulk delete')).id);
    const draft = await createStory('Draft, in a bulk delete');
    const refused = await call('editor', 'POST', '/posts/bulk', {
      action: 'delete',
      ids: [draft.id, live.id],
    });
    expect(refused.statusCode).toBe(409);
    expect(await exists(draft.id)).toBe(true);
    const confirmed = await call('editor', 'POST', '/posts/bulk', {
      action: 'delete',
      ids: [draft.id, live.id],
      unpublishFirst: true,
    });
    expect(confirmed.statusCode, confirmed.body).toBe(200);
    expect(await exists(draft.id)).toBe(false);
  });

  it('checks every reference before writing: an unknown section changes nothing', async () => {
    const a = await publish((await createStory('Atomic one')).id);
    const b = await publish((await createStory('Atomic two')).id);
    const response = await call('editor', 'POST', '/posts/bulk', {
      action: 'addTags',
      ids: [a.id, b.id],
      tagIds: ['01939e3a-0000-7000-8000-000000000000'],
    });
    expect(response.statusCode).toBe(400);
    expect(response.body).toMatch(/tagIds/);
    const after = await call('editor', 'GET', `/posts/${a.id}`);
    expect(after.json<{ post: PostJson }>().post.version).toBe(a.version);
  });

  it('refuses bad bulk input with 400 naming the field', async () => {
    const empty = await call('editor', 'POST', '/posts/bulk', { action: 'unpublish', ids: [] });
    expect(empty.statusCode).toBe(400);
    expect(empty.body).toMatch(/ids/);
    const action = await call('editor', 'POST', '/posts/bulk', { action: 'burn', ids: [] });
    expect(action.statusCode).toBe(400);
    expect(action.body).toMatch(/action/);
    const noAuthors = await call('editor', 'POST', '/posts/bulk', {
      action: 'setAuthors',
      ids: ['01939e3a-0000-7000-8000-000000000000'],
      authorIds: [],
    });
    expect(noAuthors.statusCode).toBe(400);
    expect(noAuthors.body).toMatch(/authorIds/);
  });

  it('logs schedule, cancelled schedule, update of a live story and corrections with who and when', async () => {
    const story = await createStory('Audit trail story');
    ctx.clock.set(new Date('2026-01-15T09:00:00.000Z'));
    const scheduled = await call('editor', 'POST', `/posts/${story.id}/schedule`, {
      at: '2026-01-16T08:00:00+09:00',
    });
    expect(scheduled.statusCode, scheduled.body).toBe(200);
    expect((await call('editor', 'POST', `/posts/${story.id}/unpublish`)).statusCode).toBe(200);
    const live = await publish(story.id);
    const updated = await call('editor', 'PATCH', `/posts/${story.id}`, {
      version: live.version,
      dek: 'Now with a dek',
    });
    expect(updated.statusCode, updated.body).toBe(200);
    const corrected = await call('editor', 'POST', `/posts/${story.id}/corrections`, {
      kind: 'correction',
      text: 'An earlier version misspelled the mayor’s name.',
    });
    expect(corrected.statusCode, corrected.body).toBe(201);

    const entries = await auditFor(`subjectId=${story.id}`);
    expect(entries.map((e) => e.action)).toEqual([
      'post.correction_added',
      'post.updated',
      'post.published',
      'post.schedule_cancelled',
      'post.scheduled',
      'post.created',
    ]);
    expect(entries.find((e) => e.action === 'post.scheduled')).toMatchObject({
      actor: `staff:${staff.editor!.id}`,
      createdAt: '2026-01-15T09:00:00.000Z',
      details: { at: '2026-01-15T23:00:00.000Z', title: 'Audit trail story' },
    });

    // Filter by person and action together: only this editor's corrections.
    const byPerson = await auditFor(`actor=staff:${staff.editor!.id}&action=post.correction_added`);
    expect(byPerson.map((e) => e.subjectId)).toContain(story.id);
    expect(byPerson.every((e) => e.action === 'post.correction_added')).toBe(true);
    const nobody = await auditFor(`actor=staff:${staff.author!.id}&action=post.correction_added`);
    expect(nobody).toEqual([]);

    const badSubject = await call('administrator', 'GET', '/audit-log?subjectId=nope');
    expect(badSubject.statusCode).toBe(400);
    expect(badSubject.body).toMatch(/subjectId/);
  });
});
