// Collects inline content (text with marks, hard breaks) in the shape the document validator
// accepts: no empty text, no duplicate marks, control characters stripped, long runs split.
import type { InlineNode, Mark, SimpleMarkType, TextNode } from '../../shared/richtext/index.js';
import { documentLimits } from '../../shared/richtext/index.js';
import { cleanText } from './ghost-context.js';

export type InlineStyle = { marks: ReadonlySet<SimpleMarkType>; href?: string };

export const plainStyle: InlineStyle = { marks: new Set() };

// A stable order keeps output deterministic and merging simple.
const markOrder: readonly SimpleMarkType[] = [
  'bold',
  'italic',
  'strike',
  'code',
  'subscript',
  'superscript',
];

function marksOf(style: InlineStyle): Mark[] {
  const marks: Mark[] = markOrder.filter((type) => style.marks.has(type)).map((type) => ({ type }));
  if (style.href !== undefined) marks.push({ type: 'link', attrs: { href: style.href } });
  return marks;
}

function sameMarks(a: Mark[] | undefined, b: Mark[] | undefined): boolean {
  return JSON.stringify(a ?? []) === JSON.stringify(b ?? []);
}

export class InlineBuilder {
  private readonly nodes: InlineNode[] = [];

  /** Newlines inside text become hard breaks; tabs become spaces. */
  text(value: string, style: InlineStyle = plainStyle): void {
    const lines = cleanText(value)
      .replace(/\t/g, ' ')
      .split(/\r\n|\r|\n/);
    lines.forEach((line, index) => {
      if (index > 0) this.hardBreak();
      if (line !== '') this.push(line, marksOf(style));
    });
  }

  hardBreak(): void {
    this.nodes.push({ type: 'hardBreak' });
  }

  get isEmpty(): boolean {
    return this.nodes.length === 0;
  }

  /**
   * The content without leading or trailing hard breaks (they render as nothing useful); with
   * `trim`, also without the spaces at either end (HTML, where whitespace is layout).
   */
  build(options: { trim?: boolean } = {}): InlineNode[] {
    let out = [...this.nodes];
    for (;;) {
      const before = out.length;
      while (out[0]?.type === 'hardBreak') out.shift();
      while (out.at(-1)?.type === 'hardBreak') out.pop();
      if (options.trim === true) out = trimEnds(out);
      if (out.length === before) return out;
    }
  }

  private push(text: string, marks: Mark[]): void {
    const last = this.nodes.at(-1);
    if (last?.type === 'text' && sameMarks(last.marks, marks)) {
      const merged = last.text + text;
      if (merged.length <= documentLimits.maxTextNodeLength) {
        last.text = merged;
        return;
      }
    }
    let at = 0;
    while (at < text.length) {
      let end = Math.min(text.length, at + documentLimits.maxTextNodeLength);
      // Never split a surrogate pair: half of one is invalid text.
      if (end < text.length && /[\ud800-\udbff]/.test(text.charAt(end - 1))) end -= 1;
      const node: TextNode = { type: 'text', text: text.slice(at, end) };
      if (marks.length > 0) node.marks = marks;
      this.nodes.push(node);
      at = end;
    }
  }
}

/** The plain text of inline content (hard breaks as newlines). */
export function inlinePlainText(content: readonly InlineNode[]): string {
  return content.map((node) => (node.type === 'text' ? node.text : '\n')).join('');
}

function trimEnds(nodes: InlineNode[]): InlineNode[] {
  const out = [...nodes];
  const first = out[0];
  if (first?.type === 'text') {
    const text = first.text.trimStart();
    if (text === '') out.shift();
    else out[0] = { ...first, text };
  }
  const last = out.at(-1);
  if (last?.type === 'text') {
    const text = last.text.trimEnd();
    if (text === '') out.pop();
    else out[out.length - 1] = { ...last, text };
  }
  return out;
}
