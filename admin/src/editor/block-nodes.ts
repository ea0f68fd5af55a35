// The newsroom's own blocks. Atoms hold their data in attributes edited through React node
// views (added in node-views.tsx); this file stays DOM-free so tests can build the schema.
// Optional attributes default to `undefined`, not TipTap's usual `null`: the model keeps an
// explicit `null` for some of them (mediaId, html, thumbnailUrl), so absent and null must differ.
import { Node } from '@tiptap/core';
import { contentRules } from './content-rules.js';
import { readDataAttrs, writeDataAttrs } from './json-attrs.js';

type AttrDefaults = Record<string, unknown>;

function attributesOf(defaults: AttrDefaults) {
  return Object.fromEntries(
    Object.entries(defaults).map(([name, value]) => [
      name,
      {
        default: value,
        rendered: false,
        parseHTML: (element: HTMLElement) => readDataAttrs(element)[name],
      },
    ]),
  );
}

const tagOf = (name: string) => `div[data-node="${name}"]`;

function atomBlock(name: string, defaults: AttrDefaults) {
  return Node.create({
    name,
    atom: true,
    selectable: true,
    // Dragging would fight with selecting text in the node view's inputs.
    draggable: false,
    isolating: true,
    addAttributes: () => attributesOf(defaults),
    parseHTML: () => [{ tag: tagOf(name) }],
    renderHTML: ({ node }) => [
      'div',
      { 'data-node': name, 'data-attrs': writeDataAttrs(node.attrs) },
    ],
  });
}

export const PullQuote = atomBlock('pullQuote', { text: '', attribution: undefined });

export const imageDefaults = {
  mediaId: undefined,
  src: '',
  alt: '',
  caption: undefined,
  credit: undefined,
  width: undefined,
  height: undefined,
};

export const Figure = atomBlock('figure', imageDefaults);

export const Gallery = atomBlock('gallery', { images: [] });

export const Embed = atomBlock('embed', {
  url: '',
  provider: '',
  title: undefined,
  html: undefined,
  thumbnailUrl: undefined,
});

export const RelatedPost = atomBlock('relatedPost', { postId: '' });

export interface RawHtmlOptions {
  /** Editors and above; for everyone else existing blocks stay but cannot be pasted in. */
  canInsert: boolean;
}

export const RawHtml = atomBlock('rawHtml', { html: '' }).extend<RawHtmlOptions>({
  addOptions: () => ({ canInsert: false }),
  parseHTML() {
    return this.options.canInsert ? [{ tag: tagOf(this.name) }] : [];
  },
});

export const FactBox = Node.create({
  name: 'factBox',
  content: contentRules.factBox,
  defining: true,
  isolating: true,
  addAttributes: () => attributesOf({ title: undefined }),
  parseHTML: () => [{ tag: tagOf('factBox') }],
  renderHTML: ({ node }) => [
    'div',
    { 'data-node': 'factBox', 'data-attrs': writeDataAttrs(node.attrs) },
    0,
  ],
});

/** The blocks whose node views live in React; node-views.tsx replaces them by name. */
export const customBlocks = {
  pullQuote: PullQuote,
  figure: Figure,
  gallery: Gallery,
  embed: Embed,
  relatedPost: RelatedPost,
  factBox: FactBox,
  rawHtml: RawHtml,
};

export type CustomBlockName = keyof typeof customBlocks;
