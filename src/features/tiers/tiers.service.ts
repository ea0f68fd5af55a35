import type { Kysely, Updateable } from 'kysely';
import type { Clock } from '../../platform/clock.js';
import { isUniqueViolation } from '../../platform/db/index.js';
import { notFound, validationError } from '../../platform/errors.js';
import { newId } from '../../platform/ids.js';
import { pickFreeSlug, slugify } from '../../shared/slug.js';
import { tierProblems, type Tier, type TierCreateInput, type TierUpdateInput } from './tier.js';
import { createTiersRepository, toTier } from './tiers.repository.js';
import type { TiersTable, TiersTables } from './tiers.table.js';

const slugInUse = (slug: string) =>
  validationError([{ field: 'slug', message: `"${slug}" is already used by another tier` }]);

/** The tiers a new newsroom starts with: a free tier and two paid ones (USD). */
export const defaultTiers = [
  {
    slug: 'free',
    name: 'Free',
    description: 'Our newsletters and members-only stories.',
    benefits: ['The daily briefing by email', 'Members-only stories'],
    isFree: true,
    monthlyAmount: null,
    yearlyAmount: null,
    minimumAmount: null,
  },
  {
    slug: 'supporter',
    name: 'Supporter',
    description: 'Keep independent reporting free for everyone.',
    benefits: ['Everything in Free', 'Every paid story', 'Choose your own monthly amount'],
    isFree: false,
    monthlyAmount: 500,
    yearlyAmount: 5000,
    minimumAmount: 300,
  },
  {
    slug: 'sustainer',
    name: 'Sustainer',
    description: 'Fund the next investigation.',
    benefits: ['Everything in Supporter', 'Quarterly calls with the editors', 'Gift memberships'],
    isFree: false,
    monthlyAmount: 1500,
    yearlyAmount: 15000,
    minimumAmount: null,
  },
] as const;

/** Membership tiers: one free tier and paid tiers with monthly and yearly prices. */
export function createTiersService(deps: { db: Kysely<TiersTables>; clock: Clock }) {
  const repository = createTiersRepository(deps.db);

  async function requestedSlug(value: string, exceptId?: string): Promise<string> {
    const slug = slugify(value, 80);
    if (slug.length === 0)
      throw validationError([
        { field: 'slug', message: 'must contain at least one letter or digit' },
      ]);
    if (await repository.slugTaken(slug, exceptId)) throw slugInUse(slug);
    return slug;
  }

  function check(tier: Parameters<typeof tierProblems>[0]): void {
    const problems = tierProblems(tier);
    if (problems.length > 0) throw validationError(problems);
  }

  return {
    /** Every tier in display order; `activeOnly` for the reader site. */
    async list(options: { activeOnly?: boolean } = {}): Promise<Tier[]> {
      const tiers = (await repository.list()).map(toTier);
      return options.activeOnly ? tiers.filter((t) => t.isActive) : tiers;
    },

    async byId(id: string): Promise<Tier | undefined> {
      const row = await repository.findById(id);
      return row ? toTier(row) : undefined;
    },

    async create(value: TierCreateInput): Promise<Tier> {
      const tier = {
        isFree: value.isFree ?? false,
        monthlyAmount: value.monthlyAmount ?? null,
        yearlyAmount: value.yearlyAmount ?? null,
        minimumAmount: value.minimumAmount ?? null,
      };
      check(tier);
      const slug =
        value.slug === undefined
          ? await pickFreeSlug(slugify(value.name, 80) || 'tier', (s) => repository.slugTaken(s))
          : await requestedSlug(value.slug);
      const at = deps.clock.now().toISOString();
      const row = {
        id: newId(),
        slug,
        name: value.name,
        description: value.description ?? '',
        benefits: JSON.stringify(value.benefits ?? []),
        is_free: tier.isFree ? 1 : 0,
        is_active: value.isActive === false ? 0 : 1,
        currency: value.currency ?? 'usd',
        monthly_amount: tier.monthlyAmount,
        yearly_amount: tier.yearlyAmount,
        minimum_amount: tier.minimumAmount,
        stripe_product_id: null,
        position: value.position ?? 0,
        created_at: at,
        updated_at: at,
      };
      try {
        await repository.insert(row);
      } catch (error) {
        throw isUniqueViolation(error) ? slugInUse(slug) : error;
      }
      return toTier(row);
    },

    async update(id: string, patch: TierUpdateInput): Promise<Tier> {
      const row = await repository.findById(id);
      if (!row) throw notFound('Tier');
      const current = toTier(row);
      const next = {
        isFree: patch.isFree ?? current.isFree,
        monthlyAmount:
          patch.monthlyAmount === undefined ? current.monthlyAmount : patch.monthlyAmount,
        yearlyAmount: patch.yearlyAmount === undefined ? current.yearlyAmount : patch.yearlyAmount,
        minimumAmount:
          patch.minimumAmount === undefined ? current.minimumAmount : patch.minimumAmount,
      };
      check(next);
      const set: Updateable<TiersTable> = {
        updated_at: deps.clock.now().toISOString(),
        is_free: next.isFree ? 1 : 0,
        monthly_amount: next.monthlyAmount,
        yearly_amount: next.yearlyAmount,
        minimum_amount: next.minimumAmount,
      };
      if (patch.name !== undefined) set.name = patch.name;
      if (patch.slug !== undefined) set.slug = await requestedSlug(patch.slug, id);
      if (patch.description !== undefined) set.description = patch.description;
      if (patch.benefits !== undefined) set.benefits = JSON.stringify(patch.benefits);
      if (patch.isActive !== undefined) set.is_active = patch.isActive ? 1 : 0;
      if (patch.currency !== undefined) set.currency = patch.currency;
      if (patch.position !== undefined) set.position = patch.position;
      try {
        await repository.update(id, set);
      } catch (error) {
        throw isUniqueViolation(error) ? slugInUse(set.slug ?? current.slug) : error;
      }
      const updated = await repository.findById(id);
      if (!updated) throw notFound('Tier');
      return toTier(updated);
    },

    /** Deletes a tier; members and subscriptions on it keep their access but lose the link. */
    async remove(id: string): Promise<void> {
      const result = await repository.remove(id);
      if (Number(result.numDeletedRows) === 0) throw notFound('Tier');
    },

    /**
     * Creates the default tiers when there are none (the membership page calls it), so a new
     * newsroom has something to show; concurrent first calls create them once.
     */
    async ensureDefaults(): Promise<Tier[]> {
      if ((await repository.count()) > 0) return this.list({ activeOnly: true });
      const at = deps.clock.now().toISOString();
      let position = 0;
      for (const t of defaultTiers) {
        await repository.insertIfAbsent({
          id: newId(),
          slug: t.slug,
          name: t.name,
          description: t.description,
          benefits: JSON.stringify(t.benefits),
          is_free: t.isFree ? 1 : 0,
          is_active: 1,
          currency: 'usd',
          monthly_amount: t.monthlyAmount,
          yearly_amount: t.yearlyAmount,
          minimum_amount: t.minimumAmount,
          stripe_product_id: null,
          position: position++,
          created_at: at,
          updated_at: at,
        });
      }
      return this.list({ activeOnly: true });
    },
  };
}

export type TiersService = ReturnType<typeof createTiersService>;
