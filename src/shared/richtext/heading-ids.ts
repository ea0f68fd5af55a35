// Stable anchor ids for headings: derived from the heading text alone, numbered when repeated,
// so links to `#section` survive re-renders and unrelated edits elsewhere in the article.
import type { Doc, HeadingLevel, HeadingNode } from './document.js';
import { inlineText } from './inline-text.js';
import { forEachNode } from './walk-document.js';

const MAX_SLUG_LENGTH = 80;

export function slugify(text: string): string {
  const slug = text
    .normalize('NFKD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, '-')
    .replace(/^-+|-+$/g, '');
  const cut = Array.from(slug).slice(0, MAX_SLUG_LENGTH).join('').replace(/-+$/, '');
  return cut === '' ? 'section' : cut;
}

/** Hands out unique ids in document order: `costs`, `costs-2`, `costs-3`. */
export function createHeadingIdAllocator(): (text: string) => string {
  const used = new Set<string>();
  return (text) => {
    const base = slugify(text);
    let id = base;
    for (let n = 2; used.has(id); n += 1) id = `${base}-${n}`;
    used.add(id);
    return id;
  };
}

export type HeadingAnchor = { id: string; level: HeadingLevel; text: string };

/** Every heading with the id renderHtml gives it, e.g. for a table of contents. */
export function collectHeadings(doc: Doc): HeadingAnchor[] {
  const allocate = createHeadingIdAllocator();
  const out: HeadingAnchor[] = [];
  forEachNode(doc, (node) => {
    if (node.type !== 'heading') return;
    const text = headingText(node);
    out.push({ id: allocate(text), level: node.attrs.level, text });
  });
  return out;
}

export function headingText(node: HeadingNode): string {
  return inlineText(node.content).replace(/\s+/g, ' ').trim();
}
