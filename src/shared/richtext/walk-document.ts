import type { Doc, DocNode } from './document.js';

export function childNodes(node: DocNode): readonly DocNode[] {
  return 'content' in node && node.content ? node.content : [];
}

/** Visits every node in document order, parents before children. */
export function forEachNode(doc: Doc, visit: (node: DocNode) => void): void {
  const walk = (node: DocNode) => {
    visit(node);
    for (const child of childNodes(node)) walk(child);
  };
  walk(doc);
}
