import type { Doc } from '../../shared/richtext/index.js';
import type { BodyConversion, BodyConversionOptions } from './body-conversion.js';
import { lexicalToDocument } from './ghost-lexical.js';
import { mobiledocToDocument } from './ghost-mobiledoc.js';
import type { GhostPost } from './ghost-rows.js';

/** Plain text as paragraphs: the last resort for a post with no structured body. */
function plainTextDocument(text: string): Doc {
  return {
    type: 'doc',
    content: text
      .split(/\n{2,}/)
      .map((p) => p.trim())
      .filter((p) => p.length > 0)
      .map((p) => ({ type: 'paragraph', content: [{ type: 'text', text: p }] })),
  };
}

/**
 * A Ghost post's body from whichever form it has: Lexical (current Ghost), Mobiledoc (older),
 * else its plain text (reported: the structure is lost).
 */
export function ghostBodyOf(post: GhostPost, options: BodyConversionOptions): BodyConversion {
  if (post.lexical) return lexicalToDocument(post.lexical, options);
  if (post.mobiledoc) return mobiledocToDocument(post.mobiledoc, options);
  return {
    doc: plainTextDocument(post.plaintext ?? ''),
    dropped: post.html
      ? [{ kind: 'html body', reason: 'no Lexical or Mobiledoc body: imported as plain text' }]
      : [],
    imageUrls: [],
  };
}
