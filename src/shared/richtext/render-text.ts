// The article body as plain text, for newsletters' text part, feeds and search indexing.
// Raw HTML blocks are left out: they are layout, not prose.
import type { Block, Doc, ImageAttrs, ListItemNode } from './document.js';
import { inlineText } from './inline-text.js';
import type { RelatedPostSummary } from './render-html.js';

export type RenderTextContext = {
  related?: (postId: string) => RelatedPostSummary | undefined;
};

export function renderText(doc: Doc, ctx: RenderTextContext = {}): string {
  return joinBlocks(doc.content, ctx);
}

function joinBlocks(blocks: readonly Block[], ctx: RenderTextContext, separator = '\n\n'): string {
  return blocks
    .map((block) => blockText(block, ctx))
    .filter((text) => text !== '')
    .join(separator);
}

function blockText(block: Block, ctx: RenderTextContext): string {
  switch (block.type) {
    case 'paragraph':
    case 'heading':
      return inlineText(block.content).trim();
    case 'bulletList':
      return block.content.map((item) => listItemText(item, '- ', ctx)).join('\n');
    case 'orderedList': {
      const start = block.attrs?.start ?? 1;
      return block.content
        .map((item, index) => listItemText(item, `${start + index}. `, ctx))
        .join('\n');
    }
    case 'blockquote':
      return prefixLines(joinBlocks(block.content, ctx), '> ', '> ');
    case 'pullQuote': {
      const { text, attribution } = block.attrs;
      return attribution ? `“${text}” — ${attribution}` : `“${text}”`;
    }
    case 'figure':
      return imageText(block.attrs);
    case 'gallery':
      return block.attrs.images
        .map(imageText)
        .filter((text) => text !== '')
        .join('\n');
    case 'embed':
      return block.attrs.title ? `${block.attrs.title}: ${block.attrs.url}` : block.attrs.url;
    case 'relatedPost': {
      const post = ctx.related?.(block.attrs.postId);
      return post ? `Related: ${post.title} (${post.url})` : '';
    }
    case 'factBox': {
      const body = joinBlocks(block.content, ctx);
      return block.attrs.title ? `${block.attrs.title}\n\n${body}` : body;
    }
    case 'horizontalRule':
      return '---';
    case 'rawHtml':
      return '';
  }
}

/** `- First line` with continuation lines indented under the text, nested lists included. */
function listItemText(item: ListItemNode, marker: string, ctx: RenderTextContext): string {
  const body = joinBlocks(item.content, ctx, '\n');
  return prefixLines(body, marker, ' '.repeat(marker.length));
}

function prefixLines(text: string, first: string, rest: string): string {
  return text
    .split('\n')
    .map((line, index) => (index === 0 ? first : rest) + line)
    .join('\n')
    .replace(/[ \t]+$/gm, '');
}

function imageText(image: ImageAttrs): string {
  const caption = image.caption?.trim() ?? '';
  const credit = image.credit?.trim() ? `(${image.credit.trim()})` : '';
  return [caption, credit].filter(Boolean).join(' ');
}
