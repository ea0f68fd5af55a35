import { emailRequestSchema } from './newsletters.js';
import { z } from 'zod';
import { cursorSchema, idSchema, limitSchema } from './common.js';

/** `live`: a live blog, whose timestamped updates are their own rows (contracts/live.ts). */
export const postKindSchema = z.enum(['article', 'brief', 'page', 'live']);
export const postStatusSchema = z.enum([
  'draft',
  'in_review',
  'scheduled',
  'published',
  'unpublished',
]);
export const visibilitySchema = z.enum(['public', 'members', 'paid']);
export const correctionKindSchema = z.enum(['correction', 'clarification', 'update']);

const httpUrl = z
  .string()
  .trim()
  .max(500)
  .refine((u) => /^https?:\/\/[^\s]+$/i.test(u), 'must be an http(s) URL');
const optionalText = (max: number) => z.string().trim().max(max);

const leadImageInput = z.strictObject({
  mediaId: idSchema,
  alt: optionalText(500).optional(),
  caption: optionalText(1000).optional(),
  credit: optionalText(200).optional(),
});

const seoInput = z.strictObject({
  title: optionalText(300).nullable().optional(),
  description: optionalText(500).nullable().optional(),
  socialImageUrl: z
    .union([httpUrl, z.string().regex(/^\/(?!\/)\S*$/, 'must be an http(s) URL or a site path')])
    .nullable()
    .optional(),
});

/** The editable fields of a post, as the Admin API takes them. The body is checked by the richtext validator. */
const editableFields = {
  title: z.string().trim().min(1, 'must not be empty').max(300),
  slug: z.string().trim().max(200),
  dek: optionalText(500),
  body: z.unknown(),
  customExcerpt: optionalText(500).nullable(),
  leadImage: leadImageInput.nullable(),
  authorIds: z.array(idSchema).min(1, 'must name at least one author').max(10),
  tagIds: z.array(idSchema).max(20),
  visibility: visibilitySchema,
  isFeatured: z.boolean(),
  topStoryOrder: z.number().int().min(1).max(100).nullable(),
  isBreaking: z.boolean(),
  publicUpdatedAt: z.iso.datetime({ offset: true }).nullable(),
  seo: seoInput,
  canonicalUrl: httpUrl.nullable(),
  language: z
    .string()
    .regex(
      /^[a-zA-Z]{2,3}(-[a-zA-Z0-9]{2,8})*$/,
      'must be a BCP 47 language tag such as en or uk-UA',
    )
    .nullable(),
};

/** A new post: a headline, and any other editable field (the rest start from defaults). */
export const postCreateSchema = z
  .strictObject(editableFields)
  .partial()
  .extend({ title: editableFields.title, kind: postKindSchema.default('article') });
export type PostCreateInput = z.infer<typeof postCreateSchema>;

/** An update names the version it edited; a stale one is answered 409 with the current version. */
export const postUpdateSchema = z
  .strictObject(editableFields)
  .partial()
  .extend({ version: z.number().int().min(1) });
export type PostUpdateInput = z.infer<typeof postUpdateSchema>;

export const postScheduleSchema = z.strictObject({
  at: z.iso.datetime({ offset: true }),
  /** Also email the story when it goes live. */
  email: emailRequestSchema.optional(),
});
/** Publishing may also email the story (at most once) to a newsletter's subscribers. */
export const postPublishSchema = z
  .strictObject({ email: emailRequestSchema.optional() })
  .optional();
/** One action over many stories (the stories list's "select many"). */
const bulkIds = z
  .array(idSchema)
  .min(1, 'choose at least one story')
  .max(100, 'choose at most 100 stories at a time');
export const postBulkSchema = z.discriminatedUnion('action', [
  z.strictObject({ action: z.literal('unpublish'), ids: bulkIds }),
  z.strictObject({
    action: z.literal('delete'),
    ids: bulkIds,
    /** Published stories among them are unpublished first (the editor confirmed it). */
    unpublishFirst: z.boolean().optional(),
  }),
  z.strictObject({
    action: z.literal('addTags'),
    ids: bulkIds,
    tagIds: z.array(idSchema).min(1, 'choose a section or tag').max(20),
  }),
  z.strictObject({
    action: z.literal('setAuthors'),
    ids: bulkIds,
    authorIds: z.array(idSchema).min(1, 'choose at least one author').max(20),
  }),
]);
export type PostBulkInput = z.infer<typeof postBulkSchema>;
export const postDeleteQuerySchema = z.strictObject({
  unpublishFirst: z.enum(['true', 'false']).optional(),
});

export const correctionCreateSchema = z.strictObject({
  kind: correctionKindSchema,
  text: z.string().trim().min(1, 'must not be empty').max(2000),
});

/** A comma-separated (or repeated) query parameter whose values must come from `values`. */
const csvOf = <T extends string>(values: readonly T[]) =>
  z
    .union([z.string(), z.array(z.string())])
    .transform((v) => (Array.isArray(v) ? v : v.split(',')).map((s) => s.trim()).filter(Boolean))
    .refine((list) => list.length <= 10, 'at most 10 values')
    .refine(
      (list) => list.every((v) => (values as readonly string[]).includes(v)),
      `must be among ${values.join(', ')}`,
    )
    .transform((list) => list as T[]);

export const postListQuerySchema = z
  .strictObject({
    status: csvOf(postStatusSchema.options).optional(),
    kind: csvOf(postKindSchema.options).optional(),
    author: idSchema.optional(),
    tag: idSchema.optional(),
    q: z.string().trim().min(1).max(200).optional(),
    updatedSince: z.iso.datetime({ offset: true }).optional(),
    sort: z.enum(['updatedAt', 'createdAt', 'publishedAt', 'scheduledAt']).default('updatedAt'),
    order: z.enum(['asc', 'desc']).default('desc'),
    limit: limitSchema,
    cursor: cursorSchema,
  })
  .refine(
    (q) => q.sort !== 'scheduledAt' || (q.status?.length === 1 && q.status[0] === 'scheduled'),
    {
      message: 'sorting by scheduledAt needs status=scheduled',
      path: ['sort'],
    },
  );
export type PostListQuery = z.infer<typeof postListQuerySchema>;

const authorRef = z.object({
  id: z.string(),
  name: z.string(),
  slug: z.string(),
  roleTitle: z.string(),
});
const tagRef = z.object({
  id: z.string(),
  name: z.string(),
  slug: z.string(),
  isNavigation: z.boolean(),
});
export const correctionSchema = z.object({
  id: z.string(),
  kind: correctionKindSchema,
  text: z.string(),
  createdAt: z.string(),
  /** When an editor withdrew it; `text` is then the public note left in its place. */
  withdrawnAt: z.string().nullable(),
});

/** Withdrawing a correction: why, in words readers will see in its place. */
export const correctionWithdrawSchema = z.strictObject({
  reason: z.string().trim().min(1, 'must say why the correction is withdrawn').max(1000),
});
export const correctionParamsSchema = z.strictObject({ id: idSchema, correctionId: idSchema });

/** A post as the Admin API answers it. */
export const postSchema = z.object({
  id: z.string(),
  kind: postKindSchema,
  slug: z.string(),
  url: z.string(),
  status: postStatusSchema,
  visibility: visibilitySchema,
  title: z.string(),
  dek: z.string(),
  body: z.record(z.string(), z.unknown()),
  excerpt: z.string(),
  customExcerpt: z.string().nullable(),
  leadImage: z
    .object({ mediaId: z.string(), alt: z.string(), caption: z.string(), credit: z.string() })
    .nullable(),
  authors: z.array(authorRef),
  tags: z.array(tagRef),
  isFeatured: z.boolean(),
  topStoryOrder: z.number().int().nullable(),
  isBreaking: z.boolean(),
  publishedAt: z.string().nullable(),
  scheduledAt: z.string().nullable(),
  publishedLate: z.boolean(),
  publicUpdatedAt: z.string().nullable(),
  seo: z.object({
    title: z.string().nullable(),
    description: z.string().nullable(),
    socialImageUrl: z.string().nullable(),
  }),
  canonicalUrl: z.string().nullable(),
  language: z.string().nullable(),
  wordCount: z.number().int(),
  readingMinutes: z.number().int(),
  corrections: z.array(correctionSchema),
  version: z.number().int(),
  /** The staff member who created it (null once removed, or when a token did). */
  createdBy: z.string().nullable(),
  /** The Admin API token that created it, if a token did. */
  createdByToken: z.string().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
});

export const revisionSummarySchema = z.object({
  id: z.string(),
  version: z.number().int(),
  createdAt: z.string(),
  createdBy: z.string().nullable(),
  title: z.string(),
});
export const revisionSchema = revisionSummarySchema.extend({
  snapshot: z.record(z.string(), z.unknown()),
});
export const revisionDiffSchema = z.object({
  from: z.number().int(),
  to: z.number().int(),
  changes: z.array(
    z.object({
      field: z.string(),
      before: z.unknown(),
      after: z.unknown(),
      lines: z
        .array(z.object({ op: z.enum(['equal', 'insert', 'delete']), text: z.string() }))
        .optional(),
    }),
  ),
});
