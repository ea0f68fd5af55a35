// Document inline content as Lexical inline nodes, the way Ghost's editor writes them: text
// with its format bits (`extended-text`), links wrapping their text, `linebreak` for breaks.
import type { InlineNode, SimpleMarkType } from '../../shared/richtext/index.js';

/** Lexical's TextNode format bits; the reader (ghost-inline.ts) uses the same values. */
const formatBits: Record<SimpleMarkType, number> = {
  bold: 1,
  italic: 2,
  strike: 4,
  code: 16,
  subscript: 32,
  superscript: 64,
};

export type LexicalNode = Record<string, unknown> & { type: string };

/** The fields every Lexical element node carries. */
export function element(type: string, children: LexicalNode[], extra: object = {}): LexicalNode {
  return { children, direction: 'ltr', format: '', indent: 0, type, version: 1, ...extra };
}

export function textNode(text: string, format = 0): LexicalNode {
  return { detail: 0, format, mode: 'normal', style: '', text, type: 'extended-text', version: 1 };
}

export const lineBreak = (): LexicalNode => ({ type: 'linebreak', version: 1 });

function formatOf(node: InlineNode): number {
  let format = 0;
  for (const mark of node.marks ?? []) if (mark.type !== 'link') format |= formatBits[mark.type];
  return format;
}

/** A site path is written on `__GHOST_URL__`, as Ghost stores its own internal links. */
function hrefOf(node: InlineNode): string | undefined {
  const href = node.marks?.find((mark) => mark.type === 'link')?.attrs.href;
  return href?.startsWith('/') && !href.startsWith('//') ? `__GHOST_URL__${href}` : href;
}

/** One text or break; a newline inside text is a break in Lexical (text nodes hold none). */
function leaves(node: InlineNode): LexicalNode[] {
  if (node.type === 'hardBreak') return [lineBreak()];
  const format = formatOf(node);
  const out: LexicalNode[] = [];
  node.text.split('\n').forEach((line, index) => {
    if (index > 0) out.push(lineBreak());
    if (line !== '') out.push(textNode(line, format));
  });
  return out;
}

/** Lexical inline children: neighbours with the same link share one `link` node. */
export function inlineToLexical(content: readonly InlineNode[] | undefined): LexicalNode[] {
  const out: LexicalNode[] = [];
  let run: { href: string; children: LexicalNode[] } | undefined;
  const flush = () => {
    if (!run) return;
    out.push(
      element('link', run.children, { rel: null, target: null, title: null, url: run.href }),
    );
    run = undefined;
  };
  for (const node of content ?? []) {
    const href = hrefOf(node);
    if (href === undefined) {
      flush();
      out.push(...leaves(node));
    } else {
      if (run && run.href !== href) flush();
      run ??= { href, children: [] };
      run.children.push(...leaves(node));
    }
  }
  flush();
  return out;
}
