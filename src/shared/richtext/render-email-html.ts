// The article body as HTML for email. Same document, different reader: mail clients run no
// script, load no frames, resolve no relative URL and ignore much of CSS, so embeds become linked
// cards, every link and image is absolute, images carry their display size as attributes (Outlook
// reads those, not CSS) and never exceed the column. Everything is escaped; URLs are re-checked.
// Raw HTML blocks are left out: they are page layout written for the site, not for mail clients.
import type { Block, Doc, ImageAttrs, InlineNode, ListItemNode } from './document.js';
import { embedFrame, embedProviderLabels } from './embed-providers.js';
import { escapeHtml } from './escape-html.js';
import type { ImageRenderAttrs, RelatedPostSummary } from './render-html.js';
import { renderInlineHtml } from './render-inline-html.js';
import { isHttpUrl, isSafeImageSrc, isSafeLinkHref, isSitePath, parseUrl } from './safe-urls.js';

export type RenderEmailHtmlContext = {
  /** The site's public base URL (e.g. `https://news.example`); site paths become absolute on it. */
  siteUrl: string;
  /** The widest an image is shown: the email's content column. Default 600. */
  maxImageWidth?: number;
  related?: (postId: string) => RelatedPostSummary | undefined;
  /** Overrides for an image, e.g. a resized copy from the media library and its real size. */
  imageAttrs?: (image: ImageAttrs) => ImageRenderAttrs | undefined;
};

type State = { siteUrl: string; maxWidth: number } & Pick<
  RenderEmailHtmlContext,
  'related' | 'imageAttrs'
>;

/** `style` every email image gets: shrinks with a narrow screen, keeps its aspect ratio. */
export const emailImageStyle = 'display:block;max-width:100%;height:auto;border:0;outline:none';

export function renderEmailHtml(doc: Doc, ctx: RenderEmailHtmlContext): string {
  const state: State = {
    siteUrl: ctx.siteUrl.replace(/\/+$/, ''),
    maxWidth: ctx.maxImageWidth ?? 600,
    related: ctx.related,
    imageAttrs: ctx.imageAttrs,
  };
  return renderBlocks(doc.content, state);
}

/**
 * A link or image URL as a mail client needs it: site paths joined to the site's URL, absolute
 * http(s) (and, for links, mailto:) kept; anything else is undefined and dropped.
 */
export function absoluteEmailUrl(
  value: string,
  siteUrl: string,
  kind: 'link' | 'image' = 'link',
): string | undefined {
  if (isSitePath(value)) return `${siteUrl.replace(/\/+$/, '')}${value}`;
  if (isHttpUrl(value)) return value;
  return kind === 'link' && isSafeLinkHref(value) ? value : undefined;
}

/** Width and height attributes for an image shown at most `max` wide, scaled together. */
export function emailImageSize(
  width: number | undefined,
  height: number | undefined,
  max: number,
): { width: number; height?: number } {
  if (width === undefined || !Number.isFinite(width) || width <= 0) return { width: max };
  const shown = Math.min(Math.round(width), max);
  if (height === undefined || !Number.isFinite(height) || height <= 0) return { width: shown };
  return { width: shown, height: Math.round((height * shown) / width) };
}

/** An `<img>` for email: absolute src, alt always present, sized attributes, fluid style. */
export function emailImg(options: {
  src: string;
  alt: string;
  width: number;
  height?: number | undefined;
  className?: string;
}): string {
  const attrs = [
    options.className ? `class="${escapeHtml(options.className)}"` : '',
    `src="${escapeHtml(options.src)}"`,
    `alt="${escapeHtml(options.alt)}"`,
    `width="${options.width}"`,
    options.height === undefined ? '' : `height="${options.height}"`,
    `style="${emailImageStyle}"`,
  ];
  return `<img ${attrs.filter(Boolean).join(' ')}>`;
}

function renderBlocks(blocks: readonly (Block | ListItemNode)[], state: State): string {
  return blocks.map((block) => renderBlock(block, state)).join('');
}

function inline(content: readonly InlineNode[] | undefined, state: State): string {
  return renderInlineHtml(absoluteLinks(content, state.siteUrl), { siteOrigin: state.siteUrl });
}

/** The same inline nodes with every link's href made absolute (unsafe ones left to be dropped). */
function absoluteLinks(
  content: readonly InlineNode[] | undefined,
  siteUrl: string,
): InlineNode[] | undefined {
  return content?.map((node) => {
    if (!node.marks?.some((mark) => mark.type === 'link')) return node;
    return {
      ...node,
      marks: node.marks.map((mark) =>
        mark.type === 'link'
          ? {
              type: 'link',
              attrs: { href: absoluteEmailUrl(mark.attrs.href, siteUrl) ?? mark.attrs.href },
            }
          : mark,
      ),
    };
  });
}

function renderBlock(block: Block | ListItemNode, state: State): string {
  switch (block.type) {
    case 'paragraph':
      return `<p>${inline(block.content, state)}</p>`;
    case 'heading': {
      const { level } = block.attrs;
      return `<h${level}>${inline(block.content, state)}</h${level}>`;
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
      const by = attribution ? `<p class="pull-quote__by">— ${escapeHtml(attribution)}</p>` : '';
      return `<blockquote class="pull-quote"><p>${escapeHtml(text)}</p>${by}</blockquote>`;
    }
    case 'figure':
      return renderFigure(block.attrs, state);
    case 'gallery':
      return block.attrs.images.map((image) => renderFigure(image, state)).join('');
    case 'embed':
      return renderEmbedCard(block.attrs, state);
    case 'relatedPost':
      return renderRelatedPost(block.attrs.postId, state);
    case 'factBox': {
      const { title } = block.attrs;
      const heading = title ? `<p class="fact-box__title">${escapeHtml(title)}</p>` : '';
      return `<div class="fact-box">${heading}${renderBlocks(block.content, state)}</div>`;
    }
    case 'horizontalRule':
      return '<hr>';
    case 'rawHtml':
      return '';
  }
}

function renderFigure(image: ImageAttrs, state: State): string {
  const override = state.imageAttrs?.(image) ?? {};
  const src = absoluteEmailUrl(override.src ?? image.src, state.siteUrl, 'image');
  if (src === undefined || !isSafeImageSrc(src)) return '';
  const size = emailImageSize(
    override.width ?? image.width,
    override.height ?? image.height,
    state.maxWidth,
  );
  const caption = image.caption?.trim() ? escapeHtml(image.caption.trim()) : '';
  const credit = image.credit?.trim()
    ? `<span class="credit">(${escapeHtml(image.credit.trim())})</span>`
    : '';
  const figcaption =
    caption || credit
      ? `<p class="caption">${[caption, credit].filter(Boolean).join(' ')}</p>`
      : '';
  return `<div class="figure">${emailImg({ src, alt: image.alt, ...size })}${figcaption}</div>`;
}

/** Video and social posts as a card linking to them: a thumbnail when known, title, where it goes. */
function renderEmbedCard(attrs: Extract<Block, { type: 'embed' }>['attrs'], state: State): string {
  if (!isHttpUrl(attrs.url)) return '';
  const label = embedProviderLabels[attrs.provider];
  const action = embedFrame(attrs.provider, attrs.url)?.isVideo ? 'Watch' : 'View';
  const thumbnailSrc = attrs.thumbnailUrl
    ? absoluteEmailUrl(attrs.thumbnailUrl, state.siteUrl, 'image')
    : undefined;
  // The link's text names it, so the thumbnail is decorative (empty alt, still present).
  const thumbnail = thumbnailSrc
    ? emailImg({
        src: thumbnailSrc,
        alt: '',
        width: state.maxWidth,
        className: 'embed-card__thumbnail',
      })
    : '';
  const title = escapeHtml(attrs.title ?? `${action} on ${label}`);
  return (
    `<div class="embed-card"><a class="embed-card__link" href="${escapeHtml(attrs.url)}">` +
    thumbnail +
    `<span class="embed-card__title">${title}</span>` +
    `<span class="embed-card__meta">${action} on ${escapeHtml(label)} · ${escapeHtml(displayUrl(attrs.url))}</span>` +
    `</a></div>`
  );
}

function renderRelatedPost(postId: string, state: State): string {
  const post = state.related?.(postId);
  const url = post ? absoluteEmailUrl(post.url, state.siteUrl) : undefined;
  // Unknown, deleted or unpublished posts simply drop out, as on the site.
  if (!post || url === undefined) return '';
  const dek = post.dek ? `<p class="related-card__dek">${escapeHtml(post.dek)}</p>` : '';
  return (
    `<div class="related-card"><p class="related-card__label">Related</p>` +
    `<p class="related-card__title"><a href="${escapeHtml(url)}">${escapeHtml(post.title)}</a></p>${dek}</div>`
  );
}

/** `www.instagram.com/p/abc`: enough for a reader to judge where the link goes. */
function displayUrl(value: string): string {
  const url = parseUrl(value);
  if (!url) return value;
  const path = url.pathname === '/' ? '' : url.pathname;
  return `${url.hostname}${path}`;
}
