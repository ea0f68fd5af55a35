import { z } from 'zod';

/**
 * The columns of a Ghost export the importer reads (decision 0018 §4), parsed leniently: Ghost
 * versions differ, SQLite exports write booleans as 0/1, and optional columns may be absent or
 * null. Anything else in a row is ignored. A row that does not parse is reported, not imported.
 */
const text = z
  .string()
  .nullish()
  .transform((v) => v ?? null);
const flag = z
  .union([z.boolean(), z.number(), z.string()])
  .nullish()
  .transform((v) => v === true || v === 1 || v === '1' || v === 'true');
const id = z.union([z.string(), z.number()]).transform(String);

export const ghostPostSchema = z.looseObject({
  id,
  uuid: text,
  title: z
    .string()
    .nullish()
    .transform((v) => v ?? ''),
  slug: z.string().min(1),
  mobiledoc: text,
  lexical: text,
  html: text,
  plaintext: text,
  feature_image: text,
  featured: flag,
  type: z
    .string()
    .nullish()
    .transform((v) => (v === 'page' ? 'page' : 'post')),
  status: z
    .string()
    .nullish()
    .transform((v) => v ?? 'draft'),
  visibility: z
    .string()
    .nullish()
    .transform((v) => v ?? 'public'),
  created_at: text,
  updated_at: text,
  published_at: text,
  custom_excerpt: text,
  canonical_url: text,
  meta_title: text,
  meta_description: text,
  og_image: text,
  feature_image_alt: text,
  feature_image_caption: text,
});
export type GhostPost = z.output<typeof ghostPostSchema>;

export const ghostPostMetaSchema = z.looseObject({
  post_id: id,
  meta_title: text,
  meta_description: text,
  og_image: text,
  og_title: text,
  og_description: text,
  twitter_image: text,
  feature_image_alt: text,
  feature_image_caption: text,
  email_only: flag,
});
export type GhostPostMeta = z.output<typeof ghostPostMetaSchema>;

export const ghostLinkSchema = z.looseObject({
  post_id: id,
  sort_order: z.coerce
    .number()
    .nullish()
    .transform((v) => v ?? 0),
  author_id: id.optional(),
  tag_id: id.optional(),
  product_id: id.optional(),
});

export const ghostTagSchema = z.looseObject({
  id,
  name: z.string().min(1),
  slug: z.string().min(1),
  description: text,
  feature_image: text,
  visibility: z
    .string()
    .nullish()
    .transform((v) => v ?? 'public'),
});
export type GhostTag = z.output<typeof ghostTagSchema>;

export const ghostUserSchema = z.looseObject({
  id,
  name: z.string().min(1),
  slug: z.string().min(1),
  email: z.string().nullish(),
  profile_image: text,
  bio: text,
  website: text,
  location: text,
  twitter: text,
  status: z.string().nullish(),
});
export type GhostUser = z.output<typeof ghostUserSchema>;

export const ghostRoleSchema = z.looseObject({ id, name: z.string() });
export const ghostRoleUserSchema = z.looseObject({ role_id: id, user_id: id });

export const ghostNewsletterSchema = z.looseObject({
  id,
  name: z.string().min(1),
  slug: z.string().nullish(),
  description: text,
  sender_name: text,
  sender_reply_to: text,
  status: z.string().nullish(),
  subscribe_on_signup: flag,
  sort_order: z.coerce.number().nullish(),
});
export type GhostNewsletter = z.output<typeof ghostNewsletterSchema>;

/**
 * A Ghost tier (`products` in exports; `tiers` in the API). Prices are minor units; Ghost keeps
 * the currency in capitals and writes none for the free tier.
 */
export const ghostTierSchema = z.looseObject({
  id,
  name: z.string().min(1),
  slug: z.string().min(1),
  description: text,
  type: z
    .string()
    .nullish()
    .transform((v) => (v === 'free' ? 'free' : 'paid')),
  active: flag,
  currency: text,
  monthly_price: z.coerce.number().nullish(),
  yearly_price: z.coerce.number().nullish(),
});
export type GhostTier = z.output<typeof ghostTierSchema>;
export const ghostBenefitSchema = z.looseObject({ id, name: z.string().min(1) });
export const ghostTierBenefitSchema = z.looseObject({
  product_id: id,
  benefit_id: id,
  sort_order: z.coerce
    .number()
    .nullish()
    .transform((v) => v ?? 0),
});

export const ghostSettingSchema = z.looseObject({ key: z.string(), value: text });

/** Every table the importer reads; the posts table is read in a second pass, in batches. */
export const ghostSmallTables = [
  'meta',
  'users',
  'roles',
  'roles_users',
  'tags',
  'posts_tags',
  'posts_authors',
  'posts_meta',
  'newsletters',
  'settings',
  'products',
  'tiers',
  'benefits',
  'products_benefits',
  'posts_products',
] as const;
