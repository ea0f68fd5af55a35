// Masthead rows as the rows of Ghost's export tables (field names as Ghost 5.130.6 writes them,
// see test/fixtures/ghost/real). Pure: the caller looks up media, related posts and ids.
import { renderHtml, renderText, type Doc } from '../../shared/richtext/index.js';
import { documentToLexical, type LexicalFallback } from '../../features/imports/index.js';
import { ghostIdOf } from '../../shared/ghost-id.js';
import { escapeHtml } from '../../shared/richtext/index.js';
import type { MediaIndex } from './ghost-export-media.js';
import type { PostRow } from './ghost-export.repository.js';

/** Ghost's roles, with stable ids of our own (Ghost maps roles by name on import). */
export const ghostRoles = ['Administrator', 'Editor', 'Author', 'Contributor', 'Owner'] as const;
export type GhostRoleName = (typeof ghostRoles)[number];
export const roleId = (name: GhostRoleName) => ghostIdOf(`ghost-role:${name}`);

export function ghostRoleOf(role: string | null): GhostRoleName {
  switch (role) {
    case 'owner':
      return 'Owner';
    case 'administrator':
      return 'Administrator';
    case 'editor':
      return 'Editor';
    case 'author':
      return 'Author';
    default:
      return 'Contributor';
  }
}

/** Masthead's statuses to Ghost's: an unpublished post is a draft there. */
export function ghostStatusOf(status: string): 'published' | 'draft' | 'scheduled' {
  if (status === 'published' || status === 'scheduled') return status;
  return 'draft';
}

export interface PostContext {
  media: MediaIndex;
  ghostId: string;
  related: (postId: string) => { url: string; title: string; description?: string } | undefined;
}

export interface GhostPostRows {
  post: Record<string, unknown>;
  meta: Record<string, unknown>;
  fallbacks: LexicalFallback[];
}

const emptyDoc: Doc = { type: 'doc', content: [] };

/** A stored body (validated on save); anything unreadable is an empty document. */
export function parseBody(body: string): Doc {
  try {
    const doc = JSON.parse(body) as Doc;
    return doc?.type === 'doc' && Array.isArray(doc.content) ? doc : emptyDoc;
  } catch {
    return emptyDoc;
  }
}

export function ghostPostRows(row: PostRow, doc: Doc, ctx: PostContext): GhostPostRows {
  const imageSrc = ctx.media.imageSrc.bind(ctx.media);
  const { lexical, fallbacks } = documentToLexical(doc, { imageSrc, related: ctx.related });
  const html = renderHtml(doc, {
    imageAttrs: (image) => ({ src: imageSrc(image) }),
    related: ctx.related,
  });
  const featureImage = ctx.media.urlOfMedia(row.lead_media_id);
  const caption = [row.lead_caption, row.lead_credit]
    .filter(Boolean)
    .map((part) => escapeHtml(part!));
  const post = {
    id: ctx.ghostId,
    uuid: row.id,
    title: row.title,
    slug: row.slug,
    mobiledoc: null,
    lexical,
    html,
    comment_id: ctx.ghostId,
    plaintext: renderText(doc),
    feature_image: featureImage,
    featured: row.is_featured ? 1 : 0,
    type: row.kind === 'page' ? 'page' : 'post',
    status: ghostStatusOf(row.status),
    locale: null,
    visibility: row.visibility,
    email_recipient_filter: 'all',
    created_at: row.created_at,
    updated_at: row.updated_at,
    published_at: row.status === 'scheduled' ? row.scheduled_at : row.published_at,
    custom_excerpt: row.custom_excerpt ?? null,
    codeinjection_head: null,
    codeinjection_foot: null,
    custom_template: null,
    canonical_url: row.canonical_url ?? null,
    newsletter_id: null,
    show_title_and_feature_image: 1,
  };
  const meta = {
    id: ghostIdOf(`posts_meta:${row.id}`),
    post_id: ctx.ghostId,
    og_image: row.social_image_url ?? null,
    og_title: null,
    og_description: null,
    twitter_image: null,
    twitter_title: null,
    twitter_description: null,
    meta_title: row.seo_title ?? null,
    meta_description: row.seo_description ?? null,
    email_subject: null,
    frontmatter: null,
    feature_image_alt: featureImage === null ? null : row.lead_alt || null,
    feature_image_caption: featureImage === null || caption.length === 0 ? null : caption.join(' '),
    email_only: 0,
  };
  return { post, meta, fallbacks };
}
