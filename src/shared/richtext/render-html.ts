// The article body as HTML for reader pages. Every text and attribute is escaped; URLs are
// re-checked even though the document was validated on save, and raw HTML is re-sanitised, so
// a stored document written under an older policy cannot inject markup.
import type { Block, Doc, ImageAttrs, ListItemNode, RelatedPostAttrs } from './document.js';
import { escapeHtml } from './escape-html.js';
import { createHeadingIdAllocator, headingText } from './heading-ids.js';
import { renderEmbedHtml } from './render-embed-html.js';
import type { LinkOptions } from './render-inline-html.js';
import { linkOpenTag, renderInlineHtml } from './render-inline-html.js';
import { isSafeImageSrc, isSafeLinkHref } from './safe-urls.js';
import { sanitizeRawHtml } from './sanitize-raw-html.js';

/** A related post as it is now (title and URL may have changed since it was linked). */
export type RelatedPostSummary = {
  title: string;
  url: string;
  imageUrl?: string | null;
  imageAlt?: string;
  dek?: string;
};

/** Overrides for an image, e.g. a resized variant and srcset from the media library. */
export type ImageRenderAttrs = {
  src?: string;
  srcset?: string;
  sizes?: string;
  width?: number;
  height?: number;
};

export type RenderHtmlContext = LinkOptions & {
  related?: (postId: string) => RelatedPostSummary | undefined;
  imageAttrs?: (image: ImageAttrs) => ImageRenderAttrs | undefined;
};

type State = RenderHtmlContext & { headingId: (text: string) => string };

export function renderHtml(doc: Doc, ctx: RenderHtmlContext = {}): string {
  const state: State = { ...ctx, headingId: createHeadingIdAllocator() };
  return renderBlocks(doc.content, state);
}

function renderBlocks(blocks: readonly (Block | ListItemNode)[], state: State): string {
  return blocks.map((block) => renderBlock(block, state)).join('');
}

function renderBlock(block: Block | ListItemNode, state: State): string {
  switch (block.type) {
    case 'paragraph':
      return `<p>${renderInlineHtml(block.content, state)}</p>`;
    case 'heading': {
      const { level } = block.attrs;
      const id = escapeHtml(state.headingId(headingText(block)));
      return `<h${level} id="${id}">${renderInlineHtml(block.content, state)}</h${level}>`;
    }
    case 'bulletList':
      return `<ul>${renderBlocks(block.content, state)}</ul>`;
    case 'orderedList': {
      const start = block.attrs?.start;
      const startAttr = start === undefined || start === 1 ? '' : ` start="${start}"`;
      return `<ol${startAttr}>${renderBlocks(block.content, state)}</ol>`;
    }
    case 'listItem':
      return `<li>${renderBlocks(block.content, state)}</li>`;
    case 'blockquote':
      return `<blockquote>${renderBlocks(block.content, state)}</blockquote>`;
    case 'pullQuote': {
      const { text, attribution } = block.attrs;
      const caption = attribution ? `<figcaption>${escapeHtml(attribution)}</figcaption>` : '';
      return `<figure class="pull-quote"><blockquote><p>${escapeHtml(text)}</p></blockquote>${caption}</figure>`;
    }
    case 'figure':
      return renderFigure(block.attrs, state);
    case 'gallery': {
      const figures = block.attrs.images.map((image) => renderFigure(image, state)).join('');
      return figures && `<div class="gallery">${figures}</div>`;
    }
    case 'embed':
      return renderEmbedHtml(block.attrs);
    case 'relatedPost':
      return renderRelatedPost(block.attrs, state);
    case 'factBox': {
      const { title } = block.attrs;
      const heading = title ? `<p class="fact-box__title">${escapeHtml(title)}</p>` : '';
      return `<aside class="fact-box">${heading}${renderBlocks(block.content, state)}</aside>`;
    }
    case 'horizontalRule':
      return '<hr>';
    case 'rawHtml':
      return sanitizeRawHtml(block.attrs.html);
  }
}

function renderFigure(image: ImageAttrs, state: State): string {
  const img = renderImg(image, state);
  if (!img) return '';
  const caption = image.caption ? escapeHtml(image.caption) : '';
  const credit = image.credit ? `<span class="credit">${escapeHtml(image.credit)}</span>` : '';
  const figcaption =
    caption || credit
      ? `<figcaption>${[caption, credit].filter(Boolean).join(' ')}</figcaption>`
      : '';
  return `<figure>${img}${figcaption}</figure>`;
}

function renderImg(image: ImageAttrs, state: State): string {
  const override = state.imageAttrs?.(image) ?? {};
  const src = override.src ?? image.src;
  if (!isSafeImageSrc(src)) return '';
  const width = override.width ?? image.width;
  const height = override.height ?? image.height;
  const attrs = [
    `src="${escapeHtml(src)}"`,
    override.srcset === undefined ? '' : `srcset="${escapeHtml(override.srcset)}"`,
    override.sizes === undefined ? '' : `sizes="${escapeHtml(override.sizes)}"`,
    `alt="${escapeHtml(image.alt)}"`,
    dimension('width', width),
    dimension('height', height),
    'loading="lazy"',
    'decoding="async"',
  ];
  return `<img ${attrs.filter(Boolean).join(' ')}>`;
}

function dimension(name: string, value: number | undefined): string {
  return value !== undefined && Number.isFinite(value) ? `${name}="${Math.round(value)}"` : '';
}

function renderRelatedPost({ postId }: RelatedPostAttrs, state: State): string {
  const post = state.related?.(postId);
  // Unknown, deleted or unpublished posts simply drop out of the article.
  if (!post || !isSafeLinkHref(post.url)) return '';
  const image =
    post.imageUrl && isSafeImageSrc(post.imageUrl)
      ? `<img class="related-card__image" src="${escapeHtml(post.imageUrl)}" alt="${escapeHtml(post.imageAlt ?? '')}" loading="lazy" decoding="async">`
      : '';
  const dek = post.dek ? `<span class="related-card__dek">${escapeHtml(post.dek)}</span>` : '';
  return (
    `<aside class="related-card">${linkOpenTag(post.url, state)}${image}` +
    `<span class="related-card__title">${escapeHtml(post.title)}</span>${dek}</a></aside>`
  );
}
