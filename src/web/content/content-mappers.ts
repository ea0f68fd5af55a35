import type { Author } from '../../features/authors/index.js';
import type { MediaItem } from '../../features/media/index.js';
import { variantUrl } from '../../features/media/index.js';
import { publicTagsOf, type Post } from '../../features/posts/index.js';
import type { Tag } from '../../features/tags/index.js';
import { escapeHtml } from '../../shared/richtext/index.js';

/** A site path on the public URL; media on MEDIA_PUBLIC_URL are absolute already. */
const absolute = (publicUrl: string, path: string) =>
  /^https?:\/\//.test(path) ? path : `${publicUrl}${path}`;

/** Image URL at a width the item has (its largest up to `width`), absolute. */
export function imageUrl(publicUrl: string, media: MediaItem, width = 1280): string {
  const fitting = media.widths.filter((w) => w <= width);
  const chosen = fitting[fitting.length - 1];
  return absolute(publicUrl, chosen ? variantUrl(media, chosen, 'jpeg') : media.url);
}

export function contentPost(options: {
  post: Post;
  publicUrl: string;
  html: string;
  hasAccess: boolean;
  media: Map<string, MediaItem>;
}) {
  const { post, publicUrl } = options;
  const lead = post.leadImage ? options.media.get(post.leadImage.mediaId) : undefined;
  return {
    id: post.id,
    kind: post.kind,
    slug: post.slug,
    url: absolute(publicUrl, post.url),
    title: post.title,
    dek: post.dek,
    excerpt: post.excerpt,
    // Those not entitled get the teaser only; the body never leaves the server for them.
    html: options.hasAccess ? options.html : `<p>${escapeHtml(post.excerpt)}</p>`,
    visibility: post.visibility,
    access: options.hasAccess,
    leadImage:
      post.leadImage && lead
        ? {
            url: imageUrl(publicUrl, lead),
            width: lead.width,
            height: lead.height,
            alt: post.leadImage.alt || lead.alt,
            caption: post.leadImage.caption || lead.caption,
            credit: post.leadImage.credit || lead.credit,
          }
        : null,
    authors: post.authors.map((a) => ({ ...a, url: absolute(publicUrl, `/author/${a.slug}/`) })),
    tags: publicTagsOf(post).map((t) => ({
      id: t.id,
      name: t.name,
      slug: t.slug,
      url: absolute(publicUrl, `/tag/${t.slug}/`),
    })),
    isBreaking: post.isBreaking,
    publishedAt: post.publishedAt ?? '',
    updatedAt: post.publicUpdatedAt,
    readingMinutes: post.readingMinutes,
    corrections: post.corrections.map((c) => ({
      kind: c.kind,
      text: c.text,
      createdAt: c.createdAt,
    })),
    language: post.language,
  };
}

export function contentAuthor(author: Author, publicUrl: string, avatar: MediaItem | undefined) {
  return {
    id: author.id,
    name: author.name,
    slug: author.slug,
    url: absolute(publicUrl, `/author/${author.slug}/`),
    roleTitle: author.roleTitle,
    bio: author.bio,
    location: author.location,
    avatarUrl: avatar ? imageUrl(publicUrl, avatar, 320) : null,
    links: author.links,
  };
}

export function contentTag(tag: Tag, publicUrl: string) {
  return {
    id: tag.id,
    name: tag.name,
    slug: tag.slug,
    url: absolute(publicUrl, `/tag/${tag.slug}/`),
    description: tag.description,
    isNavigation: tag.isNavigation,
  };
}
