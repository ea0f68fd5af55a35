import { z } from 'zod';

/** A byline: a staff member's public profile, or a desk byline such as "News desk". */
export interface Author {
  id: string;
  userId: string | null;
  name: string;
  slug: string;
  roleTitle: string;
  bio: string;
  avatarMediaId: string | null;
  location: string;
  links: { website: string; x: string; telegram: string; email: string };
  isDesk: boolean;
  createdAt: string;
  updatedAt: string;
}

const optionalText = (max: number) => z.string().trim().max(max).optional();

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

export type AuthorInput = z.infer<typeof authorInputSchema>;
