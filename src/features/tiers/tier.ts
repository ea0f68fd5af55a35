import type { z } from 'zod';
import type {
  tierCreateSchema,
  tierSchema,
  tierUpdateSchema,
} from '../../shared/contracts/tiers.js';
import type { FieldProblem } from '../../platform/errors.js';

export type Tier = z.infer<typeof tierSchema>;
/** A new tier, parsed with `tierCreateSchema` at the front door. */
export type TierCreateInput = z.output<typeof tierCreateSchema>;
/** A tier's changed fields, parsed with `tierUpdateSchema` at the front door. */
export type TierUpdateInput = z.output<typeof tierUpdateSchema>;
export type BillingInterval = 'month' | 'year';

/** What a paid or free tier must satisfy once a create or a patch is applied. */
export function tierProblems(tier: {
  isFree: boolean;
  monthlyAmount: number | null;
  yearlyAmount: number | null;
  minimumAmount: number | null;
}): FieldProblem[] {
  const amounts = [tier.monthlyAmount, tier.yearlyAmount, tier.minimumAmount];
  if (tier.isFree) {
    return amounts.some((a) => a !== null)
      ? [{ field: 'isFree', message: 'a free tier has no amounts' }]
      : [];
  }
  if (amounts.every((a) => a === null))
    return [
      {
        field: 'monthlyAmount',
        message: 'a paid tier needs a monthly, yearly or minimum ("choose your amount") amount',
      },
    ];
  return [];
}

/** The price of a tier for an interval, or undefined when the tier is not sold that way. */
export function priceOf(tier: Tier, interval: BillingInterval): number | undefined {
  if (tier.isFree || !tier.isActive) return undefined;
  return (interval === 'year' ? tier.yearlyAmount : tier.monthlyAmount) ?? undefined;
}

/** A gift of `months` months: a year at the yearly price when there is one, else months × monthly. */
export function giftPriceOf(tier: Tier, months: number): number | undefined {
  if (tier.isFree || !tier.isActive) return undefined;
  if (months === 12 && tier.yearlyAmount !== null) return tier.yearlyAmount;
  return tier.monthlyAmount === null ? undefined : tier.monthlyAmount * months;
}
