// Ghost's text cards: callout, toggle, button, header, product, code, markdown and HTML.
import type { Block, FactBoxChild } from '../../shared/richtext/index.js';
import { documentLimits, sanitizeRawHtml } from '../../shared/richtext/index.js';
import { htmlToBlocks, htmlToInline } from './card-html.js';
import type { CardHandler } from './ghost-card-support.js';
import {
  captionParagraph,
  isShownOnWeb,
  linkParagraph,
  paragraph,
  plainField,
  positiveDimension,
} from './ghost-card-support.js';
import { cleanText, stringField } from './ghost-context.js';
import { codeToBlocks, markdownToBlocks } from './ghost-markdown.js';

/** What a factBox may hold; anything else the HTML gave becomes its text. */
function factBoxContent(blocks: Block[]): FactBoxChild[] {
  const content = blocks.filter((block): block is FactBoxChild =>
    [
      'paragraph',
      'heading',
      'bulletList',
      'orderedList',
      'blockquote',
      'figure',
      'horizontalRule',
    ].includes(block.type),
  );
  return content.length > 0 ? content : [{ type: 'paragraph' }];
}

/** A callout is a boxed aside: a factBox, its emoji kept at the start of the text. */
const callout: CardHandler = (node, ctx) => {
  const blocks = htmlToBlocks(stringField(node.calloutText), ctx, 'callout');
  const emoji = cleanText(stringField(node.calloutEmoji)).trim();
  const first = blocks[0];
  if (emoji !== '' && first?.type === 'paragraph') {
    first.content = [{ type: 'text', text: `${emoji} ` }, ...(first.content ?? [])];
  } else if (emoji !== '') {
    blocks.unshift(paragraph([{ type: 'text', text: emoji }]));
  }
  if (blocks.length === 0) return [];
  return [{ type: 'factBox', attrs: {}, content: factBoxContent(blocks) }];
};

/** A toggle (collapsible) is shown open: a factBox titled with its heading. */
const toggle: CardHandler = (node, ctx) => {
  const heading = htmlToInline(stringField(node.heading), ctx, 'toggle');
  const title = heading
    .map((part) => (part.type === 'text' ? part.text : ' '))
    .join('')
    .trim();
  const blocks = htmlToBlocks(stringField(node.content), ctx, 'toggle');
  if (title === '' && blocks.length === 0) return [];
  if (title.length <= 500 && title !== '') {
    return [{ type: 'factBox', attrs: { title }, content: factBoxContent(blocks) }];
  }
  const head: Block[] =
    heading.length > 0 ? [{ type: 'heading', attrs: { level: 3 }, content: heading }] : [];
  return [{ type: 'factBox', attrs: {}, content: factBoxContent([...head, ...blocks]) }];
};

const button: CardHandler = (node, ctx) => {
  const label = plainField(ctx, 'button', 'Label', node.buttonText, 2000);
  const link = linkParagraph(ctx, 'button', node.buttonUrl, label);
  if (!link) ctx.drop('button', 'Button without a label or address');
  return link ? [link] : [];
};

/** A header card: its title as a heading, the subtitle and the button as paragraphs. */
const header: CardHandler = (node, ctx) => {
  const blocks: Block[] = [];
  const title = htmlToInline(stringField(node.header), ctx, 'header');
  if (title.length > 0) blocks.push({ type: 'heading', attrs: { level: 2 }, content: title });
  const subtitle = htmlToInline(stringField(node.subheader), ctx, 'header');
  if (subtitle.length > 0) blocks.push(paragraph(subtitle));
  if (node.buttonEnabled === true && stringField(node.buttonUrl) !== '') {
    const label = plainField(ctx, 'header', 'Button label', node.buttonText, 2000);
    const link = linkParagraph(ctx, 'header', node.buttonUrl, label);
    if (link) blocks.push(link);
  }
  if (stringField(node.backgroundImageSrc) !== '') {
    ctx.drop('header', 'The header’s background image is not carried over');
  }
  return blocks;
};

/** A product card: a factBox with the image, description, rating and button. */
const product: CardHandler = (node, ctx) => {
  const title = plainField(ctx, 'product', 'Title', node.productTitle, 500, true);
  const content: Block[] = [];
  const src = stringField(node.productImageSrc);
  if (src !== '') {
    const image = ctx.imageSrc(src);
    if (image === undefined) ctx.drop('product', 'Product image address is not usable');
    else {
      const width = positiveDimension(node.productImageWidth);
      const height = positiveDimension(node.productImageHeight);
      content.push({
        type: 'figure',
        attrs: {
          src: image,
          alt: title.slice(0, 1000),
          ...(width === undefined ? {} : { width }),
          ...(height === undefined ? {} : { height }),
        },
      });
    }
  }
  content.push(...htmlToBlocks(stringField(node.productDescription), ctx, 'product'));
  const stars = Number(node.productStarRating);
  if (node.productRatingEnabled === true && Number.isFinite(stars)) {
    const rating = Math.max(0, Math.min(5, Math.round(stars)));
    content.push(paragraph([{ type: 'text', text: `Rating: ${rating} out of 5` }]));
  }
  if (node.productButtonEnabled === true) {
    const label = plainField(ctx, 'product', 'Button label', node.productButton, 2000);
    const link = linkParagraph(ctx, 'product', node.productUrl, label);
    if (link) content.push(link);
  }
  if (title === '' && content.length === 0) return [];
  return [
    { type: 'factBox', attrs: title === '' ? {} : { title }, content: factBoxContent(content) },
  ];
};

/**
 * Masthead has no code-block node: code becomes sanitised `<pre><code>` raw HTML; code too long
 * for a raw HTML block becomes code-marked paragraphs.
 */
const codeblock: CardHandler = (node, ctx) => {
  const code = cleanText(stringField(node.code));
  const caption = captionParagraph(node.caption, ctx, 'codeblock');
  if (code.trim() === '') return caption;
  return [...codeToBlocks(code, stringField(node.language)), ...caption];
};

const markdown: CardHandler = (node, ctx) => markdownToBlocks(stringField(node.markdown), ctx);

// Tags the sanitiser removes whose loss a reader would notice; named in the report.
const REMOVED_TAGS =
  /<\s*(script|iframe|style|form|input|button|video|audio|object|embed|svg|canvas)\b/gi;

/** An HTML card: sanitised raw HTML. Web-hidden (email-only) cards are left out. */
const html: CardHandler = (node, ctx) => {
  if (!isShownOnWeb(node, ctx)) return [];
  const source = stringField(node.html);
  const removed = new Set(
    [...source.matchAll(REMOVED_TAGS)].map((match) => match[1]!.toLowerCase()),
  );
  const clean = sanitizeRawHtml(source).trim();
  if (removed.size > 0) {
    ctx.drop(
      'html',
      `Removed by the sanitiser: ${[...removed]
        .sort()
        .map((tag) => `<${tag}>`)
        .join(', ')}`,
    );
  }
  if (clean === '') {
    if (source.trim() !== '') ctx.drop('html', 'Nothing was left after sanitising');
    return [];
  }
  if (clean.length > documentLimits.maxRawHtmlLength) {
    ctx.drop('html', `Longer than ${documentLimits.maxRawHtmlLength} characters after sanitising`);
    return [];
  }
  return [{ type: 'rawHtml', attrs: { html: clean } }];
};

export const textCards: Record<string, CardHandler> = {
  callout,
  toggle,
  button,
  header,
  product,
  codeblock,
  markdown,
  html,
};
