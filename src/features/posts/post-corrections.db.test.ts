import { beforeEach, expect, it } from 'vitest';
import { describeEachDatabase } from '../../../test/helpers/test-database.js';
import { servicesFor, type TestContext } from '../../../test/helpers/test-runtime.js';
import { isAppError } from '../../platform/errors.js';
import type { OutboxEvent } from '../events/index.js';
import { tokenActor } from '../staff/index.js';

const body = {
  type: 'doc' as const,
  content: [{ type: 'paragraph' as const, content: [{ type: 'text' as const, text: 'Text.' }] }],
};
const zone = { timezone: 'Europe/Kyiv', locale: 'en-US' };

describeEachDatabase('the corrections record', (getDb) => {
  let ctx: TestContext;
  let authorIds: string[];
  let heard: OutboxEvent[];
  const editor = tokenActor({ id: 'token-editor', role: 'editor' });
  const author = tokenActor({ id: 'token-author', role: 'author' });

  beforeEach(async () => {
    await getDb().truncate();
    ctx = servicesFor(getDb());
    authorIds = [(await ctx.services.authors.create({ name: 'Ilona Berg' })).id];
    heard = [];
    ctx.services.events.onEvents((events) => heard.push(...events));
  });

  const story = async (title: string, publish = true) => {
    const post = await ctx.services.posts.create(editor, {
      title,
      kind: 'article',
      body,
      authorIds,
    });
    if (publish) await ctx.services.posts.publish(editor, post.id);
    return post;
  };
  const correct = async (postId: string, kind: 'correction' | 'clarification' | 'update') => {
    ctx.clock.advance(60_000);
    return ctx.services.posts.addCorrection(editor, postId, { kind, text: `${kind} text` });
  };
  const texts = async (limit = 50, cursor?: string) => {
    const page = await ctx.services.posts.publicCorrections({
      limit,
      ...(cursor ? { cursor } : {}),
    });
    return { ...page, lines: page.items.map((c) => `${c.post.title}: ${c.text}`) };
  };

  it('makes a new version per correction, also for five added at once', async () => {
    const post = await story('Bridge');
    const before = (await ctx.services.posts.byId(post.id)).version;
    await Promise.all(
      ['one', 'two', 'three', 'four', 'five'].map((text) =>
        ctx.services.posts.addCorrection(editor, post.id, { kind: 'correction', text }),
      ),
    );
    expect((await ctx.services.posts.byId(post.id)).version).toBe(before + 5);
  });

  it('lists corrections and clarifications of published stories, newest first, page by page', async () => {
    const bridge = await story('Bridge');
    const dam = await story('Dam');
    const draft = await story('Draft', false);
    const gone = await story('Gone');
    await correct(bridge.id, 'correction');
    await correct(dam.id, 'update'); // updates add news: not in the record
    await correct(draft.id, 'correction');
    await correct(dam.id, 'clarification');
    await correct(gone.id, 'correction');
    await correct(bridge.id, 'clarification');
    await ctx.services.posts.unpublish(editor, gone.id);

    const all = await texts();
    expect(all.lines).toEqual([
      'Bridge: clarification text',
      'Dam: clarification text',
      'Bridge: correction text',
    ]);
    expect(all.items[0]?.post.url).toBe('/bridge/');
    expect(all.next).toBeNull();

    const first = await texts(2);
    expect(first.lines).toEqual(['Bridge: clarification text', 'Dam: clarification text']);
    const second = await texts(2, first.next!);
    expect(second.lines).toEqual(['Bridge: correction text']);
    expect(second.next).toBeNull();

    // A deleted story's corrections go with it.
    await ctx.services.posts.delete(editor, dam.id, { unpublishFirst: true });
    expect((await texts()).lines).toEqual([
      'Bridge: clarification text',
      'Bridge: correction text',
    ]);
  });

  it('withdraws a correction: a public note in its place, audited, announced, never twice', async () => {
    const bridge = await story('Bridge');
    const added = await correct(bridge.id, 'correction');
    heard = [];
    const withdrawn = await ctx.services.posts.withdrawCorrection(editor, bridge.id, added.id, {
      reason: 'It belonged to another story.',
      zone,
    });
    expect(withdrawn.text).toMatch(
      /^A correction made on [A-Z][a-z]+ \d{1,2}, \d{4} was withdrawn: It belonged to another story\.$/,
    );
    expect(withdrawn.withdrawnAt).toBe(ctx.clock.now().toISOString());

    // The story, the record: the entry stays where it was, showing the note.
    const post = await ctx.services.posts.byId(bridge.id);
    expect(post.corrections).toEqual([withdrawn]);
    expect((await texts()).lines).toEqual([`Bridge: ${withdrawn.text}`]);

    // The original text is kept for the newsroom in the audit log, with who and why.
    const entry = (await ctx.services.audit.list({ limit: 10 })).items.find(
      (e) => e.action === 'post.correction_withdrawn',
    );
    expect(entry).toMatchObject({
      actor: editor.label,
      subjectId: bridge.id,
      details: { text: 'correction text', reason: 'It belonged to another story.' },
    });
    expect(heard.map((e) => [e.type, (e.payload as { correction?: string }).correction])).toEqual([
      ['post.updated', added.id],
    ]);

    const again = await ctx.services.posts
      .withdrawCorrection(editor, bridge.id, added.id, { reason: 'Again', zone })
      .catch((error: unknown) => error);
    expect(isAppError(again) && again.status).toBe(409);
  });

  it('refuses authors, unknown corrections and another story’s correction, changing nothing', async () => {
    const bridge = await story('Bridge');
    const dam = await story('Dam');
    const added = await correct(bridge.id, 'correction');
    const statusOf = (work: Promise<unknown>) =>
      work.then(
        () => 200,
        (error: unknown) => (isAppError(error) ? error.status : 500),
      );
    const input = { reason: 'No', zone };
    expect(
      await statusOf(ctx.services.posts.withdrawCorrection(author, bridge.id, added.id, input)),
    ).toBe(403);
    expect(
      await statusOf(ctx.services.posts.withdrawCorrection(editor, dam.id, added.id, input)),
    ).toBe(404);
    expect(
      await statusOf(ctx.services.posts.withdrawCorrection(editor, bridge.id, dam.id, input)),
    ).toBe(404);
    expect((await texts()).lines).toEqual(['Bridge: correction text']);
  });
});
