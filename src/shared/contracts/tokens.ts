import { z } from 'zod';

export const apiTokenSchema = z.object({
  id: z.string(),
  name: z.string(),
  kind: z.enum(['admin', 'content']),
  role: z.enum(['owner', 'administrator', 'editor', 'author', 'contributor']).nullable(),
  prefix: z.string(),
  createdAt: z.string(),
  lastUsedAt: z.string().nullable(),
  revokedAt: z.string().nullable(),
  /** When it stops working by itself (null: never). */
  expiresAt: z.string().nullable(),
  /** A staff member's token acts within their current rights and dies with them; a CLI token is the owner's. */
  createdBy: z.discriminatedUnion('kind', [
    z.object({
      kind: z.literal('staff'),
      userId: z.string().nullable(),
      name: z.string().nullable(),
    }),
    z.object({ kind: z.literal('cli') }),
  ]),
});

export const tokenCreateSchema = z.strictObject({
  name: z
    .string()
    .trim()
    .min(1, 'must not be empty')
    .max(100)
    .refine((value) => !value.includes('\u0000'), 'must not contain NUL characters'),
  kind: z.enum(['admin', 'content']).optional(),
  role: z.enum(['administrator', 'editor', 'author', 'contributor']).optional(),
  /** ISO date-time after which the token stops working; omit for none. */
  expiresAt: z.iso.datetime({ offset: true }).optional(),
});

/** The secret is in this answer only: it is stored as a hash. */
export const tokenCreatedSchema = z.object({
  token: apiTokenSchema,
  secret: z.string(),
  /**
   * Content keys only: the same key in the form Ghost's Content API clients require (26
   * hexadecimal characters), also shown this once.
   */
  ghostKey: z.string().optional(),
});
