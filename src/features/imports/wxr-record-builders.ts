// Raw WXR fields (strings by qualified element name) to checked records.
import type { z } from 'zod';
import type { WxrRecord } from './wxr-records.js';
import {
  wxrAuthorSchema,
  wxrCategorySchema,
  wxrItemSchema,
  wxrTagSchema,
  wxrTermSchema,
} from './wxr-records.js';

export type Fields = Record<string, string>;

export interface PendingRecord {
  kind: 'author' | 'category' | 'tag' | 'term' | 'item';
  line: number;
  fields: Fields;
  categories: { domain: string; nicename: string; name: string }[];
  postmeta: { key: string; value: string }[];
  meta: Fields | undefined;
  commentCount: number;
}

export function newPending(kind: PendingRecord['kind'], line: number): PendingRecord {
  return { kind, line, fields: {}, categories: [], postmeta: [], meta: undefined, commentCount: 0 };
}

export function siteRecord(site: Fields, namespaceVersion: string) {
  return {
    kind: 'site' as const,
    title: site.title ?? '',
    link: site.link ?? '',
    description: site.description ?? '',
    language: site.language ?? '',
    wxrVersion: site['wp:wxr_version'] || namespaceVersion,
    baseSiteUrl: site['wp:base_site_url'] ?? '',
    baseBlogUrl: site['wp:base_blog_url'] ?? '',
  };
}

const trimmed = (fields: Fields, key: string) => (fields[key] ?? '').trim();
const integer = (fields: Fields, key: string, fallback: number | null) => {
  const value = trimmed(fields, key);
  return value === '' ? fallback : /^-?\d+$/.test(value) ? Number(value) : Number.NaN;
};
const date = (fields: Fields, key: string) => {
  const value = trimmed(fields, key);
  return value === '' || value.startsWith('0000-00-00') ? null : value;
};
const slug = (value: string) => (value === '' ? null : value);

export function toRecord(pending: PendingRecord): WxrRecord {
  const { fields: f, line } = pending;
  switch (pending.kind) {
    case 'author':
      return checked(
        wxrAuthorSchema,
        {
          kind: 'author',
          authorId: integer(f, 'wp:author_id', null),
          login: trimmed(f, 'wp:author_login'),
          email: trimmed(f, 'wp:author_email'),
          displayName: trimmed(f, 'wp:author_display_name'),
          firstName: trimmed(f, 'wp:author_first_name'),
          lastName: trimmed(f, 'wp:author_last_name'),
        },
        'wp:author',
        line,
      );
    case 'category':
      return checked(
        wxrCategorySchema,
        {
          kind: 'category',
          termId: integer(f, 'wp:term_id', null),
          nicename: trimmed(f, 'wp:category_nicename'),
          parent: slug(trimmed(f, 'wp:category_parent')),
          name: trimmed(f, 'wp:cat_name'),
          description: trimmed(f, 'wp:category_description'),
        },
        'wp:category',
        line,
      );
    case 'tag':
      return checked(
        wxrTagSchema,
        {
          kind: 'tag',
          termId: integer(f, 'wp:term_id', null),
          slug: trimmed(f, 'wp:tag_slug'),
          name: trimmed(f, 'wp:tag_name'),
          description: trimmed(f, 'wp:tag_description'),
        },
        'wp:tag',
        line,
      );
    case 'term':
      return checked(
        wxrTermSchema,
        {
          kind: 'term',
          termId: integer(f, 'wp:term_id', null),
          taxonomy: trimmed(f, 'wp:term_taxonomy'),
          slug: trimmed(f, 'wp:term_slug'),
          parent: slug(trimmed(f, 'wp:term_parent')),
          name: trimmed(f, 'wp:term_name'),
          description: trimmed(f, 'wp:term_description'),
        },
        'wp:term',
        line,
      );
    case 'item':
      return checked(
        wxrItemSchema,
        {
          kind: 'item',
          postId: integer(f, 'wp:post_id', Number.NaN),
          title: trimmed(f, 'title'),
          link: trimmed(f, 'link'),
          pubDate: trimmed(f, 'pubDate'),
          creator: trimmed(f, 'dc:creator'),
          guid: trimmed(f, 'guid'),
          content: f['content:encoded'] ?? '',
          excerpt: f['excerpt:encoded'] ?? '',
          postDate: date(f, 'wp:post_date'),
          postDateGmt: date(f, 'wp:post_date_gmt'),
          postModified: date(f, 'wp:post_modified'),
          postModifiedGmt: date(f, 'wp:post_modified_gmt'),
          postName: trimmed(f, 'wp:post_name'),
          status: trimmed(f, 'wp:status').toLowerCase(),
          postParent: integer(f, 'wp:post_parent', 0),
          menuOrder: integer(f, 'wp:menu_order', 0),
          postType: trimmed(f, 'wp:post_type') || 'post',
          postPassword: f['wp:post_password'] ?? '',
          isSticky: trimmed(f, 'wp:is_sticky') === '1',
          commentStatus: trimmed(f, 'wp:comment_status'),
          attachmentUrl: slug(trimmed(f, 'wp:attachment_url')),
          categories: pending.categories,
          postmeta: pending.postmeta,
          commentCount: pending.commentCount,
          line,
        },
        'item',
        line,
      );
  }
}

export function checked<S extends z.ZodType>(
  schema: S,
  value: unknown,
  element: string,
  line: number,
): WxrRecord {
  const result = schema.safeParse(value);
  if (result.success) return result.data as WxrRecord;
  return {
    kind: 'skipped',
    element,
    line,
    problems: result.error.issues.map(
      (issue) => `${issue.path.join('.') || element}: ${issue.message}`,
    ),
  };
}
