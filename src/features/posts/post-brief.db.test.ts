import { beforeEach, expect, it } from 'vitest';
import { describeEachDatabase } from '../../../test/helpers/test-database.js';
import { servicesFor, type TestContext } from '../../../test/helpers/test-runtime.js';
import { narrow } from '../../platform/db/index.js';
import type { OutboxEvent } from '../events/index.js';
import { systemActor, tokenActor } from '../staff/index.js';
import type { PostIndexer } from './posts-context.js';
import { createPostsService } from './posts.service.js';
import { createReferenceChecks } from './reference-checks.js';

const body = {
  type: 'doc' as const,
  content: [
    {
      type: 'paragraph' as const,
      content: [{ type: 'text' as const, text: 'The bridge reopened.' }],
    },
  ],
};

describeEachDatabase('News Feed briefs', (getDb) => {
  let ctx: TestContext;
  let authorIds: string[];
  let heard: OutboxEvent[][];
  const editor = tokenActor({ id: 'token-editor', role: 'editor' });

  beforeEach(async () => {
    await getDb().truncate();
    ctx = servicesFor(getDb());
    authorIds = [(await ctx.services.authors.create({ name: 'Ilona Berg' })).id];
    heard = [];
    ctx.services.events.onEvents((events) => heard.push([...events]));
  });

  /** The posts service over the test database, its search index failing as told. */
  const postsWith = (indexer: PostIndexer) =>
    createPostsService({
      db: narrow(ctx.db).to(),
      clock: ctx.clock,
      events: ctx.services.events,
      refs: createReferenceChecks({ db: narrow(ctx.db).to(), ...ctx.services }),
      indexer,
      audit: ctx.services.audit,
    });
  const briefs = async () =>
    (
      await ctx.services.posts.list(systemActor, {
        kind: ['brief'],
        sort: 'updatedAt',
        order: 'desc',
        limit: 100,
      })
    ).items;
  const auditActions = async () =>
    (await ctx.services.audit.list({ limit: 50 })).items.map((e) => e.action);

  it('creates and publishes a brief in one transaction, its event announced once after', async () => {
    const post = await ctx.services.posts.postBrief(editor, {
      title: 'Bridge reopens',
      body,
      authorIds,
    });
    expect(post).toMatchObject({ kind: 'brief', status: 'published', slug: 'bridge-reopens' });
    expect(heard.map((batch) => batch.map((e) => e.type))).toEqual([['post.published']]);
    expect((await auditActions()).sort()).toEqual(['post.created', 'post.published']);
  });

  it('leaves no draft, no audit entry and no event behind when publishing fails', async () => {
    const failing = postsWith({
      index: (_trx, doc) =>
        doc.status === 'published'
          ? Promise.reject(new Error('search index unavailable'))
          : Promise.resolve(),
      remove: () => Promise.resolve(),
    });
    await expect(
      failing.postBrief(editor, { title: 'Bridge reopens', body, authorIds }),
    ).rejects.toThrow('search index unavailable');
    expect(await briefs()).toEqual([]);
    expect(await auditActions()).toEqual([]);
    expect(heard).toEqual([]);
    // The address it would have had is free again.
    const retried = await ctx.services.posts.postBrief(editor, {
      title: 'Bridge reopens',
      body,
      authorIds,
    });
    expect(retried.slug).toBe('bridge-reopens');
  });
});
