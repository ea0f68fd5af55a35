import { beforeEach, expect, it } from 'vitest';
import { describeEachDatabase } from '../../../test/helpers/test-database.js';
import { servicesFor, type TestContext } from '../../../test/helpers/test-runtime.js';
import { isAppError } from '../../platform/errors.js';
import { newId } from '../../platform/ids.js';

describeEachDatabase('authors', (getDb) => {
  let ctx: TestContext;

  beforeEach(async () => {
    await getDb().truncate();
    ctx = servicesFor(getDb());
  });

  it('refuses an avatar id that names no media item with a 400 naming the field, on create and update', async () => {
    const refusal = async (write: Promise<unknown>) => {
      const error: unknown = await write.then(
        () => undefined,
        (e: unknown) => e,
      );
      expect(isAppError(error) && error.status).toBe(400);
      return isAppError(error) ? error.problems : [];
    };
    const missing = newId();
    expect(
      await refusal(ctx.services.authors.create({ name: 'Ana', avatarMediaId: missing })),
    ).toEqual([{ field: 'avatarMediaId', message: 'no media item has this id' }]);
    const author = await ctx.services.authors.create({ name: 'Ana' });
    expect(
      await refusal(ctx.services.authors.update(author.id, { avatarMediaId: 'javascript:x' })),
    ).toEqual([{ field: 'avatarMediaId', message: 'no media item has this id' }]);
    expect((await ctx.services.authors.bySlug(author.slug))?.avatarMediaId).toBeNull();
  });

  it('gives bylines made at the same moment with the same name each their own address', async () => {
    const made = await Promise.all(
      Array.from({ length: 8 }, () => ctx.services.authors.create({ name: 'Kyiv Desk' })),
    );
    const slugs = made.map((a) => a.slug);
    expect(new Set(slugs).size).toBe(8);
    expect(slugs).toContain('kyiv-desk');
  });
});
