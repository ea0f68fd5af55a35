import type { AddressInfo } from 'node:net';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeEachDatabase } from '../../../test/helpers/test-database.js';
import { openSse } from '../../../test/helpers/sse-client.js';
import { appFor, servicesFor, type TestContext } from '../../../test/helpers/test-runtime.js';
import { systemActor, type Actor } from '../../features/staff/index.js';

const doc = (text: string) => ({
  type: 'doc',
  content: [{ type: 'paragraph', content: [{ type: 'text', text }] }],
});

const editor: Actor = {
  type: 'staff',
  role: 'editor',
  userId: '01939e3a-0000-7000-8000-0000000000e1',
  authorId: null,
  tokenId: null,
  label: 'staff:01939e3a-0000-7000-8000-0000000000e1',
};

/**
 * `GET /<slug>/live` in the whole app: the live page's updates, posted through the service (as
 * the Admin API does), reach a reader's stream rendered as the page shows them.
 */
describeEachDatabase('live page stream', (getDb) => {
  let app: FastifyInstance;
  let ctx: TestContext;
  let base: string;
  let bylineId: string;

  beforeAll(async () => {
    await getDb().truncate();
    ctx = servicesFor(getDb());
    ({ app } = await appFor(getDb(), ctx));
    await app.listen({ host: '127.0.0.1', port: 0 });
    base = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
    bylineId = (await ctx.services.authors.create({ name: 'Ilona Berg' })).id;
  });
  afterAll(() => app.close());

  let count = 0;
  async function livePage(
    options: { visibility?: 'public' | 'members' | 'paid'; isPublished?: boolean } = {},
  ) {
    count += 1;
    const post = await ctx.services.posts.create(systemActor, {
      title: `Air raid alerts ${count}: live`,
      kind: 'live',
      authorIds: [bylineId],
      ...(options.visibility ? { visibility: options.visibility } : {}),
    });
    if (options.isPublished === false) return post;
    return ctx.services.posts.publish(systemActor, post.id);
  }

  it('streams a new update, a change, a removal and the end, with ids, uncompressed and uncached', async () => {
    const post = await livePage();
    const reader = await openSse(`${base}${post.url}live`, { 'accept-encoding': 'gzip, br' });
    expect(reader.response.statusCode).toBe(200);
    expect(reader.response.headers['content-type']).toBe('text/event-stream; charset=utf-8');
    expect(reader.response.headers['content-encoding']).toBeUndefined();
    expect(reader.response.headers['x-accel-buffering']).toBe('no');
    expect(reader.response.headers['x-cache']).toBeUndefined();
    await reader.next(); // retry:

    const update = await ctx.services.live.post(editor, post.id, {
      body: doc('Sirens in the east.'),
    });
    const added = await reader.nextEvent();
    expect(added.event).toBe('update');
    expect(added.id).toMatch(/^[0-9a-f-]{36}$/);
    expect(added.json).toMatchObject({ id: update.id });
    expect(added.json.html).toContain(`id="update-${update.id}"`);
    expect(added.json.html).toContain('Sirens in the east.');

    await ctx.services.live.edit(editor, post.id, update.id, {
      version: update.version,
      body: doc('Sirens in the east and north.'),
    });
    const changed = await reader.nextEvent();
    expect(changed.event).toBe('update-changed');
    expect(changed.json.html).toContain('east and north');

    await ctx.services.live.remove(editor, post.id, update.id, {});
    expect((await reader.nextEvent()).event).toBe('update-deleted');
    await ctx.services.live.end(editor, post.id);
    expect((await reader.nextEvent()).event).toBe('ended');
    reader.close();

    // A second reader is streamed too: the page cache never answered the stream's URL.
    const again = await openSse(`${base}${post.url}live`, { 'last-event-id': added.id });
    expect(again.response.statusCode).toBe(200);
    expect((await again.nextEvent()).event).toBe('update-changed');
    again.close();
  });

  it('catches a reader up from the page when this process never saw its last event (a restart)', async () => {
    const post = await livePage();
    // A UUIDv7 of a minute ago by the test's clock (newId never goes back in time in a process).
    const ms = (ctx.clock.now().getTime() - 60_000).toString(16).padStart(12, '0');
    const before = `${ms.slice(0, 8)}-${ms.slice(8)}-7000-8000-000000000000`;
    const update = await ctx.services.live.post(editor, post.id, {
      body: doc('Posted while away.'),
    });
    const reader = await openSse(`${base}${post.url}live`, { 'last-event-id': before });
    const caught = await reader.nextEvent();
    expect(caught).toMatchObject({ event: 'update', json: { id: update.id } });
    expect(caught.json.html).toContain('Posted while away.');
    reader.close();
  });

  it('answers 404 for a story that is not live, an unpublished live page and an unknown address', async () => {
    const story = await ctx.services.posts.publish(
      systemActor,
      (
        await ctx.services.posts.create(systemActor, {
          title: 'Not live',
          kind: 'article',
          authorIds: [bylineId],
        })
      ).id,
    );
    const draft = await livePage({ isPublished: false });
    for (const path of [`${story.url}live`, `/${draft.slug}/live`, '/no-such-page/live']) {
      const answer = await app.inject({ method: 'GET', url: path });
      expect(answer.statusCode, path).toBe(404);
    }
  });

  it('sends readers of a members-only live page who are not signed in each update without its body', async () => {
    const post = await livePage({ visibility: 'members' });
    const reader = await openSse(`${base}${post.url}live`);
    await reader.next();
    const update = await ctx.services.live.post(editor, post.id, {
      body: doc('Only for members.'),
    });
    const added = await reader.nextEvent();
    expect(added.json.id).toBe(update.id);
    expect(added.json.html).toContain(`id="update-${update.id}"`);
    expect(added.json.html).not.toContain('Only for members.');
    reader.close();
  });
});
