// The small HTML fragments inside Ghost cards (captions, callout text, toggle content, product
// descriptions, header text) as document content. Formatting, links, paragraphs, headings,
// lists and quotes are kept; anything else keeps its text and is reported once per card.
import { parseDocument } from 'htmlparser2';
import type {
  Block,
  BlockquoteChild,
  HeadingLevel,
  InlineNode,
  ListItemChild,
  ListNode,
  SimpleMarkType,
} from '../../shared/richtext/index.js';
import type { GhostContext } from './ghost-context.js';
import { MAX_INPUT_DEPTH, own } from './ghost-context.js';
import type { InlineStyle } from './inline-builder.js';
import { InlineBuilder, plainStyle } from './inline-builder.js';

/** Deepest list nesting we write; deeper items are lifted to this level (validator depth limit). */
export const MAX_LIST_LEVELS = 6;

type HtmlNode = {
  type: string;
  name?: string;
  data?: string;
  attribs?: Record<string, string>;
  children?: HtmlNode[];
};

const markTags: Record<string, SimpleMarkType> = {
  strong: 'bold',
  b: 'bold',
  em: 'italic',
  i: 'italic',
  s: 'strike',
  del: 'strike',
  strike: 'strike',
  code: 'code',
  kbd: 'code',
  sub: 'subscript',
  sup: 'superscript',
};
const headingLevels: Record<string, HeadingLevel> = { h1: 2, h2: 2, h3: 3, h4: 4, h5: 4, h6: 4 };
const skippedTags = new Set(['script', 'style', 'template', 'iframe', 'object', 'embed', 'form']);
const blockTags = new Set([
  'p',
  'div',
  'section',
  'article',
  'header',
  'footer',
  'figure',
  'figcaption',
  'table',
  'tr',
  'pre',
  'dl',
  'dt',
  'dd',
]);

function parse(html: string): HtmlNode[] {
  return (parseDocument(html, { decodeEntities: true }) as unknown as HtmlNode).children ?? [];
}

/** One line of inline content (captions): blocks are joined with hard breaks. */
export function htmlToInline(html: string, ctx: GhostContext, kind: string): InlineNode[] {
  const converter = new HtmlConverter(ctx, kind);
  const out = new InlineBuilder();
  converter.inline(parse(html), plainStyle, out, 0, true);
  converter.report();
  return out.build({ trim: true });
}

/** The fragment's plain text, whitespace collapsed (factBox titles, alt text). */
export function htmlToPlainText(html: string): string {
  const collect = (nodes: HtmlNode[], depth: number): string =>
    depth > MAX_INPUT_DEPTH
      ? ''
      : nodes
          .map((node) =>
            node.type === 'text'
              ? (node.data ?? '')
              : node.type === 'tag' && node.name === 'br'
                ? ' '
                : node.type === 'tag'
                  ? ` ${collect(node.children ?? [], depth + 1)} `
                  : '',
          )
          .join('');
  return collect(parse(html), 0).replace(/\s+/g, ' ').trim();
}

/** Block content (paragraphs, headings, lists, quotes) fit for a factBox or the body. */
export function htmlToBlocks(html: string, ctx: GhostContext, kind: string): Block[] {
  const converter = new HtmlConverter(ctx, kind);
  const blocks = converter.blocks(parse(html), 0, false) as Block[];
  converter.report();
  return blocks;
}

class HtmlConverter {
  private readonly lost = new Set<string>();

  constructor(
    private readonly ctx: GhostContext,
    private readonly kind: string,
  ) {}

  report(): void {
    if (this.lost.size > 0) {
      this.ctx.drop(this.kind, `HTML not carried over: ${[...this.lost].sort().join(', ')}`);
    }
  }

  /** Inline content; with `joinBlocks`, block elements are separated by hard breaks. */
  inline(
    nodes: HtmlNode[],
    style: InlineStyle,
    out: InlineBuilder,
    depth: number,
    joinBlocks: boolean,
  ): void {
    if (depth > MAX_INPUT_DEPTH) {
      this.lost.add('content nested too deeply');
      return;
    }
    for (const node of nodes) {
      if (node.type === 'text') {
        out.text((node.data ?? '').replace(/\s+/g, ' '), style);
        continue;
      }
      if (node.type !== 'tag') {
        if (node.type === 'script' || node.type === 'style') this.lost.add(`<${node.name}>`);
        continue;
      }
      const name = node.name ?? '';
      if (skippedTags.has(name)) {
        this.lost.add(`<${name}>`);
        continue;
      }
      if (name === 'br') {
        out.hardBreak();
        continue;
      }
      if (name === 'img') {
        this.lost.add('<img>');
        continue;
      }
      const isBlock =
        joinBlocks && (blockTags.has(name) || Object.hasOwn(headingLevels, name) || name === 'li');
      if (isBlock && !out.isEmpty) out.hardBreak();
      this.inline(node.children ?? [], this.styleOf(node, style), out, depth + 1, joinBlocks);
      if (isBlock) out.hardBreak();
      // Table cells keep a space between them ("Ward 1 52%", not "Ward 152%").
      else if (name === 'td' || name === 'th') out.text(' ', style);
    }
  }

  private styleOf(node: HtmlNode, style: InlineStyle): InlineStyle {
    const name = node.name ?? '';
    const mark = own(markTags, name);
    if (mark) return { ...style, marks: new Set([...style.marks, mark]) };
    if (name === 'a') {
      const raw = node.attribs?.href;
      const href = this.ctx.linkHref(raw);
      if (raw !== undefined && raw !== '' && href === undefined) this.lost.add('unsafe link');
      return href === undefined ? style : { ...style, href };
    }
    return style;
  }

  /** Block content; `inQuote` keeps to what a blockquote may hold. */
  blocks(nodes: HtmlNode[], depth: number, inQuote: boolean): (Block | BlockquoteChild)[] {
    const out: (Block | BlockquoteChild)[] = [];
    let pending = new InlineBuilder();
    const flush = () => {
      const content = pending.build({ trim: true });
      if (content.length > 0) out.push({ type: 'paragraph', content });
      pending = new InlineBuilder();
    };
    if (depth > MAX_INPUT_DEPTH) {
      this.lost.add('content nested too deeply');
      return out;
    }
    for (const node of nodes) {
      const name = node.type === 'tag' ? (node.name ?? '') : '';
      const children = node.children ?? [];
      const level = own(headingLevels, name);
      if (level !== undefined) {
        flush();
        const content = this.inlineOf(children, depth);
        if (content.length > 0) out.push({ type: 'heading', attrs: { level }, content });
      } else if (name === 'ul' || name === 'ol') {
        flush();
        const list = this.list(node, depth, 1);
        if (list) out.push(list);
      } else if (name === 'blockquote') {
        flush();
        if (inQuote) {
          out.push(...this.blocks(children, depth + 1, true));
        } else {
          const content = this.blocks(children, depth + 1, true) as BlockquoteChild[];
          if (content.length > 0) out.push({ type: 'blockquote', content });
        }
      } else if (name === 'hr' && !inQuote) {
        flush();
        out.push({ type: 'horizontalRule' });
      } else if (blockTags.has(name) || name === 'li') {
        flush();
        out.push(...this.blocks(children, depth + 1, inQuote));
      } else {
        this.inline([node], plainStyle, pending, depth + 1, false);
      }
    }
    flush();
    return out;
  }

  private inlineOf(nodes: HtmlNode[], depth: number): InlineNode[] {
    const builder = new InlineBuilder();
    this.inline(nodes, plainStyle, builder, depth + 1, true);
    return builder.build({ trim: true });
  }

  private list(node: HtmlNode, depth: number, level: number): ListNode | undefined {
    const items = [];
    for (const child of node.children ?? []) {
      if (child.type !== 'tag' || child.name !== 'li') continue;
      const text = new InlineBuilder();
      const nested: ListNode[] = [];
      for (const part of child.children ?? []) {
        if (part.type === 'tag' && (part.name === 'ul' || part.name === 'ol')) {
          if (level < MAX_LIST_LEVELS) {
            const list = this.list(part, depth + 1, level + 1);
            if (list) nested.push(list);
          } else {
            this.inline([part], plainStyle, text, depth + 1, true);
          }
        } else {
          this.inline([part], plainStyle, text, depth + 1, true);
        }
      }
      const content = text.build({ trim: true });
      const paragraph =
        content.length > 0
          ? { type: 'paragraph' as const, content }
          : { type: 'paragraph' as const };
      items.push({ type: 'listItem' as const, content: [paragraph, ...nested] as ListItemChild[] });
    }
    if (items.length === 0) return undefined;
    if (node.name === 'ul') return { type: 'bulletList', content: items };
    const start = Number.parseInt(node.attribs?.start ?? '', 10);
    return Number.isInteger(start) && start >= 0 && start <= 1_000_000 && start !== 1
      ? { type: 'orderedList', attrs: { start }, content: items }
      : { type: 'orderedList', content: items };
  }
}
