import type { Author } from '../../features/authors/index.js';
import type { MediaItem } from '../../features/media/index.js';
import type { Post } from '../../features/posts/index.js';
import type { Tag } from '../../features/tags/index.js';
import type { Tier } from '../../features/tiers/index.js';
import { imageUrl } from '../content/content-mappers.js';

/** A site path on the public URL; media on MEDIA_PUBLIC_URL are absolute already. */
export const absoluteUrl = (publicUrl: string, path: string): string =>
  /^https?:\/\//.test(path) ? path : `${publicUrl.replace(/\/$/, '')}${path}`;

/** Ghost writes times as `2026-01-01T10:00:00.000+00:00`. */
export const ghostTime = (iso: string | null): string | null =>
  iso === null ? null : new Date(iso).toISOString().replace('Z', '+00:00');

/**
 * Internal tags (Ghost's `#name`; Masthead's `isInternal`) organise posts but are never shown.
 * As in Ghost, `/tags/` never lists them (Ghost enforces `visibility:public` there), while a
 * post's `tags` carry them with `visibility: "internal"` so a front-end can test for them
 * (`{{#has tag="#x"}}`; Ghost's `{{tags}}` helper leaves them out) and `primary_tag` skips them.
 */
export const isInternalTag = (tag: { isInternal: boolean }): boolean => tag.isInternal;

const orNull = (value: string | null | undefined): string | null =>
  value === undefined || value === null || value.trim() === '' ? null : value;

export interface GhostRefs {
  publicUrl: string;
  media: ReadonlyMap<string, MediaItem>;
  ids: ReadonlyMap<string, string>;
}

const ghostIdIn = (refs: GhostRefs, id: string) => refs.ids.get(id) ?? id;

export function ghostAuthor(author: Author, refs: GhostRefs, postCount?: number) {
  const avatar = author.avatarMediaId ? refs.media.get(author.avatarMediaId) : undefined;
  const handle = author.links.x.replace(/^@/, '').trim();
  return {
    id: ghostIdIn(refs, author.id),
    name: author.name,
    slug: author.slug,
    profile_image: avatar ? imageUrl(refs.publicUrl, avatar, 320) : null,
    cover_image: null,
    bio: orNull(author.bio),
    website: orNull(author.links.website),
    location: orNull(author.location),
    facebook: null,
    twitter: handle === '' ? null : `@${handle}`,
    meta_title: null,
    meta_description: null,
    url: absoluteUrl(refs.publicUrl, `/author/${author.slug}/`),
    ...(postCount === undefined ? {} : { count: { posts: postCount } }),
  };
}

export function ghostTag(tag: Tag, refs: GhostRefs, postCount?: number) {
  const image = tag.imageMediaId ? refs.media.get(tag.imageMediaId) : undefined;
  return {
    id: ghostIdIn(refs, tag.id),
    name: tag.name,
    slug: tag.slug,
    description: orNull(tag.description),
    feature_image: image ? imageUrl(refs.publicUrl, image) : null,
    visibility: isInternalTag(tag) ? 'internal' : 'public',
    og_image: null,
    og_title: null,
    og_description: null,
    twitter_image: null,
    twitter_title: null,
    twitter_description: null,
    meta_title: null,
    meta_description: null,
    codeinjection_head: null,
    codeinjection_foot: null,
    canonical_url: null,
    accent_color: null,
    // Ghost's address for what has no page.
    url: absoluteUrl(refs.publicUrl, isInternalTag(tag) ? '/404/' : `/tag/${tag.slug}/`),
    ...(postCount === undefined ? {} : { count: { posts: postCount } }),
  };
}

export function ghostTier(tier: Tier, refs: GhostRefs) {
  return {
    id: ghostIdIn(refs, tier.id),
    name: tier.name,
    slug: tier.slug,
    description: orNull(tier.description),
    active: tier.isActive,
    type: tier.isFree ? 'free' : 'paid',
    visibility: 'public',
    welcome_page_url: null,
    trial_days: 0,
    benefits: tier.benefits,
    created_at: ghostTime(tier.createdAt),
    updated_at: ghostTime(tier.updatedAt),
    ...(tier.isFree
      ? {}
      : {
          currency: tier.currency.toUpperCase(),
          monthly_price: tier.monthlyAmount,
          yearly_price: tier.yearlyAmount,
        }),
  };
}

/** What a post shows depends on the reader: `access` false means no body at all. */
export interface GhostPostBody {
  hasAccess: boolean;
  html: string | undefined;
  plaintext: string | undefined;
}

export function ghostPost(
  post: Post,
  refs: GhostRefs,
  body: GhostPostBody,
  related: { authors?: ReturnType<typeof ghostAuthor>[]; tags?: ReturnType<typeof ghostTag>[] },
) {
  const id = ghostIdIn(refs, post.id);
  const lead = post.leadImage ? refs.media.get(post.leadImage.mediaId) : undefined;
  const leadAlt = post.leadImage?.alt || lead?.alt || '';
  const leadCaption = post.leadImage?.caption || lead?.caption || '';
  return {
    id,
    // Any stable UUID will do for clients; the Masthead id is one.
    uuid: post.id,
    title: post.title,
    slug: post.slug,
    ...(body.html === undefined ? {} : { html: body.hasAccess ? body.html : '' }),
    ...(body.plaintext === undefined ? {} : { plaintext: body.hasAccess ? body.plaintext : '' }),
    comment_id: id,
    feature_image: lead ? imageUrl(refs.publicUrl, lead) : null,
    feature_image_alt: orNull(leadAlt),
    feature_image_caption: orNull(leadCaption),
    featured: post.isFeatured,
    visibility: post.visibility,
    created_at: ghostTime(post.createdAt),
    updated_at: ghostTime(post.updatedAt),
    published_at: ghostTime(post.publishedAt),
    custom_excerpt: orNull(post.customExcerpt),
    codeinjection_head: null,
    codeinjection_foot: null,
    custom_template: null,
    canonical_url: orNull(post.canonicalUrl),
    ...(related.tags
      ? {
          tags: related.tags,
          // Ghost: the first tag if it is public, else none.
          primary_tag:
            post.tags[0] && !isInternalTag(post.tags[0]) ? (related.tags[0] ?? null) : null,
        }
      : {}),
    ...(related.authors
      ? { authors: related.authors, primary_author: related.authors[0] ?? null }
      : {}),
    url: absoluteUrl(refs.publicUrl, post.url),
    excerpt: post.excerpt,
    reading_time: post.readingMinutes,
    access: body.hasAccess,
    comments: false,
    og_image: orNull(post.seo.socialImageUrl),
    og_title: null,
    og_description: null,
    twitter_image: null,
    twitter_title: null,
    twitter_description: null,
    meta_title: orNull(post.seo.title),
    meta_description: orNull(post.seo.description),
    email_subject: null,
    frontmatter: null,
    ...(post.kind === 'page' ? { show_title_and_feature_image: true } : {}),
  };
}

/**
 * `fields=a,b`: only those keys (unknown names are ignored, as Ghost does); includes asked for
 * alongside stay, since the client asked for them by name too.
 */
export function pickFields<T extends Record<string, unknown>>(
  item: T,
  fields: readonly string[] | undefined,
  include: ReadonlySet<string>,
): Partial<T> {
  if (!fields) return item;
  const keep = new Set(fields);
  if (include.has('authors')) keep.add('authors').add('primary_author');
  if (include.has('tags')) keep.add('tags').add('primary_tag');
  if (include.has('count.posts')) keep.add('count');
  return Object.fromEntries(Object.entries(item).filter(([key]) => keep.has(key))) as Partial<T>;
}
