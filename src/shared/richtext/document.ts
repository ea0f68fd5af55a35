// The article body: ProseMirror-compatible JSON edited with TipTap. Node and mark names are a
// contract with the editor, the APIs and stored data; change them only with a migration.
import type {
  EmbedAttrs,
  FactBoxAttrs,
  GalleryAttrs,
  HeadingAttrs,
  ImageAttrs,
  LinkAttrs,
  OrderedListAttrs,
  PullQuoteAttrs,
  RawHtmlAttrs,
  RelatedPostAttrs,
} from './node-attrs.js';

export type {
  EmbedAttrs,
  FactBoxAttrs,
  GalleryAttrs,
  HeadingAttrs,
  HeadingLevel,
  ImageAttrs,
  LinkAttrs,
  OrderedListAttrs,
  PullQuoteAttrs,
  RawHtmlAttrs,
  RelatedPostAttrs,
} from './node-attrs.js';

export const simpleMarkTypes = [
  'bold',
  'italic',
  'strike',
  'code',
  'superscript',
  'subscript',
] as const;
export const markTypes = [...simpleMarkTypes, 'link'] as const;

export type SimpleMarkType = (typeof simpleMarkTypes)[number];
export type MarkType = (typeof markTypes)[number];

export type SimpleMark = { type: SimpleMarkType };
export type LinkMark = { type: 'link'; attrs: LinkAttrs };
export type Mark = SimpleMark | LinkMark;

export type TextNode = { type: 'text'; text: string; marks?: Mark[] };
/** ProseMirror keeps the surrounding marks on a break typed inside bold text, so we allow them. */
export type HardBreakNode = { type: 'hardBreak'; marks?: Mark[] };
export type InlineNode = TextNode | HardBreakNode;

export type ParagraphNode = { type: 'paragraph'; content?: InlineNode[] };
export type HeadingNode = { type: 'heading'; attrs: HeadingAttrs; content?: InlineNode[] };
export type BulletListNode = { type: 'bulletList'; content: ListItemNode[] };
export type OrderedListNode = {
  type: 'orderedList';
  attrs?: OrderedListAttrs;
  content: ListItemNode[];
};
export type ListNode = BulletListNode | OrderedListNode;
export type ListItemNode = { type: 'listItem'; content: ListItemChild[] };
export type BlockquoteNode = { type: 'blockquote'; content: BlockquoteChild[] };
export type PullQuoteNode = { type: 'pullQuote'; attrs: PullQuoteAttrs };
export type FigureNode = { type: 'figure'; attrs: ImageAttrs };
export type GalleryNode = { type: 'gallery'; attrs: GalleryAttrs };
export type EmbedNode = { type: 'embed'; attrs: EmbedAttrs };
export type RelatedPostNode = { type: 'relatedPost'; attrs: RelatedPostAttrs };
export type FactBoxNode = { type: 'factBox'; attrs: FactBoxAttrs; content: FactBoxChild[] };
export type HorizontalRuleNode = { type: 'horizontalRule' };
/** Stored already sanitised; only editors and above may add one. */
export type RawHtmlNode = { type: 'rawHtml'; attrs: RawHtmlAttrs };

export type Block =
  | ParagraphNode
  | HeadingNode
  | BulletListNode
  | OrderedListNode
  | BlockquoteNode
  | PullQuoteNode
  | FigureNode
  | GalleryNode
  | EmbedNode
  | RelatedPostNode
  | FactBoxNode
  | HorizontalRuleNode
  | RawHtmlNode;

export type BlockType = Block['type'];

export type ListItemChild = ParagraphNode | ListNode;
export type BlockquoteChild = ParagraphNode | HeadingNode | ListNode;
export type FactBoxChild =
  ParagraphNode | HeadingNode | ListNode | BlockquoteNode | FigureNode | HorizontalRuleNode;

export type Doc = { type: 'doc'; content: Block[] };

export type DocNode = Doc | Block | ListItemNode | InlineNode;
export type NodeType = DocNode['type'];

/** Which node types each container accepts; the validator enforces it. */
export const allowedChildren = {
  doc: [
    'paragraph',
    'heading',
    'bulletList',
    'orderedList',
    'blockquote',
    'pullQuote',
    'figure',
    'gallery',
    'embed',
    'relatedPost',
    'factBox',
    'horizontalRule',
    'rawHtml',
  ],
  listItem: ['paragraph', 'bulletList', 'orderedList'],
  blockquote: ['paragraph', 'heading', 'bulletList', 'orderedList'],
  factBox: [
    'paragraph',
    'heading',
    'bulletList',
    'orderedList',
    'blockquote',
    'figure',
    'horizontalRule',
  ],
} as const satisfies {
  doc: readonly Block['type'][];
  listItem: readonly ListItemChild['type'][];
  blockquote: readonly BlockquoteChild['type'][];
  factBox: readonly FactBoxChild['type'][];
};
