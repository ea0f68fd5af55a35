import { beforeEach, expect, it } from 'vitest';
import { describeEachDatabase } from '../../../test/helpers/test-database.js';
import { servicesFor, type TestContext } from '../../../test/helpers/test-runtime.js';
import { parseInput } from '../../platform/validation.js';
import { postCreateSchema } from '../../shared/contracts/posts.js';
import { systemActor } from '../staff/index.js';

describeEachDatabase('post writes at the same moment', (getDb) => {
  let ctx: TestContext;
  let authorId: string;

  beforeEach(async () => {
    await getDb().truncate();
    ctx = servicesFor(getDb());
    authorId = (await ctx.services.authors.create({ name: 'Kyiv Desk' })).id;
  });

  /** A draft made as the Admin API's front door does: its schema first. */
  const create = (input: Record<string, unknown>) =>
    ctx.services.posts.create(
      systemActor,
      parseInput(postCreateSchema, { authorIds: [authorId], ...input }),
    );

  it('gives drafts created at once with one headline each their own address', async () => {
    const made = await Promise.all(
      Array.from({ length: 5 }, () => create({ title: 'Bridge reopens' })),
    );
    const slugs = made.map((p) => p.slug).sort();
    expect(slugs).toEqual([
      'bridge-reopens',
      'bridge-reopens-2',
      'bridge-reopens-3',
      'bridge-reopens-4',
      'bridge-reopens-5',
    ]);
    for (const post of made) expect((await ctx.services.posts.byId(post.id)).slug).toBe(post.slug);
  });

  it('gives copies made at once each their own address', async () => {
    const source = await create({ title: 'Bridge reopens' });
    const copies = await Promise.all(
      Array.from({ length: 3 }, () => ctx.services.posts.duplicate(systemActor, source.id)),
    );
    expect(copies.map((p) => p.slug).sort()).toEqual([
      'copy-of-bridge-reopens',
      'copy-of-bridge-reopens-2',
      'copy-of-bridge-reopens-3',
    ]);
  });

  it('refuses a slug two stories are renamed to at once to the second with 400 naming the slug', async () => {
    const stories = await Promise.all([create({ title: 'One' }), create({ title: 'Two' })]);
    const results = await Promise.allSettled(
      stories.map((p) =>
        ctx.services.posts.update(systemActor, p.id, { slug: 'the-bridge', version: p.version }),
      ),
    );
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    for (const r of results.filter((r) => r.status === 'rejected')) {
      expect(r.reason).toMatchObject({ status: 400, problems: [{ field: 'slug' }] });
    }
  });

  it('refuses a slug asked for by two drafts at once to the second with 400 naming the slug', async () => {
    const results = await Promise.allSettled(
      Array.from({ length: 3 }, (_, i) => create({ title: `Take ${i}`, slug: 'the-bridge' })),
    );
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    for (const r of results.filter((r) => r.status === 'rejected')) {
      expect(r.reason).toMatchObject({ status: 400, problems: [{ field: 'slug' }] });
    }
  });
});
