// Inserting a block where the writer is: after the block holding the cursor, in the nearest
// container that accepts it (a figure typed in a list item goes after the list), replacing the
// cursor's paragraph when it is empty. Knowing the exact position lets us focus the new block.
import type { Editor, JSONContent } from '@tiptap/core';
import { NodeSelection, type EditorState } from '@tiptap/pm/state';

export interface InsertRange {
  from: number;
  to: number;
}

export function insertionRange(state: EditorState, typeName: string): InsertRange | undefined {
  const type = state.schema.nodes[typeName];
  if (!type) return undefined;
  const { selection } = state;
  // After a selected block (figure, embed …) rather than inside or instead of it.
  const $pos =
    selection instanceof NodeSelection ? state.doc.resolve(selection.to) : selection.$from;
  for (let depth = $pos.depth; depth >= 0; depth -= 1) {
    const parent = $pos.node(depth);
    if (depth === $pos.depth) {
      const index = $pos.index(depth);
      if (!parent.isTextblock && parent.canReplaceWith(index, index, type))
        return { from: $pos.pos, to: $pos.pos };
      continue;
    }
    const index = $pos.index(depth);
    const child = $pos.node(depth + 1);
    const isEmptyParagraph = child.type.name === 'paragraph' && child.content.size === 0;
    if (isEmptyParagraph && parent.canReplaceWith(index, index + 1, type))
      return { from: $pos.before(depth + 1), to: $pos.after(depth + 1) };
    if (parent.canReplaceWith(index + 1, index + 1, type)) {
      const after = $pos.after(depth + 1);
      return { from: after, to: after };
    }
  }
  return undefined;
}

/**
 * Inserts `block` and, when asked, moves focus to the first field of its node view (alt text,
 * quote text …) so keyboard users land where the next thing to type is. Returns success.
 */
export function insertBlock(
  editor: Editor,
  block: JSONContent,
  options: { focusField?: boolean } = {},
): boolean {
  const range = block.type ? insertionRange(editor.state, block.type) : undefined;
  if (!range) return false;
  // TipTap's focus() refocuses the text a frame later, which would pull focus off the field.
  const chain = options.focusField ? editor.chain() : editor.chain().focus();
  const isDone = chain.insertContentAt(range, block).run();
  if (isDone && options.focusField) focusBlockField(editor, range.from);
  return isDone;
}

/** Node views usually render within the transaction; otherwise wait (up to ~half a second on a slow machine) for them. */
function focusBlockField(editor: Editor, pos: number, attempts = 30): void {
  if (editor.isDestroyed) return;
  const dom = editor.view.nodeDOM(pos);
  const field =
    dom instanceof HTMLElement
      ? (dom.querySelector<HTMLElement>('[data-autofocus]') ??
        dom.querySelector<HTMLElement>('input:not([type="file"]), textarea'))
      : null;
  if (field) field.focus();
  else if (attempts > 0) requestAnimationFrame(() => focusBlockField(editor, pos, attempts - 1));
  else editor.commands.focus();
}
