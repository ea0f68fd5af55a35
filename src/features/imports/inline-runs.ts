// Text as the document model accepts it: no control characters or lone surrogates, HTML
// whitespace collapsed the way a browser shows it, no text node past the size limit.
import type { InlineNode, Mark } from '../../shared/richtext/index.js';
import { documentLimits } from '../../shared/richtext/index.js';

// eslint-disable-next-line no-control-regex -- matching control characters is the point
const CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f]/g;
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;
const HTML_SPACE = /[ \t\n\r\f]+/g;

export function cleanText(text: string): string {
  return text.replace(CONTROL, '').replace(LONE_SURROGATE, '\ufffd');
}

/** One line of plain text (alt, caption, quote), collapsed and cut to `max` characters. */
export function plainLine(text: string, max: number): string {
  const line = cleanText(text).replace(HTML_SPACE, ' ').trim();
  return cutAt(line, max);
}

/** Cuts without splitting a surrogate pair. */
export function cutAt(text: string, max: number): string {
  if (text.length <= max) return text;
  const end = /[\ud800-\udbff]/.test(text.charAt(max - 1)) ? max - 1 : max;
  return text.slice(0, end);
}

const marksKey = (marks: Mark[] | undefined) =>
  (marks ?? [])
    .map((mark) => (mark.type === 'link' ? `link:${mark.attrs.href}` : mark.type))
    .sort()
    .join('|');

/**
 * Collapses whitespace across a paragraph's inline run (one space between words whichever
 * node they are in, none at the ends or beside a line break), merges neighbours with the same
 * marks and splits text nodes that are too long. Returns [] when nothing visible is left.
 */
export function normalizeInline(run: InlineNode[]): InlineNode[] {
  const collapsed: InlineNode[] = [];
  let isAfterSpace = true; // the start of a paragraph swallows leading spaces
  for (const node of run) {
    if (node.type === 'hardBreak') {
      trimEnd(collapsed);
      collapsed.push(node);
      isAfterSpace = true;
      continue;
    }
    let text = cleanText(node.text).replace(HTML_SPACE, ' ');
    if (isAfterSpace) text = text.replace(/^ /, '');
    if (text === '') continue;
    isAfterSpace = text.endsWith(' ');
    const previous = collapsed.at(-1);
    if (previous?.type === 'text' && marksKey(previous.marks) === marksKey(node.marks)) {
      previous.text += text;
    } else {
      collapsed.push(
        node.marks ? { type: 'text', text, marks: node.marks } : { type: 'text', text },
      );
    }
  }
  trimEnd(collapsed);
  while (collapsed[0]?.type === 'hardBreak') collapsed.shift();
  while (collapsed.at(-1)?.type === 'hardBreak') collapsed.pop();
  if (!collapsed.some((node) => node.type === 'text')) return [];
  return collapsed.flatMap(splitLong);
}

function trimEnd(nodes: InlineNode[]): void {
  const last = nodes.at(-1);
  if (last?.type !== 'text') return;
  last.text = last.text.replace(/ $/, '');
  if (last.text === '') nodes.pop();
}

function splitLong(node: InlineNode): InlineNode[] {
  if (node.type !== 'text' || node.text.length <= documentLimits.maxTextNodeLength) return [node];
  const parts: InlineNode[] = [];
  let rest = node.text;
  while (rest.length > 0) {
    const part = cutAt(rest, documentLimits.maxTextNodeLength);
    parts.push({ ...node, text: part });
    rest = rest.slice(part.length);
  }
  return parts;
}
