import type { InlineNode } from './document.js';

/** The plain text of a paragraph or heading; hard breaks become newlines. */
export function inlineText(content: readonly InlineNode[] | undefined): string {
  if (!content) return '';
  return content.map((node) => (node.type === 'text' ? node.text : '\n')).join('');
}
