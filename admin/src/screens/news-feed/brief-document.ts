// A News Feed brief's body from plain text: one paragraph per block of lines, an optional photo,
// and an optional link as its own last paragraph. The shapes are the shared document model's (types only).
import type { Doc, FigureNode, ImageAttrs, ParagraphNode } from '@shared/richtext/index.js';

const paragraph = (text: string): ParagraphNode => ({
  type: 'paragraph',
  content: [{ type: 'text', text }],
});

export function briefDocument(
  text: string,
  link?: { href: string; label?: string },
  image?: ImageAttrs,
): Doc {
  const paragraphs = text
    .split(/\n\s*\n|\n/)
    .map((line) => line.replace(/\s+/g, ' ').trim())
    .filter(Boolean)
    .map(paragraph);
  const blocks: Doc['content'] = [...paragraphs];
  // The photo after the text, as the News Feed shows a brief's picture below its words.
  if (image) blocks.push({ type: 'figure', attrs: image } satisfies FigureNode);
  if (link?.href) {
    blocks.push({
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
  return { type: 'doc', content: blocks };
}
