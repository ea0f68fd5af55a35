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
});

/** The secret is in this answer only: it is stored as a hash. */
export const tokenCreatedSchema = z.object({ token: apiTokenSchema, secret: z.string() });
