import sharp from 'sharp';
import { beforeEach, expect, it } from 'vitest';
import { describeEachDatabase } from '../../../test/helpers/test-database.js';
import { servicesFor, type TestContext } from '../../../test/helpers/test-runtime.js';
import { newId } from '../../platform/ids.js';
import { parseInput } from '../../platform/validation.js';
import type { Doc } from '../../shared/richtext/index.js';
import { tagInputSchema, tagPatchSchema } from './index.js';

const body: Doc = {
  type: 'doc',
  content: [{ type: 'paragraph', content: [{ type: 'text', text: 'Shelling at dawn.' }] }],
};

describeEachDatabase('tags', (getDb) => {
  let ctx: TestContext;

  beforeEach(async () => {
    await getDb().truncate();
    ctx = servicesFor(getDb());
  });

  /** Tags made and edited as the Admin API's front door does: its schema first. */
  const create = async (input: Record<string, unknown>) =>
    ctx.services.tags.create(parseInput(tagInputSchema, input));
  const update = async (id: string, input: Record<string, unknown>) =>
    ctx.services.tags.update(id, parseInput(tagPatchSchema, input));

  it('reads a tag by id', async () => {
    const tag = await create({ name: 'Front line' });
    expect(await ctx.services.tags.byId(tag.id)).toEqual(tag);
    expect(await ctx.services.tags.byId(newId())).toBeUndefined();
  });

  it('updates the given fields only, normalises the slug and moves updatedAt', async () => {
    const tag = await create({ name: 'Front line', description: 'East' });
    ctx.clock.advance(60_000);
    const { media } = await ctx.services.media.upload({
      bytes: await sharp({ create: { width: 64, height: 64, channels: 3, background: '#800' } })
        .png()
        .toBuffer(),
    });
    const updated = await update(tag.id, {
      name: 'The Front',
      slug: '  Frontline ÉAST!  ',
      imageMediaId: media.id,
      isNavigation: true,
      navigationOrder: 3,
    });
    expect(updated).toEqual({
      ...tag,
      name: 'The Front',
      slug: 'frontline-éast',
      imageMediaId: media.id,
      isNavigation: true,
      navigationOrder: 3,
      updatedAt: ctx.clock.now().toISOString(),
    });
    expect(await ctx.services.tags.byId(tag.id)).toEqual(updated);
    expect((await ctx.services.tags.navigation()).map((t) => t.id)).toEqual([tag.id]);

    const cleared = await update(tag.id, {
      imageMediaId: null,
      navigationOrder: null,
      isNavigation: false,
      description: '',
    });
    expect(cleared).toMatchObject({
      name: 'The Front',
      slug: 'frontline-éast',
      description: '',
      imageMediaId: null,
      isNavigation: false,
      navigationOrder: null,
    });
    expect(await update(tag.id, {})).toEqual(cleared);
    // Keeping its own slug is not a clash.
    expect((await update(tag.id, { slug: 'FRONTLINE éast' })).slug).toBe('frontline-éast');
  });

  it('gives tags made at the same moment with the same name each their own address', async () => {
    const made = await Promise.all(Array.from({ length: 5 }, () => create({ name: 'Front line' })));
    const slugs = made.map((t) => t.slug).sort();
    expect(slugs).toEqual([
      'front-line',
      'front-line-2',
      'front-line-3',
      'front-line-4',
      'front-line-5',
    ]);
    expect((await ctx.services.tags.list()).map((t) => t.slug).sort()).toEqual(slugs);
  });

  it('refuses a slug another tag has, an empty slug, bad fields and unknown images with 400', async () => {
    await create({ name: 'War' });
    const tag = await create({ name: 'Peace talks' });
    await expect(update(tag.id, { slug: 'WAR' })).rejects.toMatchObject({
      status: 400,
      problems: [{ field: 'slug', message: expect.stringContaining('"war"') as string }],
    });
    await expect(update(tag.id, { slug: '!!!' })).rejects.toMatchObject({
      status: 400,
      problems: [{ field: 'slug' }],
    });
    await expect(update(tag.id, { name: '  ' })).rejects.toMatchObject({
      status: 400,
      problems: [{ field: 'name' }],
    });
    await expect(update(tag.id, { colour: 'red' })).rejects.toMatchObject({
      status: 400,
    });
    await expect(update(tag.id, { navigationOrder: -1 })).rejects.toMatchObject({
      status: 400,
      problems: [{ field: 'navigationOrder' }],
    });
    await expect(update(tag.id, { imageMediaId: newId() })).rejects.toMatchObject({
      status: 400,
      problems: [{ field: 'imageMediaId' }],
    });
    await expect(create({ name: 'Pictured', imageMediaId: newId() })).rejects.toMatchObject({
      status: 400,
      problems: [{ field: 'imageMediaId' }],
    });
    await expect(create({ name: 'X', slug: 'war' })).rejects.toMatchObject({
      status: 400,
      problems: [{ field: 'slug' }],
    });
    expect(await ctx.services.tags.byId(tag.id)).toEqual(tag);
    await expect(update(newId(), { name: 'Gone' })).rejects.toMatchObject({
      status: 404,
    });
  });

  it('deletes a tag; posts lose it and keep their other tags in order', async () => {
    const author = await ctx.services.authors.create({ name: 'Reporter' });
    const war = await create({ name: 'War', isNavigation: true });
    const east = await create({ name: 'East' });
    const drones = await create({ name: 'Drones' });
    const postId = newId();
    await ctx.services.posts.importBatch([
      {
        id: postId,
        kind: 'article',
        slug: 'night-of-drones',
        title: 'Night of drones',
        body,
        authorIds: [author.id],
        tagIds: [war.id, east.id, drones.id],
        status: 'published',
        publishedAt: '2026-01-10T08:00:00.000Z',
      },
    ]);
    await ctx.services.tags.remove(war.id);
    expect(await ctx.services.tags.byId(war.id)).toBeUndefined();
    expect((await ctx.services.posts.byId(postId)).tags.map((t) => t.name)).toEqual([
      'East',
      'Drones',
    ]);
    expect(await ctx.services.tags.navigation()).toEqual([]);
    await expect(ctx.services.tags.remove(war.id)).rejects.toMatchObject({ status: 404 });
  });
});
