// The tier form's text values, and the API body they become (amounts in minor units), checked
// with the API's own schema before sending.
import { tierCreateSchema } from '@shared/contracts/tiers.js';
import type { BodyOf } from '../../api.js';
import type { Tier } from '../../types.js';
import type { FormErrors } from '../../ui/form-errors.js';
import { minorToText, textToMinor } from '../../ui/money.js';
import { checkWithSchema } from '../../ui/schema-check.js';
import { problemsOnFields } from '../../ui/schema-problems.js';

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

/**
 * The body for POST/PATCH /tiers, or the problems found before sending. Text that is not a
 * number becomes NaN, so the schema refuses it under its field like any other bad amount.
 */
export function bodyOf(
  values: TierFormValues,
): { body: BodyOf<'post', '/tiers'> } | { problems: FormErrors } {
  const currency = values.currency.trim();
  const amount = (text: string) => {
    if (values.isFree) return null;
    const minor = textToMinor(text, currency || 'usd');
    return minor === undefined ? Number.NaN : minor;
  };
  const position = values.position.trim();
  const body = {
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
    monthlyAmount: amount(values.monthly),
    yearlyAmount: amount(values.yearly),
    minimumAmount: amount(values.minimum),
    position: /^\d+$/.test(position) ? Number(position) : Number.NaN,
  };
  const amountWords = `Enter an amount such as 5 or 5.50, at least ${minorToText(50, currency || 'usd')}.`;
  const found = checkWithSchema(tierCreateSchema, body, {
    currency: 'Use a three-letter currency code, such as USD or EUR.',
    monthlyAmount: amountWords,
    yearlyAmount: amountWords,
    minimumAmount: amountWords,
    position: 'Use a whole number from 0 to 1000.',
    benefits: 'Write at most 20 benefits, each up to 200 characters.',
  });
  // An empty name has its own words; a too long one keeps the schema's (it names the limit).
  if (!body.name) found.name = 'Give the tier a name.';
  // The server's rule beyond the schema (features/tiers: tierProblems), in the form's words.
  if (
    !values.isFree &&
    !found.monthlyAmount &&
    [body.monthlyAmount, body.yearlyAmount, body.minimumAmount].every((a) => a === null)
  )
    found.monthlyAmount = 'A paid tier needs a monthly, yearly or minimum amount.';
  const problems = problemsOnFields(found, tierFields);
  if (Object.keys(problems.fields).length > 0 || problems.general.length > 0) return { problems };
  return { body };
}
