// A News Feed brief's body from plain text: one paragraph per block of lines, and an optional
// link as its own last paragraph. The shapes are the shared document model's (types only).
import type { Doc, ParagraphNode } from '../../../../src/shared/richtext/index.js';

const paragraph = (text: string): ParagraphNode => ({
  type: 'paragraph',
  content: [{ type: 'text', text }],
});

export function briefDocument(text: string, link?: { href: string; label?: string }): Doc {
  const paragraphs = text
    .split(/\n\s*\n|\n/)
    .map((line) => line.replace(/\s+/g, ' ').trim())
    .filter(Boolean)
    .map(paragraph);
  if (link?.href) {
    paragraphs.push({
      type: 'paragraph',
      content: [
        {
          type: 'text',
          text: link.label?.trim() || link.href,
          marks: [{ type: 'link', attrs: { href: link.href } }],
        },
      ],
    });
  }
  return { type: 'doc', content: paragraphs };
}
