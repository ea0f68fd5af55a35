// The custom blocks with their React node views attached; same schema as block-nodes.ts.
import { ReactNodeViewRenderer } from '@tiptap/react';
import { customBlocks } from './block-nodes.js';
import { EmbedView } from './EmbedView.js';
import { FactBoxView } from './FactBoxView.js';
import { FigureView } from './FigureView.js';
import { GalleryView } from './GalleryView.js';
import { PullQuoteView } from './PullQuoteView.js';
import { RawHtmlView } from './RawHtmlView.js';
import { RelatedPostView } from './RelatedPostView.js';

type NodeView = Parameters<typeof ReactNodeViewRenderer>[0];

const withView = <T extends { extend: (config: object) => T }>(node: T, view: NodeView): T =>
  node.extend({ addNodeView: () => ReactNodeViewRenderer(view) });

export const blocksWithViews: typeof customBlocks = {
  pullQuote: withView(customBlocks.pullQuote, PullQuoteView),
  figure: withView(customBlocks.figure, FigureView),
  gallery: withView(customBlocks.gallery, GalleryView),
  embed: withView(customBlocks.embed, EmbedView),
  relatedPost: withView(customBlocks.relatedPost, RelatedPostView),
  factBox: withView(customBlocks.factBox, FactBoxView),
  rawHtml: withView(customBlocks.rawHtml, RawHtmlView),
};
