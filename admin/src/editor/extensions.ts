// The editor's extension list: StarterKit trimmed to what the document model has, plus our own
// structure and blocks. DOM-free, so unit tests can build the same schema with getSchema().
import { Extension, type Extensions } from '@tiptap/core';
import StarterKit from '@tiptap/starter-kit';
import Subscript from '@tiptap/extension-subscript';
import Superscript from '@tiptap/extension-superscript';
import { isSafeLinkHref } from '@shared/richtext/safe-urls.js';
import { customBlocks } from './block-nodes.js';
import { Blockquote, BodyDocument, BulletList, ListItem, OrderedList } from './structure-nodes.js';

export interface BodyExtensionOptions {
  allowRawHtml: boolean;
  /** The same blocks with node views attached (the browser editor); defaults to bare nodes. */
  blocks?: typeof customBlocks;
}

/** Shortcuts StarterKit lacks: strike also on Mod-Shift-X (its own is Mod-Shift-S). */
const MarkShortcuts = Extension.create({
  name: 'markShortcuts',
  addKeyboardShortcuts() {
    return { 'Mod-Shift-x': () => this.editor.commands.toggleStrike() };
  },
});

export function bodyExtensions({
  allowRawHtml,
  blocks = customBlocks,
}: BodyExtensionOptions): Extensions {
  return [
    StarterKit.configure({
      // Ours follow the model's nesting rules (structure-nodes.ts).
      document: false,
      blockquote: false,
      bulletList: false,
      orderedList: false,
      listItem: false,
      // Not in the model.
      codeBlock: false,
      underline: false,
      heading: { levels: [2, 3, 4] },
      link: {
        openOnClick: false,
        // Autolinking makes links inclusive, so text typed after one would join it; links are
        // made on purpose (Mod-K, the Link button, or pasting a URL over a selection).
        autolink: false,
        linkOnPaste: true,
        defaultProtocol: 'https',
        // The model stores only href; the site decides target and rel.
        HTMLAttributes: { target: null, rel: null, class: null },
        isAllowedUri: (url) => isSafeLinkHref(url),
      },
    }),
    Superscript,
    Subscript,
    MarkShortcuts,
    BodyDocument,
    Blockquote,
    BulletList,
    OrderedList,
    ListItem,
    ...Object.values({
      ...blocks,
      rawHtml: blocks.rawHtml.configure({ canInsert: allowRawHtml }),
    }),
  ];
}
