// What the toolbar offers, in groups. Names are the buttons' accessible names, which the story
// editor's browser tests use; keep them stable.
import type { Editor, JSONContent } from '@tiptap/core';
import { insertBlock } from './insert-block.js';
import type { ToolbarButton, ToolbarGroup } from './Toolbar.js';
import type { ToolbarState } from './use-toolbar-state.js';

export type PanelName = 'link' | 'embed' | 'related';

export interface ToolbarContext {
  editor: Editor;
  state: ToolbarState;
  panel: PanelName | null;
  panelId: string;
  togglePanel: (name: PanelName) => void;
  chooseImage: () => void;
  allowRawHtml: boolean;
}

export function toolbarGroups(context: ToolbarContext): ToolbarGroup[] {
  const { editor, state, panel, panelId, togglePanel, chooseImage, allowRawHtml } = context;
  const run = () => editor.chain().focus();
  const insert = (block: JSONContent) => () => insertBlock(editor, block, { focusField: true });
  const panelButton = (
    name: PanelName,
  ): Pick<ToolbarButton, 'isExpanded' | 'controls' | 'onClick'> => ({
    isExpanded: panel === name,
    controls: panelId,
    onClick: () => togglePanel(name),
  });

  const text: ToolbarButton[] = [
    {
      name: 'Bold',
      glyph: 'B',
      shortcut: 'Mod-b',
      isPressed: state.bold,
      className: 'is-bold',
      onClick: () => run().toggleBold().run(),
    },
    {
      name: 'Italic',
      glyph: 'I',
      shortcut: 'Mod-i',
      isPressed: state.italic,
      className: 'is-italic',
      onClick: () => run().toggleItalic().run(),
    },
    {
      name: 'Strikethrough',
      glyph: 'S',
      shortcut: 'Mod-Shift-x',
      isPressed: state.strike,
      className: 'is-strike',
      onClick: () => run().toggleStrike().run(),
    },
    {
      name: 'Code',
      glyph: '</>',
      shortcut: 'Mod-e',
      isPressed: state.code,
      className: 'is-code',
      onClick: () => run().toggleCode().run(),
    },
    {
      name: 'Superscript',
      glyph: 'x²',
      shortcut: 'Mod-.',
      isPressed: state.superscript,
      onClick: () => run().toggleSuperscript().run(),
    },
    {
      name: 'Subscript',
      glyph: 'x₂',
      shortcut: 'Mod-,',
      isPressed: state.subscript,
      onClick: () => run().toggleSubscript().run(),
    },
    { name: 'Link', shortcut: 'Mod-k', isPressed: state.link, onClick: () => togglePanel('link') },
  ];

  const blocks: ToolbarButton[] = [
    {
      name: 'Heading',
      shortcut: 'Mod-Alt-2',
      isPressed: state.heading2,
      onClick: () => run().toggleHeading({ level: 2 }).run(),
    },
    {
      name: 'Subheading',
      shortcut: 'Mod-Alt-3',
      isPressed: state.heading3,
      onClick: () => run().toggleHeading({ level: 3 }).run(),
    },
    {
      name: 'Minor heading',
      shortcut: 'Mod-Alt-4',
      isPressed: state.heading4,
      onClick: () => run().toggleHeading({ level: 4 }).run(),
    },
    {
      name: 'Bulleted list',
      shortcut: 'Mod-Shift-8',
      isPressed: state.bulletList,
      onClick: () => run().toggleList('bulletList', 'listItem').run(),
    },
    {
      name: 'Numbered list',
      shortcut: 'Mod-Shift-7',
      isPressed: state.orderedList,
      onClick: () => run().toggleList('orderedList', 'listItem').run(),
    },
    {
      name: 'Quote',
      shortcut: 'Mod-Shift-b',
      isPressed: state.blockquote,
      onClick: () => run().toggleWrap('blockquote').run(),
    },
  ];

  const inserts: ToolbarButton[] = [
    { name: 'Insert image', text: 'Image', onClick: chooseImage },
    { name: 'Gallery', onClick: insert({ type: 'gallery', attrs: { images: [] } }) },
    { name: 'Pull quote', onClick: insert({ type: 'pullQuote', attrs: { text: '' } }) },
    { name: 'Embed', ...panelButton('embed') },
    { name: 'Related story', ...panelButton('related') },
    { name: 'Fact box', onClick: insert({ type: 'factBox', content: [{ type: 'paragraph' }] }) },
    { name: 'Divider', onClick: () => insertBlock(editor, { type: 'horizontalRule' }) },
    ...(allowRawHtml
      ? [{ name: 'Raw HTML', onClick: insert({ type: 'rawHtml', attrs: { html: '' } }) }]
      : []),
  ];

  const history: ToolbarButton[] = [
    {
      name: 'Undo',
      shortcut: 'Mod-z',
      isDisabled: !state.canUndo,
      onClick: () => run().undo().run(),
    },
    {
      name: 'Redo',
      shortcut: 'Mod-Shift-z',
      isDisabled: !state.canRedo,
      onClick: () => run().redo().run(),
    },
  ];

  return [
    { label: 'Text style', buttons: text },
    { label: 'Paragraph style', buttons: blocks },
    { label: 'Insert', buttons: inserts },
    { label: 'History', buttons: history },
  ];
}
