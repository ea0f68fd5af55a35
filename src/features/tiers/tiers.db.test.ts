import { beforeAll, expect, it } from 'vitest';
import { describeEachDatabase } from '../../../test/helpers/test-database.js';
import { servicesFor, type TestContext } from '../../../test/helpers/test-runtime.js';
import { parseInput } from '../../platform/validation.js';
import { tierCreateSchema, tierUpdateSchema } from '../../shared/contracts/tiers.js';

describeEachDatabase('Tiers', (getDb) => {
  let ctx: TestContext;
  beforeAll(async () => {
    await getDb().truncate();
    ctx = servicesFor(getDb());
  });

  /** Tiers made and edited as the Admin API's front door does: its schema first. */
  const create = async (input: Record<string, unknown>) =>
    ctx.services.tiers.create(parseInput(tierCreateSchema, input));
  const update = async (id: string, input: Record<string, unknown>) =>
    ctx.services.tiers.update(id, parseInput(tierUpdateSchema, input));

  it('creates the default tiers once, even when asked concurrently', async () => {
    const lists = await Promise.all([1, 2, 3].map(() => ctx.services.tiers.ensureDefaults()));
    expect(lists[0]!.map((t) => t.slug)).toEqual(['free', 'supporter', 'sustainer']);
    expect(await ctx.services.tiers.list()).toHaveLength(3);
    expect(lists[0]![1]).toMatchObject({
      monthlyAmount: 500,
      yearlyAmount: 5000,
      minimumAmount: 300,
    });
  });

  it('creates, edits and deletes a paid tier; bad input is a 400 naming the field', async () => {
    const tier = await create({
      name: 'Patron',
      monthlyAmount: 2500,
      currency: 'EUR',
      benefits: ['A mug'],
    });
    expect(tier).toMatchObject({
      slug: 'patron',
      currency: 'eur',
      isFree: false,
      benefits: ['A mug'],
    });
    expect((await update(tier.id, { yearlyAmount: 25000 })).yearlyAmount).toBe(25000);
    await expect(create({ name: 'Nothing' })).rejects.toMatchObject({
      status: 400,
      problems: [{ field: 'monthlyAmount' }],
    });
    await expect(create({ name: 'Cheap', monthlyAmount: 4.5 })).rejects.toMatchObject({
      status: 400,
      problems: [{ field: 'monthlyAmount' }],
    });
    await expect(update(tier.id, { slug: 'supporter' })).rejects.toMatchObject({
      status: 400,
      problems: [{ field: 'slug' }],
    });
    await expect(
      create({ name: 'Free again', isFree: true, monthlyAmount: 100 }),
    ).rejects.toMatchObject({ problems: [{ field: 'isFree' }] });
    await ctx.services.tiers.remove(tier.id);
    expect(await ctx.services.tiers.byId(tier.id)).toBeUndefined();
  });
});
