import { variantUrl } from '../../features/media/index.js';
import type { EmailRefs } from '../../features/newsletters/index.js';
import type { Post } from '../../features/posts/index.js';
import type { RenderEmailHtmlContext } from '../../shared/richtext/render-email-html.js';
import { absoluteEmailUrl, emailImageSize } from '../../shared/richtext/render-email-html.js';
import { imageUrl } from '../content/content-mappers.js';

/** Twice the column is enough for sharp images on high-density screens; larger copies only weigh. */
const largestEmailCopy = 1280;

export interface EmailLeadImage {
  src: string;
  alt: string;
  width: number;
  height?: number | undefined;
  caption: string;
  credit: string;
}

/** A post's lead image as the email shows it (the site's rules for alt, caption and credit). */
export function emailLeadImage(
  post: Post,
  refs: EmailRefs | undefined,
  options: { siteUrl: string; maxWidth: number },
): EmailLeadImage | undefined {
  const lead = post.leadImage;
  const item = lead ? refs?.media?.get(lead.mediaId) : undefined;
  if (!lead || !item) return undefined;
  return {
    src: imageUrl(options.siteUrl, item, largestEmailCopy),
    alt: lead.alt || item.alt,
    ...emailImageSize(item.width, item.height, options.maxWidth),
    caption: lead.caption || item.caption,
    credit: lead.credit || item.credit,
  };
}

/** The body renderer's lookups: library images' resized copies and related stories as they are now. */
export function emailBodyContext(
  refs: EmailRefs | undefined,
  options: { siteUrl: string; maxWidth: number },
): RenderEmailHtmlContext {
  return {
    siteUrl: options.siteUrl,
    maxImageWidth: options.maxWidth,
    related: (postId) => {
      const post = refs?.related?.get(postId);
      return post ? { title: post.title, url: post.url, dek: post.dek } : undefined;
    },
    imageAttrs: (image) => {
      const item = image.mediaId ? refs?.media?.get(image.mediaId) : undefined;
      if (!item || item.widths.length === 0) return undefined;
      const fitting = item.widths.filter((w) => w <= largestEmailCopy);
      const width = fitting[fitting.length - 1] ?? item.widths[0] ?? item.width;
      return { src: variantUrl(item, width, 'jpeg'), width: item.width, height: item.height };
    },
  };
}

/** A post's URL on the site, absolute. */
export const absolutePostUrl = (siteUrl: string, post: Post): string =>
  absoluteEmailUrl(post.url, siteUrl) ?? siteUrl;
