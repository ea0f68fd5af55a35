// The records the WXR reader hands out, as Zod schemas: the types come from them and every
// record is checked against them on its way out of the reader.
import { z } from 'zod';

/** WordPress's `Y-m-d H:i:s`; `0000-00-00 00:00:00` (never published) is read as null. */
const wpDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/, 'Dates are written YYYY-MM-DD HH:MM:SS')
  .nullable();
const termId = z.number().int().nonnegative().nullable();
const count = z.number().int().nonnegative();

export const wxrSiteSchema = z.object({
  kind: z.literal('site'),
  title: z.string(),
  link: z.string(),
  description: z.string(),
  language: z.string(),
  /** From `wp:wxr_version`, else from the namespace (`1.1`, `1.2`). */
  wxrVersion: z.string().min(1),
  baseSiteUrl: z.string(),
  baseBlogUrl: z.string(),
});

export const wxrAuthorSchema = z.object({
  kind: z.literal('author'),
  authorId: termId,
  login: z.string().min(1, 'An author needs a login'),
  email: z.string(),
  displayName: z.string(),
  firstName: z.string(),
  lastName: z.string(),
});

export const wxrCategorySchema = z.object({
  kind: z.literal('category'),
  termId,
  nicename: z.string().min(1, 'A category needs a slug'),
  /** The parent's slug. */
  parent: z.string().nullable(),
  name: z.string(),
  description: z.string(),
});

export const wxrTagSchema = z.object({
  kind: z.literal('tag'),
  termId,
  slug: z.string().min(1, 'A tag needs a slug'),
  name: z.string(),
  description: z.string(),
});

export const wxrTermSchema = z.object({
  kind: z.literal('term'),
  termId,
  taxonomy: z.string().min(1, 'A term needs a taxonomy'),
  slug: z.string().min(1, 'A term needs a slug'),
  /** The parent's slug. */
  parent: z.string().nullable(),
  name: z.string(),
  description: z.string(),
});

export const wxrItemSchema = z.object({
  kind: z.literal('item'),
  postId: z.number().int().positive(),
  title: z.string(),
  link: z.string(),
  pubDate: z.string(),
  /** The author's login. */
  creator: z.string(),
  guid: z.string(),
  content: z.string(),
  excerpt: z.string(),
  /** In the old site's time zone. */
  postDate: wpDate,
  postDateGmt: wpDate,
  postModified: wpDate,
  postModifiedGmt: wpDate,
  postName: z.string(),
  status: z.string(),
  postParent: count,
  menuOrder: z.number().int(),
  postType: z.string().min(1),
  postPassword: z.string(),
  isSticky: z.boolean(),
  commentStatus: z.string(),
  attachmentUrl: z.string().nullable(),
  categories: z.array(z.object({ domain: z.string(), nicename: z.string(), name: z.string() })),
  postmeta: z.array(z.object({ key: z.string(), value: z.string() })),
  commentCount: count,
  /** Where the item starts in the file, for the import report. */
  line: z.number().int().positive(),
});

/** A record that did not pass its schema: the import reports it and goes on. */
export const wxrSkippedSchema = z.object({
  kind: z.literal('skipped'),
  element: z.string(),
  line: z.number().int().positive(),
  problems: z.array(z.string()),
});

export type WxrSite = z.infer<typeof wxrSiteSchema>;
export type WxrAuthor = z.infer<typeof wxrAuthorSchema>;
export type WxrCategory = z.infer<typeof wxrCategorySchema>;
export type WxrTag = z.infer<typeof wxrTagSchema>;
export type WxrTerm = z.infer<typeof wxrTermSchema>;
export type WxrItem = z.infer<typeof wxrItemSchema>;
export type WxrSkipped = z.infer<typeof wxrSkippedSchema>;
export type WxrRecord = WxrSite | WxrAuthor | WxrCategory | WxrTag | WxrTerm | WxrItem | WxrSkipped;
