import { z } from 'zod';
import { cursorSchema, limitSchema } from './common.js';

/** What the Content API shows of a post: published content only, no staff data. */
export const contentPostSchema = z.object({
  id: z.string(),
  kind: z.enum(['article', 'brief', 'page', 'live']),
  slug: z.string(),
  url: z.string(),
  title: z.string(),
  dek: z.string(),
  excerpt: z.string(),
  /** The full body as HTML, or the teaser when `access` is false. */
  html: z.string(),
  visibility: z.enum(['public', 'members', 'paid']),
  access: z.boolean(),
  leadImage: z
    .object({
      url: z.string(),
      width: z.number().int(),
      height: z.number().int(),
      alt: z.string(),
      caption: z.string(),
      credit: z.string(),
    })
    .nullable(),
  authors: z.array(
    z.object({
      id: z.string(),
      name: z.string(),
      slug: z.string(),
      roleTitle: z.string(),
      url: z.string(),
    }),
  ),
  tags: z.array(z.object({ id: z.string(), name: z.string(), slug: z.string(), url: z.string() })),
  isBreaking: z.boolean(),
  publishedAt: z.string(),
  updatedAt: z.string().nullable(),
  readingMinutes: z.number().int(),
  corrections: z.array(z.object({ kind: z.string(), text: z.string(), createdAt: z.string() })),
  language: z.string().nullable(),
});

export const contentAuthorSchema = z.object({
  id: z.string(),
  name: z.string(),
  slug: z.string(),
  url: z.string(),
  roleTitle: z.string(),
  bio: z.string(),
  location: z.string(),
  avatarUrl: z.string().nullable(),
  links: z.object({ website: z.string(), x: z.string(), telegram: z.string(), email: z.string() }),
});

export const contentTagSchema = z.object({
  id: z.string(),
  name: z.string(),
  slug: z.string(),
  url: z.string(),
  description: z.string(),
  isNavigation: z.boolean(),
});

export const contentPostsQuerySchema = z.strictObject({
  key: z.string().max(200).optional(),
  kind: z.enum(['article', 'brief', 'page', 'live']).optional(),
  limit: limitSchema,
  cursor: cursorSchema,
});

export const contentKeyQuerySchema = z.strictObject({ key: z.string().max(200).optional() });
