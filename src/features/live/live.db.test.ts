import { beforeAll, beforeEach, expect, it } from 'vitest';
import { describeEachDatabase } from '../../../test/helpers/test-database.js';
import { servicesFor, type TestContext } from '../../../test/helpers/test-runtime.js';
import { systemActor, type Actor } from '../staff/index.js';
import { pageOrder } from './index.js';

const doc = (text: string) => ({
  type: 'doc',
  content: [{ type: 'paragraph', content: [{ type: 'text', text }] }],
});

const actorOf = (role: Actor['role'], id: string, authorId: string | null = null): Actor => ({
  type: 'staff',
  role,
  userId: id,
  authorId,
  tokenId: null,
  label: `staff:${id}`,
});

describeEachDatabase('live blogs: updates and coverage', (getDb) => {
  let ctx: TestContext;
  let postId: string;
  const author = actorOf('author', '01939e3a-0000-7000-8000-00000000000a');
  const otherAuthor = actorOf('author', '01939e3a-0000-7000-8000-00000000000b');
  const editor = actorOf('editor', '01939e3a-0000-7000-8000-00000000000c');

  let bylineId: string;
  beforeAll(async () => {
    await getDb().truncate();
    ctx = servicesFor(getDb());
    bylineId = (await ctx.services.authors.create({ name: 'Ilona Berg' })).id;
  });

  // Each test its own live page (and its own events, found by it).
  let count = 0;
  beforeEach(async () => {
    ctx.clock.set('2026-03-01T12:00:00Z');
    count += 1;
    const post = await ctx.services.posts.create(systemActor, {
      title: `Air raid alerts ${count}: live`,
      kind: 'live',
      authorIds: [bylineId],
    });
    postId = (await ctx.services.posts.publish(systemActor, post.id)).id;
  });

  const events = async () =>
    (
      await ctx.db
        .selectFrom('outbox_events')
        .select(['type', 'payload'])
        .where('type', 'like', 'live.%')
        .where('subject_id', '=', postId)
        .orderBy('id')
        .execute()
    ).map((e) => ({ type: e.type, payload: JSON.parse(e.payload) as Record<string, unknown> }));

  it('keeps every update of several writers, newest first with pinned on top, each with its event', async () => {
    const first = await ctx.services.live.post(author, postId, {
      body: doc('Sirens in the east.'),
    });
    ctx.clock.advance(60_000);
    const [second, third] = await Promise.all([
      ctx.services.live.post(otherAuthor, postId, { body: doc('Power cut.'), keyEvent: true }),
      ctx.services.live.post(editor, postId, { body: doc('All clear.'), pinned: true }),
    ]);
    const listed = pageOrder(await ctx.services.live.updatesOf(postId));
    expect(listed.map((u) => u.id)).toEqual([third.id, second.id, first.id]);
    expect(listed[0]).toMatchObject({ pinned: true });
    const recorded = await events();
    expect(recorded.map((e) => e.type)).toEqual(Array(3).fill('live.update.published'));
    expect(recorded.find((e) => e.payload.updateId === second.id)?.payload).toMatchObject({
      postId,
      slug: 'air-raid-alerts-1-live',
      isKeyEvent: true,
    });
  });

  it('notes edits and removals after publication, refuses stale versions and others’ updates below editor', async () => {
    const update = await ctx.services.live.post(author, postId, { body: doc('Sirens.') });
    ctx.clock.advance(120_000);
    await expect(
      ctx.services.live.edit(otherAuthor, postId, update.id, { version: 1, body: doc('No.') }),
    ).rejects.toMatchObject({ status: 403 });
    const edited = await ctx.services.live.edit(author, postId, update.id, {
      version: 1,
      body: doc('Sirens in Kyiv.'),
    });
    expect(edited).toMatchObject({ version: 2, editedAt: '2026-03-01T12:02:00.000Z' });
    await expect(
      ctx.services.live.edit(editor, postId, update.id, { version: 1, pinned: true }),
    ).rejects.toMatchObject({ status: 409 });
    await ctx.services.live.remove(editor, postId, update.id, { note: 'Posted in error.' });
    const [removed] = await ctx.services.live.updatesOf(postId);
    expect(removed).toMatchObject({
      deletedAt: '2026-03-01T12:02:00.000Z',
      deletedNote: 'Posted in error.',
      body: { type: 'doc', content: [] },
    });
    expect((await events()).map((e) => e.type)).toEqual([
      'live.update.published',
      'live.update.changed',
      'live.update.deleted',
    ]);
  });

  it('refuses an empty or invalid body naming the field, and posts to a post that is not live', async () => {
    await expect(
      ctx.services.live.post(author, postId, { body: { type: 'doc', content: [] } }),
    ).rejects.toMatchObject({ status: 400, problems: [{ field: 'body' }] });
    const story = await ctx.services.posts.create(systemActor, {
      title: 'A story',
      kind: 'article',
      authorIds: [bylineId],
    });
    await expect(
      ctx.services.live.post(author, story.id, { body: doc('Hi') }),
    ).rejects.toMatchObject({ status: 409 });
  });

  it('ends coverage once, records it, and takes no more updates', async () => {
    ctx.clock.advance(3_600_000);
    const coverage = await ctx.services.live.end(editor, postId);
    expect(coverage).toMatchObject({
      startedAt: '2026-03-01T12:00:00.000Z',
      endedAt: '2026-03-01T13:00:00.000Z',
    });
    ctx.clock.advance(60_000);
    expect((await ctx.services.live.end(editor, postId)).endedAt).toBe(coverage.endedAt);
    await expect(
      ctx.services.live.post(author, postId, { body: doc('Late') }),
    ).rejects.toMatchObject({ status: 409 });
    expect((await events()).map((e) => e.type)).toEqual(['live.ended']);
  });

  it('records the end once when two ends race (the insert that changed nothing says so)', async () => {
    const [first, second] = await Promise.all([
      ctx.services.live.end(editor, postId),
      ctx.services.live.end(editor, postId),
    ]);
    expect(second.endedAt).toBe(first.endedAt);
    expect((await events()).map((e) => e.type)).toEqual(['live.ended']);
  });

  it('takes no update after the end, even when the end and several posts race', async () => {
    const posts = Array.from({ length: 6 }, (_, i) =>
      ctx.services.live.post(i % 2 ? author : otherAuthor, postId, { body: doc(`Update ${i}`) }),
    );
    const [ended, ...results] = await Promise.allSettled([
      ctx.services.live.end(editor, postId),
      ...posts,
    ]);
    expect(ended.status).toBe('fulfilled');
    const accepted = results.flatMap((r) => (r.status === 'fulfilled' ? [r.value.id] : []));
    for (const r of results)
      if (r.status === 'rejected')
        expect(r.reason).toMatchObject({
          status: 409,
          message: 'Coverage of this live page has ended',
        });
    // Every update kept was posted before the end: its event was recorded first (ids are
    // time-ordered), and nothing was stored besides the accepted ones.
    const recorded = await ctx.db
      .selectFrom('outbox_events')
      .select(['id', 'type', 'payload'])
      .where('subject_id', '=', postId)
      .where('type', 'like', 'live.%')
      .orderBy('id')
      .execute();
    const endedAt = recorded.findIndex((e) => e.type === 'live.ended');
    expect(endedAt).toBe(recorded.length - 1);
    expect(
      recorded
        .slice(0, endedAt)
        .map((e) => (JSON.parse(e.payload) as { updateId: string }).updateId)
        .sort(),
    ).toEqual([...accepted].sort());
    expect((await ctx.services.live.updatesOf(postId)).map((u) => u.id).sort()).toEqual(
      [...accepted].sort(),
    );
  });

  it('lists key events of published live pages a page at a time, newest first', async () => {
    const keys: string[] = [];
    for (let i = 0; i < 5; i += 1) {
      ctx.clock.advance(60_000);
      keys.push(
        (await ctx.services.live.post(author, postId, { body: doc(`Key ${i}`), keyEvent: true }))
          .id,
      );
      await ctx.services.live.post(author, postId, { body: doc(`Plain ${i}`) });
    }
    // A removed key event and a draft live page's key event are never listed.
    await ctx.services.live.remove(editor, postId, keys[2]!);
    const draft = await ctx.services.posts.create(systemActor, {
      title: `Draft live ${count}`,
      kind: 'live',
      authorIds: [bylineId],
    });
    ctx.clock.advance(60_000);
    await ctx.services.live.post(author, draft.id, { body: doc('Not yet'), keyEvent: true });
    const mine = new Set(keys);
    const seen: string[] = [];
    let cursor: string | undefined;
    for (let pages = 0; pages < 20; pages += 1) {
      const page = await ctx.services.live.latestKeyEvents({
        limit: 2,
        ...(cursor ? { cursor } : {}),
      });
      expect(page.items.length).toBeLessThanOrEqual(2);
      seen.push(...page.items.map((u) => u.id));
      if (!page.next) break;
      cursor = page.next;
    }
    expect(seen.filter((id) => mine.has(id))).toEqual([keys[4], keys[3], keys[1], keys[0]]);
    expect(new Set(seen).size).toBe(seen.length);
    const published = new Set((await ctx.services.live.updatesOf(draft.id)).map((u) => u.id));
    expect(seen.filter((id) => published.has(id))).toEqual([]);
  });
});
