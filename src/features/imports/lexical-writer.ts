// A Masthead document as Ghost's Lexical JSON (the `posts.lexical` column), for
// `masthead export --format ghost` (decision 0020). Every node type has a Lexical node or a
// Ghost card; what has none (a quote of several paragraphs, a related post that no longer
// exists) becomes an HTML card or is left out, and each such case is listed in `fallbacks`.
import type {
  Block,
  BlockquoteNode,
  Doc,
  EmbedAttrs,
  FactBoxNode,
  ImageAttrs,
  InlineNode,
  ListItemNode,
  ListNode,
  PullQuoteAttrs,
} from '../../shared/richtext/index.js';
import { escapeHtml, renderHtml } from '../../shared/richtext/index.js';
import type { LexicalNode } from './lexical-inline-writer.js';
import { element, inlineToLexical, lineBreak, textNode } from './lexical-inline-writer.js';
import { embedFrame } from '../../shared/richtext/index.js';
import { renderEmbedFallback } from './lexical-card-html.js';

export type { LexicalNode } from './lexical-inline-writer.js';

/** A related post as a bookmark card shows it. */
export interface BookmarkTarget {
  url: string;
  title: string;
  description?: string;
  thumbnail?: string;
}

export interface LexicalWriteOptions {
  /** The address an image gets in the export (e.g. `__GHOST_URL__/content/images/…`). */
  imageSrc?: (image: ImageAttrs) => string;
  /** A related post's public address and title; undefined leaves the block out (reported). */
  related?: (postId: string) => BookmarkTarget | undefined;
}

export interface LexicalFallback {
  kind: string;
  reason: string;
}

export interface LexicalWriteResult {
  /** `{"root":{…}}` as Ghost stores it: a JSON string. */
  lexical: string;
  fallbacks: LexicalFallback[];
}

class Writer {
  readonly fallbacks: LexicalFallback[] = [];
  private readonly seen = new Set<string>();
  constructor(readonly options: LexicalWriteOptions) {}

  fallback(kind: string, reason: string): void {
    const key = `${kind}\u0000${reason}`;
    if (this.seen.has(key)) return;
    this.seen.add(key);
    this.fallbacks.push({ kind, reason });
  }

  src(image: ImageAttrs): string {
    return this.options.imageSrc?.(image) ?? image.src;
  }
}

export function documentToLexical(doc: Doc, options: LexicalWriteOptions = {}): LexicalWriteResult {
  const writer = new Writer(options);
  const children = doc.content.flatMap((block) => blockToLexical(block, writer));
  const root = element('root', children);
  return { lexical: JSON.stringify({ root }), fallbacks: writer.fallbacks };
}

function blockToLexical(block: Block, writer: Writer): LexicalNode[] {
  switch (block.type) {
    case 'paragraph':
      return [element('paragraph', inlineToLexical(block.content))];
    case 'heading':
      return [
        element('extended-heading', inlineToLexical(block.content), {
          tag: `h${block.attrs.level}`,
        }),
      ];
    case 'bulletList':
    case 'orderedList':
      return [list(block)];
    case 'blockquote':
      return [quote(block, writer)];
    case 'pullQuote':
      return [pullQuote(block.attrs)];
    case 'figure':
      return [imageCard(block.attrs, writer)];
    case 'gallery':
      return [galleryCard(block.attrs.images, writer)];
    case 'embed':
      return [embedCard(block.attrs)];
    case 'relatedPost': {
      const target = writer.options.related?.(block.attrs.postId);
      if (!target) {
        writer.fallback('relatedPost', 'Related post not found (deleted or unpublished); left out');
        return [];
      }
      return [bookmarkCard(target)];
    }
    case 'factBox':
      return [calloutCard(block, writer)];
    case 'horizontalRule':
      return [{ type: 'horizontalrule', version: 1 }];
    case 'rawHtml':
      return [codeCard(block.attrs.html) ?? htmlCard(block.attrs.html)];
  }
}

/** Lexical nests a list in a list item of its own after the item it belongs to. */
function list(node: ListNode): LexicalNode {
  const isOrdered = node.type === 'orderedList';
  const start = (isOrdered ? node.attrs?.start : undefined) ?? 1;
  const items: LexicalNode[] = [];
  for (const item of node.content) items.push(...listItems(item, items.length + start));
  return element('list', items, {
    listType: isOrdered ? 'number' : 'bullet',
    start,
    tag: isOrdered ? 'ol' : 'ul',
  });
}

function listItems(item: ListItemNode, value: number): LexicalNode[] {
  const inline: InlineNode[] = [];
  const nested: LexicalNode[] = [];
  for (const child of item.content) {
    if (child.type === 'paragraph') {
      // Lexical list items hold text only: further paragraphs follow a line break.
      if (inline.length > 0) inline.push({ type: 'hardBreak' });
      inline.push(...(child.content ?? []));
    } else {
      nested.push(element('listitem', [list(child)], { value }));
    }
  }
  return [element('listitem', inlineToLexical(inline), { value }), ...nested];
}

/** Lexical's quote holds one run of text; a quote with more is an HTML card. */
function quote(node: BlockquoteNode, writer: Writer): LexicalNode {
  const [only, ...rest] = node.content;
  if (only?.type === 'paragraph' && rest.length === 0) {
    return element('extended-quote', inlineToLexical(only.content));
  }
  writer.fallback(
    'blockquote',
    'A quote of several paragraphs, headings or lists has no Lexical equivalent: written as an HTML card',
  );
  return htmlCard(renderHtml({ type: 'doc', content: [node] }));
}

/** Ghost's "alternative quote"; an attribution follows on its own line. */
function pullQuote({ text, attribution }: PullQuoteAttrs): LexicalNode {
  const children = [textNode(text)];
  if (attribution) children.push(lineBreak(), textNode(`— ${attribution}`));
  return element('aside', children);
}

/** Ghost has no credit field: the credit follows the caption. */
function captionOf(image: ImageAttrs): string {
  const parts = [image.caption, image.credit].filter((part): part is string => Boolean(part));
  return parts.map(escapeHtml).join(' ');
}

function imageCard(image: ImageAttrs, writer: Writer): LexicalNode {
  return {
    type: 'image',
    version: 1,
    src: writer.src(image),
    width: image.width ?? null,
    height: image.height ?? null,
    title: '',
    alt: image.alt,
    caption: captionOf(image),
    cardWidth: 'regular',
    href: '',
  };
}

function galleryCard(images: readonly ImageAttrs[], writer: Writer): LexicalNode {
  return {
    type: 'gallery',
    version: 1,
    // Ghost lays a gallery out in rows of at most three.
    images: images.map((image, index) => ({
      row: Math.floor(index / 3),
      src: writer.src(image),
      width: image.width ?? null,
      height: image.height ?? null,
      fileName: image.src.split('/').at(-1) ?? '',
      alt: image.alt,
      caption: captionOf(image),
    })),
    caption: '',
  };
}

function embedCard(attrs: EmbedAttrs): LexicalNode {
  const frame = embedFrame(attrs.provider, attrs.url);
  return {
    type: 'embed',
    version: 1,
    url: attrs.url,
    embedType: frame?.isVideo ? 'video' : 'rich',
    // The provider's own oEmbed markup when the editor kept it, as Ghost stores it; else ours.
    html: attrs.html ?? renderEmbedFallback(attrs),
    metadata: attrs.title ? { title: attrs.title } : {},
    caption: '',
  };
}

function bookmarkCard(target: BookmarkTarget): LexicalNode {
  return {
    type: 'bookmark',
    version: 1,
    url: target.url,
    metadata: {
      icon: '',
      title: target.title,
      description: target.description ?? '',
      author: '',
      publisher: '',
      thumbnail: target.thumbnail ?? '',
    },
    caption: '',
  };
}

/** A fact box is Ghost's callout; its title leads the text in bold. */
function calloutCard(node: FactBoxNode, writer: Writer): LexicalNode {
  const title = node.attrs.title ? `<p><strong>${escapeHtml(node.attrs.title)}</strong></p>` : '';
  if (node.attrs.title)
    writer.fallback('factBox', 'Fact box title written as the callout’s first line, in bold');
  return {
    type: 'callout',
    version: 1,
    calloutText: title + renderHtml({ type: 'doc', content: node.content }),
    calloutEmoji: '',
    backgroundColor: 'grey',
  };
}

const CODE_HTML =
  /^<pre><code(?: class="language-([A-Za-z0-9_+-]{1,40})")?>([^<]*)<\/code><\/pre>$/;
const entities: Record<string, string> = {
  '&amp;': '&',
  '&lt;': '<',
  '&gt;': '>',
  '&quot;': '"',
  '&#39;': "'",
};

/** The importer stores Ghost's code cards as `<pre><code>` HTML: those go back as code cards. */
function codeCard(html: string): LexicalNode | undefined {
  const match = CODE_HTML.exec(html.trim());
  if (!match) return undefined;
  const code = (match[2] ?? '').replace(/&(?:amp|lt|gt|quot|#39);/g, (e) => entities[e] ?? e);
  return { type: 'codeblock', version: 1, code, language: match[1] ?? '', caption: '' };
}

function htmlCard(html: string): LexicalNode {
  return { type: 'html', version: 1, html };
}
