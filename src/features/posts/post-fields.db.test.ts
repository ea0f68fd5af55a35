import sharp from 'sharp';
import { beforeEach, expect, it } from 'vitest';
import { describeEachDatabase } from '../../../test/helpers/test-database.js';
import { servicesFor, type TestContext } from '../../../test/helpers/test-runtime.js';
import { newId } from '../../platform/ids.js';
import { parseInput } from '../../platform/validation.js';
import { postCreateSchema } from '../../shared/contracts/posts.js';
import { systemActor } from '../staff/index.js';
import {
  blankSnapshot,
  contentColumns,
  postFields,
  snapshotOf,
  type PostSnapshot,
} from './post-fields.js';

const doc = (text: string) => ({
  type: 'doc' as const,
  content: [{ type: 'paragraph' as const, content: [{ type: 'text' as const, text }] }],
});

describeEachDatabase('post fields', (getDb) => {
  let ctx: TestContext;
  let first: PostSnapshot;
  let second: Omit<PostSnapshot, 'kind'>;

  beforeEach(async () => {
    await getDb().truncate();
    ctx = servicesFor(getDb());
    const [a, b] = await Promise.all([
      ctx.services.authors.create({ name: 'First Reporter' }),
      ctx.services.authors.create({ name: 'Second Reporter' }),
    ]);
    const [war, economy] = await Promise.all([
      ctx.services.tags.create({ name: 'War' }),
      ctx.services.tags.create({ name: 'Economy' }),
    ]);
    const image = async (background: string) =>
      (
        await ctx.services.media.upload({
          bytes: await sharp({ create: { width: 64, height: 64, channels: 3, background } })
            .png()
            .toBuffer(),
        })
      ).media.id;
    const [red, blue] = [await image('#800'), await image('#008')];
    // Two values for every field, each different from the field's default.
    first = {
      kind: 'brief',
      title: 'First headline',
      slug: 'first-headline',
      dek: 'First dek',
      body: doc('The first body.'),
      customExcerpt: 'First excerpt',
      leadImage: { mediaId: red, alt: 'Red', caption: 'A red square', credit: 'Desk' },
      authorIds: [a.id, b.id],
      tagIds: [war.id],
      visibility: 'members',
      isFeatured: true,
      topStoryOrder: 2,
      isBreaking: true,
      publicUpdatedAt: '2026-01-10T08:00:00.000Z',
      seo: { title: 'First SEO', description: 'First description', socialImageUrl: '/a.png' },
      canonicalUrl: 'https://example.org/first',
      language: 'uk',
    };
    second = {
      title: 'Second headline',
      slug: 'second-headline',
      dek: 'Second dek',
      body: doc('The second body.'),
      customExcerpt: 'Second excerpt',
      leadImage: { mediaId: blue, alt: 'Blue', caption: 'A blue square', credit: 'Wire' },
      authorIds: [b.id],
      tagIds: [economy.id, war.id],
      visibility: 'paid',
      isFeatured: false,
      topStoryOrder: 5,
      isBreaking: false,
      publicUpdatedAt: '2026-02-01T09:30:00.000Z',
      seo: { title: 'Second SEO', description: null, socialImageUrl: null },
      canonicalUrl: null,
      language: 'en-GB',
    };
  });

  it('has test values for every field of the table, none of them its default', () => {
    const blank = blankSnapshot();
    for (const field of Object.keys(postFields) as Array<keyof PostSnapshot>) {
      expect(first[field], field).not.toEqual(blank[field]);
      if (field !== 'kind') expect(second[field], field).not.toEqual(first[field]);
    }
  });

  it('round-trips every field through create, update, revisions and restore', async () => {
    const created = await ctx.services.posts.create(
      systemActor,
      parseInput(postCreateSchema, first),
    );
    expect(snapshotOf(created)).toEqual(first);

    // Every content column of the row is written from a field of the table.
    const row = await ctx.db
      .selectFrom('posts')
      .selectAll()
      .where('id', '=', created.id)
      .executeTakeFirstOrThrow();
    const workflow = ['id', 'status', 'published_at', 'scheduled_at', 'published_late', 'version'];
    const creator = ['created_by', 'created_by_token', 'created_at', 'updated_at'];
    const contentColumnNames = Object.keys(row)
      .filter((c) => !workflow.includes(c) && !creator.includes(c))
      .sort();
    expect(Object.keys(contentColumns(first)).sort()).toEqual(contentColumnNames);

    const updated = await ctx.services.posts.update(systemActor, created.id, {
      ...second,
      version: created.version,
    });
    expect(snapshotOf(updated)).toEqual({ ...second, kind: 'brief' });

    const revisions = await ctx.services.posts.revisions.list(created.id);
    expect(revisions.map((r) => r.version)).toEqual([2, 1]);
    const [, oldest] = revisions;
    expect((await ctx.services.posts.revisions.get(created.id, oldest?.id ?? '')).snapshot).toEqual(
      first,
    );

    const restored = await ctx.services.posts.revisions.restore(
      systemActor,
      created.id,
      oldest?.id ?? '',
    );
    expect(restored.version).toBe(3);
    expect(snapshotOf(restored)).toEqual(first);
    expect(snapshotOf(await ctx.services.posts.byId(created.id))).toEqual(first);
    const [latest] = await ctx.services.posts.revisions.list(created.id);
    expect(latest?.version).toBe(3);
  });

  it('parses a revision saved before later fields existed with their defaults, and restores it', async () => {
    const post = await ctx.services.posts.create(systemActor, parseInput(postCreateSchema, first));
    // As an early version stored it: no SEO, canonical URL, language or public update time.
    const old = {
      kind: 'brief',
      title: 'An early headline',
      slug: 'an-early-headline',
      dek: '',
      body: doc('Written long ago.'),
      customExcerpt: null,
      leadImage: null,
      authorIds: first.authorIds,
      tagIds: [],
      visibility: 'public',
      isFeatured: false,
      topStoryOrder: null,
      isBreaking: false,
    };
    const revisionId = newId();
    await ctx.db
      .insertInto('post_revisions')
      .values({
        id: revisionId,
        post_id: post.id,
        version: 0,
        snapshot: JSON.stringify(old),
        created_by: null,
        created_at: '2025-06-01T00:00:00.000Z',
      })
      .execute();

    const revision = await ctx.services.posts.revisions.get(post.id, revisionId);
    expect(revision.snapshot).toEqual({
      ...old,
      publicUpdatedAt: null,
      seo: { title: null, description: null, socialImageUrl: null },
      canonicalUrl: null,
      language: null,
    });
    expect((await ctx.services.posts.revisions.list(post.id)).map((r) => r.title)).toEqual([
      'First headline',
      'An early headline',
    ]);

    const restored = await ctx.services.posts.revisions.restore(systemActor, post.id, revisionId);
    expect(restored).toMatchObject({
      title: 'An early headline',
      slug: 'an-early-headline',
      version: post.version + 1,
      seo: { title: null, description: null, socialImageUrl: null },
      canonicalUrl: null,
      language: null,
      publicUpdatedAt: null,
    });
    expect(snapshotOf(restored)).toEqual(revision.snapshot);
  });
});
