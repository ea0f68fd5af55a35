// WordPress post content (Gutenberg blocks or classic HTML with shortcodes) to the document
// model. Blocks whose saved HTML says it all go through the HTML converter; layout blocks
// (columns, groups, covers) are flattened into their content; embeds, galleries, pull quotes
// and raw HTML blocks are read from their attributes.
import type { Block } from '../../shared/richtext/index.js';
import { findAll, findFirst, parseHtmlTree, textContent } from './html-tree.js';
import { sanitizeRawHtml, documentLimits } from '../../shared/richtext/index.js';
import type { BodyConversion, BodyConversionOptions } from './body-conversion.js';
import { DropLog, finishConversion } from './conversion-result.js';
import { embedNode, figureNode, imageAttrs, imagesToBlocks } from './html-media.js';
import { htmlToBlocks } from './html-to-document.js';
import { plainLine } from './inline-runs.js';
import { autop } from './wordpress-autop.js';
import type { WpBlock } from './wordpress-block-parser.js';
import { blockHtml, parseBlocks } from './wordpress-block-parser.js';
import type { ShortcodeOptions } from './wordpress-shortcodes.js';
import { expandShortcodes } from './wordpress-shortcodes.js';

export interface WordPressConversionOptions extends BodyConversionOptions, ShortcodeOptions {}

export function wordpressToDocument(
  content: string,
  options: WordPressConversionOptions,
): BodyConversion {
  const log = new DropLog();
  const parsed = parseBlocks(content);
  const blocks = parsed.some((block) => block.name !== null)
    ? new BlockConverter(options, log).blocks(parsed)
    : htmlToBlocks(autop(expandShortcodes(content, options, log)), options, log);
  return finishConversion(blocks, log);
}

/** Blocks whose saved HTML is all there is to them. */
const htmlBlocks = new Set([
  'paragraph',
  'heading',
  'list',
  'list-item',
  'quote',
  'image',
  'table',
  'verse',
  'file',
  'audio',
  'video',
  'details',
  'buttons',
  'button',
  'freeform',
  'shortcode',
  'missing',
]);

/** Layout blocks: only their content counts. */
const layoutBlocks = new Set(['columns', 'column', 'group', 'row', 'stack', 'cover', 'media-text']);

/** Blocks with nothing a reader would miss in an article body. */
const silentBlocks = new Set(['spacer', 'more', 'nextpage']);

class BlockConverter {
  constructor(
    private readonly options: WordPressConversionOptions,
    private readonly log: DropLog,
  ) {}

  blocks(list: WpBlock[]): Block[] {
    return list.flatMap((block) => this.block(block));
  }

  private html(html: string, hasShortcodes = true): Block[] {
    if (html.trim() === '') return [];
    const expanded = hasShortcodes ? expandShortcodes(html, this.options, this.log) : html;
    return htmlToBlocks(expanded, this.options, this.log);
  }

  private block(block: WpBlock): Block[] {
    if (block.name === null) return this.html(block.innerContent.join(''));
    const [namespace, name = ''] = block.name.split('/');
    if (namespace === 'core-embed') return this.embed(block, name);
    if (namespace !== 'core') return this.unknown(block);
    if (silentBlocks.has(name)) return [];
    if (htmlBlocks.has(name)) return this.html(blockHtml(block));
    if (layoutBlocks.has(name)) return this.layout(block);
    switch (name) {
      case 'separator':
        return [{ type: 'horizontalRule' }];
      case 'embed':
        return this.embed(
          block,
          typeof block.attrs.providerNameSlug === 'string' ? block.attrs.providerNameSlug : '',
        );
      case 'gallery':
        return this.gallery(block);
      case 'pullquote':
        return this.pullQuote(block);
      case 'code':
      case 'preformatted':
        return this.html(blockHtml(block), false);
      case 'html':
        return this.rawHtml(block);
      default:
        return this.unknown(block);
    }
  }

  /** The wrapper's own HTML (a cover's image, a media-text's media) and each inner block. */
  private layout(block: WpBlock): Block[] {
    const out: Block[] = [];
    let pending = '';
    let inner = 0;
    const flushHtml = () => {
      out.push(...this.html(pending));
      pending = '';
    };
    for (const piece of block.innerContent) {
      if (piece !== null) {
        pending += piece;
        continue;
      }
      flushHtml();
      const child = block.innerBlocks[inner];
      inner += 1;
      if (child) out.push(...this.block(child));
    }
    flushHtml();
    // Older covers keep their image as a CSS background, known only from the attributes. A
    // cover or media-text whose media is a video has no image to show (the video itself is
    // reported by the HTML converter or here).
    const isVideo = block.attrs.backgroundType === 'video' || block.attrs.mediaType === 'video';
    const url =
      block.name === 'core/cover'
        ? block.attrs.url
        : block.name === 'core/media-text'
          ? block.attrs.mediaUrl
          : undefined;
    if (isVideo && typeof url === 'string' && !blockHtml(block).includes('<video'))
      this.log.add('video', 'Video players are not carried over; add the video again as an embed');
    if (!isVideo && typeof url === 'string' && !out.some((each) => each.type === 'figure')) {
      const alt = typeof block.attrs.alt === 'string' ? block.attrs.alt : '';
      const attrs = imageAttrs({ src: url, alt }, this.options.siteUrl, this.log);
      if (attrs) out.unshift(figureNode(attrs));
    }
    return out;
  }

  private embed(block: WpBlock, provider: string): Block[] {
    const tree = parseHtmlTree(blockHtml(block));
    const url =
      typeof block.attrs.url === 'string'
        ? block.attrs.url
        : plainLine(textContent(tree, ['figcaption']), documentLimits.maxUrlLength);
    const caption = findFirst(tree, 'figcaption');
    const captionBlocks = caption ? this.html(`<p>${escapeText(textContent(caption))}</p>`) : [];
    const embed = embedNode(url, this.options.siteUrl);
    if (embed) return [embed, ...captionBlocks];
    this.log.add(
      block.name ?? 'embed',
      `An embed${provider ? ` from ${provider}` : ''} that Masthead does not support was kept as a link`,
    );
    const link = /^https?:\/\//i.test(url)
      ? this.html(`<p><a href="${escapeAttr(url)}">${escapeText(url)}</a></p>`)
      : [];
    return [...link, ...captionBlocks];
  }

  private gallery(block: WpBlock): Block[] {
    const html = blockHtml(block);
    if (findAll(parseHtmlTree(html), 'img').length > 0) return this.html(html);
    // A gallery saved before its images were written out: only attachment ids remain.
    const ids = Array.isArray(block.attrs.ids) ? block.attrs.ids : [];
    const images = ids.flatMap((id) => {
      const src = typeof id === 'number' ? this.options.attachmentUrl?.(id) : undefined;
      return src === undefined ? [] : (imageAttrs({ src }, this.options.siteUrl, this.log) ?? []);
    });
    if (images.length === 0) {
      this.log.add('core/gallery', 'A gallery without images in the export was left out');
      return [];
    }
    return imagesToBlocks(images);
  }

  private pullQuote(block: WpBlock): Block[] {
    const html = blockHtml(block);
    const tree = parseHtmlTree(html);
    const quote = findFirst(tree, 'blockquote') ?? tree;
    const cite = findFirst(quote, 'cite');
    const text = plainLine(textContent(quote, ['cite']), 10_000);
    const attribution = cite ? plainLine(textContent(cite), 500) : '';
    if (text === '' || text.length > 2000) return this.html(html);
    return [
      {
        type: 'pullQuote',
        attrs: attribution === '' ? { text } : { text, attribution },
      },
    ];
  }

  private rawHtml(block: WpBlock): Block[] {
    const html = blockHtml(block);
    const tree = parseHtmlTree(html);
    const removed = findAll(
      tree,
      'script',
      'style',
      'iframe',
      'form',
      'object',
      'embed',
      'video',
      'audio',
    );
    if (removed.length > 0) {
      const names = [...new Set(removed.map((each) => `<${each.name}>`))].join(', ');
      this.log.add('core/html', `A custom HTML block lost what raw HTML may not hold: ${names}`);
    }
    const clean = sanitizeRawHtml(sanitizeRawHtml(html)).trim();
    if (clean === '') return [];
    if (clean.length > documentLimits.maxRawHtmlLength) {
      this.log.add('core/html', 'A custom HTML block too large to keep was left out');
      return [];
    }
    return [{ type: 'rawHtml', attrs: { html: clean } }];
  }

  private unknown(block: WpBlock): Block[] {
    const name = block.name ?? 'block';
    const html = blockHtml(block);
    if (html.trim() === '') {
      this.log.add(
        name,
        `The block "${name}" is built by WordPress when a page is shown and has no stored content; it was left out`,
      );
      return [];
    }
    this.log.add(
      name,
      `The block "${name}" is not one Masthead knows; its saved HTML was converted as it is`,
    );
    return this.layout(block);
  }
}

const escapeAttr = (value: string) => value.replace(/&/g, '&amp;').replace(/"/g, '&quot;');
const escapeText = (value: string) =>
  value.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
