import { z } from 'zod';

export const authorSchema = z.object({
  id: z.string(),
  userId: z.string().nullable(),
  name: z.string(),
  slug: z.string(),
  roleTitle: z.string(),
  bio: z.string(),
  avatarMediaId: z.string().nullable(),
  location: z.string(),
  links: z.object({ website: z.string(), x: z.string(), telegram: z.string(), email: z.string() }),
  isDesk: z.boolean(),
  createdAt: z.string(),
  updatedAt: z.string(),
});

const optionalText = (max: number) => z.string().trim().max(max).optional();

/** A byline's public profile fields, as editors set them. */
export const authorInputSchema = z.strictObject({
  name: z.string().trim().min(1, 'must not be empty').max(120),
  slug: z.string().trim().max(120).optional(),
  roleTitle: optionalText(80),
  bio: optionalText(2000),
  avatarMediaId: z.string().nullable().optional(),
  location: optionalText(120),
  links: z
    .strictObject({
      website: z.union([z.literal(''), z.url({ protocol: /^https?$/ })]).optional(),
      x: optionalText(60),
      telegram: optionalText(60),
      email: z.union([z.literal(''), z.email()]).optional(),
    })
    .optional(),
  isDesk: z.boolean().optional(),
});

export const authorUpdateSchema = authorInputSchema.partial();
