// Lexical's inline nodes (text with its format bit set, links, line breaks, Ghost's extras)
// as document inline content.
import type { InlineNode, SimpleMarkType } from '../../shared/richtext/index.js';
import type { GhostContext } from './ghost-context.js';
import { isRecord, MAX_INPUT_DEPTH, stringField } from './ghost-context.js';
import type { InlineStyle } from './inline-builder.js';
import { InlineBuilder, plainStyle } from './inline-builder.js';

// Lexical's TextNode format bits (Ghost's kg-converters use the same values). Underline (8) and
// highlight (128) have no mark in Masthead: the text is kept without them.
const formatBits: readonly [number, SimpleMarkType][] = [
  [1, 'bold'],
  [2, 'italic'],
  [4, 'strike'],
  [16, 'code'],
  [32, 'subscript'],
  [64, 'superscript'],
];

const textTypes = new Set(['text', 'extended-text', 'hashtag', 'emoji', 'tab']);
const linkTypes = new Set(['link', 'autolink', 'at-link']);
const transparentTypes = new Set(['tk', 'at-link-search']);

export const inlineTypes = new Set([
  ...textTypes,
  ...linkTypes,
  ...transparentTypes,
  'linebreak',
  'zwnj',
]);

export function isInlineNode(node: unknown): boolean {
  return isRecord(node) && typeof node.type === 'string' && inlineTypes.has(node.type);
}

function styleOfFormat(format: unknown, style: InlineStyle): InlineStyle {
  if (typeof format !== 'number' || !Number.isInteger(format) || format <= 0) return style;
  const marks = new Set(style.marks);
  for (const [bit, mark] of formatBits) if ((format & bit) !== 0) marks.add(mark);
  return { ...style, marks };
}

/** Converts Lexical inline children into `out`. */
export function convertInline(
  nodes: unknown,
  ctx: GhostContext,
  out: InlineBuilder,
  style: InlineStyle,
  depth: number,
): void {
  if (!Array.isArray(nodes)) return;
  if (depth > MAX_INPUT_DEPTH) {
    ctx.drop('inline', `Nested more than ${MAX_INPUT_DEPTH} levels deep; the rest was left out`);
    return;
  }
  for (const node of nodes) {
    if (!isRecord(node)) continue;
    const type = stringField(node.type);
    if (textTypes.has(type)) {
      const text = type === 'tab' ? ' ' : stringField(node.text);
      out.text(text, styleOfFormat(node.format, style));
    } else if (type === 'linebreak') {
      out.hardBreak();
    } else if (linkTypes.has(type)) {
      const href = ctx.linkHref(node.url);
      if (href === undefined && stringField(node.url).trim() !== '') {
        ctx.drop(
          type,
          `Link to "${stringField(node.url).slice(0, 200)}" is not a safe address; its text was kept`,
        );
      }
      const linkStyle = href === undefined ? style : { ...style, href };
      convertInline(node.children, ctx, out, linkStyle, depth + 1);
    } else if (transparentTypes.has(type)) {
      convertInline(node.children, ctx, out, style, depth + 1);
    } else if (type === 'zwnj') {
      continue;
    } else if (Array.isArray(node.children)) {
      // An element where inline content was expected (e.g. a paragraph in a list item).
      if (!out.isEmpty) out.hardBreak();
      convertInline(node.children, ctx, out, style, depth + 1);
    } else if (typeof node.text === 'string') {
      out.text(node.text, styleOfFormat(node.format, style));
    } else {
      ctx.drop(type || 'inline', 'Unknown inline node; left out');
    }
  }
}

/** Inline content of a Lexical element node's children. */
export function inlineOf(nodes: unknown, ctx: GhostContext, depth: number): InlineNode[] {
  const out = new InlineBuilder();
  convertInline(nodes, ctx, out, plainStyle, depth);
  return out.build();
}
