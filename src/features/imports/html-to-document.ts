// Imported HTML (Ghost HTML-only posts and cards, WordPress content) to the document model.
// Tolerant of whatever old editors wrote: text outside paragraphs, blocks inside inline
// elements, lists in lists without items. What the model cannot hold as nodes (tables,
// preformatted code) is kept as sanitised raw HTML; what it must not hold (scripts, forms,
// unknown frames) is left out with a line in the report.
import type {
  Block,
  HeadingLevel,
  InlineNode,
  ListItemChild,
  Mark,
} from '../../shared/richtext/index.js';
import { allowedChildren, documentLimits, sanitizeRawHtml } from '../../shared/richtext/index.js';
import type { BodyConversion, BodyConversionOptions } from './body-conversion.js';
import { DropLog, finishConversion } from './conversion-result.js';
import type { HtmlElement, HtmlNode } from './html-tree.js';
import { findAll, parseHtmlTree, serializeHtml, textContent } from './html-tree.js';
import {
  embedNode,
  figureImages,
  figureNode,
  imageAttrs,
  imagesToBlocks,
  imgSource,
  socialEmbedUrl,
} from './html-media.js';
import { importLinkHref, absoluteUrl } from './import-urls.js';
import {
  blockBoundaries,
  droppedElements,
  headingLevelOf,
  markOf,
  notMedia,
  rawHtmlElements,
  silentElements,
} from './html-element-kinds.js';
import { normalizeInline } from './inline-runs.js';

export function htmlToDocument(html: string, options: BodyConversionOptions): BodyConversion {
  const log = new DropLog();
  return finishConversion(htmlToBlocks(html, options, log), log);
}

/** The blocks alone, for converters that assemble a body from several pieces. */
export function htmlToBlocks(html: string, options: BodyConversionOptions, log: DropLog): Block[] {
  return new HtmlConverter(options.siteUrl, log).convert(parseHtmlTree(html));
}

type ContainerKind = keyof typeof allowedChildren;

interface Container {
  kind: ContainerKind;
  /** The container node's own depth in the document (the doc is 0). */
  depth: number;
  blocks: Block[];
  /** Inline content waiting to become a paragraph or heading. */
  run: InlineNode[];
  textBlock: 'paragraph' | HeadingLevel;
  /** Inside `<p>` or `<hN>`, a blank line is only whitespace; elsewhere it starts a paragraph. */
  isExplicit: boolean;
}

const newContainer = (kind: ContainerKind, depth: number): Container => ({
  kind,
  depth,
  blocks: [],
  run: [],
  textBlock: 'paragraph',
  isExplicit: false,
});

class HtmlConverter {
  /** Blocks the container they appeared in cannot hold; they follow its top-level block. */
  private hoisted: Block[] = [];

  constructor(
    private readonly siteUrl: string,
    private readonly log: DropLog,
  ) {}

  convert(root: HtmlElement): Block[] {
    const doc = newContainer('doc', 0);
    this.children(root, doc, []);
    this.flush(doc);
    this.drain(doc);
    return doc.blocks;
  }

  private children(element: HtmlElement, c: Container, marks: Mark[]): void {
    for (const child of element.children) this.visit(child, c, marks);
  }

  private visit(node: HtmlNode, c: Container, marks: Mark[]): void {
    if (node.kind === 'text') {
      this.text(node.text, c, marks);
      return;
    }
    this.element(node, c, marks);
    if (c.kind === 'doc') this.drain(c);
  }

  private text(text: string, c: Container, marks: Mark[]): void {
    const parts = c.isExplicit ? [text] : text.split(/\n[ \t\r\f]*\n/);
    parts.forEach((part, index) => {
      if (index > 0) this.flush(c);
      if (part !== '')
        c.run.push(
          marks.length ? { type: 'text', text: part, marks } : { type: 'text', text: part },
        );
    });
  }

  private element(el: HtmlElement, c: Container, marks: Mark[]): void {
    const { name } = el;
    const mark = markOf[name];
    if (mark !== undefined) {
      this.children(el, c, withMark(marks, { type: mark }));
      return;
    }
    const level = headingLevelOf[name];
    if (level !== undefined) {
      this.textBlock(el, c, marks, level);
      return;
    }
    const dropped = droppedElements[name];
    if (dropped !== undefined) {
      this.log.add(name, dropped);
      return;
    }
    if (silentElements.has(name)) return;
    if (rawHtmlElements.has(name)) {
      this.rawHtml(el, c);
      return;
    }
    switch (name) {
      case 'p':
        this.textBlock(el, c, marks, 'paragraph');
        return;
      case 'a':
        this.children(el, c, this.linkMarks(el, marks));
        return;
      case 'br':
        c.run.push(marks.length ? { type: 'hardBreak', marks } : { type: 'hardBreak' });
        return;
      case 'hr':
        this.emit({ type: 'horizontalRule' }, c);
        return;
      case 'img':
        this.image(el, c);
        return;
      case 'ul':
      case 'ol':
        this.list(el, c, marks);
        return;
      case 'blockquote':
        this.blockquote(el, c, marks);
        return;
      case 'figure':
        this.figure(el, c, marks);
        return;
      case 'iframe':
        this.iframe(el, c);
        return;
      default:
        if (blockBoundaries.has(name)) {
          this.flush(c);
          this.children(el, c, marks);
          this.flush(c);
          return;
        }
        // span, u, mark, small, font, abbr, cite and anything unknown: keep the content.
        this.children(el, c, marks);
    }
  }

  private linkMarks(el: HtmlElement, marks: Mark[]): Mark[] {
    const raw = el.attrs.href;
    if (raw === undefined || raw.trim() === '' || raw.trim().startsWith('#')) return marks;
    const href = importLinkHref(raw, this.siteUrl);
    if (href === undefined) {
      this.log.add('a', 'A link to an address Masthead cannot use was removed (its text is kept)');
      return marks;
    }
    return withMark(marks, { type: 'link', attrs: { href } });
  }

  private textBlock(
    el: HtmlElement,
    c: Container,
    marks: Mark[],
    as: Container['textBlock'],
  ): void {
    this.flush(c);
    const saved = { textBlock: c.textBlock, isExplicit: c.isExplicit };
    c.textBlock = as;
    c.isExplicit = true;
    this.children(el, c, marks);
    this.flush(c);
    c.textBlock = saved.textBlock;
    c.isExplicit = saved.isExplicit;
  }

  private image(el: HtmlElement, c: Container): void {
    this.flush(c);
    const attrs = imageAttrs(imgSource(el), this.siteUrl, this.log);
    if (attrs) this.emit(figureNode(attrs), c);
  }

  private figure(el: HtmlElement, c: Container, marks: Mark[]): void {
    this.flush(c);
    const imgs = findAll(el, 'img');
    if (imgs.length === 0 || findAll(el, ...notMedia).length > 0) {
      this.children(el, c, marks);
      this.flush(c);
      return;
    }
    const images = figureImages(el, this.siteUrl, this.log);
    for (const block of imagesToBlocks(images)) this.emit(block, c);
    const caption = el.children.find(
      (child) => child.kind === 'element' && child.name === 'figcaption',
    );
    // A gallery has no caption of its own: its caption stays as a paragraph under it.
    if (images.length !== 1 && caption) {
      this.text(textContent(caption), c, []);
      this.flush(c);
    }
  }

  private iframe(el: HtmlElement, c: Container): void {
    this.flush(c);
    const src = el.attrs.src ?? el.attrs['data-src'] ?? '';
    const embed = embedNode(src, this.siteUrl);
    if (embed) {
      this.emit(embed, c);
      return;
    }
    const host = hostOf(absoluteUrl(src, this.siteUrl));
    this.log.add(
      'iframe',
      host === undefined
        ? 'An embedded frame without a usable address was left out'
        : `An embedded frame from ${host} was left out: it is not a provider Masthead embeds`,
    );
  }

  private blockquote(el: HtmlElement, c: Container, marks: Mark[]): void {
    this.flush(c);
    const social = socialEmbedUrl(el);
    const embed = social === undefined ? undefined : embedNode(social, this.siteUrl);
    if (embed) {
      this.emit(embed, c);
      return;
    }
    const inner = newContainer('blockquote', c.depth + 1);
    this.children(el, inner, marks);
    this.flush(inner);
    if (inner.blocks.length > 0)
      this.emit({ type: 'blockquote', content: inner.blocks } as Block, c);
  }

  private list(el: HtmlElement, c: Container, marks: Mark[]): void {
    this.flush(c);
    const depth = c.depth + 1;
    // list > listItem > paragraph > text must fit under the depth limit; deeper lists flatten.
    if (depth + 3 > documentLimits.maxDepth) {
      this.children(el, c, marks);
      this.flush(c);
      return;
    }
    const items: Container[] = [];
    let item: Container | undefined;
    for (const child of el.children) {
      if (child.kind === 'element' && child.name === 'li') {
        item = newContainer('listItem', depth + 1);
        items.push(item);
        this.children(child, item, marks);
        this.flush(item);
        continue;
      }
      if (child.kind === 'text' && child.text.trim() === '') continue;
      // Stray content (a list written straight inside a list) joins the item before it.
      if (!item) {
        item = newContainer('listItem', depth + 1);
        items.push(item);
      }
      this.visit(child, item, marks);
    }
    const content = items.flatMap((each) => {
      this.flush(each);
      if (each.blocks.length === 0) return [];
      // The editor's list item starts with a paragraph.
      if (each.blocks[0]?.type !== 'paragraph') each.blocks.unshift({ type: 'paragraph' });
      return [{ type: 'listItem' as const, content: each.blocks as ListItemChild[] }];
    });
    if (content.length === 0) return;
    if (el.name === 'ul') {
      this.emit({ type: 'bulletList', content }, c);
      return;
    }
    const start = Number(el.attrs.start);
    const hasStart = Number.isInteger(start) && start >= 0 && start <= 1_000_000 && start !== 1;
    this.emit(
      hasStart
        ? { type: 'orderedList', attrs: { start }, content }
        : { type: 'orderedList', content },
      c,
    );
  }

  private rawHtml(el: HtmlElement, c: Container): void {
    this.flush(c);
    for (const link of findAll(el, 'a', 'img')) {
      const key = link.name === 'a' ? 'href' : 'src';
      const value = link.attrs[key];
      const url = value === undefined ? undefined : absoluteUrl(value, this.siteUrl);
      if (url !== undefined) link.attrs[key] = url;
    }
    // Twice: the sanitiser reorders attributes once, and the validator sanitises again on save.
    const html = sanitizeRawHtml(sanitizeRawHtml(serializeHtml(el))).trim();
    if (html === '') return;
    if (html.length > documentLimits.maxRawHtmlLength) {
      this.log.add(el.name, `A <${el.name}> too large to keep as HTML was left out`);
      return;
    }
    this.emit({ type: 'rawHtml', attrs: { html } }, c);
  }

  /** Turns the waiting inline run into a paragraph or heading. */
  private flush(c: Container): void {
    if (c.run.length === 0) return;
    const content = normalizeInline(c.run);
    c.run = [];
    if (content.length === 0) return;
    this.emit(
      c.textBlock === 'paragraph'
        ? { type: 'paragraph', content }
        : { type: 'heading', attrs: { level: c.textBlock }, content },
      c,
    );
  }

  private emit(block: Block, c: Container): void {
    if ((allowedChildren[c.kind] as readonly string[]).includes(block.type)) {
      // A block written inside a paragraph's inline element ends the text before it.
      if (c.run.length > 0 && block.type !== 'paragraph' && block.type !== 'heading') this.flush(c);
      c.blocks.push(block);
      if (c.kind === 'doc') this.drain(c);
      return;
    }
    if (block.type === 'heading') {
      c.blocks.push(
        block.content ? { type: 'paragraph', content: block.content } : { type: 'paragraph' },
      );
    } else if (block.type === 'blockquote') {
      for (const child of block.content) this.emit(child, c);
    } else {
      this.hoisted.push(block);
    }
  }

  private drain(doc: Container): void {
    if (this.hoisted.length === 0) return;
    const blocks = this.hoisted;
    this.hoisted = [];
    doc.blocks.push(...blocks);
  }
}

function withMark(marks: Mark[], mark: Mark): Mark[] {
  return [...marks.filter((each) => each.type !== mark.type), mark];
}

function hostOf(url: string | undefined): string | undefined {
  if (url === undefined) return undefined;
  try {
    return new URL(url).host || undefined;
  } catch {
    return undefined;
  }
}
