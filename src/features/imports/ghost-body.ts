import type { Doc } from '../../shared/richtext/index.js';
import type { BodyConversion, BodyConversionOptions } from './body-conversion.js';
import { lexicalToDocument } from './ghost-lexical.js';
import { mobiledocToDocument } from './ghost-mobiledoc.js';
import { htmlToDocument } from './html-to-document.js';
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
 * else its rendered HTML, else its plain text.
 */
export function ghostBodyOf(post: GhostPost, options: BodyConversionOptions): BodyConversion {
  if (post.lexical) return lexicalToDocument(post.lexical, options);
  if (post.mobiledoc) return mobiledocToDocument(post.mobiledoc, options);
  if (post.html)
    return htmlToDocument(post.html.replaceAll('__GHOST_URL__', options.siteUrl), options);
  return { doc: plainTextDocument(post.plaintext ?? ''), dropped: [], imageUrls: [] };
}
