// The tier form's text values, and the API body they become (amounts in minor units).
import type { BodyOf } from '../../api.js';
import type { Tier } from '../../types.js';
import { minorToText, textToMinor } from '../../ui/money.js';

export interface TierFormValues {
  name: string;
  slug: string;
  description: string;
  /** One benefit a line. */
  benefits: string;
  isFree: boolean;
  isActive: boolean;
  currency: string;
  monthly: string;
  yearly: string;
  minimum: string;
  position: string;
}

export const tierFields = [
  'name',
  'slug',
  'description',
  'benefits',
  'isFree',
  'currency',
  'monthlyAmount',
  'yearlyAmount',
  'minimumAmount',
  'position',
] as const;
export type TierField = (typeof tierFields)[number];

export function valuesOf(tier: Tier | null, nextPosition: number): TierFormValues {
  const currency = tier?.currency ?? 'usd';
  return {
    name: tier?.name ?? '',
    slug: tier?.slug ?? '',
    description: tier?.description ?? '',
    benefits: tier?.benefits.join('\n') ?? '',
    isFree: tier?.isFree ?? false,
    isActive: tier?.isActive ?? true,
    currency: currency.toUpperCase(),
    monthly: minorToText(tier?.monthlyAmount ?? null, currency),
    yearly: minorToText(tier?.yearlyAmount ?? null, currency),
    minimum: minorToText(tier?.minimumAmount ?? null, currency),
    position: String(tier?.position ?? nextPosition),
  };
}

/** The body for POST/PATCH /tiers, or the problems found before sending. */
export function bodyOf(
  values: TierFormValues,
): { body: BodyOf<'post', '/tiers'> } | { problems: Partial<Record<TierField, string>> } {
  const problems: Partial<Record<TierField, string>> = {};
  if (!values.name.trim()) problems.name = 'Give the tier a name.';
  const currency = values.currency.trim();
  if (!values.isFree && !/^[a-zA-Z]{3}$/.test(currency))
    problems.currency = 'Use a three-letter currency code, such as USD or EUR.';
  const amount = (field: TierField, text: string) => {
    if (values.isFree) return null;
    const minor = textToMinor(text, currency || 'usd');
    if (minor === undefined) problems[field] = 'Enter an amount such as 5 or 5.50.';
    return minor ?? null;
  };
  const monthlyAmount = amount('monthlyAmount', values.monthly);
  const yearlyAmount = amount('yearlyAmount', values.yearly);
  const minimumAmount = amount('minimumAmount', values.minimum);
  if (
    !values.isFree &&
    monthlyAmount === null &&
    yearlyAmount === null &&
    minimumAmount === null &&
    !problems.monthlyAmount
  )
    problems.monthlyAmount = 'A paid tier needs a monthly, yearly or minimum amount.';
  const position = Number(values.position);
  if (!/^\d+$/.test(values.position.trim()) || position > 1000)
    problems.position = 'Use a whole number from 0 to 1000.';
  if (Object.keys(problems).length > 0) return { problems };
  return {
    body: {
      name: values.name.trim(),
      ...(values.slug.trim() ? { slug: values.slug.trim() } : {}),
      description: values.description.trim(),
      benefits: values.benefits
        .split('\n')
        .map((b) => b.trim())
        .filter(Boolean),
      isFree: values.isFree,
      isActive: values.isActive,
      ...(values.isFree ? {} : { currency }),
      monthlyAmount,
      yearlyAmount,
      minimumAmount,
      position,
    },
  };
}
