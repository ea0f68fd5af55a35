import type { Doc } from '../../shared/richtext/index.js';

/**
 * What every body converter (Ghost Lexical and Mobiledoc, HTML, WordPress blocks) gives the
 * importer: a document that passes `parseDocument` as it is, and a line for everything it could
 * not carry over, so that nothing is lost silently (issue #15: the import report).
 */
export interface BodyConversion {
  doc: Doc;
  /** One entry per block or card left out (or changed beyond recognition), with the reason. */
  dropped: DroppedPart[];
  /**
   * Every image address the document refers to (figures, galleries), absolute, in order of
   * first appearance, no repeats. The importer copies these into media and rewrites them.
   */
  imageUrls: string[];
}

export interface DroppedPart {
  /** The source's own name for it: a Lexical node type, a Mobiledoc card, a block, a tag. */
  kind: string;
  reason: string;
}

export interface BodyConversionOptions {
  /**
   * The old site's address without a trailing slash (`https://example.com`): Ghost's
   * `__GHOST_URL__` placeholder and site-relative links become absolute against it.
   */
  siteUrl: string;
}
