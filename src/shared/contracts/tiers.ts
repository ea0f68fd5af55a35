import { z } from 'zod';

/** Money is integer minor units (cents); at most 1,000,000.00 in one charge. */
const amount = z
  .number()
  .int('must be a whole number of minor units (cents)')
  .min(50, 'must be at least 50 minor units')
  .max(100_000_000, 'is too large');

export const tierSchema = z.object({
  id: z.string(),
  slug: z.string(),
  name: z.string(),
  description: z.string(),
  benefits: z.array(z.string()),
  isFree: z.boolean(),
  isActive: z.boolean(),
  currency: z.string(),
  monthlyAmount: z.number().int().nullable(),
  yearlyAmount: z.number().int().nullable(),
  /** "Choose your amount": the smallest monthly amount accepted (null: fixed prices only). */
  minimumAmount: z.number().int().nullable(),
  position: z.number().int(),
  createdAt: z.string(),
  updatedAt: z.string(),
});

const tierFields = {
  name: z.string().trim().min(1, 'must not be empty').max(80),
  slug: z.string().trim().max(80).optional(),
  description: z.string().trim().max(1000).optional(),
  benefits: z.array(z.string().trim().min(1).max(200)).max(20).optional(),
  isFree: z.boolean().optional(),
  isActive: z.boolean().optional(),
  currency: z
    .string()
    .trim()
    .regex(/^[a-zA-Z]{3}$/, 'must be a three-letter currency code')
    .transform((c) => c.toLowerCase())
    .optional(),
  monthlyAmount: amount.nullable().optional(),
  yearlyAmount: amount.nullable().optional(),
  minimumAmount: amount.nullable().optional(),
  position: z.number().int().min(0).max(1000).optional(),
};

export const tierCreateSchema = z.strictObject(tierFields);
export const tierUpdateSchema = z.strictObject(tierFields).partial();
