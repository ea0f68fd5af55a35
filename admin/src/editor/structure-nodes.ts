// The document root, block quotes and lists. StarterKit's versions accept any block inside a
// quote or list item; ours take exactly what the shared model allows (see content-rules.ts).
import { Node, wrappingInputRule } from '@tiptap/core';
import { contentRules } from './content-rules.js';

export const BodyDocument = Node.create({
  name: 'doc',
  topNode: true,
  content: contentRules.doc,
});

export const Blockquote = Node.create({
  name: 'blockquote',
  content: contentRules.blockquote,
  defining: true,
  parseHTML: () => [{ tag: 'blockquote' }],
  renderHTML: () => ['blockquote', 0],
  addKeyboardShortcuts() {
    return { 'Mod-Shift-b': () => this.editor.commands.toggleWrap(this.name) };
  },
  addInputRules() {
    return [wrappingInputRule({ find: /^\s*>\s$/, type: this.type })];
  },
});

export const ListItem = Node.create({
  name: 'listItem',
  content: contentRules.listItem,
  defining: true,
  parseHTML: () => [{ tag: 'li' }],
  renderHTML: () => ['li', 0],
  addKeyboardShortcuts() {
    return {
      Enter: () => this.editor.commands.splitListItem(this.name),
      Tab: () => this.editor.commands.sinkListItem(this.name),
      'Shift-Tab': () => this.editor.commands.liftListItem(this.name),
    };
  },
});

export const BulletList = Node.create({
  name: 'bulletList',
  // TipTap's list commands find lists by the `list` group.
  group: 'list',
  content: 'listItem+',
  parseHTML: () => [{ tag: 'ul' }],
  renderHTML: () => ['ul', 0],
  addKeyboardShortcuts() {
    return { 'Mod-Shift-8': () => this.editor.commands.toggleList(this.name, 'listItem') };
  },
  addInputRules() {
    return [wrappingInputRule({ find: /^\s*([-+*])\s$/, type: this.type })];
  },
});

export const OrderedList = Node.create({
  name: 'orderedList',
  group: 'list',
  content: 'listItem+',
  addAttributes() {
    return {
      start: {
        default: 1,
        parseHTML: (element) => {
          const start = Number.parseInt(element.getAttribute('start') ?? '', 10);
          return Number.isInteger(start) && start >= 0 ? start : 1;
        },
        renderHTML: (attrs) => (attrs.start === 1 ? {} : { start: String(attrs.start) }),
      },
    };
  },
  parseHTML: () => [{ tag: 'ol' }],
  renderHTML: ({ HTMLAttributes }) => ['ol', HTMLAttributes, 0],
  addKeyboardShortcuts() {
    return { 'Mod-Shift-7': () => this.editor.commands.toggleList(this.name, 'listItem') };
  },
  addInputRules() {
    return [
      wrappingInputRule({
        find: /^(\d+)\.\s$/,
        type: this.type,
        getAttributes: (match) => ({ start: Number(match[1]) }),
        joinPredicate: (match, node) =>
          node.childCount + (node.attrs.start as number) === Number(match[1]),
      }),
    ];
  },
});
