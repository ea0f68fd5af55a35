// Ghost's markdown card, read without a markdown library (none is a dependency): the common
// block forms (paragraphs, ATX headings, lists, quotes, fences, rules, HTML blocks) and inline
// forms (emphasis, strong, strike, code, links, images). Anything else stays as its text.
import type { Block, HeadingLevel, InlineNode, ListItemNode } from '../../shared/richtext/index.js';
import { documentLimits, escapeHtml, sanitizeRawHtml } from '../../shared/richtext/index.js';
import type { GhostContext } from './ghost-context.js';
import { cleanText } from './ghost-context.js';
import type { InlineStyle } from './inline-builder.js';
import { InlineBuilder, plainStyle } from './inline-builder.js';

const headingLevels: Record<number, HeadingLevel> = { 1: 2, 2: 2, 3: 3, 4: 4, 5: 4, 6: 4 };

/** Code as sanitised `<pre><code>`; too long for raw HTML, as code-marked text. */
export function codeToBlocks(code: string, language: string): Block[] {
  const lang = language.replace(/[^A-Za-z0-9_+-]/g, '').slice(0, 40);
  const className = lang === '' ? '' : ` class="language-${lang}"`;
  const html = sanitizeRawHtml(`<pre><code${className}>${escapeHtml(code)}</code></pre>`);
  if (html.length <= documentLimits.maxRawHtmlLength) return [{ type: 'rawHtml', attrs: { html } }];
  const text = new InlineBuilder();
  text.text(code, { ...plainStyle, marks: new Set(['code']) });
  return [{ type: 'paragraph', content: text.build() }];
}

// One alternation, tried left to right: image, link, code, strong, strike, emphasis.
const INLINE =
  /!\[([^\]]*)\]\(([^)\s]+)(?:\s+"[^"]*")?\)|\[([^\]]+)\]\(([^)\s]+)(?:\s+"[^"]*")?\)|`([^`]+)`|\*\*(.+?)\*\*|__(.+?)__|~~(.+?)~~|\*([^*\s](?:.*?[^*\s])?)\*|(?<!\w)_([^_\s](?:.*?[^_\s])?)_(?!\w)/;

function withMark(style: InlineStyle, mark: 'bold' | 'italic' | 'strike' | 'code'): InlineStyle {
  return { ...style, marks: new Set([...style.marks, mark]) };
}

function inline(
  text: string,
  ctx: GhostContext,
  out: InlineBuilder,
  style: InlineStyle,
  depth: number,
): void {
  let rest = text;
  while (rest !== '') {
    const match = depth < 6 ? INLINE.exec(rest) : null;
    if (!match) {
      out.text(rest, style);
      return;
    }
    out.text(rest.slice(0, match.index), style);
    rest = rest.slice(match.index + match[0].length);
    const [, alt, src, label, href, code, strong, strong2, strike, em, em2] = match;
    if (src !== undefined) {
      ctx.drop('markdown', 'An image inside a paragraph was kept as its alt text');
      out.text(alt ?? '', style);
    } else if (label !== undefined) {
      const safe = ctx.linkHref(href);
      if (safe === undefined) {
        ctx.drop(
          'markdown',
          `Link to "${(href ?? '').slice(0, 200)}" is not a safe address; its text was kept`,
        );
      }
      inline(label, ctx, out, safe === undefined ? style : { ...style, href: safe }, depth + 1);
    } else if (code !== undefined) {
      out.text(code, withMark(style, 'code'));
    } else if (strong !== undefined || strong2 !== undefined) {
      inline(strong ?? strong2 ?? '', ctx, out, withMark(style, 'bold'), depth + 1);
    } else if (strike !== undefined) {
      inline(strike, ctx, out, withMark(style, 'strike'), depth + 1);
    } else {
      inline(em ?? em2 ?? '', ctx, out, withMark(style, 'italic'), depth + 1);
    }
  }
}

function inlineContent(lines: string[], ctx: GhostContext): InlineNode[] {
  const out = new InlineBuilder();
  lines.forEach((line, index) => {
    if (index > 0) {
      if (/ {2,}$/.test(lines[index - 1]!)) out.hardBreak();
      else out.text(' ');
    }
    // Long lines skip inline parsing: the lazy patterns would cost quadratic time on them.
    if (line.length > MAX_INLINE_LINE) out.text(line.trim());
    else inline(line.trim(), ctx, out, plainStyle, 0);
  });
  return out.build({ trim: true });
}

const MAX_INLINE_LINE = 2000;
const MAX_QUOTE_DEPTH = 10;
const LIST_ITEM = /^\s{0,3}([-*+]|\d{1,9}[.)])\s+(.*)$/;
const FENCE = /^\s{0,3}(```|~~~)\s*([\w+-]*)/;

export function markdownToBlocks(markdown: string, ctx: GhostContext, depth = 0): Block[] {
  const lines = cleanText(markdown).replace(/\r\n?/g, '\n').split('\n');
  const blocks: Block[] = [];
  let index = 0;
  const take = (isPart: (line: string) => boolean): string[] => {
    const taken: string[] = [];
    while (index < lines.length && isPart(lines[index]!)) taken.push(lines[index++]!);
    return taken;
  };
  while (index < lines.length) {
    const line = lines[index]!;
    const fence = FENCE.exec(line);
    const heading = /^\s{0,3}(#{1,6})\s+(.*?)\s*#*\s*$/.exec(line);
    if (line.trim() === '') {
      index += 1;
    } else if (fence) {
      index += 1;
      const code = take((next) => !next.trimStart().startsWith(fence[1]!));
      index += 1;
      blocks.push(...codeToBlocks(code.join('\n'), fence[2] ?? ''));
    } else if (heading) {
      index += 1;
      const content = inlineContent([heading[2]!], ctx);
      const level = headingLevels[heading[1]!.length] ?? 4;
      if (content.length > 0) blocks.push({ type: 'heading', attrs: { level }, content });
    } else if (/^\s{0,3}([-*_])(\s*\1){2,}\s*$/.test(line)) {
      index += 1;
      blocks.push({ type: 'horizontalRule' });
    } else if (/^\s{0,3}>/.test(line) && depth < MAX_QUOTE_DEPTH) {
      const quoted = take((next) => /^\s{0,3}>/.test(next)).map((next) =>
        next.replace(/^\s{0,3}>\s?/, ''),
      );
      const inner = markdownToBlocks(quoted.join('\n'), ctx, depth + 1).filter(
        (block) =>
          block.type === 'paragraph' ||
          block.type === 'heading' ||
          block.type === 'bulletList' ||
          block.type === 'orderedList',
      );
      if (inner.length > 0) blocks.push({ type: 'blockquote', content: inner });
    } else if (LIST_ITEM.test(line)) {
      const itemLines = take(
        (next) => next.trim() !== '' && (LIST_ITEM.test(next) || /^\s+\S/.test(next)),
      );
      blocks.push(list(itemLines, ctx));
    } else if (/^\s{0,3}<[A-Za-z!/]/.test(line)) {
      const html = sanitizeRawHtml(take((next) => next.trim() !== '').join('\n')).trim();
      if (html !== '' && html.length <= documentLimits.maxRawHtmlLength) {
        blocks.push({ type: 'rawHtml', attrs: { html } });
      } else if (html !== '') {
        ctx.drop('markdown', 'An HTML block was too long to keep');
      }
    } else {
      const paragraph = take(
        (next) =>
          next.trim() !== '' &&
          !FENCE.test(next) &&
          !/^\s{0,3}#{1,6}\s/.test(next) &&
          !(depth < MAX_QUOTE_DEPTH && /^\s{0,3}>/.test(next)),
      );
      if (paragraph.some((part) => /^\s*\|.*\|\s*$/.test(part))) {
        ctx.drop('markdown', 'A table was kept as plain text');
      }
      const content = inlineContent(paragraph, ctx);
      if (content.length > 0) blocks.push({ type: 'paragraph', content });
    }
  }
  return blocks;
}

/** A flat list (nesting by indentation is read as continuation text). */
function list(lines: string[], ctx: GhostContext): Block {
  const items: string[][] = [];
  for (const line of lines) {
    const match = LIST_ITEM.exec(line);
    if (match) items.push([match[2]!]);
    else items.at(-1)?.push(line.trim());
  }
  const content: ListItemNode[] = items.map((item) => {
    const inlineNodes = inlineContent(item, ctx);
    return {
      type: 'listItem',
      content: [
        inlineNodes.length > 0
          ? { type: 'paragraph', content: inlineNodes }
          : { type: 'paragraph' },
      ],
    };
  });
  const first = LIST_ITEM.exec(lines[0]!)?.[1] ?? '-';
  if (!/\d/.test(first)) return { type: 'bulletList', content };
  const start = Number.parseInt(first, 10);
  return start === 1 || !Number.isInteger(start) || start > 1_000_000
    ? { type: 'orderedList', content }
    : { type: 'orderedList', attrs: { start }, content };
}
