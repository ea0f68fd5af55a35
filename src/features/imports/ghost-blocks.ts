// The Lexical block walker: Ghost's element nodes (paragraphs, headings, quotes, lists) and its
// cards, in document order. Mobiledoc bodies are turned into the same node shapes first.
import type {
  Block,
  HeadingLevel,
  InlineNode,
  ListItemChild,
  ListItemNode,
  ListNode,
} from '../../shared/richtext/index.js';
import { MAX_LIST_LEVELS } from './card-html.js';
import type { CardNode } from './ghost-card-support.js';
import { paragraph } from './ghost-card-support.js';
import { convertCard } from './ghost-cards.js';
import type { GhostContext } from './ghost-context.js';
import { isRecord, MAX_INPUT_DEPTH, own, stringField } from './ghost-context.js';
import { convertInline, inlineOf, isInlineNode } from './ghost-inline.js';
import { InlineBuilder, inlinePlainText, plainStyle } from './inline-builder.js';

// Masthead's headings are h2–h4 (the title is the h1): h1 joins h2, h5 and h6 join h4.
const headingLevels: Record<string, HeadingLevel> = { h1: 2, h2: 2, h3: 3, h4: 4, h5: 4, h6: 4 };

const PULL_QUOTE_MAX = 2000;

export function convertBlocks(nodes: unknown, ctx: GhostContext, depth: number): Block[] {
  if (!Array.isArray(nodes)) return [];
  if (depth > MAX_INPUT_DEPTH) {
    ctx.drop('body', `Nested more than ${MAX_INPUT_DEPTH} levels deep; the rest was left out`);
    return [];
  }
  const out: Block[] = [];
  // Inline nodes found directly in the root (malformed, but seen) are gathered into a paragraph.
  let loose: unknown[] = [];
  const flush = () => {
    if (loose.length === 0) return;
    const content = inlineOf(loose, ctx, depth + 1);
    if (content.length > 0) out.push(paragraph(content));
    loose = [];
  };
  for (const node of nodes) {
    if (isInlineNode(node)) {
      loose.push(node);
      continue;
    }
    flush();
    if (!isRecord(node) || typeof node.type !== 'string') {
      ctx.drop('node', 'Not a node (no type); left out');
      continue;
    }
    out.push(...convertBlock(node as CardNode, ctx, depth));
  }
  flush();
  return out;
}

function convertBlock(node: CardNode, ctx: GhostContext, depth: number): Block[] {
  switch (node.type) {
    case 'paragraph':
      return [paragraph(inlineOf(node.children, ctx, depth + 1))];
    case 'heading':
    case 'extended-heading': {
      const content = inlineOf(node.children, ctx, depth + 1);
      const level = own(headingLevels, stringField(node.tag)) ?? 2;
      return content.length > 0 ? [{ type: 'heading', attrs: { level }, content }] : [];
    }
    case 'quote':
    case 'extended-quote': {
      const content = inlineOf(node.children, ctx, depth + 1);
      return content.length > 0 ? [{ type: 'blockquote', content: [paragraph(content)] }] : [];
    }
    case 'aside':
      return aside(inlineOf(node.children, ctx, depth + 1));
    case 'list': {
      const list = convertList(node, ctx, depth, 1);
      return list ? [list] : [];
    }
    default:
      return convertCard(node, ctx);
  }
}

/**
 * Ghost's "alternative quote" is a display quote: a pullQuote when it is plain text that fits;
 * one with links or formatting would lose them there, so it stays a blockquote.
 */
function aside(content: InlineNode[]): Block[] {
  if (content.length === 0) return [];
  const text = inlinePlainText(content).trim();
  const isPlain = content.every((part) => part.type === 'hardBreak' || !part.marks?.length);
  if (isPlain && text !== '' && text.length <= PULL_QUOTE_MAX) {
    return [{ type: 'pullQuote', attrs: { text } }];
  }
  return [{ type: 'blockquote', content: [paragraph(content)] }];
}

function listItemChildren(item: Record<string, unknown>): unknown[] {
  return Array.isArray(item.children) ? (item.children as unknown[]) : [];
}

function isListNode(node: unknown): node is Record<string, unknown> {
  return isRecord(node) && node.type === 'list';
}

/**
 * Lexical nests a list in a list item of its own after the item it belongs to; ProseMirror
 * nests it inside that item. Nesting past MAX_LIST_LEVELS is lifted to the deepest level.
 */
function convertList(
  node: Record<string, unknown>,
  ctx: GhostContext,
  depth: number,
  level: number,
): ListNode | undefined {
  const items: ListItemNode[] = [];
  appendItems(node, items, ctx, depth, level);
  if (items.length === 0) return undefined;
  if (node.listType !== 'number') return { type: 'bulletList', content: items };
  const start = node.start;
  return typeof start === 'number' &&
    Number.isInteger(start) &&
    start >= 0 &&
    start !== 1 &&
    start <= 1_000_000
    ? { type: 'orderedList', attrs: { start }, content: items }
    : { type: 'orderedList', content: items };
}

function appendItems(
  list: Record<string, unknown>,
  items: ListItemNode[],
  ctx: GhostContext,
  depth: number,
  level: number,
): void {
  if (depth > MAX_INPUT_DEPTH) {
    ctx.drop('list', `Nested more than ${MAX_INPUT_DEPTH} levels deep; the rest was left out`);
    return;
  }
  for (const item of Array.isArray(list.children) ? (list.children as unknown[]) : []) {
    if (!isRecord(item)) continue;
    const children = listItemChildren(item);
    const nested = children.filter(isListNode);
    const text = new InlineBuilder();
    convertInline(
      children.filter((child) => !isListNode(child)),
      ctx,
      text,
      plainStyle,
      depth + 2,
    );
    const content = text.build();
    const previous = items.at(-1);
    if (nested.length > 0 && level >= MAX_LIST_LEVELS) {
      ctx.drop('list', `Nested more than ${MAX_LIST_LEVELS} levels deep; lifted to that level`);
      if (content.length > 0) items.push({ type: 'listItem', content: [paragraph(content)] });
      for (const child of nested) appendItems(child, items, ctx, depth + 2, level);
      continue;
    }
    const sublists = nested
      .map((child) => convertList(child, ctx, depth + 2, level + 1))
      .filter((sublist) => sublist !== undefined);
    if (content.length === 0 && sublists.length > 0 && previous) {
      previous.content.push(...sublists);
    } else if (content.length > 0 || sublists.length > 0) {
      items.push({
        type: 'listItem',
        content: [paragraph(content), ...sublists] as ListItemChild[],
      });
    }
  }
}
